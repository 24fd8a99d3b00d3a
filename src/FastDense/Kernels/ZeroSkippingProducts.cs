using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastDense.Kernels;

/// <summary>
/// The products whose broadcast operand is often zero, computed without those terms: a layer's input x in
/// <c>y = x·K + b</c> and <c>dK = xᵀ·d</c>, and a relu layer's delta d in <c>dx = d·Kᵀ</c>. Raw pixels are half
/// zeros (digits 49 %, Fashion-MNIST 50 %), so are relu outputs and therefore their deltas, and a zero term changes
/// no sum: skipping it is exact (see remarks). float on AVX-512 only;
/// everything else runs the dense <see cref="BlockedGemm"/>.
/// </summary>
/// <remarks>
/// <para>How: the rows of A (x for the forward product, xᵀ for the kernel gradient) are taken in groups of four, and
/// each group is compressed into a list of the k where any of its rows is nonzero, in k order, cut into blocks of at
/// least <see cref="BlockDepth"/> B rows. The tile is the dense kernel's: 4 rows of C by 4 registers (64 floats), 4
/// broadcasts (the group's values at k, from A's rows) and 4 B loads (row k) per 16 FMAs, but it runs over the list
/// instead of every k. A block's B panel (128 rows x all columns, 128 KiB for 256 units) stays in L2 while
/// every group streams past it. The lists are built with AVX-512's register compress, 16 k per step. Before the
/// forward product, long rows (images) are put in an order that groups similar silhouettes
/// (<see cref="OrderBySilhouette"/>), so that a group's rows share more zeros; C's rows are written back in place.</para>
/// <para>Why groups of four and not single rows, which would skip every zero: a core issues about one 512-bit load
/// per FMA at best, so a tile must reuse each loaded B row; single-row and 2-row tiles skip more terms but are
/// load-bound, and lose more in rate than they skip (docs/benchmarks.md, W2). The 4-row group skips less (on
/// Fashion-MNIST, 21 % of (4 images, pixel) entries for the forward product, 38 % of (4 adjacent pixels, image)
/// entries for the kernel gradient, whose groups are neighbouring inputs) at the dense rate.</para>
/// <para>Exactness: for finite B, <c>fma(0, b, c) = c</c>, so dropping a k where the group's values are all zero
/// changes no bit of the result apart from the sign of an exact zero; each output is still accumulated in k order,
/// one FMA per kept term (tests compare with the dense kernel for equality). With an infinite or NaN parameter the
/// dense product gives NaN where this one may not; such a model has already diverged.</para>
/// <para>The input gradient <c>dx = d·Kᵀ</c> takes the same lists on the rows of d, which a relu layer's delta makes
/// sparse (<see cref="TryInputGradient"/>), against the kernel transposed once per call.</para>
/// <para>The kernel gradient has a second form for gradients small enough to stay in cache
/// (<see cref="TryKernelGradientByRowGroups"/>): the forward product's groups of four rows of x, each adding its
/// listed k to the gradient's rows, which needs no transpose (the digits model's 64 x 64 layer, whose groups of
/// adjacent pixels are too dense for the transposed form).</para>
/// <para>When: only if at most <see cref="MaxDensityPercent"/> % of the (group, k) entries have work (for the forward
/// product the lists are the count; the kernel gradient counts on x before transposing it), for A of at least
/// <see cref="MinRows"/> rows, and for units a multiple of 64 (whole tiles; the kernel gradient from
/// <see cref="MinKernelGradientUnits"/>); a classifier's output layer stays dense. <c>FASTDENSE_ZERO_SKIPPING=0</c>
/// turns the path off for a whole process (benchmark baselines).</para>
/// </remarks>
internal static class ZeroSkippingProducts
{
    /// <summary>Environment variable that disables this path when set to <c>0</c> or <c>off</c>.</summary>
    public const string DisableVariable = "FASTDENSE_ZERO_SKIPPING";

    /// <summary>Whether this machine and process use the path at all.</summary>
    public static readonly bool Enabled = Avx512F.IsSupported && !IsOff(Environment.GetEnvironmentVariable(DisableVariable));

    /// <summary>
    /// Above this share of (group, k) entries with work the dense kernel runs: building the lists costs a few
    /// percent of the product, so skipping must save more than that.
    /// </summary>
    public const int MaxDensityPercent = 90;

    /// <summary>
    /// The fewest B rows per block: 128 rows x 256 floats = 128 KiB of B panel for 256 units. A multiple of 16
    /// (lists are built 16 k at a time). Narrower B gets deeper blocks (<see cref="BlockDepthFor"/>).
    /// </summary>
    /// <remarks>
    /// Every block costs each group's tiles a load and a store of their 16 C registers, against ~16 FMAs per list
    /// entry: with blocks of 32 k (a panel in L1) and 64 % of the entries kept, that was a tenth of the tile's work.
    /// The panel is read from L2 instead: 256 bytes of B per 16 FMAs is 16 bytes a cycle, well within L2's rate
    /// (docs/benchmarks.md, W2).
    /// </remarks>
    public const int BlockDepth = 128;

    /// <summary>The most B panel a block reads (from L2): 128 KiB of floats.</summary>
    private const int PanelFloats = 128 * 1024 / sizeof(float);

