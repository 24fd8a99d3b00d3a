using System.Numerics;
using System.Numerics.Tensors;

namespace FastDense.Kernels;

/// <summary>
/// softmax over each row: <c>a_i = e^(z_i - max z) / Σ_j e^(z_j - max z)</c>. Subtracting the row's max keeps e^z
/// finite for any logits (TensorPrimitives.SoftMax does not subtract it and returns NaN for logits near 89 in float,
/// which raw-pixel inputs reach; ActivationOperatorTests covers it). Its backward is always fused with categorical
/// cross-entropy (see <see cref="LossGradients"/>), so there is no standalone derivative here.
/// </summary>
internal static class SoftmaxOperator
{
    public static void ForwardRows<T>(ReadOnlySpan<T> z, Span<T> destination, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int start = 0; start + columns <= z.Length; start += columns)
        {
            ReadOnlySpan<T> row = z.Slice(start, columns);
            Span<T> output = destination.Slice(start, columns);
            T max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, output);
            TensorPrimitives.Exp(output, output);
            TensorPrimitives.Divide(output, TensorPrimitives.Sum<T>(output), output);
        }
    }
}
