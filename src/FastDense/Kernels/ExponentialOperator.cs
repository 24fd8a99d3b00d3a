using System.Numerics;
using System.Numerics.Tensors;

namespace FastDense.Kernels;

/// <summary>exponential: <c>a = e^z</c>; derivative from the output, <c>a</c> itself.</summary>
internal static class ExponentialOperator
{
    public static void Forward<T>(ReadOnlySpan<T> z, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (destination.Length < z.Length) ThrowHelper.ThrowDestinationTooShort(nameof(destination), destination.Length, z.Length);
        if (!z.IsEmpty) TensorPrimitives.Exp(z, destination);
    }

    /// <summary>destination = upstream ⊙ a. destination may alias upstream.</summary>
    public static void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Elementwise.Map(output, upstream, destination, default(Derivative<T>));

    private readonly struct Derivative<T> : IElementwiseDerivative<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T a, T upstream) => upstream * a;

        public Vector<T> Apply(Vector<T> a, Vector<T> upstream) => upstream * a;
    }
}
