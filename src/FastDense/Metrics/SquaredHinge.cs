using FastDense.Metrics;

namespace FastDense;

/// <summary>
/// Keras's <c>SquaredHinge</c> metric (keras/src/metrics/hinge_metrics.py, on <c>squared_hinge</c> in
/// keras/src/losses/losses.py): the mean over rows of <c>mean(max(1 − y·p, 0)²)</c> over the row's outputs, the
/// targets −1 or 1, or 0/1 converted as <see cref="Hinge"/> converts them (per update).
/// </summary>
public sealed class SquaredHinge : MeanMetric
{
    private bool _convert;

    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Down;

    /// <summary>Creates the metric.</summary>
    /// <param name="name">Its key (Keras's default: <c>squared_hinge</c>).</param>
    public SquaredHinge(string name = "squared_hinge") : base(name)
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
                double margin = Math.Max(1 - HingeLabels.Target(yTrue[i], _convert) * double.CreateTruncating(yPred[i]), 0);
                sum += margin * margin;
            }
            total += sum / outputs;
        }
        return total;
    }
}
