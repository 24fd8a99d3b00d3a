using FastDense.__Internals;

#pragma warning disable CS0618 // the loss structs live in __Internals, [Obsolete] for users only.

namespace FastDense;

/// <summary>
/// Keras's <c>CategoricalHinge</c> metric (keras/src/metrics/hinge_metrics.py, on <c>categorical_hinge</c> in
/// keras/src/losses/losses.py): the mean over rows of <c>max(max((1 − y)·p) − Σ y·p + 1, 0)</c>, the targets one-hot
/// rows (0/1, or −1/1), used as they are.
/// </summary>
public sealed class CategoricalHinge : MeanMetric
{
    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Down;

    /// <summary>Creates the metric.</summary>
    /// <param name="name">Its key (Keras's default: <c>categorical_hinge</c>).</param>
    public CategoricalHinge(string name = "categorical_hinge") : base(name)
    {
    }

    /// <inheritdoc />
    protected override double RowSum<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
    {
        double total = 0;
        for (int r = 0; r < rows; r++) total += CategoricalHingeLoss.RowValue(yPred.Slice(r * outputs, outputs), yTrue.Slice(r * outputs, outputs));
        return total;
    }
}
