using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace FastDense.__Internals;

/// <summary>
/// An activation as a typed operator: generated code passes one (a struct, holding the activation's arguments such
/// as a slope) to <see cref="Dense.Forward{T, TActivation}"/> and <see cref="Dense.ActivationBackward{T, TActivation}(ReadOnlySpan{T}, Span{T}, TActivation)"/>,
/// and the runtime decides which kernel computes it: a fused one where it has one (relu in the product's registers,
/// softmax with the rows in the lanes), the operator's own pass otherwise. Each struct is specialized by the JIT, so
/// the choice costs nothing at run time.
/// </summary>
/// <remarks>
/// The derivative of most activations can be written from their output, which forward leaves in place of the
/// pre-activation: <see cref="Backward{T}"/>. Those whose output does not determine it (gelu, silu, mish, hard_silu,
/// tanh_shrink, threshold, glu) say so by <see cref="NeedsInput"/>: the generator then keeps the pre-activation z of their
/// layer in a workspace block of its own (forward through <see cref="Dense.ForwardKeepingLogits{T, TActivation}"/>), and
/// backward calls <see cref="BackwardFromInput{T}"/> on it (<see cref="Dense.ActivationBackwardFromInput{T, TActivation}(ReadOnlySpan{T}, Span{T}, TActivation)"/>).
/// Each struct implements the one its derivative is written in; the other throws. The row-wise ones (softmax,
/// log_softmax, sparsemax) and glu, which halves the width, have no element-wise derivative: the runtime applies theirs
/// by the row's width, and both of their methods throw.
/// </remarks>
public interface IActivation
{
    /// <summary>Whether the derivative is taken from the pre-activation z (<see cref="BackwardFromInput{T}"/>) rather than the output (<see cref="Backward{T}"/>).</summary>
    static abstract bool NeedsInput { get; }

    /// <summary>
    /// destination (rows, columns) = f(z), element by element (or row by row for an activation that mixes a row's
    /// columns); may be in place, except for glu, whose destination is (rows, columns / 2) apart from z.
    /// </summary>
    void Forward<T>(ReadOnlySpan<T> z, Span<T> destination, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>destination = upstream ⊙ f'(·), from the activation's output; <paramref name="destination"/> may alias <paramref name="upstream"/>.</summary>
    void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>destination = upstream ⊙ f'(z), from the activation's input z; <paramref name="destination"/> may alias <paramref name="upstream"/>.</summary>
    void BackwardFromInput<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;
}

/// <summary>The throws of the derivative an activation is not written in.</summary>
internal static class ActivationDerivative
{
    /// <summary>An activation whose derivative is taken from its output was asked for it from its input.</summary>
    [DoesNotReturn]
    public static void ThrowFromOutputOnly(string kerasName)
        => throw new NotSupportedException($"{kerasName}'s derivative is taken from its output (Backward), not from its input.");

    /// <summary>An activation whose derivative is taken from its input was asked for it from its output.</summary>
    [DoesNotReturn]
    public static void ThrowFromInputOnly(string kerasName)
        => throw new NotSupportedException($"{kerasName}'s derivative is taken from its input z (BackwardFromInput): its output does not determine it.");
}