    /// <summary>
    /// B rows per block for B rows of <paramref name="n"/> floats: as many as fit <see cref="PanelFloats"/>, at least
    /// <see cref="BlockDepth"/>, a multiple of 16 (the digits model's 64-unit layer: all 64 inputs in one block).
    /// </summary>
    internal static int BlockDepthFor(int n) => Math.Max(BlockDepth, PanelFloats / Math.Max(n, 1) / Lanes * Lanes);

    /// <summary>How many blocks lists over <paramref name="depth"/> k have for B rows of <paramref name="n"/> floats: how BuildLists cuts them and the products read them.</summary>
    private static int Blocks(int depth, int n)
    {
        int blockDepth = BlockDepthFor(n);
        return (depth + blockDepth - 1) / blockDepth;
    }

    /// <summary>
    /// The kernel gradient's path pays a transpose of x and a count before any saving, both proportional to
    /// rows x inputs, while the saving grows with units too: below 128 units it did not pay (the digits model's
    /// 64 x 64 layer, whose groups of four adjacent pixels are 95 % nonzero; docs/benchmarks.md, W1). The forward
    /// product has no transpose and pays from 64 units.
    /// </summary>
    public const int MinKernelGradientUnits = 128;

    /// <summary>Batches of at least this many rows decide the kernel gradient's path on every <see cref="CountSampleStep"/>-th row.</summary>
    public const int CountSampleMinRows = 64;

    /// <summary>The row step of that sample.</summary>
    public const int CountSampleStep = 4;

    /// <summary>
    /// Rows shorter than this keep their order: the silhouette key needs many 16-element stretches to tell rows apart.
    /// Fashion-MNIST's 784 pixels gain from the order; the digits' 64 pixels (4 stretches) lose, to worse groups and
    /// the sort (docs/benchmarks.md, W1 and W2).
    /// </summary>
    public const int MinOrderedDepth = 256;

    /// <summary>Blocks of more rows keep their order: the sort grows faster than the saving, and the key holds the index in 21 bits.</summary>
    public const int MaxOrderedRows = 4096;

    /// <summary>Rows of A per group (and of C per tile).</summary>
    public const int GroupRows = 4;

    private const int Lanes = 16;

    /// <summary>Columns of C per tile: 4 registers.</summary>
    private const int TileColumns = 4 * Lanes;

    /// <summary>
    /// y (rows, units) = x (rows, inputs) · kernel (inputs, units) + bias (or without <paramref name="hasBias"/>, no bias:
    /// each sum starts from +0), if x is sparse enough; false (nothing written) otherwise.
    /// </summary>
    public static bool TryForward(ref float x, ref float kernel, ref float bias, ref float y, int rows, int inputs, int units, bool relu = false, bool hasBias = true)
    {
        if (!Applies(rows, inputs, units)) return false;
        ZeroSkippingScratch scratch = ZeroSkippingScratch.For(rows, inputs);
        OrderBySilhouette(ref x, rows, inputs, scratch.Order(rows), scratch.Keys(rows));
        // The lists are the count: on input too dense to pay, building them is the cost of finding out.
        if (!SparseEnough(BuildLists(ref x, inputs, rows, inputs, bRow: units, scratch), rows, inputs)) return false;
        Multiply(scratch, ref x, inputs, rows, inputs, ref kernel, ref y, cRow: units, ref bias, initRow: 0, hasInit: hasBias, units, relu);
        return true;
    }

    /// <summary>
    /// kernelGradient (inputs, units) = xᵀ · delta (rows, units), assigned, if x is sparse enough; false (nothing
    /// written) otherwise. x is transposed first (16 x 16 register blocks), so each list is one input's column.
    /// </summary>
    public static bool TryKernelGradient(ref float x, ref float delta, ref float kernelGradient, int rows, int inputs, int units)
    {
        // Counted on x before paying for the transpose: groups of four neighbouring inputs (adjacent pixels).
        // The decision counts every fourth row of a large batch: it only chooses the faster of two paths with the same
        // result, and a quarter of Fashion-MNIST's 128 rows decides as well as all.
        int rowStep = rows >= CountSampleMinRows ? CountSampleStep : 1, sampledRows = (rows + rowStep - 1) / rowStep;
        if (!Applies(inputs, rows, units) || units < MinKernelGradientUnits
            || !SparseEnough(CountInputGroupEntries(ref x, sampledRows, inputs, rowStride: (nint)rowStep * inputs), inputs, sampledRows))
        {
            return false;
        }
        ZeroSkippingScratch scratch = ZeroSkippingScratch.For(inputs, rows);
        // xᵀ (inputs, rows) with rows padded to whole registers; the padding lanes are masked off by BuildLists.
        int stride = (rows + Lanes - 1) / Lanes * Lanes;
        ref float xt = ref MemoryMarshal.GetArrayDataReference(scratch.Transposed(stride * (inputs + Lanes)));
        PanelTranspose.Transpose(ref x, (nint)rows * inputs, inputs, p0: 0, width: rows, k0: 0, depth: inputs, ref xt, stride, Lanes);
        InOrder(scratch.Order(inputs));   // groups of neighbouring inputs
        BuildLists(ref xt, stride, inputs, rows, bRow: units, scratch);
        Multiply(scratch, ref xt, stride, inputs, rows, ref delta, ref kernelGradient, cRow: units, ref kernelGradient, initRow: 0, hasInit: false, units);
        return true;
    }

