using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Losses;

namespace FastDense.__Internals;

/// <summary>
/// Keras's <c>mean_absolute_error</c> (keras/src/losses/losses.py): a row's loss is <c>mean(|y − p|)</c> over its
/// outputs, from the output. The gradient of the batch's mean with respect to the output is
/// <c>sign(p − y) / (rows · columns)</c> (0 where p = y, as TensorFlow differentiates <c>abs</c>), then through the
/// output activation: any output.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct MeanAbsoluteErrorLoss : ILossOperator, ILossDefinition<MeanAbsoluteErrorLoss>, IElementLoss
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T, TActivation>(ReadOnlySpan<T> output, ReadOnlySpan<T> y, Span<T> delta, int rows, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
        => ElementLosses.Backward(this, output, y, delta, rows, activation);

    static Loss ILossDefinition<MeanAbsoluteErrorLoss>.Kind => Loss.MeanAbsoluteError;

    static string ILossDefinition<MeanAbsoluteErrorLoss>.KerasName => "mean_absolute_error";

    static bool ILossDefinition<MeanAbsoluteErrorLoss>.ReadsLogits => false;

    static string ILossDefinition<MeanAbsoluteErrorLoss>.DefaultMetric => "mae";

    static MeanAbsoluteErrorLoss ILossDefinition<MeanAbsoluteErrorLoss>.Create(LossArguments arguments) => default;

    double ILossDefinition<MeanAbsoluteErrorLoss>.RowValue<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y) => ElementLosses.RowMean(this, lossInput, y);

    void ILossDefinition<MeanAbsoluteErrorLoss>.CheckTargets<T>(T[] y, string name, int width)
    {
        // Any finite target.
    }

    double IElementLoss.Value<T>(T p, T y)
    {
        return Math.Abs(double.CreateTruncating(y) - double.CreateTruncating(p));
    }

    T IElementLoss.Derivative<T>(T p, T y)
    {
        return ElementLosses.SignOfDifference(p, y);
    }
}
