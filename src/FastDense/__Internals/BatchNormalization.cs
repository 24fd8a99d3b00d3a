using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Layers;

namespace FastDense.__Internals;

/// <summary>
/// A BatchNormalization layer over a whole batch. Shapes: input, output, normalized, delta (rows, width); gamma, beta,
/// the moving and batch statistics (width); gamma or beta empty when the layer has none (Keras's scale/center false).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public static class BatchNormalization
{
    /// <summary>Training: normalize by the batch's statistics (kept for backward and for the moving averages); inference: by the moving ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Forward<T>(ReadOnlySpan<T> input, Span<T> output, Span<T> normalized, Span<T> batchMean, Span<T> batchVariance, Span<T> inverseStd,
        ReadOnlySpan<T> gamma, ReadOnlySpan<T> beta, ReadOnlySpan<T> movingMean, ReadOnlySpan<T> movingVariance, int rows, int width, double epsilon, in ForwardMode mode)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => BatchNormalizationMath.Forward(input, output, normalized, batchMean, batchVariance, inverseStd, gamma, beta, movingMean, movingVariance, rows, width, epsilon, mode.IsTraining);

    /// <summary>γ and β gradients from dLoss/d(output) in <paramref name="delta"/>; with <paramref name="inputGradient"/>, dLoss/d(input) in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Backward<T>(ReadOnlySpan<T> normalized, ReadOnlySpan<T> inverseStd, ReadOnlySpan<T> gamma, Span<T> delta,
        Span<T> gammaGradient, Span<T> betaGradient, int rows, int width, bool inputGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => BatchNormalizationMath.Backward(normalized, inverseStd, gamma, delta, gammaGradient, betaGradient, rows, width, inputGradient);

    /// <summary>moving = moving · momentum + batch · (1 − momentum), for the mean and the variance.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void UpdateMoving<T>(Span<T> movingMean, Span<T> movingVariance, ReadOnlySpan<T> batchMean, ReadOnlySpan<T> batchVariance, double momentum)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => BatchNormalizationMath.UpdateMoving(movingMean, movingVariance, batchMean, batchVariance, momentum);
}
