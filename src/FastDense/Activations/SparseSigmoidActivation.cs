using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;

namespace FastDense.__Internals;

/// <summary>Keras's <c>sparse_sigmoid</c>: 0, (z + 1) / 2, 1; derivative from the output.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct SparseSigmoidActivation : IActivation
{
    /// <inheritdoc />
    public static bool NeedsInput => false;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Forward<T>(ReadOnlySpan<T> z, Span<T> destination, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => SparseSigmoidOperator.Forward(z, destination);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => SparseSigmoidOperator.Backward(output, upstream, destination);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BackwardFromInput<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ActivationDerivative.ThrowFromOutputOnly("sparse_sigmoid");
}