    /// <summary>
    /// inputGradient (rows, inputs) = delta (rows, units) · kernelᵀ, assigned, if delta is sparse enough (a relu
    /// layer's delta is zero wherever its output was: Fashion-MNIST's second layer, 4-row groups of delta keep 78 % of
    /// the entries); false (nothing written) otherwise. The lists are built on delta's rows (the forward product's
    /// form), then the kernel is transposed once into this thread's scratch so that B = kernelᵀ (units, inputs) has
    /// contiguous rows. Each output still sums its k in order, one FMA per kept term, and equals the dense kernel's.
    /// </summary>
    public static bool TryInputGradient(ref float delta, ref float kernel, ref float inputGradient, int rows, int inputs, int units)
    {
        // A delta narrower than a tile (a classifier's output layer: softmax, dense) declines before any list.
        if (!Applies(rows, units, inputs) || units < TileColumns) return false;
        ZeroSkippingScratch scratch = ZeroSkippingScratch.For(rows, units);
        InOrder(scratch.Order(rows));
        if (!SparseEnough(BuildLists(ref delta, units, rows, units, bRow: inputs, scratch), rows, units)) return false;
        // kernelᵀ: row k holds kernel[:, k]; the transpose writes whole 16 x 16 blocks, so 16 spare rows.
        ref float kt = ref MemoryMarshal.GetArrayDataReference(scratch.Transposed(checked((units + Lanes) * inputs)));
        PanelTranspose.Transpose(ref kernel, (nint)inputs * units, units, p0: 0, width: inputs, k0: 0, depth: units, ref kt, inputs, Lanes);
        Multiply(scratch, ref delta, units, rows, units, ref kt, ref inputGradient, cRow: inputs, ref inputGradient, initRow: 0, hasInit: false, inputs);
        return true;
    }

    /// <summary>
    /// The largest kernel gradient (inputs x units floats) the row-group form (<see cref="TryKernelGradientByRowGroups"/>)
    /// takes: 128 KiB, which stays in L2 while every group adds to it (the digits' 64 x 64 gradient, 16 KiB;
    /// Fashion-MNIST's 256 x 128, 128 KiB). Past L2 (Fashion-MNIST's 784 x 256, 784 KiB) every group's additions go to
    /// memory, and the transposed form (<see cref="TryKernelGradient"/>) keeps its sums in registers (docs/benchmarks.md, W2).
    /// </summary>
    public const int MaxRowGroupGradientFloats = 32 * 1024;

    /// <summary>
    /// kernelGradient (inputs, units) = xᵀ · delta (rows, units), assigned, if x is sparse enough and the gradient small
    /// enough (<see cref="MaxRowGroupGradientFloats"/>); false (nothing written) otherwise. The row-group form: the
    /// forward product's lists (groups of four rows of x, the k where any is nonzero) and, for each group, its four delta
    /// rows held in registers while each listed k adds <c>Σ_i x[r_i, k] · delta[r_i, :]</c> to gradient row k. No
    /// transpose and no count (the lists are the count); each gradient row is loaded and stored once per group that
    /// lists it, so the gradient must stay near (L1 or L2). Rows are taken in order, so every element still sums its
    /// rows in order, one FMA per term, and equals the dense kernel's.
    /// </summary>
    public static bool TryKernelGradientByRowGroups(ref float x, ref float delta, ref float kernelGradient, int rows, int inputs, int units)
    {
        if (!Applies(rows, inputs, units) || (long)inputs * units > MaxRowGroupGradientFloats) return false;
        ZeroSkippingScratch scratch = ZeroSkippingScratch.For(rows, inputs);
        InOrder(scratch.Order(rows));
        if (!SparseEnough(BuildLists(ref x, inputs, rows, inputs, bRow: units, scratch), rows, inputs)) return false;
        MemoryMarshal.CreateSpan(ref kernelGradient, inputs * units).Clear();
        int blocks = Blocks(inputs, units);
        ref int ks = ref MemoryMarshal.GetArrayDataReference(scratch.Ks);
        ref int starts = ref MemoryMarshal.GetArrayDataReference(scratch.Starts);
        for (int i = 0; i < rows; i += GroupRows)
        {
            int groupRows = Math.Min(GroupRows, rows - i);
            ref int groupStarts = ref Unsafe.Add(ref starts, (i / GroupRows) * (blocks + 1));
            int t0 = groupStarts, t1 = Unsafe.Add(ref groupStarts, blocks);   // the whole list: every block, in k order
            ref float groupX = ref Unsafe.Add(ref x, (nint)i * inputs);
            for (int j = 0; j < units; j += TileColumns)
            {
                ref float groupDelta = ref Unsafe.Add(ref delta, (nint)i * units + j);
                if (groupRows == GroupRows)
                {
                    AddGroupToRows(ref groupX, inputs, ref groupDelta, units, ref ks, t0, t1, ref Unsafe.Add(ref kernelGradient, j));
                    continue;
                }
                for (int r = 0; r < groupRows; r++)
                {
                    AddRowToRows(ref Unsafe.Add(ref groupX, (nint)r * inputs), ref Unsafe.Add(ref groupDelta, (nint)r * units), units, ref ks, t0, t1, ref Unsafe.Add(ref kernelGradient, j));
                }
            }
        }
        return true;
    }

    /// <summary>
    /// Rows of A below which the lists are not worth building: a single sample (predict one) has nothing to share a
    /// B row with, and the dense kernel's 4-row tile does the same work without the list.
    /// </summary>
    public const int MinRows = 2 * GroupRows;

