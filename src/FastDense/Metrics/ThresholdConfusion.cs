using System.Numerics;

namespace FastDense.Metrics;

/// <summary>
/// Confusion counts at every threshold of a <see cref="ThresholdGrid"/>, kept as Keras's optimized
/// <c>update_confusion_matrix_variables</c> (keras/src/metrics/metrics_utils.py) keeps them: per bucket, the weight of
/// the positive and of the negative targets whose prediction falls in it, and the totals. The true positives at
/// threshold i are the positive buckets at and above i (Keras's reversed cumulative sum), the false negatives the
/// positives' total less those; likewise the false positives and true negatives. A target is positive when it is not 0.
/// Sums of weights in double: whole numbers (unweighted) stay exact below 2^53, so the counts do not depend on how the
/// rows are split into updates.
/// </summary>
internal sealed class ThresholdConfusion
{
    private readonly double[] _truePositiveBuckets, _falsePositiveBuckets;

    /// <summary>Counts for <paramref name="thresholds"/> thresholds, all 0.</summary>
    public ThresholdConfusion(int thresholds)
    {
        _truePositiveBuckets = new double[thresholds];
        _falsePositiveBuckets = new double[thresholds];
    }

    /// <summary>The weight of the positive targets seen (tp + fn at any threshold).</summary>
    public double Positives { get; private set; }

    /// <summary>The weight of the negative targets seen (fp + tn at any threshold).</summary>
    public double Negatives { get; private set; }

    /// <summary>Per bucket, the weight of the positive targets whose prediction is above exactly thresholds 0 through it.</summary>
    public ReadOnlySpan<double> TruePositiveBuckets => _truePositiveBuckets;

    /// <summary>Per bucket, the weight of the negative targets whose prediction is above exactly thresholds 0 through it.</summary>
    public ReadOnlySpan<double> FalsePositiveBuckets => _falsePositiveBuckets;

    /// <summary>Adds one output: its target's class, its prediction's bucket (−1: above no threshold) and its weight.</summary>
    public void Add(bool positive, int bucket, double weight)
    {
        if (positive)
        {
            Positives += weight;
            if (bucket >= 0) _truePositiveBuckets[bucket] += weight;
        }
        else
        {
            Negatives += weight;
            if (bucket >= 0) _falsePositiveBuckets[bucket] += weight;
        }
    }

    /// <summary>
    /// Adds (rows, outputs) targets and predictions, every output or only column <paramref name="classId"/> (Keras's
    /// <c>class_id</c>), each output of row r weighing <paramref name="sampleWeight"/>[r] ((rows), or empty for 1: Keras's
    /// sample weights broadcast over the row's outputs).
    /// </summary>
    public void AddRows<T>(ThresholdGrid grid, ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs, int? classId, ReadOnlySpan<T> sampleWeight)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int first = classId ?? 0, last = classId ?? outputs - 1;
        for (int r = 0; r < rows; r++)
        {
            double w = sampleWeight.IsEmpty ? 1 : double.CreateTruncating(sampleWeight[r]);
            for (int c = first; c <= last; c++)
            {
                int i = r * outputs + c;
                Add(yTrue[i] != T.Zero, grid.Bucket(yPred[i]), w);
            }
        }
    }

    /// <summary>Clears every count.</summary>
    public void Reset()
    {
        Array.Clear(_truePositiveBuckets);
        Array.Clear(_falsePositiveBuckets);
        Positives = 0;
        Negatives = 0;
    }
}
