using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastDense.Kernels;

/// <summary>
/// <c>C (m, n) = init + A (m, depth) · B (depth, n)</c> with register-blocked micro-kernels: a tile of 4 rows of C
/// by <c>TileVectors</c> registers of columns stays in registers for the whole depth loop, each step loads the
/// tile's B row once and broadcasts one A element per row into a fused multiply-add. The three Dense products
/// are this one loop with different strides (see <see cref="MatrixProducts"/>).
/// </summary>
/// <remarks>
/// <para>Operands, in elements: <c>A[i, k] = a[i·aRow + k·aCol]</c> (either axis may be the contiguous one);
/// <c>B[k, j] = b[k·bRow + j]</c>, contiguous along j; <c>C[i, j] = c[i·cRow + j]</c>; the start value
/// <c>init[i, j] = init[i·initRow + j]</c> (<c>initRow = 0</c> repeats one bias row) or zero when <c>hasInit</c> is false.</para>
/// <para>Columns that do not fill a register (n % lanes, e.g. all 10 outputs of a classifier on 16 float lanes)
/// still run in registers. Their B loads read past the row into the next row, or further, as long as that stays
/// inside B (<c>bLimit</c>); the extra lanes only feed accumulator lanes that are never stored. Only the last one
/// or two B rows, whose full load would leave B, are copied into a zero-padded register. Only lanes [0, width)
/// of such a register are stored (<see cref="ISimdOps{TVec, T}.StorePrefix"/>), so nothing outside C is written
/// and neighbouring tiles never overwrite each other. Each output element is accumulated in one lane, in k order, so the only difference from the naive loop is FMA
/// rounding.</para>
/// <para>Every <c>ref</c> here was derived from a span whose length the public entry point checked, and every
/// offset stays below the limit passed along with it (asserted in Debug builds).</para>
/// </remarks>
internal static class BlockedGemm
{
    /// <summary>Rows of C per tile.</summary>
    private const int TileRows = 4;

    /// <summary>Rows of C per tile of <see cref="Tile8x1"/>, for columns narrower than a register.</summary>
    private const int WideTileRows = 8;

    /// <summary>
    /// Bytes of one B panel (depth block x tile width) meant to stay in L1 while every row tile of C streams
    /// past it: 32 KiB, the whole L1D of a core with 32 KiB and two thirds of one with 48 KiB.
    /// </summary>
    private const int PanelBytes = 32 * 1024;

    /// <summary>
    /// Depth per block: as many B rows as fit <see cref="PanelBytes"/> for one tile width, i.e. 128 for float on
    /// the 512-bit path (128 x 64 floats). Only products deeper than this (784 inputs) are blocked; the partial
    /// sums of a block go through C.
    /// </summary>
    /// <remarks>
    /// With a large L2 (1 MiB a core) an unblocked 784 x 64 panel (200 KiB) is served from L2 fast enough for Forward;
    /// the blocking bounds the transposed panel of BackwardInput, which is slower unblocked, and keeps B in L1 on
    /// cores with a smaller L2 (docs/benchmarks.md, W2).
    /// </remarks>
    public static int DepthBlock<T, TVec, TSimd>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVec : struct
        where TSimd : struct, ISimdOps<TVec, T>
        => Math.Max(16, PanelBytes / (TSimd.TileVectors * TSimd.Count * Unsafe.SizeOf<T>()));

    /// <summary>
    /// Splits <paramref name="depth"/> into equal blocks no longer than <see cref="DepthBlock"/>, so 784 becomes
    /// 7 x 112 instead of 6 x 128 + 16. At least one block, so a depth of 0 still writes init (or zeros) into C.
    /// </summary>
    public static int DepthStep<T, TVec, TSimd>(int depth)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVec : struct
        where TSimd : struct, ISimdOps<TVec, T>
    {
        int block = DepthBlock<T, TVec, TSimd>();
        int blocks = Math.Max(1, (depth + block - 1) / block);
        return (depth + blocks - 1) / blocks;
    }

