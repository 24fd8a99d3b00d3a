using System.Numerics;

namespace FastDense.Kernels;

/// <summary>
/// hard_shrink: <c>a = z</c> for <c>|z| &gt; threshold</c>, else 0 (TensorFlow backend's <c>where</c>, so NaN gives 0);
/// derivative from the output (threshold ≥ 0): 1 where <c>a ≠ 0</c>, else 0.
/// </summary>
internal static class HardShrinkOperator
{
    public static void Forward<T>(ReadOnlySpan<T> z, Span<T> destination, T threshold)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Elementwise.Map(z, destination, new Function<T>(threshold));

    /// <summary>destination = upstream ⊙ f'(output). destination may alias upstream.</summary>
    public static void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Elementwise.Map(output, upstream, destination, default(SoftShrinkOperator.NonZeroDerivative<T>));

    private readonly struct Function<T>(T threshold) : IElementwiseFunction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T x) => T.Abs(x) > threshold ? x : T.Zero;

        public Vector<T> Apply(Vector<T> x) => x & Vector.GreaterThan(Vector.Abs(x), new Vector<T>(threshold));
    }
}
