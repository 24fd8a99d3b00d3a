using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastDense.Kernels;

/// <summary>
/// The two products whose broadcast operand is a layer's input x, <c>y = x·K + b</c> and <c>dK = xᵀ·d</c>,
/// computed over x's nonzero elements only. Raw pixels are half zeros (digits 49 %, Fashion-MNIST 50 %) and so are
/// relu outputs, and a zero contributes nothing to either product: skipping it is exact (see remarks).
/// float on AVX-512 only; everything else runs the dense <see cref="BlockedGemm"/>.
/// </summary>
/// <remarks>
/// <para>How: each row of A (x for the forward product, xᵀ for the kernel gradient) is compressed into a list of
/// (value, offset of the B row it multiplies), in k order, cut into blocks of <see cref="BlockDepth"/> B rows.
/// A tile is one row of C by up to 8 registers of columns (128 floats); for each listed element it broadcasts the
/// value and does one FMA per register with that B row. A block's B panel (64 x 128 floats, 32 KiB) stays in L1
/// while every row streams past it. The lists are built with AVX-512's register compress (16 lanes per step),
/// which the memory form (slow on Zen 4) is not used for.</para>
/// <para>Why one row and not the dense kernel's four: rows have different zeros, and a 4-row tile can only skip a
/// k where all four rows are zero (21 % of Fashion-MNIST's (4 images, pixel) pairs against 50 % of single
/// pixels). The machine does one 512-bit FMA per cycle and two loads, so a 1 x 8 tile (8 FMAs, 8 B loads, one
/// broadcast per element) is still FMA-bound, like the 4 x 4 dense tile.</para>
/// <para>Exactness: for finite B, <c>fma(0, b, c) = c</c>, so dropping zeros changes no bit of the result apart
/// from the sign of an exact zero. Each output is still accumulated in k order, one FMA per nonzero term. (With an
/// infinite or NaN parameter the dense product gives NaN where this one does not; such a model has already
/// diverged.)</para>
/// <para>When: only if at most <see cref="MaxDensityPercent"/> % of x is nonzero (counted first, 1 compare per 16
/// elements), and only for whole registers of columns (units a multiple of 16); the 10-unit output layer stays
/// dense. <c>FASTDENSE_ZERO_SKIPPING=0</c> turns the path off for a whole process (benchmark baselines).</para>
/// </remarks>
internal static class ZeroSkippingProducts
{
    /// <summary>Environment variable that disables this path when set to <c>0</c> or <c>off</c>.</summary>
    public const string DisableVariable = "FASTDENSE_ZERO_SKIPPING";

    /// <summary>Whether this machine and process use the path at all.</summary>
    public static readonly bool Enabled = Avx512F.IsSupported && !IsOff(Environment.GetEnvironmentVariable(DisableVariable));

    /// <summary>
    /// Above this share of nonzero inputs the dense kernel runs. The lists cost about as much per element as the
    /// FMAs they save on a narrow layer, so the break-even is below 100 %; measured on the digits and
    /// Fashion-MNIST shapes (docs/benchmarks.md).
    /// </summary>
    public const int MaxDensityPercent = 70;

    /// <summary>B rows per block: 64 rows x 128 floats = 32 KiB of B panel in L1. A multiple of 16 (lists are built 16 lanes at a time).</summary>
    public const int BlockDepth = 32;

    private const int Lanes = 16;

    /// <summary>Columns of C per tile: 8 registers.</summary>
    private const int TileColumns = 8 * Lanes;

    /// <summary>y (rows, units) = x (rows, inputs) · kernel (inputs, units) + bias, if x is sparse enough; false (nothing written) otherwise.</summary>
    public static bool TryForward(ref float x, ref float kernel, ref float bias, ref float y, int rows, int inputs, int units)
    {
        if (!Applies(rows, inputs, units) || !SparseEnough(ref x, inputs, rows, inputs)) return false;
        ZeroSkippingScratch scratch = ZeroSkippingScratch.For(rows, inputs);
        BuildLists(ref x, inputs, rows, inputs, bRow: units, scratch);
        Multiply(scratch, rows, inputs, ref kernel, ref y, cRow: units, ref bias, initRow: 0, hasInit: true, units);
        return true;
    }

