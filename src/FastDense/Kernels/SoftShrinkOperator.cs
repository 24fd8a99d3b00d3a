using System.Numerics;

namespace FastDense.Kernels;

/// <summary>
/// soft_shrink: <c>a = z − threshold</c> for <c>z &gt; threshold</c>, <c>z + threshold</c> for <c>z &lt; −threshold</c>, else 0
/// (TensorFlow backend's <c>where</c>s, so NaN gives 0); derivative from the output (threshold ≥ 0): 1 where <c>a ≠ 0</c>,
/// else 0 (0 at z = ±threshold, as the <c>where</c>s' gradient).
/// </summary>
internal static class SoftShrinkOperator
{
    public static void Forward<T>(ReadOnlySpan<T> z, Span<T> destination, T threshold)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Elementwise.Map(z, destination, new Function<T>(threshold));

    /// <summary>destination = upstream ⊙ f'(output). destination may alias upstream.</summary>
    public static void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Elementwise.Map(output, upstream, destination, default(NonZeroDerivative<T>));

    private readonly struct Function<T>(T threshold) : IElementwiseFunction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T x) => x > threshold ? x - threshold : x < -threshold ? x + threshold : T.Zero;

        public Vector<T> Apply(Vector<T> x)
        {
            var t = new Vector<T>(threshold);
            return Vector.ConditionalSelect(Vector.GreaterThan(x, t), x - t, (x + t) & Vector.LessThan(x, -t));
        }
    }

    /// <summary>1 where the output is not 0 (the shrinks' derivative: they pass z shifted or as it is, else 0).</summary>
    internal readonly struct NonZeroDerivative<T> : IElementwiseDerivative<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T a, T upstream) => a != T.Zero ? upstream : T.Zero;

        public Vector<T> Apply(Vector<T> a, Vector<T> upstream) => Vector.AndNot(upstream, Vector.Equals(a, Vector<T>.Zero));
    }
}
