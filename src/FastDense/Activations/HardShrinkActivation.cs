using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;

namespace FastDense.__Internals;

/// <summary>Keras's <c>hard_shrink</c>: z where |z| &gt; threshold, else 0; derivative from the output.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct HardShrinkActivation : IActivation
{
    private readonly double _threshold;

    /// <summary>The activation with its arguments (generated code passes them as the attribute gives them, Keras's defaults otherwise).</summary>
    /// <param name="threshold">Keras's <c>threshold</c> (0.5 by default), not negative.</param>
    public HardShrinkActivation(double threshold)
    {
        _threshold = threshold;
    }

    /// <inheritdoc />
    public static bool NeedsInput => false;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Forward<T>(ReadOnlySpan<T> z, Span<T> destination, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => HardShrinkOperator.Forward(z, destination, T.CreateTruncating(_threshold));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => HardShrinkOperator.Backward(output, upstream, destination);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BackwardFromInput<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ActivationDerivative.ThrowFromOutputOnly("hard_shrink");
}
