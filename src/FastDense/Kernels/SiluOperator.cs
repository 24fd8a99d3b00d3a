using System.Numerics;

namespace FastDense.Kernels;

/// <summary>
/// silu (swish): <c>a = z · sigmoid(z)</c> (TensorFlow's <c>tf.nn.silu</c>); derivative from the input, as TensorFlow's
/// gradient: <c>s · (1 + z · (1 − s))</c> with <c>s = sigmoid(z)</c>.
/// </summary>
internal static class SiluOperator
{
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
        public T Apply(T x) => x * ActivationMath.Sigmoid(x);

        public Vector<T> Apply(Vector<T> x) => x * ActivationMath.Sigmoid(x);
    }

    private readonly struct Derivative<T> : IElementwiseDerivative<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T x, T upstream)
        {
            T s = ActivationMath.Sigmoid(x);
            return upstream * (s * (T.One + x * (T.One - s)));
        }

        public Vector<T> Apply(Vector<T> x, Vector<T> upstream)
        {
            Vector<T> s = ActivationMath.Sigmoid(x);
            return upstream * (s * (Vector<T>.One + x * (Vector<T>.One - s)));
        }
    }
}
