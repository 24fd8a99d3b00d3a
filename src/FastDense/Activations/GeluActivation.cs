using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;

namespace FastDense.__Internals;

/// <summary>Keras's <c>gelu</c>: z · Φ(z), or its tanh approximation; derivative from the input.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct GeluActivation : IActivation
{
    private readonly bool _approximate;

    /// <summary>The activation with its arguments (generated code passes them as the attribute gives them, Keras's defaults otherwise).</summary>
    /// <param name="approximate">Keras's <c>approximate</c> (false by default): the tanh form.</param>
    public GeluActivation(bool approximate)
    {
        _approximate = approximate;
    }

    /// <inheritdoc />
    public static bool NeedsInput => true;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Forward<T>(ReadOnlySpan<T> z, Span<T> destination, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => GeluOperator.Forward(z, destination, _approximate);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ActivationDerivative.ThrowFromInputOnly("gelu");

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BackwardFromInput<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => GeluOperator.BackwardFromInput(z, upstream, destination, _approximate);
}
