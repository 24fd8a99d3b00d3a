using System.Numerics;

namespace FastDense.Kernels;

/// <summary>
/// squareplus: <c>a = (z + √(z² + b)) / 2</c>, as Keras's TensorFlow backend computes it for z ≥ 0 and as the equal
/// <c>b / (2 (√(z² + b) − z))</c> below, where the sum would cancel (for z = −1e4 in float it is 0, the true value
/// 1e-4); derivative from the output (b &gt; 0): <c>(1 + z/√(z² + b)) / 2 = 4a² / (4a² + b)</c>.
/// </summary>
internal static class SquareplusOperator
{
    public static void Forward<T>(ReadOnlySpan<T> z, Span<T> destination, T b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Elementwise.Map(z, destination, new Function<T>(b));

    /// <summary>destination = upstream ⊙ f'(output). destination may alias upstream.</summary>
    public static void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination, T b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Elementwise.Map(output, upstream, destination, new Derivative<T>(b));

    private readonly struct Function<T>(T b) : IElementwiseFunction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T x)
        {
            T root = T.Sqrt(x * x + b), two = T.CreateTruncating(2);
            return x >= T.Zero ? (x + root) / two : b / (two * (root - x));
        }

        public Vector<T> Apply(Vector<T> x)
        {
            var bs = new Vector<T>(b);
            var two = new Vector<T>(T.CreateTruncating(2));
            Vector<T> root = Vector.SquareRoot(x * x + bs);
            return Vector.ConditionalSelect(Vector.GreaterThanOrEqual(x, Vector<T>.Zero), (x + root) / two, bs / (two * (root - x)));
        }
    }

    private readonly struct Derivative<T>(T b) : IElementwiseDerivative<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T a, T upstream)
        {
            T square = T.CreateTruncating(4) * a * a;
            return upstream * (square / (square + b));
        }

        public Vector<T> Apply(Vector<T> a, Vector<T> upstream)
        {
            Vector<T> square = new Vector<T>(T.CreateTruncating(4)) * a * a;
            return upstream * (square / (square + new Vector<T>(b)));
        }
    }
}
