using System.Numerics;

namespace FastDense.Kernels;

/// <summary>
/// hard_tanh: <c>a = min(max(z, −1), 1)</c> (NaN passes); derivative from the output, 1 where <c>|a| &lt; 1</c>
/// (TensorFlow's <c>clip_by_value</c> also passes the gradient at exactly z = ±1, which the output cannot tell apart
/// from the saturated side).
/// </summary>
internal static class HardTanhOperator
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
        public T Apply(T x) => x < T.NegativeOne ? T.NegativeOne : x > T.One ? T.One : x;

        public Vector<T> Apply(Vector<T> x)
        {
            var minusOne = new Vector<T>(T.NegativeOne);
            return Vector.ConditionalSelect(Vector.LessThan(x, minusOne), minusOne, Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.One), Vector<T>.One, x));
        }
    }

    private readonly struct Derivative<T> : IElementwiseDerivative<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T a, T upstream) => T.Abs(a) < T.One ? upstream : T.Zero;

        public Vector<T> Apply(Vector<T> a, Vector<T> upstream) => upstream & Vector.LessThan(Vector.Abs(a), Vector<T>.One);
    }
}
