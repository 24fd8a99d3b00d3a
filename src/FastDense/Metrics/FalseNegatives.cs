using FastDense.Metrics;

namespace FastDense;

/// <summary>
/// Keras's <c>FalseNegatives</c> (keras/src/metrics/confusion_metrics.py): the number of outputs whose target is positive and whose prediction is not above the threshold since the last reset, as Keras's
/// <c>update_confusion_matrix_variables</c> (keras/src/metrics/metrics_utils.py) counts them at one threshold: a target
/// is positive when it is not 0, a prediction when it is above the threshold (compared in the element type), and every
/// output of every row counts. Keras's example: targets [0, 1, 1, 1] and predictions [0, 1, 0, 0] give 2.
/// </summary>
public sealed class FalseNegatives : Metric
{
    private ConfusionCounts _counts;

    /// <summary>Creates the metric.</summary>
    /// <param name="threshold">
    /// The probability above which an output counts as predicted positive (Keras's <c>thresholds</c>, default 0.5; one
    /// value, so the result is one number).
    /// </param>
    /// <param name="name">Its key (Keras's default: <c>false_negatives</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is outside [0, 1].</exception>
    public FalseNegatives(double threshold = 0.5, string name = "false_negatives") : base(name)
    {
        if (!(threshold >= 0 && threshold <= 1)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold must be in [0, 1].");
        Threshold = threshold;
    }

    /// <summary>The probability above which an output counts as predicted positive.</summary>
    public double Threshold { get; }

    /// <inheritdoc />
    public override void Reset() => _counts = default;

    /// <inheritdoc />
    protected override void UpdateCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
        => _counts.Add(yTrue, yPred, rows, outputs, Threshold, classId: null);

    /// <summary>True: an output adds its row's weight instead of 1 (keras/src/metrics/metrics_utils.py).</summary>
    public override bool SupportsSampleWeight => true;

    /// <inheritdoc />
    protected override void UpdateWeightedCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs, ReadOnlySpan<T> sampleWeight)
        => _counts.Add(yTrue, yPred, rows, outputs, Threshold, classId: null, sampleWeight);

    /// <summary>The count so far, as a double (Keras's float accumulator); weighted, the sum of the counted outputs' row weights.</summary>
    public override double Result() => _counts.FalseNegatives;
}
