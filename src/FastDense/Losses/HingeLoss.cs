using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Losses;

namespace FastDense.__Internals;

/// <summary>
/// Keras's <c>hinge</c> (keras/src/losses/losses.py): each element's loss is <c>max(1 − y·p, 0)</c>; a row's loss is
/// their mean, from the output. Targets are −1 or 1, or 0 or 1, which Keras converts to −1 and 1
/// (<c>convert_binary_labels_to_hinge</c>, when every target of the batch is 0 or 1: <see cref="LossTargets.HingeLabels{T}"/>
/// refuses a mix, so each 0 becomes −1 here whatever the batch). The gradient with respect to the output is
/// <c>−y</c> where <c>1 − y·p ≥ 0</c> (TensorFlow's <c>maximum</c> at the kink) and 0 beyond, over rows · columns, then
/// through the output activation: any output.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct HingeLoss : ILossOperator, ILossDefinition<HingeLoss>, IElementLoss
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T, TActivation>(ReadOnlySpan<T> output, ReadOnlySpan<T> y, Span<T> delta, int rows, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
        => ElementLosses.Backward(this, output, y, delta, rows, activation);

    static Loss ILossDefinition<HingeLoss>.Kind => Loss.Hinge;

    static string ILossDefinition<HingeLoss>.KerasName => "hinge";

    static bool ILossDefinition<HingeLoss>.ReadsLogits => false;

    static string ILossDefinition<HingeLoss>.DefaultMetric => "accuracy";

    static HingeLoss ILossDefinition<HingeLoss>.Create(LossArguments arguments) => default;

    double ILossDefinition<HingeLoss>.RowValue<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y) => ElementLosses.RowMean(this, lossInput, y);

    void ILossDefinition<HingeLoss>.CheckTargets<T>(T[] y, string name, int width)
    {
        LossTargets.HingeLabels(y, name, width, Loss.Hinge);
    }

    double IElementLoss.Value<T>(T p, T y)
    {
        double target = y == T.Zero ? -1 : double.CreateTruncating(y);
        return Math.Max(1 - target * double.CreateTruncating(p), 0);
    }

    T IElementLoss.Derivative<T>(T p, T y)
    {
        T target = y == T.Zero ? T.NegativeOne : y;
        return T.One - target * p >= T.Zero ? -target : T.Zero;
    }
}
