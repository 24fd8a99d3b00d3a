using System.Numerics;

namespace FastDense.Kernels;

/// <summary>
/// log_sigmoid: <c>a = log(sigmoid(z)) = −softplus(−z)</c> (TensorFlow's <c>log_sigmoid</c>); derivative from the output:
/// <c>sigmoid(−z) = 1 − e^a = −expm1(a)</c>.
/// </summary>
internal static class LogSigmoidOperator
{
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
        public T Apply(T x) => -ActivationMath.Softplus(-x);

        public Vector<T> Apply(Vector<T> x) => -ActivationMath.Softplus(-x);
    }

    private readonly struct Derivative<T> : IElementwiseDerivative<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T a, T upstream) => upstream * -ActivationMath.ExpM1(a);

        public Vector<T> Apply(Vector<T> a, Vector<T> upstream) => upstream * -ActivationMath.ExpM1(a);
    }
}
