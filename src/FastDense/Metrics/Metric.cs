using System.Numerics;
using FastDense.Metrics;

namespace FastDense;

/// <summary>
/// A metric as Keras's <c>keras.metrics.Metric</c>: state accumulated over batches by <see cref="Update{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, int, int)"/>, read
/// by <see cref="Result"/>, cleared by <see cref="Reset"/>; weighted per row by <see cref="Update{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, int, int, ReadOnlySpan{T})"/>. <c>Fit</c> resets its metrics at each epoch's start and
/// again before validation, so the values after a batch are the epoch's so far, as Keras's progress bar shows them.
/// Give them in <see cref="FitOptions.Metrics"/>, to <c>Evaluate</c>, or by Keras name in <c>[Model(Metrics = …)]</c>;
/// weighted by the rows' sample weights in <see cref="FitOptions.WeightedMetrics"/> (Keras's <c>weighted_metrics</c>).
/// </summary>
public abstract class Metric
{
    /// <summary>Creates a metric reported under <paramref name="name"/>.</summary>
    /// <param name="name">The key of its values in the logs and the history (validation adds <c>val_</c>).</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, <c>loss</c>, or starts with <c>val_</c>.</exception>
    protected Metric(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name == "loss" || name.StartsWith("val_", StringComparison.Ordinal))
        {
            throw new ArgumentException($"A metric cannot be named '{name}': 'loss' and names starting with 'val_' are the history's own keys.", nameof(name));
        }
        Name = name;
    }

    /// <summary>The key of its values in the logs and the history.</summary>
    public string Name { get; }

    /// <summary>Clears the accumulated state.</summary>
    public abstract void Reset();

    /// <summary>
    /// Accumulates one batch: <paramref name="yTrue"/> and <paramref name="yPred"/> are (rows, outputs), the targets and
    /// the model's outputs (probabilities after a softmax or sigmoid). Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A span holds fewer than rows · outputs values.</exception>
    public void Update<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        long count = (long)rows * outputs;
        if (yTrue.Length < count) throw new ArgumentException($"yTrue has {yTrue.Length} values; {rows} rows of {outputs} need {count}.", nameof(yTrue));
        if (yPred.Length < count) throw new ArgumentException($"yPred has {yPred.Length} values; {rows} rows of {outputs} need {count}.", nameof(yPred));
        UpdateCore(yTrue.Slice(0, (int)count), yPred.Slice(0, (int)count), rows, outputs);
    }

    /// <summary>
    /// Accumulates one batch of class-index targets, as Keras's sparse metrics take them: <paramref name="labels"/> is
    /// (rows), each an integer in [0, outputs); <paramref name="yPred"/> is (rows, outputs). Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A span holds fewer values than the rows need.</exception>
    /// <exception cref="NotSupportedException">The metric reads targets shaped like the outputs (<see cref="ReadsClassIndices"/> is false).</exception>
    public void UpdateSparse<T>(ReadOnlySpan<T> labels, ReadOnlySpan<T> yPred, int rows, int outputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        if (!ReadsClassIndices)
        {
            throw new NotSupportedException($"The metric '{Name}' reads targets shaped like the outputs, not class indices.");
        }
        long count = (long)rows * outputs;
        if (labels.Length < rows) throw new ArgumentException($"labels has {labels.Length} values; {rows} rows need {rows}.", nameof(labels));
        if (yPred.Length < count) throw new ArgumentException($"yPred has {yPred.Length} values; {rows} rows of {outputs} need {count}.", nameof(yPred));
        UpdateSparseCore(labels.Slice(0, rows), yPred.Slice(0, (int)count), rows, outputs);
    }

    /// <summary>
    /// Accumulates one batch weighted per row, as Keras's <c>update_state(y_true, y_pred, sample_weight)</c>:
    /// <paramref name="yTrue"/> and <paramref name="yPred"/> are (rows, outputs), <paramref name="sampleWeight"/> is
    /// (rows). Each metric weighs a row as its Keras class does (a mean metric: <c>total += Σ w·value</c>,
    /// <c>count += Σ w</c>; a confusion count: each output of the row adds w instead of 1). An empty
    /// <paramref name="sampleWeight"/> is <see cref="Update{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, int, int)"/>, every
    /// row weighing 1. The weights are used as given, unchecked, as Keras's metrics use them (<c>Fit</c> and
    /// <c>Evaluate</c> check theirs). Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A span holds fewer values than the rows need.</exception>
    /// <exception cref="NotSupportedException">The metric does not weigh rows (<see cref="SupportsSampleWeight"/> is false) and weights were given.</exception>
    public void Update<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs, ReadOnlySpan<T> sampleWeight)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (sampleWeight.IsEmpty)
        {
            Update(yTrue, yPred, rows, outputs);
            return;
        }
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        long count = (long)rows * outputs;
        if (yTrue.Length < count) throw new ArgumentException($"yTrue has {yTrue.Length} values; {rows} rows of {outputs} need {count}.", nameof(yTrue));
        if (yPred.Length < count) throw new ArgumentException($"yPred has {yPred.Length} values; {rows} rows of {outputs} need {count}.", nameof(yPred));
        CheckWeights(sampleWeight.Length, rows);
        UpdateWeightedCore(yTrue.Slice(0, (int)count), yPred.Slice(0, (int)count), rows, outputs, sampleWeight.Slice(0, rows));
    }

    /// <summary>
    /// <see cref="UpdateSparse{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, int, int)"/> weighted per row: <paramref name="labels"/>
    /// and <paramref name="sampleWeight"/> are (rows), <paramref name="yPred"/> is (rows, outputs); see
    /// <see cref="Update{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, int, int, ReadOnlySpan{T})"/>. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A span holds fewer values than the rows need.</exception>
    /// <exception cref="NotSupportedException">
    /// The metric reads targets shaped like the outputs (<see cref="ReadsClassIndices"/> is false), or does not weigh
    /// rows (<see cref="SupportsSampleWeight"/> is false) and weights were given.
    /// </exception>
    public void UpdateSparse<T>(ReadOnlySpan<T> labels, ReadOnlySpan<T> yPred, int rows, int outputs, ReadOnlySpan<T> sampleWeight)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (sampleWeight.IsEmpty)
        {
            UpdateSparse(labels, yPred, rows, outputs);
            return;
        }
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        if (!ReadsClassIndices)
        {
            throw new NotSupportedException($"The metric '{Name}' reads targets shaped like the outputs, not class indices.");
        }
        long count = (long)rows * outputs;
        if (labels.Length < rows) throw new ArgumentException($"labels has {labels.Length} values; {rows} rows need {rows}.", nameof(labels));
        if (yPred.Length < count) throw new ArgumentException($"yPred has {yPred.Length} values; {rows} rows of {outputs} need {count}.", nameof(yPred));
        CheckWeights(sampleWeight.Length, rows);
        UpdateSparseWeightedCore(labels.Slice(0, rows), yPred.Slice(0, (int)count), rows, outputs, sampleWeight.Slice(0, rows));
    }

    private void CheckWeights(int weights, int rows)
    {
        if (weights < rows) throw new ArgumentException($"sampleWeight has {weights} values; {rows} rows need {rows} (or none, for weights of 1).", "sampleWeight");
        if (!SupportsSampleWeight)
        {
            throw new NotSupportedException($"The metric '{Name}' does not weigh rows (its SupportsSampleWeight is false).");
        }
    }

    /// <summary>
    /// Whether the metric weighs rows (<see cref="Update{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, int, int, ReadOnlySpan{T})"/>),
    /// which a weighted metric (<see cref="FitOptions.WeightedMetrics"/>) must. Every FastDense metric does; a metric
    /// derived from <see cref="Metric"/> does when it overrides this and <see cref="UpdateWeightedCore{T}"/> (and
    /// <see cref="UpdateSparseWeightedCore{T}"/> if it reads class indices); one derived from <see cref="MeanMetric"/>
    /// always does. False unless overridden.
    /// </summary>
    public virtual bool SupportsSampleWeight => false;

    /// <summary>
    /// Accumulates one batch whose spans hold exactly rows · outputs values each, row r weighing
    /// <paramref name="sampleWeight"/>[r] ((rows) values); only for a metric whose <see cref="SupportsSampleWeight"/> is true.
    /// </summary>
    protected virtual void UpdateWeightedCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs, ReadOnlySpan<T> sampleWeight)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => throw new NotSupportedException($"The metric '{Name}' does not weigh rows.");

    /// <summary>
    /// Accumulates one batch of class indices (rows) against outputs (rows, outputs), row r weighing
    /// <paramref name="sampleWeight"/>[r]; only for a metric that reads class indices and weighs rows.
    /// </summary>
    protected virtual void UpdateSparseWeightedCore<T>(ReadOnlySpan<T> labels, ReadOnlySpan<T> yPred, int rows, int outputs, ReadOnlySpan<T> sampleWeight)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => throw new NotSupportedException($"The metric '{Name}' does not weigh rows of class indices.");

    /// <summary>Whether the metric accepts class-index targets (<see cref="UpdateSparse{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, int, int)"/>): Keras's sparse metrics, and <c>accuracy</c>.</summary>
    public virtual bool ReadsClassIndices => false;

    /// <summary>Accumulates one batch of class indices (rows) against outputs (rows, outputs); only for a metric whose <see cref="ReadsClassIndices"/> is true.</summary>
    protected virtual void UpdateSparseCore<T>(ReadOnlySpan<T> labels, ReadOnlySpan<T> yPred, int rows, int outputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => throw new NotSupportedException($"The metric '{Name}' reads targets shaped like the outputs, not class indices.");

    /// <summary>The runtime's call: <see cref="Update{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, int, int)"/>, or <see cref="UpdateSparse{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, int, int)"/> when each row has one target for several outputs.</summary>
    internal void UpdateTargets<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs, int targetWidth)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (targetWidth == outputs) Update(yTrue, yPred, rows, outputs);
        else UpdateSparse(yTrue, yPred, rows, outputs);
    }

    /// <summary><see cref="UpdateTargets{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, int, int, int)"/> weighted per row (empty: weights of 1).</summary>
    internal void UpdateTargets<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs, int targetWidth, ReadOnlySpan<T> sampleWeight)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (targetWidth == outputs) Update(yTrue, yPred, rows, outputs, sampleWeight);
        else UpdateSparse(yTrue, yPred, rows, outputs, sampleWeight);
    }

    /// <summary>Accumulates one batch whose spans hold exactly rows · outputs values each.</summary>
    protected abstract void UpdateCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>The metric over everything accumulated since the last <see cref="Reset"/>.</summary>
    public abstract double Result();

    /// <summary>
    /// Which way the metric improves (Keras's <c>_direction</c>), or null when it has none: Keras's error and accuracy
    /// metrics have one; the confusion counts (<c>true_positives</c>, …) do not. <see cref="MonitorMode.Auto"/> of the
    /// monitoring callbacks reads it; a monitored metric without one needs <see cref="MonitorMode.Min"/> or
    /// <see cref="MonitorMode.Max"/>. Null unless overridden.
    /// </summary>
    public virtual MetricDirection? Direction => null;

    /// <summary>
    /// Why this metric means nothing for a model trained on <paramref name="loss"/> with <paramref name="outputs"/>
    /// outputs (a categorical accuracy of one output is always 1), or null. <c>Fit</c> and <c>Evaluate</c> refuse such a metric.
    /// </summary>
    public virtual string? Misfit(Loss loss, int outputs) => null;

    /// <summary>
    /// <see cref="Misfit"/>, after the check every metric shares: a model whose targets are class indices (sparse
    /// categorical cross-entropy) takes only a metric that reads them.
    /// </summary>
    internal string? MisfitFor(Loss loss, int outputs)
        => Losses.LossTargets.Width(loss, outputs) != outputs && !ReadsClassIndices ? MetricNames.ShapedTargetsMisfit : Misfit(loss, outputs);

    /// <summary>The metric's Keras class or function: <c>Metric.FromName("auc")</c> is <c>new Auc()</c>.</summary>
    /// <param name="name">
    /// One of Keras's metric identifiers: <c>accuracy</c> (<c>acc</c>), <c>binary_accuracy</c>, <c>categorical_accuracy</c>,
    /// <c>mae</c>/<c>mean_absolute_error</c>, <c>mse</c>/<c>mean_squared_error</c>, <c>root_mean_squared_error</c>,
    /// <c>precision</c>, <c>recall</c>, <c>auc</c>, <c>true_positives</c>, <c>false_positives</c>, <c>true_negatives</c>,
    /// <c>false_negatives</c>, <c>f1_score</c>, <c>f_beta_score</c>, <c>top_k_categorical_accuracy</c>,
    /// <c>mape</c>/<c>mean_absolute_percentage_error</c>, <c>msle</c>/<c>mean_squared_logarithmic_error</c>,
    /// <c>log_cosh_error</c>, <c>cosine_similarity</c>, <c>r2_score</c>, <c>sparse_categorical_accuracy</c>,
    /// <c>sparse_top_k_categorical_accuracy</c>, <c>binary_crossentropy</c>/<c>bce</c>, <c>categorical_crossentropy</c>,
    /// <c>sparse_categorical_crossentropy</c>, <c>kl_divergence</c>, <c>poisson</c>, <c>hinge</c>, <c>squared_hinge</c>,
    /// <c>categorical_hinge</c>, <c>binary_io_u</c>. The metric is reported under the name
    /// as written, with Keras's default arguments.
    /// </param>
    /// <exception cref="ArgumentException">
    /// The name is not one of those, or it is Keras's name of a metric whose constructor needs arguments
    /// (<c>precision_at_recall</c>, …), which a name cannot give: the message says what to create instead.
    /// </exception>
    public static Metric FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (MetricNames.NeedsArguments(name) is string needs) throw new ArgumentException($"The metric '{name}' {needs}.", nameof(name));
        return MetricNames.Create(name) ?? throw new ArgumentException(
            $"'{name}' is not a metric FastDense knows; known names: {string.Join(", ", MetricNames.Known)}.", nameof(name));
    }

    /// <summary>The name and the current result: <c>accuracy: 0.9561</c>.</summary>
    public override string ToString() => $"{Name}: {Result().ToString("F4", System.Globalization.CultureInfo.InvariantCulture)}";
}
