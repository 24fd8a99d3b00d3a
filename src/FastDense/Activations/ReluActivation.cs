using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;

namespace FastDense.__Internals;

/// <summary>
/// Keras's <c>relu</c>: max(z, 0); derivative 1 where the output is positive, else 0. <c>default(ReluActivation)</c> is
/// plain relu, the one <see cref="Dense.Forward{T, TActivation}"/> fuses into the product; the constructor gives
/// Keras's arguments (<c>negative_slope</c>, <c>max_value</c>, <c>threshold</c>), which run the product and then
/// the operator's pass.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct ReluActivation : IActivation
{
    private readonly double _negativeSlope, _maxValue, _threshold;
    private readonly bool _withArguments;

    /// <summary>relu with Keras's arguments.</summary>
    /// <param name="negativeSlope">Keras's <c>negative_slope</c> (0 by default), not negative.</param>
    /// <param name="maxValue">Keras's <c>max_value</c>, not negative; +∞ for its default <c>None</c>.</param>
    /// <param name="threshold">Keras's <c>threshold</c> (0 by default), not negative.</param>
    public ReluActivation(double negativeSlope, double maxValue, double threshold)
    {
        _negativeSlope = negativeSlope;
        _maxValue = maxValue;
        _threshold = threshold;
        _withArguments = true;
    }

    /// <summary>Whether this is plain relu (<c>default</c>): the fused kernels compute it.</summary>
    internal bool IsPlain => !_withArguments;

    /// <inheritdoc />
    public static bool NeedsInput => false;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Forward<T>(ReadOnlySpan<T> z, Span<T> destination, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!_withArguments) ReluOperator.Forward(z, destination);
        else ReluOperator.Forward(z, destination, T.CreateTruncating(_negativeSlope), T.CreateTruncating(_maxValue), T.CreateTruncating(_threshold));
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!_withArguments)
        {
            ReluOperator.Backward(output, upstream, destination);
            return;
        }
        // Keras calls leaky_relu when only the slope is given: its gradient at 0 is the slope; every other form's is 0.
        bool leaky = _threshold == 0 && double.IsPositiveInfinity(_maxValue);
        ReluOperator.Backward(output, upstream, destination, T.CreateTruncating(_negativeSlope), T.CreateTruncating(_maxValue),
            leaky ? T.CreateTruncating(_negativeSlope) : T.Zero);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BackwardFromInput<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ActivationDerivative.ThrowFromOutputOnly("relu");
}
