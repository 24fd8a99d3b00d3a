using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;

namespace FastDense.__Internals;

/// <summary>Keras's <c>selu</c>: scale · elu(z, alpha) with TensorFlow's constants; derivative from the output.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct SeluActivation : IActivation
{
    /// <inheritdoc />
    public static bool NeedsInput => false;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Forward<T>(ReadOnlySpan<T> z, Span<T> destination, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => SeluOperator.Forward(z, destination);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => SeluOperator.Backward(output, upstream, destination);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BackwardFromInput<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ActivationDerivative.ThrowFromOutputOnly("selu");
}
