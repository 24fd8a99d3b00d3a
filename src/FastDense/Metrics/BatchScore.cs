using System.Numerics;

namespace FastDense.Metrics;

/// <summary>
/// The loss and metric sums of a batch, as <see cref="LossValues.Sum"/> and <see cref="MetricValues.Sum"/> define
/// them, in as few passes as the loss allows: for categorical cross-entropy with several outputs (the common
/// classifier), one pass per row finds the row sum, both arg-maxes and the target entries. Every training step pays
/// for this (Keras reports the loss and accuracy of every batch), so it is kept lean.
/// </summary>
internal static class BatchScore
{
    public static (double Loss, double Metric) Sum<T>(Loss loss, ReadOnlySpan<T> p, ReadOnlySpan<T> y, int rows, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (loss != Loss.CategoricalCrossentropy || columns < 2)
        {
            return (LossValues.Sum(loss, p, y, rows, columns), MetricValues.Sum(loss, p, y, rows, columns));
        }

        double lossSum = 0, correct = 0;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> pr = p.Slice(r * columns, columns), yr = y.Slice(r * columns, columns);
            double sum = 0; // in double, as LossValues sums it: the two must agree to the last bit
            int bestP = 0, bestY = 0;
            for (int c = 0; c < columns; c++)
            {
                sum += double.CreateTruncating(pr[c]);
                if (pr[c] > pr[bestP]) bestP = c;
                if (yr[c] > yr[bestY]) bestY = c;
            }
            if (bestP == bestY) correct++;
            // -Σ y·log(clip(p / Σp)), over the row's non-zero targets only (one, for one-hot rows).
            for (int c = 0; c < columns; c++)
            {
                if (yr[c] == T.Zero) continue;
                double q = Math.Clamp(double.CreateTruncating(pr[c]) / sum, LossValues.Epsilon, 1 - LossValues.Epsilon);
                lossSum -= double.CreateTruncating(yr[c]) * Math.Log(q);
            }
        }
        return (lossSum, correct);
    }
}