    /// <summary>C = init + A·B, the depth blocked by <see cref="DepthStep"/>; see the class remarks for the operands.</summary>
    public static void Multiply<T, TVec, TSimd>(
        ref T a, nint aRow, nint aCol,
        ref T b, nint bRow, nint bLimit,
        ref T c, nint cRow, nint cLimit,
        ref T init, nint initRow, nint initLimit, bool hasInit,
        int m, int n, int depth)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVec : struct
        where TSimd : struct, ISimdOps<TVec, T>
    {
        int step = DepthStep<T, TVec, TSimd>(depth);
        int k0 = 0;
        do
        {
            int kLength = Math.Min(step, depth - k0);
            if (k0 == 0)
            {
                Panel<T, TVec, TSimd>(ref Unsafe.Add(ref a, k0 * aCol), aRow, aCol, ref Unsafe.Add(ref b, k0 * bRow), bRow, bLimit - k0 * bRow,
                    ref c, cRow, cLimit, ref init, initRow, initLimit, hasInit, m, n, kLength);
            }
            else
            {
                // Later blocks continue from the partial sums already in C.
                Panel<T, TVec, TSimd>(ref Unsafe.Add(ref a, k0 * aCol), aRow, aCol, ref Unsafe.Add(ref b, k0 * bRow), bRow, bLimit - k0 * bRow,
                    ref c, cRow, cLimit, ref c, cRow, cLimit, hasInit: true, m, n, kLength);
            }
            k0 += step;
        }
        while (k0 < depth);
    }

    /// <summary>
    /// One depth block: C = init + A·B for all of m and n. Column tiles outside, row tiles inside, so a tile's
    /// B panel (depth x tile width) is read from L1 by every row tile.
    /// </summary>
    public static void Panel<T, TVec, TSimd>(
        ref T a, nint aRow, nint aCol,
        ref T b, nint bRow, nint bLimit,
        ref T c, nint cRow, nint cLimit,
        ref T init, nint initRow, nint initLimit, bool hasInit,
        int m, int n, int depth)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVec : struct
        where TSimd : struct, ISimdOps<TVec, T>
    {
        int lanes = TSimd.Count;
        int j = 0;
        if (TSimd.TileVectors == 4)
        {
            for (; j + 4 * lanes <= n; j += 4 * lanes)
            {
                for (int i = 0; i < m; i += TileRows)
                {
                    Tile4x4<T, TVec, TSimd>(ref Unsafe.Add(ref a, i * aRow), aRow, aCol, ref Unsafe.Add(ref b, j), bRow,
                        ref Unsafe.Add(ref c, i * cRow + j), cRow, ref Unsafe.Add(ref init, i * initRow + j), initRow, hasInit,
                        Math.Min(TileRows, m - i), depth);
                }
            }
        }
        for (; j + 2 * lanes <= n; j += 2 * lanes)
        {
            for (int i = 0; i < m; i += TileRows)
            {
                Tile4x2<T, TVec, TSimd>(ref Unsafe.Add(ref a, i * aRow), aRow, aCol, ref Unsafe.Add(ref b, j), bRow,
                    ref Unsafe.Add(ref c, i * cRow + j), cRow, ref Unsafe.Add(ref init, i * initRow + j), initRow, hasInit,
                    Math.Min(TileRows, m - i), depth);
            }
        }
        for (; j + lanes <= n; j += lanes)
        {
            for (int i = 0; i < m; i += TileRows)
            {
                Tile4x1<T, TVec, TSimd>(ref Unsafe.Add(ref a, i * aRow), aRow, aCol, ref Unsafe.Add(ref b, j), bRow, depth, ref Unsafe.Add(ref b, j), depth,
                    ref Unsafe.Add(ref c, i * cRow + j), cRow, lanes, ref Unsafe.Add(ref init, i * initRow + j), initRow, hasInit, Math.Min(TileRows, m - i));
            }
        }
        if (j < n)
        {
            PartialColumns<T, TVec, TSimd>(ref a, aRow, aCol, ref Unsafe.Add(ref b, j), bRow, bLimit - j,
                ref Unsafe.Add(ref c, j), cRow, cLimit - j, ref Unsafe.Add(ref init, j), initRow, initLimit - j, hasInit, m, n - j, depth);
        }
    }

