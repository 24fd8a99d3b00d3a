using System.Numerics;

namespace FastDense;

/// <summary>
/// A metric that is the mean over rows of a per-row value (Keras's <c>MeanMetricWrapper</c>,
/// keras/src/metrics/reduction_metrics.py): each row's value is itself the mean over its outputs where the metric
/// is element-wise. Accumulated in double.
/// </summary>
public abstract class MeanMetric : Metric
{
    private double _total;
    private long _count;

    /// <summary>Creates the metric, reported under <paramref name="name"/>.</summary>
    /// <param name="name">The key of its values.</param>
    protected MeanMetric(string name) : base(name)
    {
    }

    /// <inheritdoc />
    public override void Reset()
    {
        _total = 0;
        _count = 0;
    }

    /// <inheritdoc />
    protected sealed override void UpdateCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
    {
        _total += RowSum(yTrue, yPred, rows, outputs);
        _count += rows;
    }

    /// <inheritdoc />
    protected sealed override void UpdateSparseCore<T>(ReadOnlySpan<T> labels, ReadOnlySpan<T> yPred, int rows, int outputs)
    {
        _total += SparseRowSum(labels, yPred, rows, outputs);
        _count += rows;
    }

    /// <summary>
    /// The sum over the batch's rows of each row's value, for class-index targets (<paramref name="labels"/> is (rows));
    /// only for a metric whose <see cref="Metric.ReadsClassIndices"/> is true.
    /// </summary>
    protected virtual double SparseRowSum<T>(ReadOnlySpan<T> labels, ReadOnlySpan<T> yPred, int rows, int outputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => throw new NotSupportedException($"The metric '{Name}' reads targets shaped like the outputs, not class indices.");

    /// <summary>Adds rows whose values' sum is already known (a fused score of the same definition).</summary>
    internal void AddRows(double sum, int rows)
    {
        _total += sum;
        _count += rows;
    }

    /// <summary>The sum over the batch's rows of each row's value.</summary>
    protected abstract double RowSum<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>The mean of the rows' values so far; 0 before any row (Keras's <c>divide_no_nan</c>).</summary>
    public override double Result() => _count == 0 ? 0 : _total / _count;
}
