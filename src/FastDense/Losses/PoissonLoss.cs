using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Losses;

namespace FastDense.__Internals;

/// <summary>
/// Keras's <c>poisson</c> (keras/src/losses/losses.py): each element's loss is <c>p − y·log(p + ε)</c> with ε = 1e-7;
/// a row's loss is their mean, from the output. The gradient with respect to the output is <c>1 − y / (p + ε)</c> over
/// rows · columns, then through the output activation. The parser (FD0006) asks for an output that cannot be negative
/// (relu, sigmoid, softmax), where the log is defined. Targets (counts, rates) must be non-negative.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct PoissonLoss : ILossOperator, ILossDefinition<PoissonLoss>, IElementLoss
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T, TActivation>(ReadOnlySpan<T> output, ReadOnlySpan<T> y, Span<T> delta, int rows, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
        => ElementLosses.Backward(this, output, y, delta, rows, activation);

    static Loss ILossDefinition<PoissonLoss>.Kind => Loss.Poisson;

    static string ILossDefinition<PoissonLoss>.KerasName => "poisson";

    static bool ILossDefinition<PoissonLoss>.ReadsLogits => false;

    static string ILossDefinition<PoissonLoss>.DefaultMetric => "mae";

    static PoissonLoss ILossDefinition<PoissonLoss>.Create(LossArguments arguments) => default;

    double ILossDefinition<PoissonLoss>.RowValue<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y) => ElementLosses.RowMean(this, lossInput, y);

    void ILossDefinition<PoissonLoss>.CheckTargets<T>(T[] y, string name, int width)
    {
        LossTargets.NonNegative(y, name, width, Loss.Poisson, "they are counts or rates, the mean of the Poisson distribution the prediction models");
    }

    double IElementLoss.Value<T>(T p, T y)
    {
        double target = double.CreateTruncating(y);
        return double.CreateTruncating(p) - target * Math.Log(double.CreateTruncating(p) + ElementLosses.EpsilonOf<T>());
    }

    T IElementLoss.Derivative<T>(T p, T y)
    {
        return T.One - y / (p + ElementLosses.Epsilon<T>());
    }
}
