using System.Numerics;

namespace FastDense.Kernels;

/// <summary>
/// sparse_sigmoid: <c>a = 0</c> for <c>z ≤ −1</c>, <c>(z + 1) / 2</c> for <c>−1 &lt; z &lt; 1</c>, 1 for <c>z ≥ 1</c> (NaN
/// passes); derivative from the output: 1/2 where <c>0 &lt; a &lt; 1</c>, else 0.
/// </summary>
internal static class SparseSigmoidOperator
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
        public T Apply(T x) => x <= T.NegativeOne ? T.Zero : x >= T.One ? T.One : T.CreateTruncating(0.5) * (x + T.One);

        public Vector<T> Apply(Vector<T> x)
        {
            Vector<T> middle = new Vector<T>(T.CreateTruncating(0.5)) * (x + Vector<T>.One);
            Vector<T> upper = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(x, Vector<T>.One), Vector<T>.One, middle);
            return Vector.AndNot(upper, Vector.LessThanOrEqual(x, new Vector<T>(T.NegativeOne)));
        }
    }

    private readonly struct Derivative<T> : IElementwiseDerivative<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T a, T upstream) => a > T.Zero && a < T.One ? upstream * T.CreateTruncating(0.5) : T.Zero;

        public Vector<T> Apply(Vector<T> a, Vector<T> upstream)
            => (upstream * new Vector<T>(T.CreateTruncating(0.5))) & Vector.GreaterThan(a, Vector<T>.Zero) & Vector.LessThan(a, Vector<T>.One);
    }
}
