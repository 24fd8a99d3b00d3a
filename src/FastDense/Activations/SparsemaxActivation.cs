using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;

namespace FastDense.__Internals;

/// <summary>
/// Keras's <c>sparsemax</c>: each row projected onto the probability simplex, <c>max(z − τ, 0)</c>. Its derivative is
/// not element-wise: a hidden layer applies its Jacobian with
/// <see cref="Dense.ActivationBackward{T, TActivation}(ReadOnlySpan{T}, Span{T}, int, TActivation)"/>, an output layer
/// through the loss's <c>LossGradients.ThroughActivation</c>; <see cref="Backward{T}"/> throws.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct SparsemaxActivation : IActivation
{
    /// <inheritdoc />
    public static bool NeedsInput => false;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Forward<T>(ReadOnlySpan<T> z, Span<T> destination, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => SparsemaxOperator.ForwardRows(z, destination, columns);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => throw new NotSupportedException("sparsemax has no element-wise derivative: its Jacobian is applied row by row.");

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BackwardFromInput<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ActivationDerivative.ThrowFromOutputOnly("sparsemax");
}
