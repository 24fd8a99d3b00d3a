using System.Numerics;

namespace FastDense.Kernels;

/// <summary>
/// leaky_relu: <c>a = z</c> for <c>z &gt; 0</c>, else <c>negative_slope · z</c> (TensorFlow's <c>LeakyRelu</c>, which Keras's
/// <c>leaky_relu</c> calls); derivative from the output (the slope is not negative, so a &gt; 0 exactly where z &gt; 0):
/// 1 where <c>a &gt; 0</c>, else <c>negative_slope</c> (at z = 0 too, as TensorFlow's <c>LeakyReluGrad</c>).
/// </summary>
internal static class LeakyReluOperator
{
    public static void Forward<T>(ReadOnlySpan<T> z, Span<T> destination, T negativeSlope)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Elementwise.Map(z, destination, new Function<T>(negativeSlope));

    /// <summary>destination = upstream ⊙ f'(output). destination may alias upstream.</summary>
    public static void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination, T negativeSlope)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Elementwise.Map(output, upstream, destination, new Derivative<T>(negativeSlope));

    private readonly struct Function<T>(T slope) : IElementwiseFunction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T x) => x > T.Zero ? x : slope * x;

        public Vector<T> Apply(Vector<T> x) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), x, new Vector<T>(slope) * x);
    }

    private readonly struct Derivative<T>(T slope) : IElementwiseDerivative<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T a, T upstream) => a > T.Zero ? upstream : upstream * slope;

        public Vector<T> Apply(Vector<T> a, Vector<T> upstream)
            => Vector.ConditionalSelect(Vector.GreaterThan(a, Vector<T>.Zero), upstream, upstream * new Vector<T>(slope));
    }
}
