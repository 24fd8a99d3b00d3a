using System.Numerics;

namespace FastDense.Kernels;

/// <summary>
/// hard_silu (hard_swish): <c>a = z · hard_sigmoid(z) = z · relu6(z + 3) / 6</c>; derivative from the input (the
/// output is not monotonic), as TensorFlow differentiates the product: <c>hard_sigmoid(z) + z / 6</c> where
/// <c>−3 &lt; z &lt; 3</c>, <c>hard_sigmoid(z)</c> elsewhere (0 below, 1 above).
/// </summary>
internal static class HardSiluOperator
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
        public T Apply(T x) => x * HardSigmoidOperator.Of(x);

        public Vector<T> Apply(Vector<T> x) => x * HardSigmoidOperator.Of(x);
    }

    private readonly struct Derivative<T> : IElementwiseDerivative<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T x, T upstream)
        {
            T shifted = x + T.CreateTruncating(3);
            T slope = shifted > T.Zero && shifted < T.CreateTruncating(6) ? x / T.CreateTruncating(6) : T.Zero;
            return upstream * (HardSigmoidOperator.Of(x) + slope);
        }

        public Vector<T> Apply(Vector<T> x, Vector<T> upstream)
        {
            var six = new Vector<T>(T.CreateTruncating(6));
            Vector<T> shifted = x + new Vector<T>(T.CreateTruncating(3));
            Vector<T> slope = (x / six) & Vector.GreaterThan(shifted, Vector<T>.Zero) & Vector.LessThan(shifted, six);
            return upstream * (HardSigmoidOperator.Of(x) + slope);
        }
    }
}
