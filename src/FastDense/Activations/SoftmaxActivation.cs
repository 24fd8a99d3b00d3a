using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;

namespace FastDense.__Internals;

/// <summary>
/// Keras's <c>softmax</c>: e^z / Σ e^z over each row. It has no element-wise derivative: a loss takes its gradient
/// fused (categorical cross-entropy: p − y with respect to the logits) or through its Jacobian
/// (<c>LossGradients.ThroughActivation</c>), so <see cref="Backward{T}"/> throws.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct SoftmaxActivation : IActivation
{
    /// <inheritdoc />
    public static bool NeedsInput => false;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Forward<T>(ReadOnlySpan<T> z, Span<T> destination, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => SoftmaxOperator.ForwardRows(z, destination, columns);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => throw new NotSupportedException("softmax has no element-wise derivative: a loss applies its Jacobian row by row (LossGradients.ThroughActivation), or its fused gradient.");

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BackwardFromInput<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ActivationDerivative.ThrowFromOutputOnly("softmax");
}
