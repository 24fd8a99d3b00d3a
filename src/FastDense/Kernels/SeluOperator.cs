using System.Numerics;

namespace FastDense.Kernels;

/// <summary>
/// selu: <c>a = scale · z</c> for <c>z &gt; 0</c>, else <c>scale · alpha · (e^z − 1)</c>, with TensorFlow's constants
/// (<c>Selu</c>: scale 1.0507009873554804934193349852946, scale · alpha 1.7580993408473768599402175208123); derivative
/// from the output as TensorFlow's <c>SeluGrad</c>: <c>a + scale · alpha</c> where <c>a &lt; 0</c>, else scale.
/// </summary>
internal static class SeluOperator
{
    /// <summary>TensorFlow's <c>scale</c>.</summary>
    public const double Scale = 1.0507009873554804934193349852946;

    /// <summary>TensorFlow's <c>scale_alpha</c> (scale times alpha = 1.6732632423543772848170429916717).</summary>
    public const double ScaleAlpha = 1.7580993408473768599402175208123;

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
        public T Apply(T x) => x > T.Zero ? T.CreateTruncating(Scale) * x : T.CreateTruncating(ScaleAlpha) * ActivationMath.ExpM1(x);

        public Vector<T> Apply(Vector<T> x)
            => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), new Vector<T>(T.CreateTruncating(Scale)) * x,
                new Vector<T>(T.CreateTruncating(ScaleAlpha)) * ActivationMath.ExpM1(x));
    }

    private readonly struct Derivative<T> : IElementwiseDerivative<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T a, T upstream) => a < T.Zero ? upstream * (a + T.CreateTruncating(ScaleAlpha)) : upstream * T.CreateTruncating(Scale);

        public Vector<T> Apply(Vector<T> a, Vector<T> upstream)
            => Vector.ConditionalSelect(Vector.LessThan(a, Vector<T>.Zero), upstream * (a + new Vector<T>(T.CreateTruncating(ScaleAlpha))),
                upstream * new Vector<T>(T.CreateTruncating(Scale)));
    }
}
