using System.Numerics;

namespace FastDense.Kernels;

/// <summary>
/// sparse_plus: <c>a = 0</c> for <c>z ≤ −1</c>, <c>(z + 1)² / 4</c> for <c>−1 &lt; z &lt; 1</c>, <c>z</c> for <c>z ≥ 1</c>;
/// derivative from the output: <c>(z + 1) / 2 = √a</c> in the middle, 0 below and 1 above, that is <c>min(√a, 1)</c>.
/// </summary>
internal static class SparsePlusOperator
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
        public T Apply(T x)
        {
            if (x <= T.NegativeOne) return T.Zero;
            if (!(x < T.One)) return x;
            T shifted = x + T.One;
            return T.CreateTruncating(0.25) * (shifted * shifted);
        }

        public Vector<T> Apply(Vector<T> x)
        {
            Vector<T> shifted = x + Vector<T>.One;
            Vector<T> middle = new Vector<T>(T.CreateTruncating(0.25)) * (shifted * shifted);
            Vector<T> upper = Vector.ConditionalSelect(Vector.LessThan(x, Vector<T>.One), middle, x);
            return Vector.AndNot(upper, Vector.LessThanOrEqual(x, new Vector<T>(T.NegativeOne)));
        }
    }

    private readonly struct Derivative<T> : IElementwiseDerivative<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T a, T upstream)
        {
            T root = T.Sqrt(a);
            return upstream * (root < T.One ? root : T.One);
        }

        public Vector<T> Apply(Vector<T> a, Vector<T> upstream)
        {
            Vector<T> root = Vector.SquareRoot(a);
            return upstream * Vector.ConditionalSelect(Vector.LessThan(root, Vector<T>.One), root, Vector<T>.One);
        }
    }
}
