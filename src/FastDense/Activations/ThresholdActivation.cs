using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;

namespace FastDense.__Internals;

/// <summary>Keras's <c>threshold</c>: z where z &gt; threshold, else default_value; derivative from the input.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct ThresholdActivation : IActivation
{
    private readonly double _threshold;
    private readonly double _defaultValue;

    /// <summary>The activation with its arguments (generated code passes them as the attribute gives them, Keras's defaults otherwise).</summary>
    /// <param name="threshold">Keras's <c>threshold</c>.</param>
    /// <param name="defaultValue">Keras's <c>default_value</c>.</param>
    public ThresholdActivation(double threshold, double defaultValue)
    {
        _threshold = threshold;
        _defaultValue = defaultValue;
    }

    /// <inheritdoc />
    public static bool NeedsInput => true;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Forward<T>(ReadOnlySpan<T> z, Span<T> destination, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ThresholdOperator.Forward(z, destination, T.CreateTruncating(_threshold), T.CreateTruncating(_defaultValue));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ActivationDerivative.ThrowFromInputOnly("threshold");

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BackwardFromInput<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ThresholdOperator.BackwardFromInput(z, upstream, destination, T.CreateTruncating(_threshold));
}
