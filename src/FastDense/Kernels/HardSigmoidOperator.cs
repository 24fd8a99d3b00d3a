using System.Numerics;

namespace FastDense.Kernels;

/// <summary>
/// hard_sigmoid (Keras 3, TensorFlow backend): <c>a = relu6(z + 3) / 6</c>; derivative from the output, <c>1/6</c> where
/// <c>0 &lt; a &lt; 1</c> (relu6's gradient, then the division's), 0 elsewhere.
/// </summary>
internal static class HardSigmoidOperator
{
    public static void Forward<T>(ReadOnlySpan<T> z, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Elementwise.Map(z, destination, default(Function<T>));

    /// <summary>destination = upstream ⊙ f'(output). destination may alias upstream.</summary>
    public static void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Elementwise.Map(output, upstream, destination, default(Derivative<T>));

    /// <summary>relu6(x + 3) / 6.</summary>
    internal static T Of<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Relu6Operator.Clip(x + T.CreateTruncating(3)) / T.CreateTruncating(6);

    /// <inheritdoc cref="Of{T}(T)"/>
    internal static Vector<T> Of<T>(Vector<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Relu6Operator.Clip(x + new Vector<T>(T.CreateTruncating(3))) / new Vector<T>(T.CreateTruncating(6));

    private readonly struct Function<T> : IElementwiseFunction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T x) => Of(x);

        public Vector<T> Apply(Vector<T> x) => Of(x);
    }

    private readonly struct Derivative<T> : IElementwiseDerivative<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T a, T upstream) => a > T.Zero && a < T.One ? upstream / T.CreateTruncating(6) : T.Zero;

        public Vector<T> Apply(Vector<T> a, Vector<T> upstream)
            => (upstream / new Vector<T>(T.CreateTruncating(6))) & Vector.GreaterThan(a, Vector<T>.Zero) & Vector.LessThan(a, Vector<T>.One);
    }
}
