using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Layers;

namespace FastDense.__Internals;

/// <summary>A PReLU layer over a whole batch. Shapes: input, output, delta (rows, width); alpha and its gradient (width), or (1) when shared.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public static class PRelu
{
    /// <summary>output = max(0, input) + alpha ⊙ min(0, input).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Forward<T>(ReadOnlySpan<T> input, Span<T> output, ReadOnlySpan<T> alpha, int rows, int width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => PReluMath.Forward(input, output, alpha, rows, width);

    /// <summary>
    /// alpha's gradient (assigned) from dLoss/d(output) in <paramref name="delta"/> and the kept input; with
    /// <paramref name="inputGradient"/>, dLoss/d(input) in place.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Backward<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> alpha, Span<T> delta, Span<T> alphaGradient, int rows, int width, bool inputGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => PReluMath.Backward(input, alpha, delta, alphaGradient, rows, width, inputGradient);
}
