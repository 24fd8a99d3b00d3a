using System.Numerics;
using System.Numerics.Tensors;

namespace FastDense.Kernels;

/// <summary>
/// softmax over each row: <c>a_i = e^(z_i - max z) / Σ_j e^(z_j - max z)</c> (the max is subtracted for numerical
/// stability; TensorPrimitives does it). Its backward is always fused with categorical cross-entropy (see
/// <see cref="LossGradients"/>), so there is no standalone derivative here.
/// </summary>
internal static class SoftmaxOperator
{
    public static void ForwardRows<T>(ReadOnlySpan<T> z, Span<T> destination, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int start = 0; start + columns <= z.Length; start += columns)
        {
            TensorPrimitives.SoftMax(z.Slice(start, columns), destination.Slice(start, columns));
        }
    }
}
