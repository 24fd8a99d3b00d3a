using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastDense.Kernels;

/// <summary>
/// softmax over each row: <c>a_i = e^(z_i - max z) / Σ_j e^(z_j - max z)</c>. Subtracting the row's max keeps e^z
/// finite for any logits (TensorPrimitives.SoftMax does not subtract it and returns NaN for logits near 89 in float,
/// which raw-pixel inputs reach; ActivationOperatorTests covers it). Under categorical cross-entropy its backward is
/// fused with the loss (<c>p − y</c>); under a loss whose gradient is with respect to the output (mean squared error,
/// KL divergence, …) <see cref="BackwardRows{T}"/> applies its Jacobian.
/// </summary>
internal static class SoftmaxOperator
{
    /// <summary>
    /// The softmax Jacobian applied to each row's upstream gradient g: <c>destination = a ⊙ (g − Σ_j g_j a_j)</c>, from
    /// the softmax's output a (since <c>∂a_i/∂z_k = a_i (δ_ik − a_k)</c>). <paramref name="destination"/> may alias
    /// <paramref name="upstream"/>.
    /// </summary>
    public static void BackwardRows<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int length = output.Length - output.Length % columns;
        if (upstream.Length < length) ThrowHelper.ThrowDestinationTooShort(nameof(upstream), upstream.Length, length);
        if (destination.Length < length) ThrowHelper.ThrowDestinationTooShort(nameof(destination), destination.Length, length);
        for (int start = 0; start < length; start += columns)
        {
            ReadOnlySpan<T> a = output.Slice(start, columns), g = upstream.Slice(start, columns);
            Span<T> d = destination.Slice(start, columns);
            T dot = T.Zero;
            for (int c = 0; c < columns; c++) dot += g[c] * a[c];
            for (int c = 0; c < columns; c++) d[c] = a[c] * (g[c] - dot);
        }
    }

    public static void ForwardRows<T>(ReadOnlySpan<T> z, Span<T> destination, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int length = z.Length - z.Length % columns;
        if (length == 0) return;
        if (typeof(T) == typeof(float) && columns <= 16 && length >= 16 && Avx512F.IsSupported)
        {
            if (destination.Length < length) ThrowHelper.ThrowDestinationTooShort(nameof(destination), destination.Length, length);
            ForwardNarrowRows(ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(z)), ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(destination)), length, columns);
            return;
        }
        // Three passes over the whole block instead of four TensorPrimitives calls per row: a row of an output layer
        // is often shorter than one vector (10 classes), where a call's overhead outweighs its work.
        for (int start = 0; start < length; start += columns)
        {
            ReadOnlySpan<T> row = z.Slice(start, columns);
            Span<T> output = destination.Slice(start, columns);
            T max = row[0];
            for (int c = 1; c < columns; c++) max = T.Max(max, row[c]);
            for (int c = 0; c < columns; c++) output[c] = row[c] - max;
        }
        TensorPrimitives.Exp(destination.Slice(0, length), destination.Slice(0, length));
        for (int start = 0; start < length; start += columns)
        {
            Span<T> output = destination.Slice(start, columns);
            T sum = T.Zero;
            for (int c = 0; c < columns; c++) sum += output[c];
            T scale = T.One / sum;
            for (int c = 0; c < columns; c++) output[c] *= scale;
        }
    }

    /// <summary>
    /// The one-row-per-register softmax of <paramref name="z"/> into <paramref name="destination"/>, whatever its
    /// length: for the last rows of a block whose first rows took <see cref="SoftmaxLayerInLanes"/>, so that they get
    /// the bits the whole block would have had from <see cref="ForwardRows{T}"/>. At most 16 columns, AVX-512 only.
    /// </summary>
    internal static void ForwardRowsInRegisters(ReadOnlySpan<float> z, Span<float> destination, int columns)
    {
        System.Diagnostics.Debug.Assert(columns is >= 1 and <= 16 && Avx512F.IsSupported, "the register path takes rows of 1 to 16 floats, on AVX-512");
        int length = z.Length - z.Length % columns;
        if (length == 0) return;
        if (destination.Length < length) ThrowHelper.ThrowDestinationTooShort(nameof(destination), destination.Length, length);
        ForwardNarrowRows(ref MemoryMarshal.GetReference(z), ref MemoryMarshal.GetReference(destination), length, columns);
    }

    /// <summary>
    /// Rows of at most 16 floats (a classifier's 10 classes) in blocks of at least 16 (a single sample's row takes
    /// the scalar passes, which cost less than a row copied in and out of a register): one register per row, and the
    /// whole row done while it is there (max, <see cref="FloatExp"/>, sum, scale), lanes past the row masked to -∞ so
    /// their exponentials are 0. Only a row's own lanes are stored, so the block may be updated in place.
    /// </summary>
    private static void ForwardNarrowRows(ref float z, ref float destination, int length, int columns)
    {
        Vector512<float> inside = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(columns)).AsSingle();
        int start = 0;
        // Four rows at a time, stage by stage: one row is a chain of ~40 dependent instructions (~120 cycles) that
        // the scheduler cannot overlap with the next row's on its own.
        for (; start + 3 * columns + 16 <= length; start += 4 * columns)
        {
            Vector512<float> minusInfinity = Vector512.Create(float.NegativeInfinity);
            Vector512<float> r0 = Vector512.ConditionalSelect(inside, Vector512.LoadUnsafe(ref z, (nuint)start), minusInfinity);
            Vector512<float> r1 = Vector512.ConditionalSelect(inside, Vector512.LoadUnsafe(ref z, (nuint)(start + columns)), minusInfinity);
            Vector512<float> r2 = Vector512.ConditionalSelect(inside, Vector512.LoadUnsafe(ref z, (nuint)(start + 2 * columns)), minusInfinity);
            Vector512<float> r3 = Vector512.ConditionalSelect(inside, Vector512.LoadUnsafe(ref z, (nuint)(start + 3 * columns)), minusInfinity);
            r0 = FloatExp.Exp(r0 - NarrowRows.MaxAcrossLanes(r0));
            r1 = FloatExp.Exp(r1 - NarrowRows.MaxAcrossLanes(r1));
            r2 = FloatExp.Exp(r2 - NarrowRows.MaxAcrossLanes(r2));
            r3 = FloatExp.Exp(r3 - NarrowRows.MaxAcrossLanes(r3));
            r0 *= Vector512<float>.One / NarrowRows.SumAcrossLanes(r0);
            r1 *= Vector512<float>.One / NarrowRows.SumAcrossLanes(r1);
            r2 *= Vector512<float>.One / NarrowRows.SumAcrossLanes(r2);
            r3 *= Vector512<float>.One / NarrowRows.SumAcrossLanes(r3);
            NarrowRows.Store(r0, ref destination, start, columns);
            NarrowRows.Store(r1, ref destination, start + columns, columns);
            NarrowRows.Store(r2, ref destination, start + 2 * columns, columns);
            NarrowRows.Store(r3, ref destination, start + 3 * columns, columns);
        }
        for (; start + 16 <= length; start += columns)
        {
            SoftmaxRow(Vector512.LoadUnsafe(ref z, (nuint)start), inside, ref destination, start, columns);
        }
        Span<float> tail = stackalloc float[16];
        for (; start < length; start += columns)
        {
            SoftmaxRow(NarrowRows.LoadTail(ref z, start, columns, tail), inside, ref destination, start, columns);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SoftmaxRow(Vector512<float> row, Vector512<float> inside, ref float destination, int start, int columns)
    {
        row = Vector512.ConditionalSelect(inside, row, Vector512.Create(float.NegativeInfinity));
        Vector512<float> e = FloatExp.Exp(row - NarrowRows.MaxAcrossLanes(row));
        NarrowRows.Store(e * (Vector512<float>.One / NarrowRows.SumAcrossLanes(e)), ref destination, start, columns);
    }
}
