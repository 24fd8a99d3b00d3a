using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;

namespace FastDense.__Internals;

/// <summary>Keras's <c>leaky_relu</c>: z for z &gt; 0, else negative_slope · z; derivative from the output.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct LeakyReluActivation : IActivation
{
    private readonly double _negativeSlope;

    /// <summary>The activation with its arguments (generated code passes them as the attribute gives them, Keras's defaults otherwise).</summary>
    /// <param name="negativeSlope">Keras's <c>negative_slope</c> (0.2 by default), not negative.</param>
    public LeakyReluActivation(double negativeSlope)
    {
        _negativeSlope = negativeSlope;
    }

    /// <inheritdoc />
    public static bool NeedsInput => false;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Forward<T>(ReadOnlySpan<T> z, Span<T> destination, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => LeakyReluOperator.Forward(z, destination, T.CreateTruncating(_negativeSlope));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => LeakyReluOperator.Backward(output, upstream, destination, T.CreateTruncating(_negativeSlope));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BackwardFromInput<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ActivationDerivative.ThrowFromOutputOnly("leaky_relu");
}
