using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastDense.Kernels;

/// <summary>
/// Copies a block of the kernel (inputs, units) into a panel of kernelᵀ (units, inputs), the B operand of
/// <c>inputGradient = delta · kernelᵀ</c>. float on AVX-512 / AVX moves 16x16 / 8x8 blocks through registers;
/// everything else goes element by element.
/// </summary>
/// <remarks>
/// At small batches (the digits model's 32 rows) an element-by-element transpose costs about as much as the product:
/// it touches every kernel element once, and the product only 32 times (docs/benchmarks.md, W1).
/// </remarks>
internal static class PanelTranspose
{
    /// <summary>
    /// <c>panel[k·stride + j] = kernel[(p0 + j)·units + k0 + k]</c> for j &lt; width, k &lt; depth.
    /// <paramref name="block"/> is the register width; the panel must have <paramref name="stride"/> ≥ width
    /// rounded up to it and <c>depth + block</c> rows: the register path writes whole blocks, whose extra rows and
    /// columns hold junk that the GEMM reads only into lanes it never stores.
    /// </summary>
    public static void Transpose<T>(ref T kernel, nint kernelLimit, int units, int p0, int width, int k0, int depth, ref T panel, int stride, int block)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        bool registers = typeof(T) == typeof(float) && ((block == 16 && Avx512F.IsSupported) || (block == 8 && Avx.IsSupported));
        for (int j0 = 0; j0 < width; j0 += block)
        {
            int rows = Math.Min(block, width - j0);   // kernel rows in this block; the rest repeat the last one
            ref T source = ref Unsafe.Add(ref kernel, (nint)(p0 + j0) * units + k0);
            for (int kk = 0; kk < depth; kk += block)
            {
                ref T destination = ref Unsafe.Add(ref panel, (nint)kk * stride + j0);
                // A full-register load of the block's last row must stay inside the kernel.
                bool inside = (nint)(p0 + j0 + rows - 1) * units + k0 + kk + block <= kernelLimit;
                if (registers && inside && block == 16)
                {
                    Transpose16x16(ref Unsafe.As<T, float>(ref Unsafe.Add(ref source, kk)), units, rows, ref Unsafe.As<T, float>(ref destination), stride);
                }
                else if (registers && inside)
                {
                    Transpose8x8(ref Unsafe.As<T, float>(ref Unsafe.Add(ref source, kk)), units, rows, ref Unsafe.As<T, float>(ref destination), stride);
                }
                else
                {
                    int columns = Math.Min(block, depth - kk);
                    for (int i = 0; i < rows; i++)
                    {
                        ref T row = ref Unsafe.Add(ref source, (nint)i * units + kk);
                        for (int k = 0; k < columns; k++) Unsafe.Add(ref destination, (nint)k * stride + i) = Unsafe.Add(ref row, k);
                    }
                }
            }
        }
    }

    /// <summary>Offset of source row i, rows past the valid ones repeating the last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint Row(int i, int rows, int stride) => (nuint)((nint)Math.Min(i, rows - 1) * stride);

    /// <summary>16 rows of 16 floats to 16 columns: unpack pairs, shuffle quads, then two rounds of 128-bit lane shuffles.</summary>
    internal static void Transpose16x16(ref float source, int sourceStride, int rows, ref float destination, int destinationStride)
    {
        Vector512<float> r0 = Vector512.LoadUnsafe(ref source, Row(0, rows, sourceStride)), r1 = Vector512.LoadUnsafe(ref source, Row(1, rows, sourceStride));
        Vector512<float> r2 = Vector512.LoadUnsafe(ref source, Row(2, rows, sourceStride)), r3 = Vector512.LoadUnsafe(ref source, Row(3, rows, sourceStride));
        Vector512<float> r4 = Vector512.LoadUnsafe(ref source, Row(4, rows, sourceStride)), r5 = Vector512.LoadUnsafe(ref source, Row(5, rows, sourceStride));
        Vector512<float> r6 = Vector512.LoadUnsafe(ref source, Row(6, rows, sourceStride)), r7 = Vector512.LoadUnsafe(ref source, Row(7, rows, sourceStride));
        Vector512<float> r8 = Vector512.LoadUnsafe(ref source, Row(8, rows, sourceStride)), r9 = Vector512.LoadUnsafe(ref source, Row(9, rows, sourceStride));
        Vector512<float> r10 = Vector512.LoadUnsafe(ref source, Row(10, rows, sourceStride)), r11 = Vector512.LoadUnsafe(ref source, Row(11, rows, sourceStride));
        Vector512<float> r12 = Vector512.LoadUnsafe(ref source, Row(12, rows, sourceStride)), r13 = Vector512.LoadUnsafe(ref source, Row(13, rows, sourceStride));
        Vector512<float> r14 = Vector512.LoadUnsafe(ref source, Row(14, rows, sourceStride)), r15 = Vector512.LoadUnsafe(ref source, Row(15, rows, sourceStride));

        Vector512<float> t0 = Avx512F.UnpackLow(r0, r1), t1 = Avx512F.UnpackHigh(r0, r1);
        Vector512<float> t2 = Avx512F.UnpackLow(r2, r3), t3 = Avx512F.UnpackHigh(r2, r3);
        Vector512<float> t4 = Avx512F.UnpackLow(r4, r5), t5 = Avx512F.UnpackHigh(r4, r5);
        Vector512<float> t6 = Avx512F.UnpackLow(r6, r7), t7 = Avx512F.UnpackHigh(r6, r7);
        Vector512<float> t8 = Avx512F.UnpackLow(r8, r9), t9 = Avx512F.UnpackHigh(r8, r9);
        Vector512<float> t10 = Avx512F.UnpackLow(r10, r11), t11 = Avx512F.UnpackHigh(r10, r11);
        Vector512<float> t12 = Avx512F.UnpackLow(r12, r13), t13 = Avx512F.UnpackHigh(r12, r13);
        Vector512<float> t14 = Avx512F.UnpackLow(r14, r15), t15 = Avx512F.UnpackHigh(r14, r15);

        r0 = Avx512F.Shuffle(t0, t2, 0x44); r1 = Avx512F.Shuffle(t0, t2, 0xEE);
        r2 = Avx512F.Shuffle(t1, t3, 0x44); r3 = Avx512F.Shuffle(t1, t3, 0xEE);
        r4 = Avx512F.Shuffle(t4, t6, 0x44); r5 = Avx512F.Shuffle(t4, t6, 0xEE);
        r6 = Avx512F.Shuffle(t5, t7, 0x44); r7 = Avx512F.Shuffle(t5, t7, 0xEE);
        r8 = Avx512F.Shuffle(t8, t10, 0x44); r9 = Avx512F.Shuffle(t8, t10, 0xEE);
        r10 = Avx512F.Shuffle(t9, t11, 0x44); r11 = Avx512F.Shuffle(t9, t11, 0xEE);
        r12 = Avx512F.Shuffle(t12, t14, 0x44); r13 = Avx512F.Shuffle(t12, t14, 0xEE);
        r14 = Avx512F.Shuffle(t13, t15, 0x44); r15 = Avx512F.Shuffle(t13, t15, 0xEE);

        t0 = Avx512F.Shuffle4x128(r0, r4, 0x88); t1 = Avx512F.Shuffle4x128(r1, r5, 0x88);
        t2 = Avx512F.Shuffle4x128(r2, r6, 0x88); t3 = Avx512F.Shuffle4x128(r3, r7, 0x88);
        t4 = Avx512F.Shuffle4x128(r0, r4, 0xDD); t5 = Avx512F.Shuffle4x128(r1, r5, 0xDD);
        t6 = Avx512F.Shuffle4x128(r2, r6, 0xDD); t7 = Avx512F.Shuffle4x128(r3, r7, 0xDD);
        t8 = Avx512F.Shuffle4x128(r8, r12, 0x88); t9 = Avx512F.Shuffle4x128(r9, r13, 0x88);
        t10 = Avx512F.Shuffle4x128(r10, r14, 0x88); t11 = Avx512F.Shuffle4x128(r11, r15, 0x88);
        t12 = Avx512F.Shuffle4x128(r8, r12, 0xDD); t13 = Avx512F.Shuffle4x128(r9, r13, 0xDD);
        t14 = Avx512F.Shuffle4x128(r10, r14, 0xDD); t15 = Avx512F.Shuffle4x128(r11, r15, 0xDD);

        nuint s = (nuint)destinationStride;
        Avx512F.Shuffle4x128(t0, t8, 0x88).StoreUnsafe(ref destination, 0);
        Avx512F.Shuffle4x128(t1, t9, 0x88).StoreUnsafe(ref destination, s);
        Avx512F.Shuffle4x128(t2, t10, 0x88).StoreUnsafe(ref destination, 2 * s);
        Avx512F.Shuffle4x128(t3, t11, 0x88).StoreUnsafe(ref destination, 3 * s);
        Avx512F.Shuffle4x128(t4, t12, 0x88).StoreUnsafe(ref destination, 4 * s);
        Avx512F.Shuffle4x128(t5, t13, 0x88).StoreUnsafe(ref destination, 5 * s);
        Avx512F.Shuffle4x128(t6, t14, 0x88).StoreUnsafe(ref destination, 6 * s);
        Avx512F.Shuffle4x128(t7, t15, 0x88).StoreUnsafe(ref destination, 7 * s);
        Avx512F.Shuffle4x128(t0, t8, 0xDD).StoreUnsafe(ref destination, 8 * s);
        Avx512F.Shuffle4x128(t1, t9, 0xDD).StoreUnsafe(ref destination, 9 * s);
        Avx512F.Shuffle4x128(t2, t10, 0xDD).StoreUnsafe(ref destination, 10 * s);
        Avx512F.Shuffle4x128(t3, t11, 0xDD).StoreUnsafe(ref destination, 11 * s);
        Avx512F.Shuffle4x128(t4, t12, 0xDD).StoreUnsafe(ref destination, 12 * s);
        Avx512F.Shuffle4x128(t5, t13, 0xDD).StoreUnsafe(ref destination, 13 * s);
        Avx512F.Shuffle4x128(t6, t14, 0xDD).StoreUnsafe(ref destination, 14 * s);
        Avx512F.Shuffle4x128(t7, t15, 0xDD).StoreUnsafe(ref destination, 15 * s);
    }

    /// <summary>8 rows of 8 floats to 8 columns: unpack pairs, shuffle quads, swap 128-bit halves.</summary>
    private static void Transpose8x8(ref float source, int sourceStride, int rows, ref float destination, int destinationStride)
    {
        Vector256<float> r0 = Vector256.LoadUnsafe(ref source, Row(0, rows, sourceStride)), r1 = Vector256.LoadUnsafe(ref source, Row(1, rows, sourceStride));
        Vector256<float> r2 = Vector256.LoadUnsafe(ref source, Row(2, rows, sourceStride)), r3 = Vector256.LoadUnsafe(ref source, Row(3, rows, sourceStride));
        Vector256<float> r4 = Vector256.LoadUnsafe(ref source, Row(4, rows, sourceStride)), r5 = Vector256.LoadUnsafe(ref source, Row(5, rows, sourceStride));
        Vector256<float> r6 = Vector256.LoadUnsafe(ref source, Row(6, rows, sourceStride)), r7 = Vector256.LoadUnsafe(ref source, Row(7, rows, sourceStride));

        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

        r0 = Avx.Shuffle(t0, t2, 0x44); r1 = Avx.Shuffle(t0, t2, 0xEE);
        r2 = Avx.Shuffle(t1, t3, 0x44); r3 = Avx.Shuffle(t1, t3, 0xEE);
        r4 = Avx.Shuffle(t4, t6, 0x44); r5 = Avx.Shuffle(t4, t6, 0xEE);
        r6 = Avx.Shuffle(t5, t7, 0x44); r7 = Avx.Shuffle(t5, t7, 0xEE);

        nuint s = (nuint)destinationStride;
        Avx.Permute2x128(r0, r4, 0x20).StoreUnsafe(ref destination, 0);
        Avx.Permute2x128(r1, r5, 0x20).StoreUnsafe(ref destination, s);
        Avx.Permute2x128(r2, r6, 0x20).StoreUnsafe(ref destination, 2 * s);
        Avx.Permute2x128(r3, r7, 0x20).StoreUnsafe(ref destination, 3 * s);
        Avx.Permute2x128(r0, r4, 0x31).StoreUnsafe(ref destination, 4 * s);
        Avx.Permute2x128(r1, r5, 0x31).StoreUnsafe(ref destination, 5 * s);
        Avx.Permute2x128(r2, r6, 0x31).StoreUnsafe(ref destination, 6 * s);
        Avx.Permute2x128(r3, r7, 0x31).StoreUnsafe(ref destination, 7 * s);
    }
}
