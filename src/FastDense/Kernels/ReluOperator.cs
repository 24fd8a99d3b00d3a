using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastDense.Kernels;

/// <summary>relu: <c>a = max(z, 0)</c>; derivative from the output, <c>a' = 1 if a &gt; 0 else 0</c>.</summary>
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
}
