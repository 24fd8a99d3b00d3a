using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;

namespace FastDense.__Internals;

/// <summary>Keras's <c>silu</c> (<c>swish</c>): z · sigmoid(z); derivative from the input.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct SiluActivation : IActivation
{
    /// <inheritdoc />
    public static bool NeedsInput => true;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Forward<T>(ReadOnlySpan<T> z, Span<T> destination, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => SiluOperator.Forward(z, destination);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ActivationDerivative.ThrowFromInputOnly("silu");

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BackwardFromInput<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => SiluOperator.BackwardFromInput(z, upstream, destination);
}
