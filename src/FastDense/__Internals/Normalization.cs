using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Layers;

namespace FastDense.__Internals;

/// <summary>A Normalization layer over a whole batch. Shapes: input, output, delta (rows, width); mean and variance (width) or (1).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public static class Normalization
{
    /// <summary>output = (input − mean) / max(sqrt(variance), 1e-7), or mean + input · max(sqrt(variance), 1e-7) when <paramref name="invert"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Forward<T>(ReadOnlySpan<T> input, Span<T> output, ReadOnlySpan<T> mean, ReadOnlySpan<T> variance, int rows, int width, bool invert)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => NormalizationMath.Forward(input, output, mean, variance, rows, width, invert);

    /// <summary>delta /= max(sqrt(variance), 1e-7) in place (× when <paramref name="invert"/>): dLoss/d(input) from dLoss/d(output).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Backward<T>(ReadOnlySpan<T> variance, Span<T> delta, int rows, int width, bool invert)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => NormalizationMath.Backward(variance, delta, rows, width, invert);
}
