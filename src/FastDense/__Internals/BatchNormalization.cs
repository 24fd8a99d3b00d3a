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

    /// <summary>
    /// Batch renormalization (Keras's <c>renorm=True</c>). Training: normalize by the batch's statistics, keep them, the
    /// corrections r and d (width) and x̂, and output <c>x̂ · (r · γ) + (d · γ + β)</c>; inference: as <see cref="Forward{T}"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ForwardRenorm<T>(ReadOnlySpan<T> input, Span<T> output, Span<T> normalized, Span<T> batchMean, Span<T> batchVariance, Span<T> inverseStd,
        Span<T> r, Span<T> d, ReadOnlySpan<T> gamma, ReadOnlySpan<T> beta, ReadOnlySpan<T> movingMean, ReadOnlySpan<T> movingVariance,
        ReadOnlySpan<T> renormMean, ReadOnlySpan<T> renormStddev, int rows, int width, double epsilon, double rMin, double rMax, double dMax, in ForwardMode mode)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => BatchNormalizationMath.ForwardRenorm(input, output, normalized, batchMean, batchVariance, inverseStd, r, d, gamma, beta, movingMean, movingVariance,
            renormMean, renormStddev, rows, width, epsilon, rMin, rMax, dMax, mode.IsTraining);

    /// <summary>Batch renormalization's γ and β gradients with r and d held constant; with <paramref name="inputGradient"/>, dLoss/d(input) in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BackwardRenorm<T>(ReadOnlySpan<T> normalized, ReadOnlySpan<T> inverseStd, ReadOnlySpan<T> r, ReadOnlySpan<T> d, ReadOnlySpan<T> gamma,
        Span<T> delta, Span<T> gammaGradient, Span<T> betaGradient, int rows, int width, bool inputGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => BatchNormalizationMath.BackwardRenorm(normalized, inverseStd, r, d, gamma, delta, gammaGradient, betaGradient, rows, width, inputGradient);

    /// <summary>Batch renormalization's moving statistics after an applied step: renorm_mean and renorm_stddev by renorm_momentum, moving_mean and moving_stddev by momentum, moving_variance from moving_stddev.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void UpdateRenorm<T>(Span<T> movingMean, Span<T> movingVariance, Span<T> movingStddev, Span<T> renormMean, Span<T> renormStddev,
        ReadOnlySpan<T> batchMean, ReadOnlySpan<T> batchVariance, double momentum, double renormMomentum, double epsilon)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => BatchNormalizationMath.UpdateRenorm(movingMean, movingVariance, movingStddev, renormMean, renormStddev, batchMean, batchVariance, momentum, renormMomentum, epsilon);

    /// <summary>The square root of each element, in place: moving_stddev and renorm_stddev start at the square root of the moving variance initializer's draws.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SquareRoot<T>(Span<T> tensor)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => BatchNormalizationMath.SquareRoot(tensor);
}
