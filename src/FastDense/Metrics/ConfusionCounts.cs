using System.Numerics;

namespace FastDense.Metrics;

/// <summary>
/// True/false positives and negatives at one threshold, as Keras's <c>update_confusion_matrix_variables</c>
/// (keras/src/metrics/metrics_utils.py) counts them: a target is positive when it is not 0, a prediction when it is
/// above the threshold; every output of every row counts, or only column <c>classId</c> when one is given.
/// </summary>
internal struct ConfusionCounts
{
    public long TruePositives, FalsePositives, TrueNegatives, FalseNegatives;

    public void Add<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs, double threshold, int? classId)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T limit = T.CreateTruncating(threshold);
        int first = classId ?? 0, last = classId ?? outputs - 1;
        for (int r = 0; r < rows; r++)
        {
            for (int c = first; c <= last; c++)
            {
                int i = r * outputs + c;
                bool actual = yTrue[i] != T.Zero, predicted = yPred[i] > limit;
                if (actual) { if (predicted) TruePositives++; else FalseNegatives++; }
                else if (predicted) FalsePositives++;
                else TrueNegatives++;
            }
        }
    }

    /// <summary>Keras's <c>divide_no_nan</c>: 0 when the denominator is 0.</summary>
    public static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
