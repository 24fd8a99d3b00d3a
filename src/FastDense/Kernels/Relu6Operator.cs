using System.Numerics;

namespace FastDense.Kernels;

/// <summary>
/// relu6: <c>a = min(max(z, 0), 6)</c> (NaN passes, as relu's); derivative from the output, 1 where <c>0 &lt; a &lt; 6</c>
/// (TensorFlow's <c>Relu6Grad</c>: 0 at both kinks).
/// </summary>
internal static class Relu6Operator
{
    public static void Forward<T>(ReadOnlySpan<T> z, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Elementwise.Map(z, destination, default(Function<T>));

    /// <summary>destination = upstream ⊙ f'(output). destination may alias upstream.</summary>
    public static void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Elementwise.Map(output, upstream, destination, default(Derivative<T>));

    /// <summary>min(max(x, 0), 6), NaN passing through.</summary>
    internal static T Clip<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T six = T.CreateTruncating(6);
        return x < T.Zero ? T.Zero : x > six ? six : x;
    }

    /// <inheritdoc cref="Clip{T}(T)"/>
    internal static Vector<T> Clip<T>(Vector<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var six = new Vector<T>(T.CreateTruncating(6));
        return Vector.ConditionalSelect(Vector.LessThan(x, Vector<T>.Zero), Vector<T>.Zero, Vector.ConditionalSelect(Vector.GreaterThan(x, six), six, x));
    }

    private readonly struct Function<T> : IElementwiseFunction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T x) => Clip(x);

        public Vector<T> Apply(Vector<T> x) => Clip(x);
    }

    private readonly struct Derivative<T> : IElementwiseDerivative<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T a, T upstream) => a > T.Zero && a < T.CreateTruncating(6) ? upstream : T.Zero;

        public Vector<T> Apply(Vector<T> a, Vector<T> upstream)
            => upstream & Vector.GreaterThan(a, Vector<T>.Zero) & Vector.LessThan(a, new Vector<T>(T.CreateTruncating(6)));
    }
}
