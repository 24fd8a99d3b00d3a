using FastDense.Metrics;

namespace FastDense;

/// <summary>
/// Keras's <c>MeanAbsolutePercentageError</c> (keras/src/metrics/regression_metrics.py, on
/// <c>mean_absolute_percentage_error</c> in keras/src/losses/losses.py): the mean over rows of
/// <c>100 · mean(|(y_true − y_pred) / max(|y_true|, ε)|)</c> over the row's outputs, ε = 1e-7 (Keras's
/// <c>backend.epsilon()</c>). A target of 0 therefore weighs 1e9 times the error: Keras's example, targets
/// [[0, 1], [0, 0]] against [[1, 1], [0, 0]], gives 2.5e8.
/// </summary>
public sealed class MeanAbsolutePercentageError : MeanMetric
{
    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Down;

    /// <summary>Creates the metric.</summary>
    /// <param name="name">Its key (Keras's default: <c>mean_absolute_percentage_error</c>; the string <c>"mape"</c> gives <c>mape</c>).</param>
    public MeanAbsolutePercentageError(string name = "mean_absolute_percentage_error") : base(name)
    {
    }

    /// <inheritdoc />
    protected override double RowSum<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
    {
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            double sum = 0;
            for (int i = r * outputs; i < (r + 1) * outputs; i++)
            {
                double y = double.CreateTruncating(yTrue[i]), p = double.CreateTruncating(yPred[i]);
                sum += Math.Abs((y - p) / Math.Max(Math.Abs(y), MetricMath.Epsilon));
            }
            total += 100.0 * (sum / outputs);
        }
        return total;
    }
}