    /// <summary>
    /// The last <paramref name="width"/> &lt; lanes columns (all 10 of a classifier's output layer), still in
    /// registers. Tile4x1 runs unchanged on them: B rows are read with full-register loads that run on into the
    /// next row (those lanes only feed accumulator lanes that are never stored), except the last row or two, whose
    /// full load would leave B, which are copied zero-padded into <c>bTail</c> first. The start values are staged
    /// the same way in <c>start</c> (once for a bias, per tile for partial sums in C), and the tile writes only
    /// lanes [0, width) back.
    /// </summary>
    /// <remarks>
    /// The padded copies are made here, not in the tile: with the (out-of-line) padded loads inside the tile, the JIT
    /// kept all four accumulators on the stack for the whole depth loop, a load and a store around every FMA. The
    /// bias is loaded once per call, not per row, and prefixes are stored instead of read-blend-writing whole
    /// registers (docs/benchmarks.md, W1).
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PartialColumns<T, TVec, TSimd>(
        ref T a, nint aRow, nint aCol,
        ref T b, nint bRow, nint bLimit,
        ref T c, nint cRow, nint cLimit,
        ref T init, nint initRow, nint initLimit, bool hasInit,
        int m, int width, int depth)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVec : struct
        where TSimd : struct, ISimdOps<TVec, T>
    {
        int lanes = TSimd.Count;
        int whole = FullLoadRows(bLimit, bRow, lanes, depth);
        // Rows past `whole` start less than one register before the end of B, and rows are at least one element
        // apart, so there are at most `lanes` of them (1 for the digits output layer).
        int tailRows = depth - whole;
        Debug.Assert(tailRows <= lanes && (whole == 0 || (whole - 1) * bRow + lanes <= bLimit));
        Span<T> bTail = stackalloc T[tailRows * lanes];
        ref T bt = ref MemoryMarshal.GetReference(bTail);
        for (int k = 0; k < tailRows; k++)
        {
            TSimd.Store(LoadPartial<T, TVec, TSimd>(ref b, (nint)(whole + k) * bRow, width), ref bt, (nint)k * lanes);
        }

        Span<T> start = stackalloc T[TileRows * lanes];   // zero: no start value
        ref T st = ref MemoryMarshal.GetReference(start);
        bool repeated = initRow == 0;                      // a bias: the same start value for every row
        if (hasInit && repeated) TSimd.Store(LoadTail<T, TVec, TSimd>(ref init, 0, width, initLimit), ref st, 0);
        int i = 0;
        if (repeated)
        {
            // One start value for every row (a bias, or zero): eight rows per tile, eight FMA chains.
            TVec startValue = TSimd.Load(ref st, 0);
            for (; i + WideTileRows <= m; i += WideTileRows)
            {
                AssertInside((i + WideTileRows - 1) * cRow + width, cLimit);
                Tile8x1<T, TVec, TSimd>(ref Unsafe.Add(ref a, i * aRow), aRow, aCol, ref b, bRow, whole, ref bt, depth,
                    ref Unsafe.Add(ref c, i * cRow), cRow, width, startValue);
            }
        }
        for (; i < m; i += TileRows)
        {
            int rows = Math.Min(TileRows, m - i);
            if (hasInit && !repeated)
            {
                for (int r = 0; r < rows; r++)
                {
                    TSimd.Store(LoadTail<T, TVec, TSimd>(ref init, (i + r) * initRow, width, initLimit), ref st, (nint)r * lanes);
                }
            }
            AssertInside((i + rows - 1) * cRow + width, cLimit);
            Tile4x1<T, TVec, TSimd>(ref Unsafe.Add(ref a, i * aRow), aRow, aCol, ref b, bRow, whole, ref bt, depth,
                ref Unsafe.Add(ref c, i * cRow), cRow, width, ref st, repeated ? 0 : lanes, hasInit: true, rows);
        }
    }

