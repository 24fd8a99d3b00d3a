using FastDense.Metrics;

namespace FastDense;

/// <summary>
/// Keras's <c>Hinge</c> metric (keras/src/metrics/hinge_metrics.py, on <c>hinge</c> in keras/src/losses/losses.py): the
/// mean over rows of <c>mean(max(1 − y·p, 0))</c> over the row's outputs, the targets −1 or 1.
/// </summary>
/// <remarks>
/// As Keras converts them, the targets of one update are read as <c>2y − 1</c> when every one of them is 0 or 1, and as
/// they are otherwise (a 0 among −1s and 1s stays 0). The decision is the update's: <c>Fit</c> with more than one
/// thread updates a training batch shard by shard, so for targets that mix 0 with values other than 1 a shard may
/// decide differently from its batch.
/// </remarks>
public sealed class Hinge : MeanMetric
{
    private bool _convert;

    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Down;

    /// <summary>Creates the metric.</summary>
    /// <param name="name">Its key (Keras's default: <c>hinge</c>).</param>
    public Hinge(string name = "hinge") : base(name)
    {
    }

    /// <inheritdoc />
    private protected override void BeginUpdate<T>(ReadOnlySpan<T> yTrue) => _convert = HingeLabels.AreBinary(yTrue);

    /// <inheritdoc />
    protected override double RowSum<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
    {
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            double sum = 0;
            for (int i = r * outputs; i < (r + 1) * outputs; i++)
            {
                sum += Math.Max(1 - HingeLabels.Target(yTrue[i], _convert) * double.CreateTruncating(yPred[i]), 0);
            }
            total += sum / outputs;
        }
        return total;
    }
}
