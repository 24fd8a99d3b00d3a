using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Layers;

namespace FastDense.__Internals;

/// <summary>GaussianNoise and GaussianDropout over a whole batch. Shapes: input, output, noise, delta (rows, width).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public static class GaussianNoise
{
    /// <summary>GaussianNoise: output = input + N(0, stddev) in training, input in inference. Its backward is the identity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add<T>(ReadOnlySpan<T> input, Span<T> output, int rows, int width, double stddev, ulong layerKey, in ForwardMode mode)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => GaussianNoiseMath.Add(input, output, rows, width, stddev, layerKey, mode);

    /// <summary>GaussianDropout: output = input ⊙ N(1, sqrt(rate / (1 − rate))) in training (the noise kept), input in inference.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Multiply<T>(ReadOnlySpan<T> input, Span<T> output, Span<T> noise, int rows, int width, double rate, ulong layerKey, in ForwardMode mode)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => GaussianNoiseMath.Multiply(input, output, noise, rows, width, rate, layerKey, mode);

    /// <summary>GaussianDropout's backward: delta ⊙= noise, in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyBackward<T>(ReadOnlySpan<T> noise, Span<T> delta, int rows, int width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => DropoutMask.Backward(noise, delta, rows, width);
}
