using System.Numerics;

namespace FastDense.Kernels;

/// <summary>
/// Gradients of the mean loss over a batch with respect to the last layer: (rows, outputs) blocks. The two
/// cross-entropies are fused with their output activation, so what they return is the gradient with respect to the
/// pre-activation (the logits): the softmax/sigmoid Jacobian cancels against the log, leaving <c>p - y</c>.
/// </summary>
internal static class LossGradients
{
    /// <summary>d = (p - y) / rows: softmax then categorical cross-entropy, mean over rows.</summary>
    public static void SoftmaxCategoricalCrossentropy<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y, Span<T> d, int rows)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ScaledDifference(p, y, d, T.One / T.CreateTruncating(rows));

    /// <summary>d = (p - y) / (rows · outputs): sigmoid then binary cross-entropy, mean over outputs and rows.</summary>
    public static void SigmoidBinaryCrossentropy<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y, Span<T> d, int rows)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ScaledDifference(p, y, d, T.One / T.CreateTruncating(p.Length));

    /// <summary>d = 2 (p - y) / (rows · outputs): mean squared error with respect to the output (not the pre-activation).</summary>
    public static void MeanSquaredError<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y, Span<T> d, int rows)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ScaledDifference(p, y, d, T.CreateTruncating(2) / T.CreateTruncating(p.Length));

    private static void ScaledDifference<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y, Span<T> d, T scale)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        System.Numerics.Tensors.TensorPrimitives.Subtract(p, y.Slice(0, p.Length), d);
        System.Numerics.Tensors.TensorPrimitives.Multiply(d, scale, d);
    }
}
