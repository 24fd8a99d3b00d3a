using FastDense.__Internals;

#pragma warning disable CS0618 // the loss structs live in __Internals, [Obsolete] for users only.

namespace FastDense;

/// <summary>
/// Keras's <c>KLDivergence</c> metric (keras/src/metrics/probabilistic_metrics.py, on <c>kl_divergence</c> in
/// keras/src/losses/losses.py): the mean over rows of <c>Σ y·log(y / p)</c> over the row's outputs, y and p each clipped
/// to [ε, 1] (ε = 1e-7, rounded to the element type as Keras converts it), so a target of 0 adds about
/// <c>ε·log(ε / p)</c>, not 0. Targets and outputs are probabilities.
/// </summary>
public sealed class KLDivergence : MeanMetric
{
    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Down;

    /// <summary>Creates the metric.</summary>
    /// <param name="name">Its key (Keras's default: <c>kl_divergence</c>).</param>
    public KLDivergence(string name = "kl_divergence") : base(name)
    {
    }

    /// <inheritdoc />
    protected override double RowSum<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
    {
        double total = 0;
        for (int r = 0; r < rows; r++) total += KLDivergenceLoss.RowValue(yPred.Slice(r * outputs, outputs), yTrue.Slice(r * outputs, outputs));
        return total;
    }
}
