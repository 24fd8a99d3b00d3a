using System.Runtime.CompilerServices;

namespace FastDense.Kernels;

/// <summary>
/// One reusable buffer per thread and element type, for kernel panels too large to want zeroed on every call.
/// </summary>
/// <remarks>
/// <c>BackwardInput</c> transposes kernel panels of up to (128 + 16) x 64 floats (36 KiB). As a <c>stackalloc</c>
/// the runtime zeroes that on every call (no <c>[SkipLocalsInit]</c>: it needs unsafe code, which only
/// Inference/BulkPredict.cs has), a visible share of a small <c>BackwardInput</c> (docs/benchmarks.md, W1). Every element the kernels
/// read from the buffer was written in the same call, so stale contents are harmless. The buffer is allocated on a
/// thread's first call and grown at most a few times, so training steps after the first allocate nothing.
/// </remarks>
internal static class KernelScratch<T>
    where T : unmanaged
{
    [ThreadStatic]
    private static T[]? t_buffer;

    /// <summary>A span of <paramref name="length"/> elements with unspecified contents. Not reentrant: one user at a time per thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<T> Get(int length)
    {
        T[]? buffer = t_buffer;
        if (buffer is null || buffer.Length < length) buffer = Grow(length);
        return buffer.AsSpan(0, length);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T[] Grow(int length) => t_buffer = new T[Math.Max(length, 4096)];
}
