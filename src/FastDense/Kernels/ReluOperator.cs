using System.Numerics;
using System.Numerics.Tensors;

namespace FastDense.Kernels;

/// <summary>relu: <c>a = max(z, 0)</c>; derivative from the output, <c>a' = 1 if a &gt; 0 else 0</c>.</summary>
internal static class ReluOperator
{
    public static void Forward<T>(ReadOnlySpan<T> z, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => TensorPrimitives.Max(z, T.Zero, destination);

    /// <summary>destination = upstream ⊙ relu'(output). destination may alias upstream.</summary>
    public static void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<T>.Count <= output.Length; i += Vector<T>.Count)
            {
                Vector<T> mask = Vector.GreaterThan(new Vector<T>(output.Slice(i)), Vector<T>.Zero);
                Vector.ConditionalSelect(mask, new Vector<T>(upstream.Slice(i)), Vector<T>.Zero).CopyTo(destination.Slice(i));
            }
        }
        for (; i < output.Length; i++) destination[i] = output[i] > T.Zero ? upstream[i] : T.Zero;
    }
}
