using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;

namespace FastDense.__Internals;

/// <summary>
/// Keras's <c>glu</c>: each row's first half gated by the sigmoid of its second, <c>a ⊙ σ(b)</c>, half as wide as its
/// input. <see cref="Forward{T}"/> reads z (rows, columns) and writes (rows, columns / 2). Its derivative is taken from
/// z and widens the gradient back to (rows, columns), so it is applied by
/// <see cref="Dense.ActivationBackwardFromInput{T, TActivation}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, TActivation)"/>,
/// which knows the width; <see cref="Backward{T}"/> and <see cref="BackwardFromInput{T}"/> throw.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct GluActivation : IActivation
{
    /// <inheritdoc />
    public static bool NeedsInput => true;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Forward<T>(ReadOnlySpan<T> z, Span<T> destination, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => GluOperator.ForwardRows(z, destination, columns);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ActivationDerivative.ThrowFromInputOnly("glu");

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BackwardFromInput<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => throw new NotSupportedException("glu's derivative doubles the width (rows, units / 2) -> (rows, units): Dense.ActivationBackwardFromInput with the units applies it.");
}