    private static bool Applies(int m, int depth, int units)
        => Enabled && m >= MinRows && depth > 0 && units > 0 && units % TileColumns == 0;

    /// <summary>
    /// Whether lists of <paramref name="entries"/> for m rows of <paramref name="depth"/> leave enough out: at most
    /// <see cref="MaxDensityPercent"/> % of the (group, k) entries, which is the work the tiles do.
    /// </summary>
    internal static bool SparseEnough(int entries, int m, int depth)
        => (long)entries * 100 <= (long)((m + GroupRows - 1) / GroupRows) * depth * MaxDensityPercent;

    /// <summary>The same decision for a matrix A (m rows of <paramref name="depth"/>, <paramref name="aRow"/> apart), building its lists in this thread's scratch.</summary>
    internal static bool SparseEnough(ref float a, nint aRow, int m, int depth)
    {
        ZeroSkippingScratch scratch = ZeroSkippingScratch.For(m, depth);
        InOrder(scratch.Order(m));
        return SparseEnough(BuildLists(ref a, aRow, m, depth, bRow: 1, scratch), m, depth);
    }

    /// <summary>
    /// Puts rows with similar zeros next to each other, so that a group of four shares more of them: sorted by how many
    /// 16-element stretches hold a nonzero, then by the number of nonzeros (ties by index, so the order is
    /// deterministic). For Fashion-MNIST images this groups similar silhouettes: the k where a group of four is all
    /// zero rise from 21 % (batch order) to ~35 % on batches of 128. The rows of C are
    /// written back in their own places, so the order is invisible outside this class.
    /// </summary>
    internal static void OrderBySilhouette(ref float a, int m, int depth, Span<int> order, Span<long> keys)
    {
        if (depth < MinOrderedDepth || m > MaxOrderedRows)
        {
            InOrder(order);
            return;
        }
        int whole = depth - depth % Lanes;
        for (int i = 0; i < m; i++)
        {
            ref float row = ref Unsafe.Add(ref a, (nint)i * depth);
            int stretches = 0, nonzero = 0;
            // Whole registers in a loop of their own: with the tail's out-of-line copy inside, this loop ran at a
            // third of the speed (its registers spilled around the call).
            for (int k0 = 0; k0 < whole; k0 += Lanes)
            {
                uint bits = (uint)(~Vector512.Equals(Vector512.LoadUnsafe(ref row, (nuint)k0), Vector512<float>.Zero)).ExtractMostSignificantBits();
                stretches += bits != 0 ? 1 : 0;
                nonzero += BitOperations.PopCount(bits);
            }
            if (whole < depth)
            {
                uint bits = (uint)(~Vector512.Equals(LoadRow(ref row, whole, depth), Vector512<float>.Zero)).ExtractMostSignificantBits();
                stretches += bits != 0 ? 1 : 0;
                nonzero += BitOperations.PopCount(bits);
            }
            keys[i] = ((long)stretches << 42) | ((long)nonzero << 21) | (long)i;
        }
        keys.Sort();
        for (int i = 0; i < m; i++) order[i] = (int)(keys[i] & ((1 << 21) - 1));
    }

    /// <summary>
    /// The entries the kernel gradient's lists will have: for each of <paramref name="rows"/> rows of x,
    /// <paramref name="rowStride"/> apart (default: <paramref name="inputs"/>, every row), and each group of four
    /// neighbouring inputs (4q .. 4q + 3), one if any of the four is nonzero. 16 inputs (4 groups) per compare.
    /// </summary>
    internal static int CountInputGroupEntries(ref float x, int rows, int inputs, nint rowStride = 0)
    {
        if (rowStride == 0) rowStride = inputs;
        int entries = 0;
        for (int r = 0; r < rows; r++)
        {
            ref float row = ref Unsafe.Add(ref x, r * rowStride);
            int k0 = 0;
            for (; k0 + Lanes <= inputs; k0 += Lanes)
            {
                entries += GroupsWithNonzero(Vector512.LoadUnsafe(ref row, (nuint)k0));
            }
            if (k0 < inputs) entries += GroupsWithNonzero(LoadRow(ref row, k0, inputs));
        }
        return entries;
    }

    /// <summary>The identity order: rows grouped as they stand.</summary>
    private static void InOrder(Span<int> order)
    {
        for (int i = 0; i < order.Length; i++) order[i] = i;
    }

    /// <summary>How many of the register's four groups of four lanes hold a nonzero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int GroupsWithNonzero(Vector512<float> v)
    {
        uint nonzero = (uint)(~Vector512.Equals(v, Vector512<float>.Zero)).ExtractMostSignificantBits();
        return BitOperations.PopCount((nonzero | nonzero >> 1 | nonzero >> 2 | nonzero >> 3) & 0x1111);   // bit 4g: group g
    }

    /// <summary>Lanes where all four values are zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> AllZero(Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3)
        => Vector512.Equals(v0, Vector512<float>.Zero) & Vector512.Equals(v1, Vector512<float>.Zero)
            & Vector512.Equals(v2, Vector512<float>.Zero) & Vector512.Equals(v3, Vector512<float>.Zero);

