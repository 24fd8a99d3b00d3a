using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastDense.Kernels;

/// <summary>
/// The functions the activation operators are written in, for one element and for a <see cref="Vector{T}"/> (float
/// and double; the vector exp and log are .NET's). Where a textbook form loses digits (<c>e^x − 1</c> near 0,
/// <c>log(1 + x)</c> for small x, <c>1 + erf(x)</c> for negative x), these keep them: the TensorFlow kernels Keras calls
/// use <c>expm1</c>/<c>log1p</c> there too.
/// </summary>
internal static class ActivationMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Exp<T>(Vector<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) return Vector.As<float, T>(Vector.Exp(Vector.As<T, float>(x)));
        if (typeof(T) == typeof(double)) return Vector.As<double, T>(Vector.Exp(Vector.As<T, double>(x)));
        throw new NotSupportedException($"No vector exp for {typeof(T)}.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Log<T>(Vector<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) return Vector.As<float, T>(Vector.Log(Vector.As<T, float>(x)));
        if (typeof(T) == typeof(double)) return Vector.As<double, T>(Vector.Log(Vector.As<T, double>(x)));
        throw new NotSupportedException($"No vector log for {typeof(T)}.");
    }

    /// <summary>
    /// <c>e^x − 1</c> without the cancellation near 0 (.NET's <c>ExpM1</c> computes <c>Exp(x) − 1</c>): Kahan's
    /// <c>(u − 1) · x / log(u)</c> with <c>u = e^x</c>, whose rounding errors cancel; x itself where u rounds to 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ExpM1<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T u = T.Exp(x);
        if (u == T.One) return x;
        T um1 = u - T.One;
        if (um1 == T.NegativeOne || T.IsPositiveInfinity(u)) return um1;
        return um1 * x / T.Log(u);
    }

    /// <inheritdoc cref="ExpM1{T}(T)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> ExpM1<T>(Vector<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Vector<T> u = Exp(x), um1 = u - Vector<T>.One;
        Vector<T> result = um1 * x / Log(u);
        result = Vector.ConditionalSelect(Vector.Equals(u, Vector<T>.One), x, result);
        Vector<T> saturated = Vector.Equals(um1, new Vector<T>(T.NegativeOne)) | Vector.Equals(u, new Vector<T>(T.PositiveInfinity));
        return Vector.ConditionalSelect(saturated, um1, result);
    }

    /// <summary><c>log(1 + x)</c> without the loss for small x: Kahan's <c>log(u) · x / (u − 1)</c> with <c>u = 1 + x</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T LogP1<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T u = T.One + x;
        if (u == T.One || T.IsPositiveInfinity(u)) return u == T.One ? x : u;
        return T.Log(u) * x / (u - T.One);
    }

    /// <inheritdoc cref="LogP1{T}(T)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> LogP1<T>(Vector<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Vector<T> u = Vector<T>.One + x;
        Vector<T> result = Log(u) * x / (u - Vector<T>.One);
        result = Vector.ConditionalSelect(Vector.Equals(u, Vector<T>.One), x, result);
        return Vector.ConditionalSelect(Vector.Equals(u, new Vector<T>(T.PositiveInfinity)), u, result);
    }

    /// <summary><c>1 / (1 + e^−x)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sigmoid<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.One / (T.One + T.Exp(-x));

    /// <inheritdoc cref="Sigmoid{T}(T)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Sigmoid<T>(Vector<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Vector<T>.One / (Vector<T>.One + Exp(-x));

    /// <summary><c>tanh(x) = −m / (2 + m)</c> with <c>m = e^(−2|x|) − 1</c>, the sign of x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Tanh<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.Tanh(x);

    /// <inheritdoc cref="Tanh{T}(T)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Tanh<T>(Vector<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Vector<T> m = ExpM1(new Vector<T>(T.CreateTruncating(-2)) * Vector.Abs(x));
        return Vector.CopySign(-m / (new Vector<T>(T.CreateTruncating(2)) + m), x);
    }

    /// <summary><c>log(1 + e^x) = max(x, 0) + log(1 + e^−|x|)</c>, which neither overflows nor loses small values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Softplus<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => (x > T.Zero ? x : T.Zero) + LogP1(T.Exp(-T.Abs(x)));

    /// <inheritdoc cref="Softplus{T}(T)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Softplus<T>(Vector<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), x, Vector<T>.Zero) + LogP1(Exp(-Vector.Abs(x)));

    /// <summary>
    /// The complementary error function <c>erfc(x) = 1 − erf(x)</c> in double, to about 1e-15 relative: for
    /// <c>|x| &lt; 2</c>, <c>erf</c> by its series of positive terms <c>(2/√π) e^(−x²) Σ 2ⁿ x^(2n+1) / (1·3···(2n+1))</c>
    /// (from which <c>1 − erf</c> loses at most two or three digits, at x near 2); beyond, Laplace's continued fraction
    /// <c>erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))</c>, evaluated from the top (Lentz).
    /// </summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return x;
        double y = Math.Abs(x);
        if (y < 2)
        {
            double erf = Erf(y);
            return x < 0 ? 1 + erf : 1 - erf;
        }
        double tail = ErfcContinuedFraction(y);
        return x < 0 ? 2 - tail : tail;
    }

    /// <summary>erf(y) for 0 ≤ y &lt; 2, by the series of positive terms.</summary>
    private static double Erf(double y)
    {
        double y2 = y * y, twoY2 = 2 * y2, term = y, sum = y;
        for (int n = 1; n < 200; n++)
        {
            term *= twoY2 / (2 * n + 1);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return 2 / Math.Sqrt(Math.PI) * Math.Exp(-y2) * sum;
    }

    /// <summary>erfc(y) for y ≥ 2: <c>e^(−y²)/√π · 1/(y + a₁/(y + a₂/(y + …)))</c> with <c>a_k = k/2</c>, by the modified Lentz method.</summary>
    private static double ErfcContinuedFraction(double y)
    {
        if (y > 27.3) return 0;   // e^(−y²) is below the smallest double
        const double Tiny = 1e-300;
        double f = y, c = y, d = 0;
        for (int k = 1; k < 500; k++)
        {
            double a = k * 0.5;
            d = y + a * d;
            d = d == 0 ? Tiny : d;
            c = y + a / c;
            c = c == 0 ? Tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return Math.Exp(-y * y) / Math.Sqrt(Math.PI) / f;
    }
}
