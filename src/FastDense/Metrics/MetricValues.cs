using System.Numerics;
using FastDense.Losses;

namespace FastDense.Metrics;

/// <summary>
/// The metric reported beside the loss, chosen the way Keras resolves <c>metrics=['accuracy']</c>: by the output
/// width. Cross-entropy models report <c>accuracy</c>: binary (<c>p &gt; 0.5</c> against <c>y &gt; 0.5</c>) for one
/// output, categorical (arg-max of p equals arg-max of y) for more; so do the other losses whose targets are classes
/// (hinge, focal, KL divergence). Regression losses (mean squared error, Huber, …) report <c>mae</c> (accuracy means
/// nothing for regression); that default is FastDense's choice, Keras reports no metric unless asked.
/// </summary>
internal static class MetricValues
{
    /// <summary>The History key of the metric for <paramref name="loss"/>.</summary>
    public static string NameFor(Loss loss) => LossFunction.For(loss).DefaultMetric;

    /// <summary>The sum over rows of each row's metric; divide by the row count for the batch mean.</summary>
    public static double Sum<T>(Loss loss, ReadOnlySpan<T> p, ReadOnlySpan<T> y, int rows, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (LossTargets.Width(loss, columns) != columns) return SparseCategoricalAccuracy.Matches(y, p, rows, columns);
        bool meanAbsoluteError = NameFor(loss) == "mae";
        double total = 0;
        T half = T.CreateTruncating(0.5);
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> pr = p.Slice(r * columns, columns), yr = y.Slice(r * columns, columns);
            if (meanAbsoluteError)
            {
                double absolute = 0;
                for (int i = 0; i < columns; i++) absolute += Math.Abs(double.CreateTruncating(pr[i] - yr[i]));
                total += absolute / columns;
            }
            else if (columns == 1)
            {
                total += (pr[0] > half) == (yr[0] > half) ? 1 : 0;
            }
            else
            {
                total += CategoricalAccuracy.ArgMax(pr) == CategoricalAccuracy.ArgMax(yr) ? 1 : 0;
            }
        }
        return total;
    }
}
