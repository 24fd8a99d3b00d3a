using System.Numerics;

namespace FastDense;

/// <summary>
/// Keras's <c>RootMeanSquaredError</c> (keras/src/metrics/regression_metrics.py): <c>sqrt(Σ (y_pred − y_true)² / n)</c>
/// over every output of every row seen since the last reset (the square root of the running mean, not a mean of roots).
/// </summary>
public sealed class RootMeanSquaredError : Metric
{
    private double _sum;
    private long _count;

    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Down;

    /// <summary>Creates the metric.</summary>
    /// <param name="name">Its key (Keras's default: <c>root_mean_squared_error</c>).</param>
    public RootMeanSquaredError(string name = "root_mean_squared_error") : base(name)
    {
    }

    /// <inheritdoc />
    public override void Reset()
    {
        _sum = 0;
        _count = 0;
    }

    /// <inheritdoc />
    protected override void UpdateCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
    {
        _sum += MeanSquaredError.SquaredErrors(yTrue, yPred, rows, outputs);
        _count += (long)rows * outputs;
    }

    /// <inheritdoc />
    public override double Result() => _count == 0 ? 0 : Math.Sqrt(_sum / _count);
}
