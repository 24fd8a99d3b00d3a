using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Layers;

namespace FastDense.__Internals;

/// <summary>An AlphaDropout layer over a whole batch. Shapes: input, output, mask, delta (rows, width).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public static class AlphaDropout
{
    /// <summary>
    /// In training: mask = a where the draw (the step's key, <paramref name="layerKey"/>, each row's index in the batch;
    /// Keras's <c>noise_shape</c> as Dropout's) keeps the input, else 0; output = a·input + b where kept, a·α' + b where
    /// dropped. In inference: output = input (and mask = 1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Forward<T>(ReadOnlySpan<T> input, Span<T> output, Span<T> mask, int rows, int width, double rate, ulong layerKey, in ForwardMode mode,
        bool sameForEveryRow, bool sameForEveryColumn)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => AlphaDropoutMath.Forward(input, output, mask, rows, width, rate, layerKey, mode, sameForEveryRow, sameForEveryColumn);

    /// <summary>delta (rows, width) ⊙= mask, in place: the gradient reaches the kept inputs, times a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Backward<T>(ReadOnlySpan<T> mask, Span<T> delta, int rows, int width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => DropoutMask.Backward(mask, delta, rows, width);
}
