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
        int length = z.Length - z.Length % columns;
        if (length == 0) return;
        // Three passes over the whole block instead of four TensorPrimitives calls per row: a row of an output layer
        // is often shorter than one vector (10 classes), where a call's overhead outweighs its work.
        for (int start = 0; start < length; start += columns)
        {
            ReadOnlySpan<T> row = z.Slice(start, columns);
            Span<T> output = destination.Slice(start, columns);
            T max = row[0];
            for (int c = 1; c < columns; c++) max = T.Max(max, row[c]);
            for (int c = 0; c < columns; c++) output[c] = row[c] - max;
        }
        TensorPrimitives.Exp(destination.Slice(0, length), destination.Slice(0, length));
        for (int start = 0; start < length; start += columns)
        {
            Span<T> output = destination.Slice(start, columns);
            T sum = T.Zero;
            for (int c = 0; c < columns; c++) sum += output[c];
            T scale = T.One / sum;
            for (int c = 0; c < columns; c++) output[c] *= scale;
        }
    }
}
