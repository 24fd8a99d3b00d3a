using System.Numerics;

namespace FastDense.Kernels;

/// <summary>softsign: <c>a = z / (|z| + 1)</c>; derivative from the output: <c>1 / (1 + |z|)² = (1 − |a|)²</c>.</summary>
internal static class SoftsignOperator
{
    public static void Forward<T>(ReadOnlySpan<T> z, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Elementwise.Map(z, destination, default(Function<T>));

    /// <summary>destination = upstream ⊙ f'(output). destination may alias upstream.</summary>
    public static void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Elementwise.Map(output, upstream, destination, default(Derivative<T>));

    private readonly struct Function<T> : IElementwiseFunction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T x) => x / (T.Abs(x) + T.One);

        public Vector<T> Apply(Vector<T> x) => x / (Vector.Abs(x) + Vector<T>.One);
    }

    private readonly struct Derivative<T> : IElementwiseDerivative<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T a, T upstream)
        {
            T r = T.One - T.Abs(a);
            return upstream * (r * r);
        }

        public Vector<T> Apply(Vector<T> a, Vector<T> upstream)
        {
            Vector<T> r = Vector<T>.One - Vector.Abs(a);
            return upstream * (r * r);
        }
    }
}
