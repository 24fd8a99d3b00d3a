using FastDense.Metrics;

namespace FastDense;

/// <summary>
/// Keras's <c>FBetaScore</c> (keras/src/metrics/f_score_metrics.py): the weighted harmonic mean of precision and recall,
/// <c>(1 + β²) · precision · recall / (β² · precision + recall)</c>, per output column (class) or over every output.
/// </summary>
/// <remarks>
/// <para>
/// As Keras computes it: an output counts as predicted (1) when it is above <see cref="Threshold"/>, or, without a
/// threshold, when it equals its row's largest output and is not 0 (|p| &gt; 1e-9; every output tied at the maximum
/// counts). The targets are used as they are, not thresholded, so per class <c>tp += pred · y</c>,
/// <c>fp += pred · (1 − y)</c>, <c>fn += (1 − pred) · y</c> and the support <c>+= y</c> (each times the row's sample
/// weight when weighted, Keras's <c>_weighted_sum</c>), accumulated in double straight
/// into the state, so that any split of the rows into updates gives the same bits. Then
/// <c>precision = tp / (tp + fp + ε)</c>, <c>recall = tp / (tp + fn + ε)</c> and
/// <c>score = (1 + β²) · precision · recall / (β² · precision + recall + ε)</c>, ε = 1e-7.
/// </para>
/// <para>
/// With <see cref="FScoreAverage.None"/> (Keras's default) Keras's result is the vector of per-class scores: that is
/// <see cref="ClassResults"/>, and <see cref="Result"/>, which is one number (the logs and the history hold numbers),
/// is their unweighted mean, the <see cref="FScoreAverage.Macro"/> value.
/// </para>
/// <para>
/// The per-class state is allocated by the first update, from its width (Keras's <c>_build</c>); later updates of the
/// same width allocate nothing. A different width is accepted only when nothing has been accumulated since the last
/// <see cref="Reset"/>.
/// </para>
/// </remarks>
public class FBetaScore : Metric
{
    private double[] _truePositives = [], _falsePositives = [], _falseNegatives = [], _support = [];
    private int _width;
    private bool _empty = true;

    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Up;

    /// <summary>Creates the metric.</summary>
    /// <param name="average">How the per-class scores are averaged (Keras's default: none).</param>
    /// <param name="beta">The weight of recall against precision, β &gt; 0 (Keras's default 1).</param>
    /// <param name="threshold">
    /// The probability above which an output counts as predicted, in (0, 1]; null (Keras's default) predicts each
    /// row's largest outputs.
    /// </param>
    /// <param name="name">Its key (Keras's default: <c>fbeta_score</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="average"/> is not defined, <paramref name="beta"/> is not a positive finite number, or
    /// <paramref name="threshold"/> is outside (0, 1].
    /// </exception>
    public FBetaScore(FScoreAverage average = FScoreAverage.None, double beta = 1.0, double? threshold = null, string name = "fbeta_score") : base(name)
    {
        if (!Enum.IsDefined(average)) throw new ArgumentOutOfRangeException(nameof(average), average, "average must be None, Micro, Macro or Weighted.");
        if (!(beta > 0 && double.IsFinite(beta))) throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must be a finite number > 0.");
        if (threshold is double t && !(t > 0 && t <= 1)) throw new ArgumentOutOfRangeException(nameof(threshold), t, "threshold must verify 0 < threshold <= 1.");
        Average = average;
        Beta = beta;
        Threshold = threshold;
        if (average == FScoreAverage.Micro) Build(1); // one set of counts over every output, whatever the width
    }

    /// <summary>How the per-class scores are averaged.</summary>
    public FScoreAverage Average { get; }

    /// <summary>The weight of recall against precision.</summary>
    public double Beta { get; }

    /// <summary>The probability above which an output counts as predicted, or null to predict each row's largest outputs.</summary>
    public double? Threshold { get; }

    /// <summary>
    /// The score of each output column, in order (Keras's <c>result()</c> with <see cref="FScoreAverage.None"/>); with
    /// <see cref="FScoreAverage.Micro"/>, which keeps no per-class counts, the one micro score. Empty before the first
    /// update. A new array at each read.
    /// </summary>
    public IReadOnlyList<double> ClassResults
    {
        get
        {
            var scores = new double[_truePositives.Length];
            for (int k = 0; k < scores.Length; k++) scores[k] = Score(k);
            return scores;
        }
    }