    /// <summary>
    /// kernelGradient (inputs, units) = xᵀ · delta (rows, units), assigned, if x is sparse enough; false (nothing
    /// written) otherwise. x is transposed first (16 x 16 register blocks), so each list is one input's column.
    /// </summary>
    public static bool TryKernelGradient(ref float x, ref float delta, ref float kernelGradient, int rows, int inputs, int units)
    {
        if (!Applies(inputs, rows, units)) return false;
        ZeroSkippingScratch scratch = ZeroSkippingScratch.For(inputs, rows);
        // xᵀ (inputs, rows) with rows padded to whole registers; the padding lanes are masked off by BuildLists.
        int stride = (rows + Lanes - 1) / Lanes * Lanes;
        ref float xt = ref MemoryMarshal.GetArrayDataReference(scratch.Transposed(stride * (inputs + Lanes)));
        PanelTranspose.Transpose(ref x, (nint)rows * inputs, inputs, p0: 0, width: rows, k0: 0, depth: inputs, ref xt, stride, Lanes);
        // Pairs of neighbouring inputs (adjacent pixels) share zeros more often than pairs of samples do.
        if (!SparseEnough(ref xt, stride, inputs, rows)) return false;
        BuildLists(ref xt, stride, inputs, rows, bRow: units, scratch);
        Multiply(scratch, inputs, rows, ref delta, ref kernelGradient, cRow: units, ref kernelGradient, initRow: 0, hasInit: false, units);
        return true;
    }

    private static bool Applies(int m, int depth, int units)
        => Enabled && m > 0 && depth > 0 && units > 0 && units % TileColumns == 0;

    /// <summary>
    /// Whether at most <see cref="MaxDensityPercent"/> % of the (row pair, k) entries of A are nonzero in either
    /// row of the pair, which is the work the tiles do. A is m rows of <paramref name="depth"/> elements,
    /// <paramref name="aRow"/> apart, read 16 lanes at a time with the same row-end handling as the lists.
    /// </summary>
    internal static bool SparseEnough(ref float a, nint aRow, int m, int depth)
    {
        long entries = 0;
        for (int i = 0; i < m; i += 2)
        {
            ref float row0 = ref Unsafe.Add(ref a, i * aRow);
            bool paired = i + 1 < m;
            Vector512<int> count = Vector512<int>.Zero;   // each lane subtracts -1 per entry
            for (int k0 = 0; k0 < depth; k0 += Lanes)
            {
                Vector512<float> v0 = LoadRow(ref row0, k0, depth);
                Vector512<float> v1 = paired ? LoadRow(ref Unsafe.Add(ref row0, aRow), k0, depth) : Vector512<float>.Zero;
                count -= (~(Vector512.Equals(v0, Vector512<float>.Zero) & Vector512.Equals(v1, Vector512<float>.Zero))).AsInt32();
            }
            entries += Vector512.Sum(count);
        }
        return entries * 100 <= (long)(m + 1) / 2 * depth * MaxDensityPercent;
    }

