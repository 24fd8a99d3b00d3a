using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;

namespace FastDense.__Internals;

/// <summary>
/// Activations over a whole (rows, units) block, and their backward passes. A backward takes the activation's
/// output (not its input), so the forward pass can overwrite pre-activations in place.
/// Naming is what the emitter relies on: <c>{Activation}</c> and <c>{Activation}Backward</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public static class Activations
{
    /// <summary>destination = max(z, 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Relu<T>(ReadOnlySpan<T> z, Span<T> destination) where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ReluOperator.Forward(z, destination);

    /// <summary>destination = upstream ⊙ (output &gt; 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ReluBackward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination) where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ReluOperator.Backward(output, upstream, destination);

    /// <summary>destination = 1 / (1 + e^-z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sigmoid<T>(ReadOnlySpan<T> z, Span<T> destination) where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => SigmoidOperator.Forward(z, destination);

    /// <summary>destination = upstream ⊙ output ⊙ (1 - output).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SigmoidBackward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination) where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => SigmoidOperator.Backward(output, upstream, destination);

    /// <summary>destination = tanh(z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tanh<T>(ReadOnlySpan<T> z, Span<T> destination) where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => TanhOperator.Forward(z, destination);

    /// <summary>destination = upstream ⊙ (1 - output²).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TanhBackward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination) where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => TanhOperator.Backward(output, upstream, destination);
}
