using FastDense.__Internals;
using FastDense.Losses;

#pragma warning disable CS0618 // the loss structs live in __Internals, [Obsolete] for users only.

namespace FastDense;

/// <summary>
/// Keras's <c>Poisson</c> metric (keras/src/metrics/probabilistic_metrics.py, on <c>poisson</c> in
/// keras/src/losses/losses.py): the mean over rows of <c>mean(p − y·log(p + ε))</c> over the row's outputs, ε = 1e-7
/// (rounded to the element type as Keras converts it). The targets are counts or rates, the outputs the predicted
/// rates; an output below −ε makes the row NaN (the logarithm of a negative number), as it makes Keras's.
/// </summary>
public sealed class Poisson : MeanMetric
{
    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Down;

    /// <summary>Creates the metric.</summary>
    /// <param name="name">Its key (Keras's default: <c>poisson</c>).</param>
    public Poisson(string name = "poisson") : base(name)
    {
    }

    /// <inheritdoc />
    protected override double RowSum<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
    {
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            total += ElementLosses.RowMean(default(PoissonLoss), yPred.Slice(r * outputs, outputs), yTrue.Slice(r * outputs, outputs));
        }
        return total;
    }
}
