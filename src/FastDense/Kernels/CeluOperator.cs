using System.Numerics;

namespace FastDense.Kernels;

/// <summary>
/// celu: <c>a = max(z, 0) + alpha · (e^(min(z, 0) / alpha) − 1)</c> (TensorFlow backend, with expm1), that is z for
/// <c>z &gt; 0</c> and <c>alpha · expm1(z / alpha)</c> otherwise; derivative from the output (alpha &gt; 0): 1 where
/// <c>a &gt; 0</c>, else <c>e^(z / alpha) = a / alpha + 1</c> (1 at z = 0, where both sides meet).
/// </summary>
internal static class CeluOperator
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
        public T Apply(T x) => x > T.Zero ? x : alpha * ActivationMath.ExpM1(x / alpha);

        public Vector<T> Apply(Vector<T> x)
        {
            var a = new Vector<T>(alpha);
            return Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), x, a * ActivationMath.ExpM1(x / a));
        }
    }

    private readonly struct Derivative<T>(T alpha) : IElementwiseDerivative<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T a, T upstream) => a > T.Zero ? upstream : upstream * (a / alpha + T.One);

        public Vector<T> Apply(Vector<T> a, Vector<T> upstream)
            => Vector.ConditionalSelect(Vector.GreaterThan(a, Vector<T>.Zero), upstream, upstream * (a / new Vector<T>(alpha) + Vector<T>.One));
    }
}
