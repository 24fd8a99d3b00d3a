namespace FastDense.Tests.Training.Callbacks;

/// <summary>
/// A fit without a model, to drive a callback through a scripted sequence as Keras's own tests do
/// (<c>stopper.on_epoch_end(epoch, logs={"loss": loss})</c>): the "weights" are a small float array a test sets per
/// epoch, and saves and resumes are recorded, not performed.
/// </summary>
internal sealed class FakeFit(params Metric[] metrics) : IFitControl
{
    public float[] Weights { get; } = new float[3];

    public List<string> Messages { get; } = [];

    public List<(string Path, int? Epoch)> Saves { get; } = [];

    public History History { get; } = new History(["loss"], 0);

    public Optimizer Optimizer { get; set; } = new Sgd(0.1);

    public int ParameterCount => Weights.Length;

    public bool StopTraining { get; set; }

    public Type ElementType { get; set; } = typeof(float);

    public IReadOnlyList<Metric> Metrics => metrics;

    public void CopyParametersTo(Array destination) => Weights.CopyTo((float[])destination, 0);

    public void RestoreParameters(Array source) => ((float[])source).AsSpan(0, Weights.Length).CopyTo(Weights);

    public void WriteMessage(string message) => Messages.Add(message);

    public void SaveWeights(string path) => Saves.Add((path, null));

    public void SaveCheckpoint(string path, int epoch) => Saves.Add((path, epoch));

    /// <summary>Logs holding <paramref name="values"/>, in order.</summary>
    public static Logs LogsOf(params (string Key, double Value)[] values)
    {
        var logs = new Logs(values.Select(v => v.Key).ToArray());
        for (int i = 0; i < values.Length; i++) logs.Set(i, values[i].Value);
        return logs;
    }
}

/// <summary>
/// A metric whose value at epoch k (counting its resets: Fit resets its metrics at each epoch's start) is the k-th of
/// a script, so a real Fit reports a sequence a test chose. Only for a fit without validation (validation resets too).
/// </summary>
internal sealed class ScriptedMetric(string name, MetricDirection? direction, params double[] values) : Metric(name)
{
    private int _resets;

    public override MetricDirection? Direction => direction;

    public override void Reset() => _resets++;

    public override double Result() => values[Math.Min(Math.Max(_resets - 1, 0), values.Length - 1)];

    protected override void UpdateCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
    {
    }
}
