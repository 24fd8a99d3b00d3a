using System.Numerics;

namespace FastDense;

/// <summary>
/// Keras's <c>RootMeanSquaredError</c> (keras/src/metrics/regression_metrics.py): <c>sqrt(Σ (y_pred − y_true)² / n)</c>
/// over every output of every row seen since the last reset (the square root of the running mean, not a mean of roots).
/// Weighted, it is Keras's <c>Mean</c> of each row's mean squared error: <c>sqrt(Σ w·mean_r((y_pred − y_true)²) / Σ w)</c>
/// (keras/src/metrics/reduction_metrics.py, <c>reduce_to_samplewise_values</c>), 0 while the weights sum to 0.
/// </summary>
public sealed class RootMeanSquaredError : Metric
{
    private double _sum;
    // The squared errors' sum (weighted: Σ w·(row's sum)) over their count (weighted: Σ w·outputs), so that weights of
    // 1 are the unweighted update and every row's mean is weighed by w as Keras's Mean weighs it.
    private double _count;

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

    /// <summary>True: each row's mean squared error weighs its weight.</summary>
    public override bool SupportsSampleWeight => true;

    /// <inheritdoc />
    protected override void UpdateWeightedCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs, ReadOnlySpan<T> sampleWeight)
    {
        double sum = 0, count = 0;
        for (int r = 0; r < rows; r++)
        {
            double w = double.CreateTruncating(sampleWeight[r]);
            sum += w * MeanSquaredError.SquaredErrors(yTrue.Slice(r * outputs, outputs), yPred.Slice(r * outputs, outputs), 1, outputs);
            count += w * outputs;
        }
        _sum += sum;
        _count += count;
    }

    /// <inheritdoc />
    public override double Result() => _count == 0 ? 0 : Math.Sqrt(_sum / _count);
}
