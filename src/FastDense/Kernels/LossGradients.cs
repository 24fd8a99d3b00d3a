using System.Numerics;
using System.Numerics.Tensors;

namespace FastDense.Kernels;

/// <summary>The arithmetic the losses' gradients share.</summary>
internal static class LossGradients
{
    /// <summary>d = (p − y) · scale, element by element over p's length.</summary>
    public static void ScaledDifference<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y, Span<T> d, T scale)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TensorPrimitives.Subtract(p, y.Slice(0, p.Length), d);
        TensorPrimitives.Multiply(d, scale, d);
    }
}
