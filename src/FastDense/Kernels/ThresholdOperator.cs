using System.Numerics;

namespace FastDense.Kernels;

/// <summary>
/// threshold: <c>a = z</c> for <c>z &gt; threshold</c>, else <c>default_value</c> (TensorFlow backend's <c>where</c>, so NaN
/// gives default_value); derivative from the input (a default value above the threshold looks like a passed z):
/// 1 where <c>z &gt; threshold</c>, else 0.
/// </summary>
internal static class ThresholdOperator
{
    public static void Forward<T>(ReadOnlySpan<T> z, Span<T> destination, T threshold, T defaultValue)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Elementwise.Map(z, destination, new Function<T>(threshold, defaultValue));

    /// <summary>destination = upstream ⊙ f'(z), from the pre-activation z. destination may alias upstream.</summary>
    public static void BackwardFromInput<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> upstream, Span<T> destination, T threshold)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Elementwise.Map(z, upstream, destination, new Derivative<T>(threshold));

    private readonly struct Function<T>(T threshold, T defaultValue) : IElementwiseFunction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T x) => x > threshold ? x : defaultValue;

        public Vector<T> Apply(Vector<T> x) => Vector.ConditionalSelect(Vector.GreaterThan(x, new Vector<T>(threshold)), x, new Vector<T>(defaultValue));
    }

    private readonly struct Derivative<T>(T threshold) : IElementwiseDerivative<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T x, T upstream) => x > threshold ? upstream : T.Zero;

        public Vector<T> Apply(Vector<T> x, Vector<T> upstream) => upstream & Vector.GreaterThan(x, new Vector<T>(threshold));
    }
}
