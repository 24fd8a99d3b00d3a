using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastDense.Kernels;

/// <summary>
/// relu: <c>a = max(z, 0)</c>; derivative from the output, <c>a' = 1 if a &gt; 0 else 0</c>. With Keras's arguments
/// (<see cref="Forward{T}(ReadOnlySpan{T}, Span{T}, T, T, T)"/>): <c>a = min(z, max_value)</c> for <c>z &gt; threshold</c>, else
/// <c>negative_slope · (z − threshold)</c>.
/// </summary>
/// <remarks>
/// Plain register loops rather than <c>TensorPrimitives</c>: on these (rows, units) blocks (2,048 floats for the
/// digits model) the widest register matters (Vector&lt;T&gt; stays 256 bits on AVX-512 machines, Vector512 is twice that) and so does
/// a call's fixed cost. NaN passes through the forward (<c>NaN &lt; 0</c> is false), as in Keras.
/// </remarks>
internal static class ReluOperator
{
    /// <summary>destination = max(z, 0). destination may be z itself.</summary>
    public static void Forward<T>(ReadOnlySpan<T> z, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (destination.Length < z.Length) ThrowHelper.ThrowDestinationTooShort(nameof(destination), destination.Length, z.Length);
        ref T source = ref MemoryMarshal.GetReference(z);
        ref T target = ref MemoryMarshal.GetReference(destination);
        nuint n = (nuint)z.Length, i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            for (; i + (nuint)Vector512<T>.Count <= n; i += (nuint)Vector512<T>.Count)
            {
                Apply(Vector512.LoadUnsafe(ref source, i)).StoreUnsafe(ref target, i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            for (; i + (nuint)Vector256<T>.Count <= n; i += (nuint)Vector256<T>.Count)
            {
                Vector256<T> value = Vector256.LoadUnsafe(ref source, i);
                Vector256.ConditionalSelect(Vector256.LessThan(value, Vector256<T>.Zero), Vector256<T>.Zero, value).StoreUnsafe(ref target, i);
            }
        }
        for (; i < n; i++)
        {
            T value = Unsafe.Add(ref source, i);
            Unsafe.Add(ref target, i) = value < T.Zero ? T.Zero : value;
        }
    }

    /// <summary>
    /// relu of one register: zero where a lane is below zero, the lane as it is elsewhere (NaN and -0 pass). The
    /// forward pass and the zero-skipping tiles' fused epilogue both apply it, so a fused relu equals the pass's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Apply<T>(Vector512<T> value)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Vector512.ConditionalSelect(Vector512.LessThan(value, Vector512<T>.Zero), Vector512<T>.Zero, value);

    /// <summary>destination = upstream ⊙ relu'(output). destination may be upstream itself.</summary>
    public static void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (upstream.Length < output.Length) ThrowHelper.ThrowDestinationTooShort(nameof(upstream), upstream.Length, output.Length);
        if (destination.Length < output.Length) ThrowHelper.ThrowDestinationTooShort(nameof(destination), destination.Length, output.Length);
        ref T a = ref MemoryMarshal.GetReference(output);
        ref T u = ref MemoryMarshal.GetReference(upstream);
        ref T target = ref MemoryMarshal.GetReference(destination);
        nuint n = (nuint)output.Length, i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            for (; i + (nuint)Vector512<T>.Count <= n; i += (nuint)Vector512<T>.Count)
            {
                Vector512<T> mask = Vector512.GreaterThan(Vector512.LoadUnsafe(ref a, i), Vector512<T>.Zero);
                (Vector512.LoadUnsafe(ref u, i) & mask).StoreUnsafe(ref target, i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            for (; i + (nuint)Vector256<T>.Count <= n; i += (nuint)Vector256<T>.Count)
            {
                Vector256<T> mask = Vector256.GreaterThan(Vector256.LoadUnsafe(ref a, i), Vector256<T>.Zero);
                (Vector256.LoadUnsafe(ref u, i) & mask).StoreUnsafe(ref target, i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref target, i) = Unsafe.Add(ref a, i) > T.Zero ? Unsafe.Add(ref u, i) : T.Zero;
    }

    /// <summary>
    /// relu with Keras's arguments (keras/src/activations/activations.py, <c>ReLU.static_call</c>): <c>x &gt; threshold ?
    /// x : 0</c> (or relu, or relu6 where <c>max_value</c> is 6), clipped to <c>[0, max_value]</c>, minus
    /// <c>negative_slope · relu(threshold − x)</c>; that is <c>min(z, maxValue)</c> for <c>z &gt; threshold</c> (the
    /// threshold is not negative, so the lower clip never acts there), else <c>negativeSlope · (z − threshold)</c>.
    /// <paramref name="maxValue"/> is +∞ for Keras's <c>None</c>. destination may be z itself.
    /// </summary>
    public static void Forward<T>(ReadOnlySpan<T> z, Span<T> destination, T negativeSlope, T maxValue, T threshold)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Elementwise.Map(z, destination, new GeneralFunction<T>(negativeSlope, maxValue, threshold));

    /// <summary>
    /// destination = upstream ⊙ f'(output) for relu with arguments, from the output a (the slope is not negative, so
    /// a &lt; 0 exactly below the threshold): 1 where <c>0 &lt; a &lt; maxValue</c>, <c>negativeSlope</c> where <c>a &lt; 0</c>,
    /// <paramref name="slopeAtZero"/> where <c>a = 0</c> (TensorFlow's gradients there: the slope where Keras calls
    /// <c>leaky_relu</c>, with neither a maximum nor a threshold; else 0), 0 at the maximum. destination may alias upstream.
    /// </summary>
    public static void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination, T negativeSlope, T maxValue, T slopeAtZero)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Elementwise.Map(output, upstream, destination, new GeneralDerivative<T>(negativeSlope, maxValue, slopeAtZero));

    private readonly struct GeneralFunction<T>(T slope, T max, T threshold) : IElementwiseFunction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T x) => x > threshold ? (x < max ? x : max) : slope * (x - threshold);

        public Vector<T> Apply(Vector<T> x)
        {
            var t = new Vector<T>(threshold);
            var m = new Vector<T>(max);
            Vector<T> passed = Vector.ConditionalSelect(Vector.LessThan(x, m), x, m);
            return Vector.ConditionalSelect(Vector.GreaterThan(x, t), passed, new Vector<T>(slope) * (x - t));
        }
    }

    private readonly struct GeneralDerivative<T>(T slope, T max, T slopeAtZero) : IElementwiseDerivative<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T Apply(T a, T upstream)
            => upstream * (a > T.Zero ? (a < max ? T.One : T.Zero) : a < T.Zero ? slope : a == T.Zero ? slopeAtZero : T.Zero);

        public Vector<T> Apply(Vector<T> a, Vector<T> upstream)
        {
            Vector<T> factor = Vector.ConditionalSelect(Vector.LessThan(a, Vector<T>.Zero), new Vector<T>(slope), new Vector<T>(slopeAtZero) & Vector.Equals(a, Vector<T>.Zero));
            factor = Vector.ConditionalSelect(Vector.GreaterThan(a, Vector<T>.Zero), Vector<T>.One & Vector.LessThan(a, new Vector<T>(max)), factor);
            return upstream * factor;
        }
    }
}
