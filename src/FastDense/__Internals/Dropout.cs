using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Layers;

namespace FastDense.__Internals;

/// <summary>A Dropout layer's forward and backward over a whole batch. Shapes: input, output, mask and delta are (rows, width).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public static class Dropout
{
    /// <summary>
    /// In training: mask = 1 / (1 - rate) for each kept input, else 0, drawn from the step's key, <paramref name="layerKey"/>
    /// and each row's index in the batch; output = input ⊙ mask. In inference: output = input (and mask = 1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Forward<T>(ReadOnlySpan<T> input, Span<T> output, Span<T> mask, int rows, int width, double rate, ulong layerKey, in ForwardMode mode)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => DropoutMask.Forward(input, output, mask, rows, width, rate, layerKey, mode);

    /// <summary>
    /// <see cref="Forward{T}(ReadOnlySpan{T}, Span{T}, Span{T}, int, int, double, ulong, in ForwardMode)"/> with Keras's
    /// <c>noise_shape</c>: <paramref name="sameForEveryRow"/> (noise_shape (1, None)) draws row 0's mask for every row of
    /// the batch, whichever shard computes it; <paramref name="sameForEveryColumn"/> ((None, 1)) keeps or drops each row
    /// whole, by its first draw.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Forward<T>(ReadOnlySpan<T> input, Span<T> output, Span<T> mask, int rows, int width, double rate, ulong layerKey, in ForwardMode mode,
        bool sameForEveryRow, bool sameForEveryColumn)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => DropoutMask.Forward(input, output, mask, rows, width, rate, layerKey, mode, sameForEveryRow, sameForEveryColumn);

    /// <summary>delta (rows, width) ⊙= mask, in place: dLoss/d(input) from dLoss/d(output).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Backward<T>(ReadOnlySpan<T> mask, Span<T> delta, int rows, int width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => DropoutMask.Backward(mask, delta, rows, width);
}
