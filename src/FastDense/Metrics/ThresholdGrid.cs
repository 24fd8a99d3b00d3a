using System.Numerics;

namespace FastDense.Metrics;

/// <summary>
/// The thresholds of Keras's threshold-counting metrics (<c>AUC</c> and the sensitivity/specificity family of
/// keras/src/metrics/confusion_metrics.py) and which of them a prediction is above, as
/// <c>update_confusion_matrix_variables</c> (keras/src/metrics/metrics_utils.py) decides it: a prediction's bucket is
/// the last threshold it is above, so it counts as predicted positive at thresholds 0 through its bucket (−1: at none).
/// </summary>
/// <remarks>
/// Evenly spaced thresholds are bucketed as Keras's <c>_update_confusion_matrix_variables_optimized</c> does, in O(1):
/// the prediction clipped to [0, 1], its bucket <c>ceil(p · (n − 1)) − 1</c> computed in the element type (Keras computes
/// it in float32); when the grid's ends carry ε (AUC's −ε and 1 + ε, Keras's <c>thresholds_with_epsilon</c>) a bucket
/// of −1 becomes 0 (a prediction of 0 is above −ε), otherwise it stays −1 and the prediction counts nowhere, as
/// TensorFlow's <c>unsorted_segment_sum</c> drops a negative segment. Other thresholds are found by a binary search,
/// compared in the element type with the prediction unclipped (<c>p &gt; t</c>). NaN is above no threshold.
/// </remarks>
internal sealed class ThresholdGrid
{
    private readonly double[] _values;
    private readonly bool _evenlySpaced, _withEpsilon;

    /// <summary>A grid of <paramref name="values"/> (sorted), bucketed in O(1) when <paramref name="evenlySpaced"/>.</summary>
    public ThresholdGrid(double[] values, bool evenlySpaced)
    {
        _values = values;
        _evenlySpaced = evenlySpaced;
        _withEpsilon = values[0] < 0 || values[^1] > 1;
        Values = Array.AsReadOnly(values);
    }

    /// <summary>The thresholds in increasing order.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>How many thresholds there are.</summary>
    public int Count => _values.Length;

    /// <summary>The last threshold <paramref name="p"/> is above, or −1.</summary>
    public int Bucket<T>(T p)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => _evenlySpaced ? EvenBucket(p) : SearchedBucket(p);

    /// <summary>Keras's bucket for evenly spaced thresholds: <c>ceil(clip(p, 0, 1) · (n − 1)) − 1</c> in T, relu'd with ε ends.</summary>
    private int EvenBucket<T>(T p)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (T.IsNaN(p)) return -1;
        if (p < T.Zero) p = T.Zero;
        else if (p > T.One) p = T.One;
        int bucket = int.CreateTruncating(T.Ceiling(p * T.CreateTruncating(_values.Length - 1))) - 1;
        return bucket < 0 && _withEpsilon ? 0 : bucket;
    }

    /// <summary>The last threshold (compared in T) that <paramref name="p"/> is above, or -1 (NaN is above none).</summary>
    private int SearchedBucket<T>(T p)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int low = 0, high = _values.Length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (T.CreateTruncating(_values[middle]) < p) low = middle + 1;
            else high = middle;
        }
        return low - 1;
    }

    /// <summary>
    /// Keras's <c>is_evenly_distributed_thresholds</c> (keras/src/metrics/metrics_utils.py): at least 3 values, each
    /// within numpy's <c>allclose</c> (atol ε, rtol 1e-5) of the float32 grid <c>i / (n − 1)</c>.
    /// </summary>
    public static bool IsEvenlyDistributed(double[] thresholds)
    {
        int n = thresholds.Length;
        if (n < 3) return false;
        for (int i = 0; i < n; i++)
        {
            double even = (float)i / (float)(n - 1);
            if (!(Math.Abs(thresholds[i] - even) <= MetricMath.Epsilon + 1e-5 * Math.Abs(even))) return false;
        }
        return true;
    }
}