    /// <inheritdoc />
    public override string? Misfit(Loss loss, int outputs)
        => Threshold is null ? MetricNames.Misfit("f_beta_score", outputs) : null;

    /// <inheritdoc />
    public override void Reset()
    {
        Array.Clear(_truePositives);
        Array.Clear(_falsePositives);
        Array.Clear(_falseNegatives);
        Array.Clear(_support);
        _empty = true;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="outputs"/> differs from the width of the rows accumulated since the last <see cref="Reset"/>.</exception>
    protected override void UpdateCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
        => Accumulate(yTrue, yPred, rows, outputs, default);

    /// <summary>True: each row's terms are multiplied by its weight (keras/src/metrics/f_score_metrics.py, <c>_weighted_sum</c>).</summary>
    public override bool SupportsSampleWeight => true;

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="outputs"/> differs from the width of the rows accumulated since the last <see cref="Reset"/>.</exception>
    protected override void UpdateWeightedCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs, ReadOnlySpan<T> sampleWeight)
        => Accumulate(yTrue, yPred, rows, outputs, sampleWeight);

    /// <summary>Adds (rows, outputs) rows, row r's terms times <paramref name="sampleWeight"/>[r] ((rows), or empty for 1).</summary>
    private void Accumulate<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs, ReadOnlySpan<T> sampleWeight)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        bool micro = Average == FScoreAverage.Micro;
        if (!micro && outputs != _width)
        {
            if (!_empty) throw new ArgumentException($"The metric holds rows of {_width} outputs since its last Reset; rows of {outputs} outputs do not fit.", nameof(outputs));
            Build(outputs);
        }
        int stride = micro ? 0 : 1;
        T limit = T.CreateTruncating(Threshold ?? 0), tiny = T.CreateTruncating(1e-9);
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> predictions = yPred.Slice(r * outputs, outputs), targets = yTrue.Slice(r * outputs, outputs);
            if (Threshold is null)
            {
                limit = predictions[0];
                for (int c = 1; c < outputs; c++)
                {
                    if (predictions[c] > limit) limit = predictions[c];
                }
            }
            double w = sampleWeight.IsEmpty ? 1 : double.CreateTruncating(sampleWeight[r]);
            for (int c = 0; c < outputs; c++)
            {
                T p = predictions[c];
                bool predicted = Threshold is null ? p >= limit && T.Abs(p) > tiny : p > limit;
                double pred = predicted ? 1 : 0, y = double.CreateTruncating(targets[c]);
                int k = c * stride;
                // Keras multiplies each term by the weight (a weight of 1 leaves the bits as they were).
                _truePositives[k] += pred * y * w;
                _falsePositives[k] += pred * (1 - y) * w;
                _falseNegatives[k] += (1 - pred) * y * w;
                _support[k] += y * w;
            }
        }
        if (rows > 0) _empty = false;
    }

    /// <summary>
    /// The score so far: the micro score, the macro mean (also for <see cref="FScoreAverage.None"/>), or the
    /// support-weighted mean (<c>Σ score · support / (Σ support + ε)</c>, Keras's form). 0 before the first update.
    /// </summary>
    public override double Result()
    {
        int classes = _truePositives.Length;
        if (classes == 0) return 0;
        double sum = 0;
        if (Average == FScoreAverage.Weighted)
        {
            double support = 0;
            for (int k = 0; k < classes; k++) support += _support[k];
            for (int k = 0; k < classes; k++) sum += Score(k) * (_support[k] / (support + MetricMath.Epsilon));
            return sum;
        }
        for (int k = 0; k < classes; k++) sum += Score(k);
        return sum / classes;
    }

    private void Build(int slots)
    {
        _width = slots;
        _truePositives = new double[slots];
        _falsePositives = new double[slots];
        _falseNegatives = new double[slots];
        _support = new double[slots];
    }

    /// <summary>The score of one set of counts, Keras's <c>result()</c> before averaging.</summary>
    private double Score(int k)
    {
        double tp = _truePositives[k], b2 = Beta * Beta;
        double precision = tp / (tp + _falsePositives[k] + MetricMath.Epsilon);
        double recall = tp / (tp + _falseNegatives[k] + MetricMath.Epsilon);
        return precision * recall / (b2 * precision + recall + MetricMath.Epsilon) * (1 + b2);
    }
}
