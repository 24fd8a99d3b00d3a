using System.Numerics;

namespace FastDense;

/// <summary>
/// A metric that is the mean over rows of a per-row value (Keras's <c>MeanMetricWrapper</c>,
/// keras/src/metrics/reduction_metrics.py): each row's value is itself the mean over its outputs where the metric
/// is element-wise. Accumulated in double.
/// </summary>
/// <remarks>
/// Weighted (<see cref="Metric.Update{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, int, int, ReadOnlySpan{T})"/>), it is Keras's
/// <c>Mean.update_state(values, sample_weight)</c> (keras/src/metrics/reduction_metrics.py, through
/// <c>reduce_to_samplewise_values</c>): each row's value v_r weighs w_r, <c>total += Σ w_r·v_r</c> and
/// <c>count += Σ w_r</c>, and the result is <c>total / count</c> (0 while the count is 0, Keras's <c>divide_no_nan</c>).
/// Every row weighing 1 is the unweighted mean. Any metric derived from this class weighs rows so, one row at a time
/// through <see cref="RowSum{T}"/>.
/// </remarks>
public abstract class MeanMetric : Metric
{
    private double _total;
    // The rows (unweighted) or the sum of their weights: a double, exact for counts below 2^53.
    private double _count;

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
        BeginUpdate(yTrue);
        _total += RowSum(yTrue, yPred, rows, outputs);
        _count += rows;
    }

    /// <inheritdoc />
    protected sealed override void UpdateSparseCore<T>(ReadOnlySpan<T> labels, ReadOnlySpan<T> yPred, int rows, int outputs)
    {
        _total += SparseRowSum(labels, yPred, rows, outputs);
        _count += rows;
    }

    /// <summary>True: each row's value weighs its weight.</summary>
    public sealed override bool SupportsSampleWeight => true;

    /// <inheritdoc />
    protected sealed override void UpdateWeightedCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs, ReadOnlySpan<T> sampleWeight)
    {
        BeginUpdate(yTrue);
        double total = 0, count = 0;
        for (int r = 0; r < rows; r++)
        {
            double w = double.CreateTruncating(sampleWeight[r]);
            total += w * RowSum(yTrue.Slice(r * outputs, outputs), yPred.Slice(r * outputs, outputs), 1, outputs);
            count += w;
        }
        _total += total;
        _count += count;
    }

    /// <inheritdoc />
    protected sealed override void UpdateSparseWeightedCore<T>(ReadOnlySpan<T> labels, ReadOnlySpan<T> yPred, int rows, int outputs, ReadOnlySpan<T> sampleWeight)
    {
        double total = 0, count = 0;
        for (int r = 0; r < rows; r++)
        {
            // Keras's Mean applies the values' mask to the weights (reduce_to_samplewise_values): a masked row weighs 0.
            if (IgnoresLabel(labels[r])) continue;
            double w = double.CreateTruncating(sampleWeight[r]);
            total += w * SparseRowSum(labels.Slice(r, 1), yPred.Slice(r * outputs, outputs), 1, outputs);
            count += w;
        }
        _total += total;
        _count += count;
    }

    /// <summary>
    /// Called once by each update of targets shaped like the outputs, with all of them ((rows, outputs)), before its
    /// rows' values are summed (weighted: one row at a time): for a metric whose row values depend on the whole batch
    /// (the hinge metrics convert 0/1 labels only in a batch of nothing else).
    /// </summary>
    private protected virtual void BeginUpdate<T>(ReadOnlySpan<T> yTrue)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
    }

    /// <summary>
    /// Whether a row of class index <paramref name="label"/> is masked (sparse categorical cross-entropy's
    /// <c>ignore_class</c>): its value is 0 and, in a weighted update, its weight too (Keras's <c>Mean</c> applies the
    /// mask only to sample weights, so unweighted such a row still counts).
    /// </summary>
    private protected virtual bool IgnoresLabel<T>(T label)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => false;

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

    /// <summary>The sum over the batch's rows of each row's value (the weighted update calls it one row at a time).</summary>
    protected abstract double RowSum<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>The (weighted) mean of the rows' values so far; 0 before any row or while the weights sum to 0 (Keras's <c>divide_no_nan</c>).</summary>
    public override double Result() => _count == 0 ? 0 : _total / _count;
}
