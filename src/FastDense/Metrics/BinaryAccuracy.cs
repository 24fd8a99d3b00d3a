using System.Numerics;

namespace FastDense;

/// <summary>
/// Keras's <c>BinaryAccuracy</c> (keras/src/metrics/accuracy_metrics.py, <c>binary_accuracy</c>): an output counts as
/// 1 when it is above <see cref="Threshold"/> and 0 otherwise, and matches when that equals its target; a row's value
/// is the fraction of its outputs that match, and the metric the mean over rows.
/// </summary>
public sealed class BinaryAccuracy : MeanMetric
{
    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Up;

    /// <summary>Creates the metric.</summary>
    /// <param name="threshold">The probability above which an output counts as 1 (Keras's default 0.5).</param>
    /// <param name="name">Its key (Keras's default: <c>binary_accuracy</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is not finite.</exception>
    public BinaryAccuracy(double threshold = 0.5, string name = "binary_accuracy") : base(name)
    {
        if (!double.IsFinite(threshold)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold must be finite.");
        Threshold = threshold;
    }

    /// <summary>The probability above which an output counts as 1.</summary>
    public double Threshold { get; }

    /// <inheritdoc />
    protected override double RowSum<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs) => Matches(yTrue, yPred, rows, outputs, Threshold);

    internal static double Matches<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs, double threshold)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T limit = T.CreateTruncating(threshold);
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            int matches = 0;
            for (int i = r * outputs; i < (r + 1) * outputs; i++)
            {
                T predicted = yPred[i] > limit ? T.One : T.Zero;
                if (predicted == yTrue[i]) matches++;
            }
            total += (double)matches / outputs;
        }
        return total;
    }
}
