using FastDense.Metrics;

namespace FastDense;

/// <summary>
/// Keras's <c>MeanSquaredLogarithmicError</c> (keras/src/metrics/regression_metrics.py, on
/// <c>mean_squared_logarithmic_error</c> in keras/src/losses/losses.py): the mean over rows of
/// <c>mean((log(max(y_pred, ε) + 1) − log(max(y_true, ε) + 1))²)</c> over the row's outputs, ε = 1e-7 (Keras's
/// <c>backend.epsilon()</c>): values at or below 0 count as ε.
/// </summary>
public sealed class MeanSquaredLogarithmicError : MeanMetric
{
    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Down;

    /// <summary>Creates the metric.</summary>
    /// <param name="name">Its key (Keras's default: <c>mean_squared_logarithmic_error</c>; the string <c>"msle"</c> gives <c>msle</c>).</param>
    public MeanSquaredLogarithmicError(string name = "mean_squared_logarithmic_error") : base(name)
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
                double first = Math.Log(Math.Max(double.CreateTruncating(yPred[i]), MetricMath.Epsilon) + 1.0);
                double second = Math.Log(Math.Max(double.CreateTruncating(yTrue[i]), MetricMath.Epsilon) + 1.0);
                sum += (first - second) * (first - second);
            }
            total += sum / outputs;
        }
        return total;
    }
}
