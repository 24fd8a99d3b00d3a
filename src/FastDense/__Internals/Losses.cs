using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastDense.__Internals;

/// <summary>The loss's backward over a whole batch: the first step of every generated <c>Backward</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public static class Losses
{
    /// <summary>
    /// delta (rows, columns) = d(mean loss)/d(the output layer's pre-activation), from its output and the targets y.
    /// The loss decides how (fused with its activation where the pair has a closed form): see <see cref="ILossOperator"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Backward<T, TLoss, TActivation>(ReadOnlySpan<T> output, ReadOnlySpan<T> y, Span<T> delta, int rows, TLoss loss, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TLoss : struct, ILossOperator
        where TActivation : struct, IActivation
        => loss.Backward(output, y, delta, rows, activation);

    /// <summary>
    /// delta (rows, columns) = d(mean loss)/d(the output layer's pre-activation), from its output, its logits and the
    /// targets y, for a loss whose backward reads the logits (<see cref="ILogitsLossOperator"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Backward<T, TLoss, TActivation>(ReadOnlySpan<T> output, ReadOnlySpan<T> logits, ReadOnlySpan<T> y, Span<T> delta, int rows, TLoss loss, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TLoss : struct, ILogitsLossOperator
        where TActivation : struct, IActivation
        => loss.Backward(output, logits, y, delta, rows, activation);
}
