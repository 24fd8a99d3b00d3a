using System.Numerics;

namespace FastDense.Metrics;

/// <summary>
/// True/false positives and negatives at one threshold, as Keras's <c>update_confusion_matrix_variables</c>
/// (keras/src/metrics/metrics_utils.py) counts them: a target is positive when it is not 0, a prediction when it is
/// above the threshold; every output of every row counts, or only column <c>classId</c> when one is given. Each output
/// adds its row's sample weight (the weight broadcast over the row's outputs, Keras's <c>weights_tiled</c>), or 1
/// without weights; sums of whole numbers stay exact in double (below 2^53).
/// </summary>
internal struct ConfusionCounts
{
    public double TruePositives, FalsePositives, TrueNegatives, FalseNegatives;

    /// <summary>Adds (rows, outputs) targets and predictions; <paramref name="sampleWeight"/> is (rows), or empty for weights of 1.</summary>
    public void Add<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs, double threshold, int? classId, ReadOnlySpan<T> sampleWeight = default)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T limit = T.CreateTruncating(threshold);
        int first = classId ?? 0, last = classId ?? outputs - 1;
        bool weighted = !sampleWeight.IsEmpty;
        for (int r = 0; r < rows; r++)
        {
            double w = weighted ? double.CreateTruncating(sampleWeight[r]) : 1;
            for (int c = first; c <= last; c++)
            {
                int i = r * outputs + c;
                bool actual = yTrue[i] != T.Zero, predicted = yPred[i] > limit;
                if (actual) { if (predicted) TruePositives += w; else FalseNegatives += w; }
                else if (predicted) FalsePositives += w;
                else TrueNegatives += w;
            }
        }
    }

    /// <summary>Keras's <c>divide_no_nan</c>: 0 when the denominator is 0.</summary>
    public static double Ratio(double numerator, double denominator) => denominator == 0 ? 0 : numerator / denominator;
}