    /// <summary>
    /// 4 rows x 4 registers (64 floats on 512 bits): 16 accumulators, enough independent FMA chains to cover the
    /// FMA latency on two pipes, and 4 loads + 4 broadcasts per 16 FMAs. Rows past <paramref name="rows"/>
    /// repeat the last valid row and are not stored. Close to the FMA peak on 64- to 256-wide products (docs/benchmarks.md).
    /// </summary>
    // Optimized from its first call: hot in a fresh process's first Fit (docs/architecture.md, "First calls").
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x4<T, TVec, TSimd>(
        ref T a, nint aRow, nint aCol, ref T b, nint bRow, ref T c, nint cRow, ref T init, nint initRow, bool hasInit, int rows, int depth)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVec : struct
        where TSimd : struct, ISimdOps<TVec, T>
    {
        nint l = TSimd.Count;
        if (rows == 1)
        {
            // A single row (predicting one sample): a quarter of the FMAs of a tile that repeats it four times.
            Tile1x4<T, TVec, TSimd>(ref a, aCol, ref b, bRow, ref c, ref init, hasInit, depth);
            return;
        }
        nint r1 = rows > 1 ? 1 : 0, r2 = rows > 2 ? 2 : r1, r3 = rows > 3 ? 3 : r2;
        TVec c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33;
        if (hasInit)
        {
            ref T i0 = ref init, i1 = ref Unsafe.Add(ref init, r1 * initRow), i2 = ref Unsafe.Add(ref init, r2 * initRow), i3 = ref Unsafe.Add(ref init, r3 * initRow);
            c00 = TSimd.Load(ref i0, 0); c01 = TSimd.Load(ref i0, l); c02 = TSimd.Load(ref i0, 2 * l); c03 = TSimd.Load(ref i0, 3 * l);
            c10 = TSimd.Load(ref i1, 0); c11 = TSimd.Load(ref i1, l); c12 = TSimd.Load(ref i1, 2 * l); c13 = TSimd.Load(ref i1, 3 * l);
            c20 = TSimd.Load(ref i2, 0); c21 = TSimd.Load(ref i2, l); c22 = TSimd.Load(ref i2, 2 * l); c23 = TSimd.Load(ref i2, 3 * l);
            c30 = TSimd.Load(ref i3, 0); c31 = TSimd.Load(ref i3, l); c32 = TSimd.Load(ref i3, 2 * l); c33 = TSimd.Load(ref i3, 3 * l);
        }
        else
        {
            c00 = c01 = c02 = c03 = c10 = c11 = c12 = c13 = c20 = c21 = c22 = c23 = c30 = c31 = c32 = c33 = TSimd.Zero;
        }

        ref T a0 = ref a, a1 = ref Unsafe.Add(ref a, r1 * aRow), a2 = ref Unsafe.Add(ref a, r2 * aRow), a3 = ref Unsafe.Add(ref a, r3 * aRow);
        nint ak = 0, bk = 0;
        for (int k = 0; k < depth; k++, ak += aCol, bk += bRow)
        {
            TVec b0 = TSimd.Load(ref b, bk), b1 = TSimd.Load(ref b, bk + l), b2 = TSimd.Load(ref b, bk + 2 * l), b3 = TSimd.Load(ref b, bk + 3 * l);
            TVec x = TSimd.Broadcast(Unsafe.Add(ref a0, ak));
            c00 = TSimd.MultiplyAdd(x, b0, c00); c01 = TSimd.MultiplyAdd(x, b1, c01); c02 = TSimd.MultiplyAdd(x, b2, c02); c03 = TSimd.MultiplyAdd(x, b3, c03);
            x = TSimd.Broadcast(Unsafe.Add(ref a1, ak));
            c10 = TSimd.MultiplyAdd(x, b0, c10); c11 = TSimd.MultiplyAdd(x, b1, c11); c12 = TSimd.MultiplyAdd(x, b2, c12); c13 = TSimd.MultiplyAdd(x, b3, c13);
            x = TSimd.Broadcast(Unsafe.Add(ref a2, ak));
            c20 = TSimd.MultiplyAdd(x, b0, c20); c21 = TSimd.MultiplyAdd(x, b1, c21); c22 = TSimd.MultiplyAdd(x, b2, c22); c23 = TSimd.MultiplyAdd(x, b3, c23);
            x = TSimd.Broadcast(Unsafe.Add(ref a3, ak));
            c30 = TSimd.MultiplyAdd(x, b0, c30); c31 = TSimd.MultiplyAdd(x, b1, c31); c32 = TSimd.MultiplyAdd(x, b2, c32); c33 = TSimd.MultiplyAdd(x, b3, c33);
        }

        TSimd.Store(c00, ref c, 0); TSimd.Store(c01, ref c, l); TSimd.Store(c02, ref c, 2 * l); TSimd.Store(c03, ref c, 3 * l);
        if (rows > 1) { ref T o = ref Unsafe.Add(ref c, cRow); TSimd.Store(c10, ref o, 0); TSimd.Store(c11, ref o, l); TSimd.Store(c12, ref o, 2 * l); TSimd.Store(c13, ref o, 3 * l); }
        if (rows > 2) { ref T o = ref Unsafe.Add(ref c, 2 * cRow); TSimd.Store(c20, ref o, 0); TSimd.Store(c21, ref o, l); TSimd.Store(c22, ref o, 2 * l); TSimd.Store(c23, ref o, 3 * l); }
        if (rows > 3) { ref T o = ref Unsafe.Add(ref c, 3 * cRow); TSimd.Store(c30, ref o, 0); TSimd.Store(c31, ref o, l); TSimd.Store(c32, ref o, 2 * l); TSimd.Store(c33, ref o, 3 * l); }
    }

