using System.Numerics;
using System.Numerics.Tensors;

namespace FastDense.Kernels;

/// <summary>tanh: <c>a = tanh(z)</c>; derivative from the output, <c>a' = 1 - a²</c>.</summary>
internal static class TanhOperator
{
    public static void Forward<T>(ReadOnlySpan<T> z, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => TensorPrimitives.Tanh(z, destination);

    /// <summary>destination = upstream ⊙ (1 - a²). destination may alias upstream.</summary>
    public static void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<T>.Count <= output.Length; i += Vector<T>.Count)
            {
                var a = new Vector<T>(output.Slice(i));
                (new Vector<T>(upstream.Slice(i)) * (Vector<T>.One - a * a)).CopyTo(destination.Slice(i));
            }
        }
        for (; i < output.Length; i++) destination[i] = upstream[i] * (T.One - output[i] * output[i]);
    }
}
