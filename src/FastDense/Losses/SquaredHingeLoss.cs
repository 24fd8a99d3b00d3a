using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Losses;

namespace FastDense.__Internals;

/// <summary>
/// Keras's <c>squared_hinge</c> (keras/src/losses/losses.py): each element's loss is <c>max(1 − y·p, 0)²</c>; a row's
/// loss is their mean, from the output. Targets as <see cref="HingeLoss"/>'s (0 becomes −1). The gradient with respect
/// to the output is <c>−2y·max(1 − y·p, 0)</c> over rows · columns, then through the output activation: any output.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct SquaredHingeLoss : ILossOperator, ILossDefinition<SquaredHingeLoss>, IElementLoss
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T, TActivation>(ReadOnlySpan<T> output, ReadOnlySpan<T> y, Span<T> delta, int rows, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
        => ElementLosses.Backward(this, output, y, delta, rows, activation);

    static Loss ILossDefinition<SquaredHingeLoss>.Kind => Loss.SquaredHinge;

    static string ILossDefinition<SquaredHingeLoss>.KerasName => "squared_hinge";

    static bool ILossDefinition<SquaredHingeLoss>.ReadsLogits => false;

    static string ILossDefinition<SquaredHingeLoss>.DefaultMetric => "accuracy";

    static SquaredHingeLoss ILossDefinition<SquaredHingeLoss>.Create(LossArguments arguments) => default;

    double ILossDefinition<SquaredHingeLoss>.RowValue<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y) => ElementLosses.RowMean(this, lossInput, y);

    void ILossDefinition<SquaredHingeLoss>.CheckTargets<T>(T[] y, string name, int width)
    {
        LossTargets.HingeLabels(y, name, width, Loss.SquaredHinge);
    }

    double IElementLoss.Value<T>(T p, T y)
    {
        double target = y == T.Zero ? -1 : double.CreateTruncating(y);
        double margin = Math.Max(1 - target * double.CreateTruncating(p), 0);
        return margin * margin;
    }

    T IElementLoss.Derivative<T>(T p, T y)
    {
        T target = y == T.Zero ? T.NegativeOne : y;
        return T.CreateTruncating(-2) * target * T.Max(T.One - target * p, T.Zero);
    }
}
