using System.Numerics;

namespace FastDense.Kernels;

/// <summary>
/// tanh_shrink: <c>a = z − tanh(z)</c>; derivative from the input (the output determines z only through an inverse
/// without a closed form): <c>tanh(z)²</c>.
/// </summary>
internal static class TanhShrinkOperator
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
        public T Apply(T x) => x - ActivationMath.Tanh(x);

        public Vector<T> Apply(Vector<T> x) => x - ActivationMath.Tanh(x);
    }

    private readonly struct Derivative<T> : IElementwiseDerivative<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T x, T upstream)
        {
            T t = ActivationMath.Tanh(x);
            return upstream * (t * t);
        }

        public Vector<T> Apply(Vector<T> x, Vector<T> upstream)
        {
            Vector<T> t = ActivationMath.Tanh(x);
            return upstream * (t * t);
        }
    }
}
