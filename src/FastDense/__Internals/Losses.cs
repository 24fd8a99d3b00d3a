using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;

namespace FastDense.__Internals;

/// <summary>The gradient of the mean loss over a batch with respect to the last layer. p and y are (rows, outputs).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public static class Losses
{
    /// <summary>d = (p - y) / rows: the gradient with respect to the logits of softmax + categorical cross-entropy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SoftmaxCategoricalCrossentropyBackward<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y, Span<T> d, int rows) where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => LossGradients.SoftmaxCategoricalCrossentropy(p, y, d, rows);

    /// <summary>d = (p - y) / (rows · outputs): the gradient with respect to the logits of sigmoid + binary cross-entropy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SigmoidBinaryCrossentropyBackward<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y, Span<T> d, int rows) where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => LossGradients.SigmoidBinaryCrossentropy(p, y, d, rows);

    /// <summary>d = 2 (p - y) / (rows · outputs): the gradient of mean squared error with respect to the output.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MeanSquaredErrorBackward<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y, Span<T> d, int rows) where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => LossGradients.MeanSquaredError(p, y, d, rows);
}
