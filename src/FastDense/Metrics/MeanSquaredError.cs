using System.Numerics;

namespace FastDense;

/// <summary>Keras's <c>MeanSquaredError</c> metric (keras/src/metrics/regression_metrics.py): the mean over rows of <c>mean((y_pred − y_true)²)</c> over the row's outputs.</summary>
public sealed class MeanSquaredError : MeanMetric
{
    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Down;

    /// <summary>Creates the metric.</summary>
    /// <param name="name">Its key (Keras's default: <c>mean_squared_error</c>; the string <c>"mse"</c> gives <c>mse</c>).</param>
    public MeanSquaredError(string name = "mean_squared_error") : base(name)
    {
    }

    /// <inheritdoc />
    protected override double RowSum<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
        => SquaredErrors(yTrue, yPred, rows, outputs) / outputs;

    /// <summary>The sum of every squared error, in double.</summary>
    internal static double SquaredErrors<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double sum = 0;
        for (int i = 0; i < rows * outputs; i++)
        {
            double error = double.CreateTruncating(yPred[i]) - double.CreateTruncating(yTrue[i]);
            sum += error * error;
        }
        return sum;
    }
}
