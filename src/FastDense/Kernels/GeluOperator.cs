using System.Numerics;

namespace FastDense.Kernels;

/// <summary>
/// gelu (TensorFlow's <c>tf.nn.gelu</c>, which Keras's TensorFlow backend calls). Exact: <c>a = z/2 · (1 + erf(z/√2))
/// = z · Φ(z)</c>, computed as <c>z/2 · erfc(−z/√2)</c> (the same for z ≥ 0, and without <c>1 + erf</c>'s cancellation
/// below); derivative from the input, <c>Φ(z) + z · φ(z)</c> with <c>φ(z) = e^(−z²/2)/√(2π)</c>. Approximate:
/// <c>a = z/2 · (1 + tanh(u)) = z · sigmoid(2u)</c>, <c>u = √(2/π) · (z + 0.044715 z³)</c>; derivative
/// <c>s + z · 2s(1 − s) · u'</c> with <c>s = sigmoid(2u)</c>, <c>u' = √(2/π) · (1 + 3 · 0.044715 z²)</c>.
/// </summary>
/// <remarks>
/// The exact form runs element by element in double (.NET has no vector erf: <see cref="ActivationMath.Erfc"/>); the
/// approximate one in vector registers.
/// </remarks>
internal static class GeluOperator
{
    private const double Sqrt2 = 1.4142135623730951;                 // TensorFlow's divisor
    private const double InverseSqrt2Pi = 0.3989422804014327;       // 1/√(2π)
    private const double SqrtTwoOverPi = 0.7978845608028654;        // TensorFlow's √(2/π)
    private const double Coefficient = 0.044715;

    public static void Forward<T>(ReadOnlySpan<T> z, Span<T> destination, bool approximate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (approximate)
        {
            Elementwise.Map(z, destination, default(ApproximateFunction<T>));
            return;
        }
        if (destination.Length < z.Length) ThrowHelper.ThrowDestinationTooShort(nameof(destination), destination.Length, z.Length);
        for (int i = 0; i < z.Length; i++)
        {
            double x = double.CreateTruncating(z[i]);
            destination[i] = T.CreateTruncating(0.5 * x * ActivationMath.Erfc(-x / Sqrt2));
        }
    }

    /// <summary>destination = upstream ⊙ f'(z), from the pre-activation z. destination may alias upstream.</summary>
    public static void BackwardFromInput<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> upstream, Span<T> destination, bool approximate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (approximate)
        {
            Elementwise.Map(z, upstream, destination, default(ApproximateDerivative<T>));
            return;
        }
        if (upstream.Length < z.Length) ThrowHelper.ThrowDestinationTooShort(nameof(upstream), upstream.Length, z.Length);
        if (destination.Length < z.Length) ThrowHelper.ThrowDestinationTooShort(nameof(destination), destination.Length, z.Length);
        for (int i = 0; i < z.Length; i++)
        {
            double x = double.CreateTruncating(z[i]);
            destination[i] = upstream[i] * T.CreateTruncating(Phi(x) + x * InverseSqrt2Pi * Math.Exp(-0.5 * x * x));
        }
    }

    /// <summary>Φ(x), the standard normal distribution function: erfc(−x/√2) / 2.</summary>
    private static double Phi(double x) => 0.5 * ActivationMath.Erfc(-x / Sqrt2);

    private readonly struct ApproximateFunction<T> : IElementwiseFunction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T x)
        {
            T u = T.CreateTruncating(SqrtTwoOverPi) * (x + T.CreateTruncating(Coefficient) * x * x * x);
            return x * ActivationMath.Sigmoid(u + u);
        }

        public Vector<T> Apply(Vector<T> x)
        {
            Vector<T> u = new Vector<T>(T.CreateTruncating(SqrtTwoOverPi)) * (x + new Vector<T>(T.CreateTruncating(Coefficient)) * x * x * x);
            return x * ActivationMath.Sigmoid(u + u);
        }
    }

    private readonly struct ApproximateDerivative<T> : IElementwiseDerivative<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T x, T upstream)
        {
            T c = T.CreateTruncating(SqrtTwoOverPi), k = T.CreateTruncating(Coefficient);
            T u = c * (x + k * x * x * x);
            T s = ActivationMath.Sigmoid(u + u), slope = s * (T.One - s);
            // Where the sigmoid saturates, s(1 − s) is 0 and u' may be infinite: the derivative is s.
            if (slope == T.Zero) return upstream * s;
            T du = c * (T.One + T.CreateTruncating(3) * k * x * x);
            return upstream * (s + x * (slope + slope) * du);
        }

        public Vector<T> Apply(Vector<T> x, Vector<T> upstream)
        {
            var c = new Vector<T>(T.CreateTruncating(SqrtTwoOverPi));
            var k = new Vector<T>(T.CreateTruncating(Coefficient));
            Vector<T> u = c * (x + k * x * x * x);
            Vector<T> s = ActivationMath.Sigmoid(u + u), slope = s * (Vector<T>.One - s);
            Vector<T> du = c * (Vector<T>.One + new Vector<T>(T.CreateTruncating(3)) * k * x * x);
            Vector<T> derivative = Vector.ConditionalSelect(Vector.Equals(slope, Vector<T>.Zero), s, s + x * (slope + slope) * du);
            return upstream * derivative;
        }
    }
}