    /// <summary>
    /// Compresses the m rows of A (<paramref name="depth"/> elements each, row stride <paramref name="aRow"/>) in
    /// pairs: for rows 2q and 2q + 1, the k where either is nonzero, with both values (one may be zero) and the
    /// offset k·bRow of the B row they multiply, in k order, and the list position where each block of
    /// <see cref="BlockDepth"/> k starts. An odd last row is paired with zeros.
    /// </summary>
    internal static void BuildLists(ref float a, nint aRow, int m, int depth, int bRow, ZeroSkippingScratch scratch)
    {
        int blocks = (depth + BlockDepth - 1) / BlockDepth;
        ref float first = ref MemoryMarshal.GetArrayDataReference(scratch.Values);
        ref float second = ref MemoryMarshal.GetArrayDataReference(scratch.SecondValues);
        ref int offsets = ref MemoryMarshal.GetArrayDataReference(scratch.Offsets);
        ref int starts = ref MemoryMarshal.GetArrayDataReference(scratch.Starts);
        Vector512<int> laneOffsets = Vector512<int>.Indices * bRow;
        int position = 0;
        for (int i = 0; i < m; i += 2)
        {
            ref float row0 = ref Unsafe.Add(ref a, i * aRow);
            bool paired = i + 1 < m;
            ref float row1 = ref paired ? ref Unsafe.Add(ref row0, aRow) : ref row0;
            ref int pairStarts = ref Unsafe.Add(ref starts, (i / 2) * (blocks + 1));
            for (int k0 = 0; k0 < depth; k0 += Lanes)
            {
                if (k0 % BlockDepth == 0) Unsafe.Add(ref pairStarts, k0 / BlockDepth) = position;
                Vector512<float> v0 = LoadRow(ref row0, k0, depth);
                Vector512<float> v1 = paired ? LoadRow(ref row1, k0, depth) : Vector512<float>.Zero;
                Vector512<float> keep = ~(Vector512.Equals(v0, Vector512<float>.Zero) & Vector512.Equals(v1, Vector512<float>.Zero));
                uint bits = (uint)keep.ExtractMostSignificantBits();
                if (bits == 0) continue;
                // Register compress, then a whole-register store: the lists have 16 spare elements at the end.
                Avx512F.Compress(Vector512<float>.Zero, keep, v0).StoreUnsafe(ref first, (nuint)position);
                Avx512F.Compress(Vector512<float>.Zero, keep, v1).StoreUnsafe(ref second, (nuint)position);
                Avx512F.Compress(Vector512<int>.Zero, keep.AsInt32(), laneOffsets + Vector512.Create(k0 * bRow)).StoreUnsafe(ref offsets, (nuint)position);
                position += BitOperations.PopCount(bits);
            }
            Unsafe.Add(ref pairStarts, blocks) = position;
        }
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
    /// C (m, n) = init + (compressed A) · B, with B rows at the listed offsets and C rows <paramref name="cRow"/>
    /// apart. Column tiles of 8, 4, then 1 register outside, blocks of k in the middle, row pairs inside, so one
    /// block's B panel is reused by every pair.
    /// </summary>
    private static void Multiply(ZeroSkippingScratch scratch, int m, int depth, ref float b, ref float c, nint cRow, ref float init, nint initRow, bool hasInit, int n)
    {
        int blocks = (depth + BlockDepth - 1) / BlockDepth;
        ref int starts = ref MemoryMarshal.GetArrayDataReference(scratch.Starts);
        var lists = new Lists(scratch);
        for (int j = 0; j < n; j += TileColumns)
        {
            ref float bj = ref Unsafe.Add(ref b, j);
            for (int block = 0; block < blocks; block++)
            {
                for (int i = 0; i < m; i += 2)
                {
                    ref int pairStarts = ref Unsafe.Add(ref starts, (i / 2) * (blocks + 1) + block);
                    int t0 = pairStarts, t1 = Unsafe.Add(ref pairStarts, 1);
                    if (block > 0 && t0 == t1) continue;   // nothing to add to the partial sums already in C
                    bool paired = i + 1 < m;
                    ref float c0 = ref Unsafe.Add(ref c, i * cRow + j);
                    ref float c1 = ref paired ? ref Unsafe.Add(ref c0, cRow) : ref c0;
                    // The first block starts from init (or zero), later ones from the partial sums in C.
                    ref float s0 = ref block == 0 ? ref Unsafe.Add(ref init, i * initRow + j) : ref c0;
                    ref float s1 = ref block == 0 ? ref Unsafe.Add(ref s0, paired ? initRow : 0) : ref c1;
                    bool fromStart = block > 0 || hasInit;
                    Tile2x8(lists, t0, t1, ref bj, ref c0, ref c1, ref s0, ref s1, fromStart);
                }
            }
        }
    }

    /// <summary>The three parallel list arrays, as references (a ref struct, so the tiles take one argument).</summary>
    private readonly ref struct Lists(ZeroSkippingScratch scratch)
    {
        public readonly ref float First = ref MemoryMarshal.GetArrayDataReference(scratch.Values);
        public readonly ref float Second = ref MemoryMarshal.GetArrayDataReference(scratch.SecondValues);
        public readonly ref int Offsets = ref MemoryMarshal.GetArrayDataReference(scratch.Offsets);
    }

    /// <summary>
    /// Two rows of C by 8 registers (128 floats): 16 accumulators, 8 B loads and 2 broadcasts per 16 FMAs. The
    /// second row's store goes to <paramref name="c1"/>, which is <paramref name="c0"/> itself for an unpaired
    /// last row (stored first, then overwritten by the correct first row).
    /// </summary>
    private static void Tile2x8(Lists lists, int t0, int t1, ref float b, ref float c0, ref float c1, ref float s0, ref float s1, bool fromStart)
    {
        Vector512<float> a0, a1, a2, a3, a4, a5, a6, a7, e0, e1, e2, e3, e4, e5, e6, e7;
        if (fromStart)
        {
            a0 = Vector512.LoadUnsafe(ref s0, 0); a1 = Vector512.LoadUnsafe(ref s0, 16); a2 = Vector512.LoadUnsafe(ref s0, 32); a3 = Vector512.LoadUnsafe(ref s0, 48);
            a4 = Vector512.LoadUnsafe(ref s0, 64); a5 = Vector512.LoadUnsafe(ref s0, 80); a6 = Vector512.LoadUnsafe(ref s0, 96); a7 = Vector512.LoadUnsafe(ref s0, 112);
            e0 = Vector512.LoadUnsafe(ref s1, 0); e1 = Vector512.LoadUnsafe(ref s1, 16); e2 = Vector512.LoadUnsafe(ref s1, 32); e3 = Vector512.LoadUnsafe(ref s1, 48);
            e4 = Vector512.LoadUnsafe(ref s1, 64); e5 = Vector512.LoadUnsafe(ref s1, 80); e6 = Vector512.LoadUnsafe(ref s1, 96); e7 = Vector512.LoadUnsafe(ref s1, 112);
        }
        else
        {
            a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = e0 = e1 = e2 = e3 = e4 = e5 = e6 = e7 = Vector512<float>.Zero;
        }
        ref float first = ref lists.First, second = ref lists.Second;
        ref int offsets = ref lists.Offsets;
        for (int t = t0; t < t1; t++)
        {
            ref float row = ref Unsafe.Add(ref b, Unsafe.Add(ref offsets, t));
            Vector512<float> x = Vector512.Create(Unsafe.Add(ref first, t)), y = Vector512.Create(Unsafe.Add(ref second, t));
            Vector512<float> b0 = Vector512.LoadUnsafe(ref row, 0), b1 = Vector512.LoadUnsafe(ref row, 16), b2 = Vector512.LoadUnsafe(ref row, 32), b3 = Vector512.LoadUnsafe(ref row, 48);
            a0 = Vector512.FusedMultiplyAdd(x, b0, a0); a1 = Vector512.FusedMultiplyAdd(x, b1, a1); a2 = Vector512.FusedMultiplyAdd(x, b2, a2); a3 = Vector512.FusedMultiplyAdd(x, b3, a3);
            e0 = Vector512.FusedMultiplyAdd(y, b0, e0); e1 = Vector512.FusedMultiplyAdd(y, b1, e1); e2 = Vector512.FusedMultiplyAdd(y, b2, e2); e3 = Vector512.FusedMultiplyAdd(y, b3, e3);
            b0 = Vector512.LoadUnsafe(ref row, 64); b1 = Vector512.LoadUnsafe(ref row, 80); b2 = Vector512.LoadUnsafe(ref row, 96); b3 = Vector512.LoadUnsafe(ref row, 112);
            a4 = Vector512.FusedMultiplyAdd(x, b0, a4); a5 = Vector512.FusedMultiplyAdd(x, b1, a5); a6 = Vector512.FusedMultiplyAdd(x, b2, a6); a7 = Vector512.FusedMultiplyAdd(x, b3, a7);
            e4 = Vector512.FusedMultiplyAdd(y, b0, e4); e5 = Vector512.FusedMultiplyAdd(y, b1, e5); e6 = Vector512.FusedMultiplyAdd(y, b2, e6); e7 = Vector512.FusedMultiplyAdd(y, b3, e7);
        }
        e0.StoreUnsafe(ref c1, 0); e1.StoreUnsafe(ref c1, 16); e2.StoreUnsafe(ref c1, 32); e3.StoreUnsafe(ref c1, 48);
        e4.StoreUnsafe(ref c1, 64); e5.StoreUnsafe(ref c1, 80); e6.StoreUnsafe(ref c1, 96); e7.StoreUnsafe(ref c1, 112);
        a0.StoreUnsafe(ref c0, 0); a1.StoreUnsafe(ref c0, 16); a2.StoreUnsafe(ref c0, 32); a3.StoreUnsafe(ref c0, 48);
        a4.StoreUnsafe(ref c0, 64); a5.StoreUnsafe(ref c0, 80); a6.StoreUnsafe(ref c0, 96); a7.StoreUnsafe(ref c0, 112);
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

    /// <summary>Nonzero values, row after row, plus 16 spare elements for the last whole-register store.</summary>
    public float[] Values { get; private set; } = [];

    /// <summary>The second row's value of each pair (zero where only the first row is nonzero).</summary>
    public float[] SecondValues { get; private set; } = [];

    /// <summary>For each value, the offset of the B row it multiplies (k·bRow).</summary>
    public int[] Offsets { get; private set; } = [];

    /// <summary>For row pair p, block q: the list position where the block starts, at p·(blocks + 1) + q; the last entry ends the row.</summary>
    public int[] Starts { get; private set; } = [];

    /// <summary>This thread's scratch, large enough for lists of <paramref name="m"/> rows of <paramref name="depth"/> elements.</summary>
    public static ZeroSkippingScratch For(int m, int depth)
    {
        ZeroSkippingScratch scratch = t_current ??= new ZeroSkippingScratch();
        int entries = checked(m * depth + 16);
        int starts = checked((m + 1) / 2 * ((depth + ZeroSkippingProducts.BlockDepth - 1) / ZeroSkippingProducts.BlockDepth + 1));
        if (scratch.Values.Length < entries)
        {
            scratch.Values = new float[entries];
            scratch.SecondValues = new float[entries];
            scratch.Offsets = new int[entries];
        }
        if (scratch.Starts.Length < starts) scratch.Starts = new int[starts];
        return scratch;
    }

    /// <summary>A buffer of at least <paramref name="length"/> floats for xᵀ, contents unspecified.</summary>
    public float[] Transposed(int length)
    {
        if (_transposed.Length < length) _transposed = new float[length];
        return _transposed;
    }
}