    /// <summary>
    /// Compresses the m rows of A (<paramref name="depth"/> elements each, row stride <paramref name="aRow"/>) in
    /// groups of four: for each group, the k where any row is nonzero (<see cref="ZeroSkippingScratch.Ks"/>), in k
    /// order, and the list position where each block of <see cref="BlockDepthFor"/>(bRow) k starts. The tile reads
    /// the four values from A's rows at k (they are in L1: the group's rows were just read); compressing the values
    /// into lists of their own as well cost four more compresses per 16 k, two thirds of the lists' time.
    /// Returns the number of entries.
    /// </summary>
    internal static int BuildLists(ref float a, nint aRow, int m, int depth, int bRow, ZeroSkippingScratch scratch)
    {
        int blockDepth = BlockDepthFor(bRow);
        int blocks = Blocks(depth, bRow);
        ref int ks = ref MemoryMarshal.GetArrayDataReference(scratch.Ks);
        ref int starts = ref MemoryMarshal.GetArrayDataReference(scratch.Starts);
        ref int order = ref MemoryMarshal.GetArrayDataReference(scratch.RowOrder);
        int position = 0;
        for (int i = 0; i < m; i += GroupRows)
        {
            int rows = Math.Min(GroupRows, m - i);
            // The group's rows, in the scratch's row order; rows past a last, partial group repeat its first (unread).
            ref float row0 = ref Unsafe.Add(ref a, Unsafe.Add(ref order, i) * aRow);
            ref float row1 = ref Unsafe.Add(ref a, Unsafe.Add(ref order, rows > 1 ? i + 1 : i) * aRow);
            ref float row2 = ref Unsafe.Add(ref a, Unsafe.Add(ref order, rows > 2 ? i + 2 : i) * aRow);
            ref float row3 = ref Unsafe.Add(ref a, Unsafe.Add(ref order, rows > 3 ? i + 3 : i) * aRow);
            ref int groupStarts = ref Unsafe.Add(ref starts, (i / GroupRows) * (blocks + 1));
            // Block boundaries by a running count, not k0 % blockDepth: a division per 16 k was most of the lists' time.
            int block = 0, nextBlock = 0;
            for (int k0 = 0; k0 < depth; k0 += Lanes)
            {
                if (k0 == nextBlock)
                {
                    Unsafe.Add(ref groupStarts, block++) = position;
                    nextBlock += blockDepth;
                }
                Vector512<float> v0, v1, v2, v3;
                if (rows == GroupRows && depth - k0 >= Lanes)
                {
                    v0 = Vector512.LoadUnsafe(ref row0, (nuint)k0);
                    v1 = Vector512.LoadUnsafe(ref row1, (nuint)k0);
                    v2 = Vector512.LoadUnsafe(ref row2, (nuint)k0);
                    v3 = Vector512.LoadUnsafe(ref row3, (nuint)k0);
                }
                else
                {
                    // A last, partial group or register: rows past the group and lanes past the row are zero.
                    v0 = LoadRow(ref row0, k0, depth);
                    v1 = rows > 1 ? LoadRow(ref row1, k0, depth) : Vector512<float>.Zero;
                    v2 = rows > 2 ? LoadRow(ref row2, k0, depth) : Vector512<float>.Zero;
                    v3 = rows > 3 ? LoadRow(ref row3, k0, depth) : Vector512<float>.Zero;
                }
                Vector512<float> keep = ~AllZero(v0, v1, v2, v3);
                uint bits = (uint)keep.ExtractMostSignificantBits();
                if (bits == 0) continue;
                // Register compress, then a whole-register store: the list has 16 spare elements at the end.
                Avx512F.Compress(Vector512<int>.Zero, keep.AsInt32(), Vector512<int>.Indices + Vector512.Create(k0)).StoreUnsafe(ref ks, (nuint)position);
                position += BitOperations.PopCount(bits);
            }
            Unsafe.Add(ref groupStarts, blocks) = position;
        }
        return position;
    }