    /// <summary>1 row x 4 registers: <see cref="Tile4x4"/> for a lone row (4 FMA chains, the latency of one FMA per k).</summary>
    private static void Tile1x4<T, TVec, TSimd>(ref T a, nint aCol, ref T b, nint bRow, ref T c, ref T init, bool hasInit, int depth)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVec : struct
        where TSimd : struct, ISimdOps<TVec, T>
    {
        nint l = TSimd.Count;
        TVec c0, c1, c2, c3;
        if (hasInit)
        {
            c0 = TSimd.Load(ref init, 0); c1 = TSimd.Load(ref init, l); c2 = TSimd.Load(ref init, 2 * l); c3 = TSimd.Load(ref init, 3 * l);
        }
        else
        {
            c0 = c1 = c2 = c3 = TSimd.Zero;
        }
        nint ak = 0, bk = 0;
        for (int k = 0; k < depth; k++, ak += aCol, bk += bRow)
        {
            TVec x = TSimd.Broadcast(Unsafe.Add(ref a, ak));
            c0 = TSimd.MultiplyAdd(x, TSimd.Load(ref b, bk), c0);
            c1 = TSimd.MultiplyAdd(x, TSimd.Load(ref b, bk + l), c1);
            c2 = TSimd.MultiplyAdd(x, TSimd.Load(ref b, bk + 2 * l), c2);
            c3 = TSimd.MultiplyAdd(x, TSimd.Load(ref b, bk + 3 * l), c3);
        }
        TSimd.Store(c0, ref c, 0); TSimd.Store(c1, ref c, l); TSimd.Store(c2, ref c, 2 * l); TSimd.Store(c3, ref c, 3 * l);
    }

    /// <summary>4 rows x 2 registers: the main tile where only 16 registers exist, and the 32..63-column remainder on 512 bits.</summary>
    private static void Tile4x2<T, TVec, TSimd>(
        ref T a, nint aRow, nint aCol, ref T b, nint bRow, ref T c, nint cRow, ref T init, nint initRow, bool hasInit, int rows, int depth)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVec : struct
        where TSimd : struct, ISimdOps<TVec, T>
    {
        nint l = TSimd.Count;
        nint r1 = rows > 1 ? 1 : 0, r2 = rows > 2 ? 2 : r1, r3 = rows > 3 ? 3 : r2;
        TVec c00, c01, c10, c11, c20, c21, c30, c31;
        if (hasInit)
        {
            ref T i0 = ref init, i1 = ref Unsafe.Add(ref init, r1 * initRow), i2 = ref Unsafe.Add(ref init, r2 * initRow), i3 = ref Unsafe.Add(ref init, r3 * initRow);
            c00 = TSimd.Load(ref i0, 0); c01 = TSimd.Load(ref i0, l);
            c10 = TSimd.Load(ref i1, 0); c11 = TSimd.Load(ref i1, l);
            c20 = TSimd.Load(ref i2, 0); c21 = TSimd.Load(ref i2, l);
            c30 = TSimd.Load(ref i3, 0); c31 = TSimd.Load(ref i3, l);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = TSimd.Zero;
        }

        ref T a0 = ref a, a1 = ref Unsafe.Add(ref a, r1 * aRow), a2 = ref Unsafe.Add(ref a, r2 * aRow), a3 = ref Unsafe.Add(ref a, r3 * aRow);
        nint ak = 0, bk = 0;
        for (int k = 0; k < depth; k++, ak += aCol, bk += bRow)
        {
            TVec b0 = TSimd.Load(ref b, bk), b1 = TSimd.Load(ref b, bk + l);
            TVec x = TSimd.Broadcast(Unsafe.Add(ref a0, ak));
            c00 = TSimd.MultiplyAdd(x, b0, c00); c01 = TSimd.MultiplyAdd(x, b1, c01);
            x = TSimd.Broadcast(Unsafe.Add(ref a1, ak));
            c10 = TSimd.MultiplyAdd(x, b0, c10); c11 = TSimd.MultiplyAdd(x, b1, c11);
            x = TSimd.Broadcast(Unsafe.Add(ref a2, ak));
            c20 = TSimd.MultiplyAdd(x, b0, c20); c21 = TSimd.MultiplyAdd(x, b1, c21);
            x = TSimd.Broadcast(Unsafe.Add(ref a3, ak));
            c30 = TSimd.MultiplyAdd(x, b0, c30); c31 = TSimd.MultiplyAdd(x, b1, c31);
        }

        TSimd.Store(c00, ref c, 0); TSimd.Store(c01, ref c, l);
        if (rows > 1) { ref T o = ref Unsafe.Add(ref c, cRow); TSimd.Store(c10, ref o, 0); TSimd.Store(c11, ref o, l); }
        if (rows > 2) { ref T o = ref Unsafe.Add(ref c, 2 * cRow); TSimd.Store(c20, ref o, 0); TSimd.Store(c21, ref o, l); }
        if (rows > 3) { ref T o = ref Unsafe.Add(ref c, 3 * cRow); TSimd.Store(c30, ref o, 0); TSimd.Store(c31, ref o, l); }
    }

