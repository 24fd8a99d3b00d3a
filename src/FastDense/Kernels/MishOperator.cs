using System.Numerics;

namespace FastDense.Kernels;

/// <summary>
/// mish: <c>a = z · tanh(softplus(z))</c> (Keras's <c>Mish</c>), computed from one exponential: with <c>n = e^z</c> and
/// <c>p = n (n + 2)</c>, <c>tanh(softplus(z)) = p / (p + 2)</c>, which is 1 to the last bit of a double above z = 30;
/// derivative from the input, <c>t + z · (1 − t²) · sigmoid(z)</c> with <c>t = p / (p + 2)</c>, <c>1 − t = 2 / (p + 2)</c>
/// and <c>sigmoid(z) = n / (1 + n)</c> (1 above z = 30).
/// </summary>
internal static class MishOperator
{
    /// <summary>Above this, t and the derivative are 1 in double, and p would overflow a float not far beyond.</summary>
    private const int Saturation = 30;

    public static void Forward<T>(ReadOnlySpan<T> z, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Elementwise.Map(z, destination, default(Function<T>));

    /// <summary>destination = upstream ⊙ f'(z), from the pre-activation z. destination may alias upstream.</summary>
    public static void BackwardFromInput<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Elementwise.Map(z, upstream, destination, default(Derivative<T>));

    private readonly struct Function<T> : IElementwiseFunction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T x)
        {
            if (x > T.CreateTruncating(Saturation)) return x;
            T n = T.Exp(x), p = n * (n + T.CreateTruncating(2));
            return x * (p / (p + T.CreateTruncating(2)));
        }

        public Vector<T> Apply(Vector<T> x)
        {
            var two = new Vector<T>(T.CreateTruncating(2));
            Vector<T> n = ActivationMath.Exp(x), p = n * (n + two);
            return Vector.ConditionalSelect(Vector.GreaterThan(x, new Vector<T>(T.CreateTruncating(Saturation))), x, x * (p / (p + two)));
        }
    }

    private readonly struct Derivative<T> : IElementwiseDerivative<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T x, T upstream)
        {
            if (x > T.CreateTruncating(Saturation)) return upstream;
            T two = T.CreateTruncating(2);
            T n = T.Exp(x), p = n * (n + two), t = p / (p + two), oneMinusT = two / (p + two);
            return upstream * (t + x * oneMinusT * (T.One + t) * (n / (T.One + n)));
        }

        public Vector<T> Apply(Vector<T> x, Vector<T> upstream)
        {
            var two = new Vector<T>(T.CreateTruncating(2));
            Vector<T> n = ActivationMath.Exp(x), p = n * (n + two), t = p / (p + two), oneMinusT = two / (p + two);
            Vector<T> derivative = t + x * oneMinusT * (Vector<T>.One + t) * (n / (Vector<T>.One + n));
            return Vector.ConditionalSelect(Vector.GreaterThan(x, new Vector<T>(T.CreateTruncating(Saturation))), upstream, upstream * derivative);
        }
    }
}
