using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Layers;

namespace FastDense.__Internals;

/// <summary>A LayerNormalization layer over a whole batch. Shapes: input, output, normalized, delta (rows, width); inverseStd (rows); gamma, beta (width) or empty.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public static class LayerNormalization
{
    /// <summary>Each row normalized by its own mean and variance, then scaled and shifted per feature.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Forward<T>(ReadOnlySpan<T> input, Span<T> output, Span<T> normalized, Span<T> inverseStd, ReadOnlySpan<T> gamma, ReadOnlySpan<T> beta, int rows, int width, double epsilon)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => LayerNormalizationMath.Forward(input, output, normalized, inverseStd, gamma, beta, rows, width, epsilon);

    /// <summary>γ and β gradients from dLoss/d(output) in <paramref name="delta"/>; with <paramref name="inputGradient"/>, dLoss/d(input) in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Backward<T>(ReadOnlySpan<T> normalized, ReadOnlySpan<T> inverseStd, ReadOnlySpan<T> gamma, Span<T> delta, Span<T> gammaGradient, Span<T> betaGradient, int rows, int width, bool inputGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => LayerNormalizationMath.Backward(normalized, inverseStd, gamma, delta, gammaGradient, betaGradient, rows, width, inputGradient);
}
