using System.Numerics;
using FastDense.Metrics;

namespace FastDense;

/// <summary>
/// Keras's <c>Recall</c> (keras/src/metrics/confusion_metrics.py): of the outputs whose target is positive, the fraction predicted positive (above the threshold), <c>tp / (tp + fn)</c> over every batch since the
/// last reset; 0 while the denominator is 0. A target counts as positive when it is not 0. Every output of every row
/// counts, or only column <see cref="ClassId"/>.
/// </summary>
public sealed class Recall : Metric
{
    private ConfusionCounts _counts;

    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Up;

    /// <summary>Creates the metric.</summary>
    /// <param name="threshold">The probability above which an output counts as positive (Keras's default 0.5).</param>
    /// <param name="classId">The one output column to count, or null for every output (Keras's <c>class_id</c>).</param>
    /// <param name="name">Its key (Keras's default: <c>recall</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is outside [0, 1] or <paramref name="classId"/> is negative.</exception>
    public Recall(double threshold = 0.5, int? classId = null, string name = "recall") : base(name)
    {
        if (!(threshold >= 0 && threshold <= 1)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold must be in [0, 1].");
        if (classId < 0) throw new ArgumentOutOfRangeException(nameof(classId), classId, "classId must not be negative.");
        Threshold = threshold;
        ClassId = classId;
    }

    /// <summary>The probability above which an output counts as positive.</summary>
    public double Threshold { get; }

    /// <summary>The one output column counted, or null for every output.</summary>
    public int? ClassId { get; }

    /// <inheritdoc />
    public override string? Misfit(Loss loss, int outputs)
        => ClassId >= outputs ? $"classId {ClassId} is not a column of a model with {outputs} outputs" : null;

    /// <inheritdoc />
    public override void Reset() => _counts = default;

    /// <inheritdoc />
    protected override void UpdateCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
    {
        if (ClassId >= outputs) throw new ArgumentException($"classId {ClassId} is not a column of rows of {outputs} outputs.", nameof(outputs));
        _counts.Add(yTrue, yPred, rows, outputs, Threshold, ClassId);
    }

    /// <summary>True: an output adds its row's weight to the counts (keras/src/metrics/metrics_utils.py).</summary>
    public override bool SupportsSampleWeight => true;

    /// <inheritdoc />
    protected override void UpdateWeightedCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs, ReadOnlySpan<T> sampleWeight)
    {
        if (ClassId >= outputs) throw new ArgumentException($"classId {ClassId} is not a column of rows of {outputs} outputs.", nameof(outputs));
        _counts.Add(yTrue, yPred, rows, outputs, Threshold, ClassId, sampleWeight);
    }

    /// <inheritdoc />
    public override double Result() => ConfusionCounts.Ratio(_counts.TruePositives, _counts.TruePositives + _counts.FalseNegatives);
}