    /// <summary>
    /// 4 rows x 1 register: the last full register of columns, and (through <see cref="PartialColumns"/>) a partial
    /// one, of which only lanes [0, <paramref name="width"/>) are stored. B rows [0, whole) are read from
    /// <paramref name="b"/>, rows [whole, depth) from <paramref name="bTail"/> (stride one register). 4 independent
    /// FMA chains: one FMA a cycle (see <see cref="Tile8x1"/>). Rows past <paramref name="rows"/>
    /// repeat the last valid row, including its store.
    /// </summary>
    private static void Tile4x1<T, TVec, TSimd>(
        ref T a, nint aRow, nint aCol, ref T b, nint bRow, int whole, ref T bTail, int depth,
        ref T c, nint cRow, int width, ref T init, nint initRow, bool hasInit, int rows)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVec : struct
        where TSimd : struct, ISimdOps<TVec, T>
    {
        if (rows == 1)
        {
            // A lone row: one FMA chain instead of the same row four times.
            TVec sum = hasInit ? TSimd.Load(ref init, 0) : TSimd.Zero;
            nint ak1 = 0, bk1 = 0;
            int k1 = 0;
            for (; k1 < whole; k1++, ak1 += aCol, bk1 += bRow) sum = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a, ak1)), TSimd.Load(ref b, bk1), sum);
            for (bk1 = 0; k1 < depth; k1++, ak1 += aCol, bk1 += TSimd.Count) sum = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a, ak1)), TSimd.Load(ref bTail, bk1), sum);
            if (width == TSimd.Count) TSimd.Store(sum, ref c, 0);
            else TSimd.StorePrefix(sum, ref c, 0, width);
            return;
        }
        nint r1 = rows > 1 ? 1 : 0, r2 = rows > 2 ? 2 : r1, r3 = rows > 3 ? 3 : r2;
        TVec c0, c1, c2, c3;
        if (hasInit)
        {
            c0 = TSimd.Load(ref init, 0);
            c1 = TSimd.Load(ref init, r1 * initRow);
            c2 = TSimd.Load(ref init, r2 * initRow);
            c3 = TSimd.Load(ref init, r3 * initRow);
        }
        else
        {
            c0 = c1 = c2 = c3 = TSimd.Zero;
        }

        ref T a0 = ref a, a1 = ref Unsafe.Add(ref a, r1 * aRow), a2 = ref Unsafe.Add(ref a, r2 * aRow), a3 = ref Unsafe.Add(ref a, r3 * aRow);
        nint ak = 0, bk = 0;
        int k = 0;
        for (; k < whole; k++, ak += aCol, bk += bRow)
        {
            TVec bv = TSimd.Load(ref b, bk);
            c0 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a0, ak)), bv, c0);
            c1 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a1, ak)), bv, c1);
            c2 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a2, ak)), bv, c2);
            c3 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a3, ak)), bv, c3);
        }
        for (bk = 0; k < depth; k++, ak += aCol, bk += TSimd.Count)
        {
            TVec bv = TSimd.Load(ref bTail, bk);
            c0 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a0, ak)), bv, c0);
            c1 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a1, ak)), bv, c1);
            c2 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a2, ak)), bv, c2);
            c3 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a3, ak)), bv, c3);
        }

        if (width == TSimd.Count)
        {
            TSimd.Store(c0, ref c, 0);
            TSimd.Store(c1, ref c, r1 * cRow);
            TSimd.Store(c2, ref c, r2 * cRow);
            TSimd.Store(c3, ref c, r3 * cRow);
        }
        else
        {
            TSimd.StorePrefix(c0, ref c, 0, width);
            TSimd.StorePrefix(c1, ref c, r1 * cRow, width);
            TSimd.StorePrefix(c2, ref c, r2 * cRow, width);
            TSimd.StorePrefix(c3, ref c, r3 * cRow, width);
        }
    }

    /// <summary>
    /// 8 rows x 1 register, for the columns of a layer narrower than a register (a classifier's 10 outputs), all 8
    /// rows valid and one start value for all. Eight FMA chains where <see cref="Tile4x1"/> has four: a chain waits
    /// out the FMA's 4-cycle latency at each k, so four chains issue one FMA a cycle: the whole rate of a core with one
    /// 512-bit FMA pipe, half of one with two. Each element still sums its k in order, so the
    /// result equals Tile4x1's bit for bit. B rows [0, whole) come from <paramref name="b"/>, the rest from
    /// <paramref name="bTail"/>, as in Tile4x1; only lanes [0, <paramref name="width"/>) are stored.
    /// </summary>
    private static void Tile8x1<T, TVec, TSimd>(
        ref T a, nint aRow, nint aCol, ref T b, nint bRow, int whole, ref T bTail, int depth,
        ref T c, nint cRow, int width, TVec start)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVec : struct
        where TSimd : struct, ISimdOps<TVec, T>
    {
        TVec c0 = start, c1 = start, c2 = start, c3 = start, c4 = start, c5 = start, c6 = start, c7 = start;
        ref T a0 = ref a, a1 = ref Unsafe.Add(ref a, aRow), a2 = ref Unsafe.Add(ref a, 2 * aRow), a3 = ref Unsafe.Add(ref a, 3 * aRow);
        ref T a4 = ref Unsafe.Add(ref a, 4 * aRow), a5 = ref Unsafe.Add(ref a, 5 * aRow), a6 = ref Unsafe.Add(ref a, 6 * aRow), a7 = ref Unsafe.Add(ref a, 7 * aRow);
        nint ak = 0, bk = 0;
        int k = 0;
        for (; k < whole; k++, ak += aCol, bk += bRow)
        {
            TVec bv = TSimd.Load(ref b, bk);
            c0 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a0, ak)), bv, c0);
            c1 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a1, ak)), bv, c1);
            c2 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a2, ak)), bv, c2);
            c3 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a3, ak)), bv, c3);
            c4 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a4, ak)), bv, c4);
            c5 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a5, ak)), bv, c5);
            c6 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a6, ak)), bv, c6);
            c7 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a7, ak)), bv, c7);
        }
        for (bk = 0; k < depth; k++, ak += aCol, bk += TSimd.Count)
        {
            TVec bv = TSimd.Load(ref bTail, bk);
            c0 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a0, ak)), bv, c0);
            c1 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a1, ak)), bv, c1);
            c2 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a2, ak)), bv, c2);
            c3 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a3, ak)), bv, c3);
            c4 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a4, ak)), bv, c4);
            c5 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a5, ak)), bv, c5);
            c6 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a6, ak)), bv, c6);
            c7 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a7, ak)), bv, c7);
        }
        TSimd.StorePrefix(c0, ref c, 0, width);
        TSimd.StorePrefix(c1, ref c, cRow, width);
        TSimd.StorePrefix(c2, ref c, 2 * cRow, width);
        TSimd.StorePrefix(c3, ref c, 3 * cRow, width);
        TSimd.StorePrefix(c4, ref c, 4 * cRow, width);
        TSimd.StorePrefix(c5, ref c, 5 * cRow, width);
        TSimd.StorePrefix(c6, ref c, 6 * cRow, width);
        TSimd.StorePrefix(c7, ref c, 7 * cRow, width);
    }

    /// <summary>bias gradient: sums (units) = column sums of d (rows, units), one register of columns at a time.</summary>
    public static void ColumnSums<T, TVec, TSimd>(ref T d, int rows, int units, ref T sums)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVec : struct
        where TSimd : struct, ISimdOps<TVec, T>
    {
        int lanes = TSimd.Count;
        nint limit = (nint)rows * units;
        int j = 0;
        // Four registers of columns per pass over the rows: four independent add chains instead of one.
        for (; j + 4 * lanes <= units; j += 4 * lanes)
        {
            TVec s0 = TSimd.Zero, s1 = TSimd.Zero, s2 = TSimd.Zero, s3 = TSimd.Zero;
            for (nint offset = j; offset < limit; offset += units)
            {
                s0 = TSimd.Add(s0, TSimd.Load(ref d, offset));
                s1 = TSimd.Add(s1, TSimd.Load(ref d, offset + lanes));
                s2 = TSimd.Add(s2, TSimd.Load(ref d, offset + 2 * lanes));
                s3 = TSimd.Add(s3, TSimd.Load(ref d, offset + 3 * lanes));
            }
            TSimd.Store(s0, ref sums, j);
            TSimd.Store(s1, ref sums, j + lanes);
            TSimd.Store(s2, ref sums, j + 2 * lanes);
            TSimd.Store(s3, ref sums, j + 3 * lanes);
        }
        for (; j < units; j += lanes)
        {
            int width = Math.Min(lanes, units - j);
            int whole = FullLoadRows(limit - j, units, lanes, rows);
            TVec sum = TSimd.Zero, sum1 = TSimd.Zero, sum2 = TSimd.Zero, sum3 = TSimd.Zero;
            int r = 0;
            // Four rows per pass, four add chains: one chain waits out the add's latency at every row.
            for (; r + 4 <= whole; r += 4)
            {
                sum = TSimd.Add(sum, TSimd.Load(ref d, (nint)r * units + j));
                sum1 = TSimd.Add(sum1, TSimd.Load(ref d, (nint)(r + 1) * units + j));
                sum2 = TSimd.Add(sum2, TSimd.Load(ref d, (nint)(r + 2) * units + j));
                sum3 = TSimd.Add(sum3, TSimd.Load(ref d, (nint)(r + 3) * units + j));
            }
            sum = TSimd.Add(TSimd.Add(sum, sum1), TSimd.Add(sum2, sum3));
            for (; r < whole; r++) sum = TSimd.Add(sum, TSimd.Load(ref d, (nint)r * units + j));
            for (; r < rows; r++) sum = TSimd.Add(sum, LoadPartial<T, TVec, TSimd>(ref d, (nint)r * units + j, width));
            if (width == lanes) TSimd.Store(sum, ref sums, j);
            else TSimd.StorePrefix(sum, ref sums, j, width);
        }
    }

    /// <summary>How many of the first <paramref name="depth"/> rows (stride <paramref name="stride"/>) a full
    /// register load of <paramref name="lanes"/> elements can read without passing <paramref name="limit"/>.</summary>
    private static int FullLoadRows(nint limit, nint stride, int lanes, int depth)
        => limit < lanes ? 0 : (int)Math.Min(depth, (limit - lanes) / stride + 1);

    /// <summary>Lanes [0, width) from source + offset; the rest are whatever follows (unused lanes) while a
    /// full load stays inside <paramref name="limit"/>, zero otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec LoadTail<T, TVec, TSimd>(ref T source, nint offset, int width, nint limit)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVec : struct
        where TSimd : struct, ISimdOps<TVec, T>
        => offset + TSimd.Count <= limit ? TSimd.Load(ref source, offset) : LoadPartial<T, TVec, TSimd>(ref source, offset, width);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TVec LoadPartial<T, TVec, TSimd>(ref T source, nint offset, int width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVec : struct
        where TSimd : struct, ISimdOps<TVec, T>
    {
        Span<T> lanes = stackalloc T[TSimd.Count];   // zeroed: the lanes past width add nothing
        for (int i = 0; i < width; i++) lanes[i] = Unsafe.Add(ref source, offset + i);
        return TSimd.Load(ref MemoryMarshal.GetReference(lanes), 0);
    }

    /// <summary>Debug-only guard on the unchecked accesses (Sep's <c>SepAssert</c>); compiled out of Release.</summary>
    [Conditional("DEBUG")]
    private static void AssertInside(nint end, nint limit)
        => Debug.Assert(end <= limit, $"Kernel access ends at {end}, past its operand's {limit} elements.");
}
