using System.Numerics;

namespace FastDense.Kernels;

/// <summary>
/// elu: <c>a = z</c> for <c>z &gt; 0</c>, else <c>alpha · (e^z − 1)</c> (expm1, which keeps small z; TensorFlow's
/// <c>Elu</c>, and Keras's <c>where(x &gt; 0, elu, alpha · elu)</c> for alpha ≠ 1); derivative from the output (alpha &gt; 0, so
/// a &gt; 0 exactly where z &gt; 0): 1 where <c>a &gt; 0</c>, else <c>alpha · e^z = a + alpha</c> (TensorFlow's <c>EluGrad</c> from
/// the output).
/// </summary>
internal static class EluOperator
{
    public static void Forward<T>(ReadOnlySpan<T> z, Span<T> destination, T alpha)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Elementwise.Map(z, destination, new Function<T>(alpha));

    /// <summary>destination = upstream ⊙ f'(output). destination may alias upstream.</summary>
    public static void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination, T alpha)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Elementwise.Map(output, upstream, destination, new Derivative<T>(alpha));

    private readonly struct Function<T>(T alpha) : IElementwiseFunction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T x) => x > T.Zero ? x : alpha * ActivationMath.ExpM1(x);

        public Vector<T> Apply(Vector<T> x)
            => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), x, new Vector<T>(alpha) * ActivationMath.ExpM1(x));
    }

    private readonly struct Derivative<T>(T alpha) : IElementwiseDerivative<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T a, T upstream) => a > T.Zero ? upstream : upstream * (a + alpha);

        public Vector<T> Apply(Vector<T> a, Vector<T> upstream)
            => Vector.ConditionalSelect(Vector.GreaterThan(a, Vector<T>.Zero), upstream, upstream * (a + new Vector<T>(alpha)));
    }
}