    /// <summary>Elements [k0, k0 + 16) of a row of <paramref name="depth"/>; lanes past the row are zero and nothing past it is read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> LoadRow(ref float row, int k0, int depth)
    {
        if (depth - k0 >= Lanes) return Vector512.LoadUnsafe(ref row, (nuint)k0);
        return LoadTail(ref row, k0, depth - k0);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<float> LoadTail(ref float row, int k0, int count)
    {
        Span<float> tail = stackalloc float[Lanes];
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref row, k0), count).CopyTo(tail);
        return Vector512.Create<float>(tail);
    }

    /// <summary>
    /// C (m, n) = init + (compressed A) · B, A's rows <paramref name="aRow"/> apart, B rows n apart, C rows <paramref name="cRow"/>
    /// apart. Blocks of k outside, row groups in the middle, column tiles inside: one block's B panel (128 rows by all
    /// n columns, 128 KiB for 256 units) stays in L2 for every group, and each group's list is read while it is hot.
    /// (Column tiles outside would re-read every list once per tile, the lists and an 800 KiB kernel competing for L2.)
    /// </summary>
    /// <remarks>With <paramref name="relu"/>, the last block's tiles store max(c, 0) (relu's select: NaN passes), so a
    /// relu layer's output is written once instead of written, read and written again by a pass of its own.</remarks>
    private static void Multiply(ZeroSkippingScratch scratch, ref float a, nint aRow, int m, int depth, ref float b, ref float c, nint cRow, ref float init, nint initRow, bool hasInit, int n, bool relu = false)
    {
        int blocks = Blocks(depth, n);   // as BuildLists cut the lists (bRow = n)
        ref int ks = ref MemoryMarshal.GetArrayDataReference(scratch.Ks);
        ref int starts = ref MemoryMarshal.GetArrayDataReference(scratch.Starts);
        ref int order = ref MemoryMarshal.GetArrayDataReference(scratch.RowOrder);
        for (int block = 0; block < blocks; block++)
        {
            for (int i = 0; i < m; i += GroupRows)
            {
                ref int groupStarts = ref Unsafe.Add(ref starts, (i / GroupRows) * (blocks + 1) + block);
                int t0 = groupStarts, t1 = Unsafe.Add(ref groupStarts, 1);
                bool last = block == blocks - 1;
                // Nothing to add to the partial sums already in C (unless the last block must still apply relu to them).
                if (block > 0 && t0 == t1 && !(relu && last)) continue;
                int rows = Math.Min(GroupRows, m - i);
                // C rows of the group, in the row order; past a partial group they repeat the first and are not stored.
                nint o0 = Unsafe.Add(ref order, i), o1 = Unsafe.Add(ref order, rows > 1 ? i + 1 : i);
                nint o2 = Unsafe.Add(ref order, rows > 2 ? i + 2 : i), o3 = Unsafe.Add(ref order, rows > 3 ? i + 3 : i);
                // The first block starts from init (or zero), later ones from the partial sums in C.
                bool fromC = block > 0;
                ref float s = ref fromC ? ref c : ref init;
                nint sRow = fromC ? cRow : initRow;
                for (int j = 0; j < n; j += TileColumns)
                {
                    Tile4x4(ref Unsafe.Add(ref a, o0 * aRow), ref Unsafe.Add(ref a, o1 * aRow), ref Unsafe.Add(ref a, o2 * aRow), ref Unsafe.Add(ref a, o3 * aRow),
                        ref ks, t0, t1, ref Unsafe.Add(ref b, j), n,
                        ref Unsafe.Add(ref c, o0 * cRow + j), ref Unsafe.Add(ref c, o1 * cRow + j),
                        ref Unsafe.Add(ref c, o2 * cRow + j), ref Unsafe.Add(ref c, o3 * cRow + j),
                        ref Unsafe.Add(ref s, o0 * sRow + j), ref Unsafe.Add(ref s, o1 * sRow + j),
                        ref Unsafe.Add(ref s, o2 * sRow + j), ref Unsafe.Add(ref s, o3 * sRow + j),
                        fromC || hasInit, rows, relu && last);
                }
            }
        }
    }

    /// <summary>
    /// 4 rows of C (anywhere: one reference each) by 4 registers, over list entries [t0, t1): the dense kernel's tile
    /// with the k loop replaced by the list. Rows past <paramref name="rows"/> repeat the first and are not stored.
    /// </summary>
    // Optimized from its first call: hot in a fresh process's first Fit (docs/architecture.md, "First calls").
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x4(ref float a0, ref float a1, ref float a2, ref float a3, ref int ks, int t0, int t1, ref float b, nint bRow,
        ref float c0, ref float c1, ref float c2, ref float c3, ref float s0, ref float s1, ref float s2, ref float s3, bool fromStart, int rows, bool relu)
    {
        Vector512<float> c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33;
        if (fromStart)
        {
            c00 = Vector512.LoadUnsafe(ref s0, 0); c01 = Vector512.LoadUnsafe(ref s0, 16); c02 = Vector512.LoadUnsafe(ref s0, 32); c03 = Vector512.LoadUnsafe(ref s0, 48);
            c10 = Vector512.LoadUnsafe(ref s1, 0); c11 = Vector512.LoadUnsafe(ref s1, 16); c12 = Vector512.LoadUnsafe(ref s1, 32); c13 = Vector512.LoadUnsafe(ref s1, 48);
            c20 = Vector512.LoadUnsafe(ref s2, 0); c21 = Vector512.LoadUnsafe(ref s2, 16); c22 = Vector512.LoadUnsafe(ref s2, 32); c23 = Vector512.LoadUnsafe(ref s2, 48);
            c30 = Vector512.LoadUnsafe(ref s3, 0); c31 = Vector512.LoadUnsafe(ref s3, 16); c32 = Vector512.LoadUnsafe(ref s3, 32); c33 = Vector512.LoadUnsafe(ref s3, 48);
        }
        else
        {
            c00 = c01 = c02 = c03 = c10 = c11 = c12 = c13 = c20 = c21 = c22 = c23 = c30 = c31 = c32 = c33 = Vector512<float>.Zero;
        }
        for (int t = t0; t < t1; t++)
        {
            nint k = Unsafe.Add(ref ks, t);
            ref float row = ref Unsafe.Add(ref b, k * bRow);
            Vector512<float> b0 = Vector512.LoadUnsafe(ref row, 0), b1 = Vector512.LoadUnsafe(ref row, 16), b2 = Vector512.LoadUnsafe(ref row, 32), b3 = Vector512.LoadUnsafe(ref row, 48);
            Vector512<float> x = Vector512.Create(Unsafe.Add(ref a0, k));
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01); c02 = Vector512.FusedMultiplyAdd(x, b2, c02); c03 = Vector512.FusedMultiplyAdd(x, b3, c03);
            x = Vector512.Create(Unsafe.Add(ref a1, k));
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11); c12 = Vector512.FusedMultiplyAdd(x, b2, c12); c13 = Vector512.FusedMultiplyAdd(x, b3, c13);
            x = Vector512.Create(Unsafe.Add(ref a2, k));
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21); c22 = Vector512.FusedMultiplyAdd(x, b2, c22); c23 = Vector512.FusedMultiplyAdd(x, b3, c23);
            x = Vector512.Create(Unsafe.Add(ref a3, k));
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31); c32 = Vector512.FusedMultiplyAdd(x, b2, c32); c33 = Vector512.FusedMultiplyAdd(x, b3, c33);
        }
        if (relu)
        {
            c00 = ReluOperator.Apply(c00); c01 = ReluOperator.Apply(c01); c02 = ReluOperator.Apply(c02); c03 = ReluOperator.Apply(c03);
            c10 = ReluOperator.Apply(c10); c11 = ReluOperator.Apply(c11); c12 = ReluOperator.Apply(c12); c13 = ReluOperator.Apply(c13);
            c20 = ReluOperator.Apply(c20); c21 = ReluOperator.Apply(c21); c22 = ReluOperator.Apply(c22); c23 = ReluOperator.Apply(c23);
            c30 = ReluOperator.Apply(c30); c31 = ReluOperator.Apply(c31); c32 = ReluOperator.Apply(c32); c33 = ReluOperator.Apply(c33);
        }
        c00.StoreUnsafe(ref c0, 0); c01.StoreUnsafe(ref c0, 16); c02.StoreUnsafe(ref c0, 32); c03.StoreUnsafe(ref c0, 48);
        if (rows > 1) { c10.StoreUnsafe(ref c1, 0); c11.StoreUnsafe(ref c1, 16); c12.StoreUnsafe(ref c1, 32); c13.StoreUnsafe(ref c1, 48); }
        if (rows > 2) { c20.StoreUnsafe(ref c2, 0); c21.StoreUnsafe(ref c2, 16); c22.StoreUnsafe(ref c2, 32); c23.StoreUnsafe(ref c2, 48); }
        if (rows > 3) { c30.StoreUnsafe(ref c3, 0); c31.StoreUnsafe(ref c3, 16); c32.StoreUnsafe(ref c3, 32); c33.StoreUnsafe(ref c3, 48); }
    }

    /// <summary>
    /// For each listed k in [t0, t1): gradient row k (64 columns from <paramref name="gradient"/>, rows
    /// <paramref name="units"/> apart) += Σ_i x[i, k] · delta[i, :] over the group's four rows, in row order. The four
    /// delta rows stay in 16 registers.
    /// </summary>
    // Optimized from its first call: hot in a fresh process's first Fit (docs/architecture.md, "First calls").
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddGroupToRows(ref float x, nint xRow, ref float delta, nint units, ref int ks, int t0, int t1, ref float gradient)
    {
        ref float x1 = ref Unsafe.Add(ref x, xRow);
        ref float x2 = ref Unsafe.Add(ref x, 2 * xRow);
        ref float x3 = ref Unsafe.Add(ref x, 3 * xRow);
        ref float e1 = ref Unsafe.Add(ref delta, units);
        ref float e2 = ref Unsafe.Add(ref delta, 2 * units);
        ref float e3 = ref Unsafe.Add(ref delta, 3 * units);
        Vector512<float> d00 = Vector512.LoadUnsafe(ref delta, 0), d01 = Vector512.LoadUnsafe(ref delta, 16), d02 = Vector512.LoadUnsafe(ref delta, 32), d03 = Vector512.LoadUnsafe(ref delta, 48);
        Vector512<float> d10 = Vector512.LoadUnsafe(ref e1, 0), d11 = Vector512.LoadUnsafe(ref e1, 16), d12 = Vector512.LoadUnsafe(ref e1, 32), d13 = Vector512.LoadUnsafe(ref e1, 48);
        Vector512<float> d20 = Vector512.LoadUnsafe(ref e2, 0), d21 = Vector512.LoadUnsafe(ref e2, 16), d22 = Vector512.LoadUnsafe(ref e2, 32), d23 = Vector512.LoadUnsafe(ref e2, 48);
        Vector512<float> d30 = Vector512.LoadUnsafe(ref e3, 0), d31 = Vector512.LoadUnsafe(ref e3, 16), d32 = Vector512.LoadUnsafe(ref e3, 32), d33 = Vector512.LoadUnsafe(ref e3, 48);
        for (int t = t0; t < t1; t++)
        {
            nint k = Unsafe.Add(ref ks, t);
            ref float row = ref Unsafe.Add(ref gradient, k * units);
            Vector512<float> c0 = Vector512.LoadUnsafe(ref row, 0), c1 = Vector512.LoadUnsafe(ref row, 16), c2 = Vector512.LoadUnsafe(ref row, 32), c3 = Vector512.LoadUnsafe(ref row, 48);
            Vector512<float> a = Vector512.Create(Unsafe.Add(ref x, k));
            c0 = Vector512.FusedMultiplyAdd(a, d00, c0); c1 = Vector512.FusedMultiplyAdd(a, d01, c1); c2 = Vector512.FusedMultiplyAdd(a, d02, c2); c3 = Vector512.FusedMultiplyAdd(a, d03, c3);
            a = Vector512.Create(Unsafe.Add(ref x1, k));
            c0 = Vector512.FusedMultiplyAdd(a, d10, c0); c1 = Vector512.FusedMultiplyAdd(a, d11, c1); c2 = Vector512.FusedMultiplyAdd(a, d12, c2); c3 = Vector512.FusedMultiplyAdd(a, d13, c3);
            a = Vector512.Create(Unsafe.Add(ref x2, k));
            c0 = Vector512.FusedMultiplyAdd(a, d20, c0); c1 = Vector512.FusedMultiplyAdd(a, d21, c1); c2 = Vector512.FusedMultiplyAdd(a, d22, c2); c3 = Vector512.FusedMultiplyAdd(a, d23, c3);
            a = Vector512.Create(Unsafe.Add(ref x3, k));
            c0 = Vector512.FusedMultiplyAdd(a, d30, c0); c1 = Vector512.FusedMultiplyAdd(a, d31, c1); c2 = Vector512.FusedMultiplyAdd(a, d32, c2); c3 = Vector512.FusedMultiplyAdd(a, d33, c3);
            c0.StoreUnsafe(ref row, 0); c1.StoreUnsafe(ref row, 16); c2.StoreUnsafe(ref row, 32); c3.StoreUnsafe(ref row, 48);
        }
    }

    /// <summary>
    /// <see cref="AddGroupToRows"/> for one row of a last, partial group: gradient row k += x[k] · delta for each listed k
    /// (the group's list; where this row's x is zero the FMA adds an exact zero). Called once per row, in row order.
    /// </summary>
    // Optimized from its first call: hot in a fresh process's first Fit (docs/architecture.md, "First calls").
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRowToRows(ref float x, ref float delta, nint units, ref int ks, int t0, int t1, ref float gradient)
    {
        Vector512<float> d0 = Vector512.LoadUnsafe(ref delta, 0), d1 = Vector512.LoadUnsafe(ref delta, 16), d2 = Vector512.LoadUnsafe(ref delta, 32), d3 = Vector512.LoadUnsafe(ref delta, 48);
        for (int t = t0; t < t1; t++)
        {
            nint k = Unsafe.Add(ref ks, t);
            ref float row = ref Unsafe.Add(ref gradient, k * units);
            Vector512<float> a = Vector512.Create(Unsafe.Add(ref x, k));
            Vector512.FusedMultiplyAdd(a, d0, Vector512.LoadUnsafe(ref row, 0)).StoreUnsafe(ref row, 0);
            Vector512.FusedMultiplyAdd(a, d1, Vector512.LoadUnsafe(ref row, 16)).StoreUnsafe(ref row, 16);
            Vector512.FusedMultiplyAdd(a, d2, Vector512.LoadUnsafe(ref row, 32)).StoreUnsafe(ref row, 32);
            Vector512.FusedMultiplyAdd(a, d3, Vector512.LoadUnsafe(ref row, 48)).StoreUnsafe(ref row, 48);
        }
    }

    private static bool IsOff(string? value)
        => value is not null && (value.Trim() == "0" || value.Trim().Equals("off", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The per-thread lists of <see cref="ZeroSkippingProducts"/>: allocated on a thread's first sparse product and
/// grown to the largest one seen, so training steps after the first allocate nothing. Not reentrant.
/// </summary>
internal sealed class ZeroSkippingScratch
{
    [ThreadStatic]
    private static ZeroSkippingScratch? t_current;

    private float[] _transposed = [];

    /// <summary>For each list entry, its k (the column of A, the row of B); the most entries a product can have,
    /// plus 16 for whole-register stores.</summary>
    public int[] Ks { get; private set; } = [];

    /// <summary>For group g, block q: the list position where the block starts, at g·(blocks + 1) + q; the last entry ends the group.</summary>
    public int[] Starts { get; private set; } = [];

    /// <summary>This thread's scratch, large enough for lists of <paramref name="m"/> rows of <paramref name="depth"/> elements.</summary>
    public static ZeroSkippingScratch For(int m, int depth)
    {
        ZeroSkippingScratch scratch = t_current ??= new ZeroSkippingScratch();
        int groups = (m + ZeroSkippingProducts.GroupRows - 1) / ZeroSkippingProducts.GroupRows;
        int capacity = checked(groups * depth + 16);
        int starts = checked(groups * ((depth + ZeroSkippingProducts.BlockDepth - 1) / ZeroSkippingProducts.BlockDepth + 1));
        if (scratch.Ks.Length < capacity) scratch.Ks = new int[capacity];
        if (scratch.Starts.Length < starts) scratch.Starts = new int[starts];
        return scratch;
    }

    /// <summary>The order in which rows of A are grouped (see <see cref="Order"/>).</summary>
    public int[] RowOrder { get; private set; } = [];

    /// <summary>The first <paramref name="m"/> elements of <see cref="RowOrder"/>, to be filled with a permutation of 0 .. m - 1.</summary>
    public Span<int> Order(int m)
    {
        if (RowOrder.Length < m) RowOrder = new int[m];
        return RowOrder.AsSpan(0, m);
    }

    private long[] _keys = [];

    /// <summary>m sort keys for <see cref="ZeroSkippingProducts.OrderBySilhouette"/>, contents unspecified.</summary>
    public Span<long> Keys(int m)
    {
        if (_keys.Length < m) _keys = new long[m];
        return _keys.AsSpan(0, m);
    }

    /// <summary>A buffer of at least <paramref name="length"/> floats for xᵀ, contents unspecified.</summary>
    public float[] Transposed(int length)
    {
        if (_transposed.Length < length) _transposed = new float[length];
        return _transposed;
    }
}
