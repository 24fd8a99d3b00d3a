using System.Numerics;
using System.Numerics.Tensors;

namespace FastDense.Kernels;

/// <summary>sigmoid: <c>a = 1 / (1 + e^-z)</c>; derivative from the output, <c>a' = a (1 - a)</c>.</summary>
internal static class SigmoidOperator
{
    public static void Forward<T>(ReadOnlySpan<T> z, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // TensorPrimitives.Sigmoid rejects empty input; an empty batch block is valid here.
        if (!z.IsEmpty) TensorPrimitives.Sigmoid(z, destination);
    }

    /// <summary>destination = upstream ⊙ a ⊙ (1 - a). destination may alias upstream.</summary>
    public static void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<T>.Count <= output.Length; i += Vector<T>.Count)
            {
                var a = new Vector<T>(output.Slice(i));
                (new Vector<T>(upstream.Slice(i)) * a * (Vector<T>.One - a)).CopyTo(destination.Slice(i));
            }
        }
        for (; i < output.Length; i++) destination[i] = upstream[i] * output[i] * (T.One - output[i]);
    }
}
