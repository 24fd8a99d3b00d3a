using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;

namespace FastDense.__Internals;

/// <summary>Keras's <c>squareplus</c>: (z + √(z² + b)) / 2; derivative from the output, 4a² / (4a² + b).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct SquareplusActivation : IActivation
{
    private readonly double _b;

    /// <summary>The activation with its arguments (generated code passes them as the attribute gives them, Keras's defaults otherwise).</summary>
    /// <param name="b">Keras's <c>b</c> (4 by default), positive.</param>
    public SquareplusActivation(double b)
    {
        _b = b;
    }

    /// <inheritdoc />
    public static bool NeedsInput => false;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Forward<T>(ReadOnlySpan<T> z, Span<T> destination, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => SquareplusOperator.Forward(z, destination, T.CreateTruncating(_b));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => SquareplusOperator.Backward(output, upstream, destination, T.CreateTruncating(_b));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BackwardFromInput<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ActivationDerivative.ThrowFromOutputOnly("squareplus");
}
