using System.Numerics;

namespace FastDense;

/// <summary>Keras's <c>MeanAbsoluteError</c> (keras/src/metrics/regression_metrics.py): the mean over rows of <c>mean(|y_pred − y_true|)</c> over the row's outputs.</summary>
public sealed class MeanAbsoluteError : MeanMetric
{
    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Down;

    /// <summary>Creates the metric.</summary>
    /// <param name="name">Its key (Keras's default: <c>mean_absolute_error</c>; the string <c>"mae"</c> gives <c>mae</c>).</param>
    public MeanAbsoluteError(string name = "mean_absolute_error") : base(name)
    {
    }

    /// <inheritdoc />
    protected override double RowSum<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
    {
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            double sum = 0;
            for (int i = r * outputs; i < (r + 1) * outputs; i++) sum += Math.Abs(double.CreateTruncating(yPred[i]) - double.CreateTruncating(yTrue[i]));
            total += sum / outputs;
        }
        return total;
    }
}
