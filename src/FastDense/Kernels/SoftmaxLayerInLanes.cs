using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastDense.Kernels;

/// <summary>
/// A softmax output layer of at most 16 units (a classifier's classes), <c>y = softmax(x · kernel + bias)</c>, with 16
/// rows in the lanes of a register instead of one row per register. float on AVX-512; the same bits as the product
/// followed by <see cref="SoftmaxOperator"/>'s rows (see remarks).
/// </summary>
/// <remarks>
/// <para>Why: a row of 10 classes fills 10 of a register's 16 lanes, so the row-per-register product does 64 FMAs
/// for the digits model's 64 inputs where 40 would do, and its softmax reduces every row across lanes (8 shuffles and
/// 8 max/add per row), a third of the whole output layer's time. With rows in the lanes, unit c of
/// 16 rows is one register: the product is one FMA per (k, unit) with the kernel element broadcast from memory, and
/// the softmax is plain arithmetic between the unit registers (max, exp, sum, scale). The price is two transposes per
/// 16 rows: x's block into xᵀ (16 x 16 register transposes), and the result back into rows.</para>
/// <para>The logits are stored too, from the unit registers before the softmax, through the same transpose: the
/// cross-entropy is computed from them. docs/benchmarks.md has the measurements.</para>
/// <para>Exactness: each unit's sum starts from its bias and adds <c>x[r, k]·kernel[k, c]</c> in k order by FMA, as
/// the row-per-register tiles do; the max is exact in any order; the exponential is <see cref="FloatExp.Exp"/>; the
/// sum of the exponentials follows the lane tree of <see cref="NarrowRows.SumAcrossLanes(Vector512{float})"/> (pairs
/// 8 apart, then 4, 2, 1; a missing unit there is a lane holding +0, and adding +0 to a sum of exponentials changes
/// nothing), and each output is e·(1/sum). So every output equals the row path's bit for bit (tests), except that a
/// NaN output (a row with a NaN or infinite logit is NaN on both paths) may carry another NaN payload.</para>
/// </remarks>
internal static class SoftmaxLayerInLanes
{
    /// <summary>The most units (lanes of a register): one transpose brings 16 unit registers back into rows.</summary>
    public const int MaxUnits = 16;

    private const int Lanes = 16;

    /// <summary>Whether this machine runs the layer in lanes for these sizes (it takes whole blocks of 16 rows).</summary>
    public static bool Applies(int rows, int inputs, int units) => Avx512F.IsSupported && rows >= Lanes && inputs > 0 && units is >= 1 and <= MaxUnits;

    /// <summary>
    /// logits (rows, units) = x (rows, inputs) · kernel (inputs, units) + bias and y (rows, units) = softmax(logits)
    /// for the first rows / 16 · 16 rows; returns how many rows that is (the caller does the rest). Neither output may
    /// overlap x or the other.
    /// </summary>
    public static int Forward(ref float x, ref float kernel, ref float bias, ref float logits, ref float y, int rows, int inputs, int units)
        => units switch
        {
            1 => Run<Units1>(ref x, ref kernel, ref bias, ref logits, ref y, rows, inputs),
            2 => Run<Units2>(ref x, ref kernel, ref bias, ref logits, ref y, rows, inputs),
            3 => Run<Units3>(ref x, ref kernel, ref bias, ref logits, ref y, rows, inputs),
            4 => Run<Units4>(ref x, ref kernel, ref bias, ref logits, ref y, rows, inputs),
            5 => Run<Units5>(ref x, ref kernel, ref bias, ref logits, ref y, rows, inputs),
            6 => Run<Units6>(ref x, ref kernel, ref bias, ref logits, ref y, rows, inputs),
            7 => Run<Units7>(ref x, ref kernel, ref bias, ref logits, ref y, rows, inputs),
            8 => Run<Units8>(ref x, ref kernel, ref bias, ref logits, ref y, rows, inputs),
            9 => Run<Units9>(ref x, ref kernel, ref bias, ref logits, ref y, rows, inputs),
            10 => Run<Units10>(ref x, ref kernel, ref bias, ref logits, ref y, rows, inputs),
            11 => Run<Units11>(ref x, ref kernel, ref bias, ref logits, ref y, rows, inputs),
            12 => Run<Units12>(ref x, ref kernel, ref bias, ref logits, ref y, rows, inputs),
            13 => Run<Units13>(ref x, ref kernel, ref bias, ref logits, ref y, rows, inputs),
            14 => Run<Units14>(ref x, ref kernel, ref bias, ref logits, ref y, rows, inputs),
            15 => Run<Units15>(ref x, ref kernel, ref bias, ref logits, ref y, rows, inputs),
            16 => Run<Units16>(ref x, ref kernel, ref bias, ref logits, ref y, rows, inputs),
            _ => throw new ArgumentOutOfRangeException(nameof(units), units, $"units must be between 1 and {MaxUnits}."),
        };

    /// <summary>
    /// The layer for <typeparamref name="TUnits"/> units: the JIT folds every <c>TUnits.Value &gt; c</c>, so an
    /// instantiation keeps exactly that many accumulators in registers and no branch remains in the k loop.
    /// </summary>
    private static int Run<TUnits>(ref float x, ref float kernel, ref float bias, ref float logits, ref float y, int rows, int inputs)
        where TUnits : struct, IUnitCount
    {
        int units = TUnits.Value;
        int depth = (inputs + Lanes - 1) / Lanes * Lanes;
        // xᵀ of one block (depth, 16), then the block's logits and outputs by unit (16 x 16 each), then either by row
        // (16 x 16), then a zero-padded copy of a block's last columns where a whole-register load would leave x (16 x 16).
        Span<float> scratch = KernelScratch<float>.Get(depth * Lanes + 4 * Lanes * Lanes);
        ref float xt = ref MemoryMarshal.GetReference(scratch);
        ref float logitsByUnit = ref Unsafe.Add(ref xt, depth * Lanes);
        ref float byUnit = ref Unsafe.Add(ref logitsByUnit, Lanes * Lanes);
        ref float byRow = ref Unsafe.Add(ref byUnit, Lanes * Lanes);
        ref float padded = ref Unsafe.Add(ref byRow, Lanes * Lanes);
        nint xLength = (nint)rows * inputs;
        int blocks = rows / Lanes;
        for (int block = 0; block < blocks; block++)
        {
            nint r0 = (nint)block * Lanes;
            ref float xBlock = ref Unsafe.Add(ref x, r0 * inputs);
            for (int q = 0; q < inputs; q += Lanes)
            {
                // Columns past the row's end are read from the next row (or the padding) into xᵀ rows the loop below never reads.
                if ((r0 + Lanes - 1) * inputs + q + Lanes <= xLength)
                {
                    PanelTranspose.Transpose16x16(ref Unsafe.Add(ref xBlock, q), inputs, Lanes, ref Unsafe.Add(ref xt, q * Lanes), Lanes);
                }
                else
                {
                    int columns = Math.Min(Lanes, inputs - q);
                    MemoryMarshal.CreateSpan(ref padded, Lanes * Lanes).Clear();
                    for (int i = 0; i < Lanes; i++)
                    {
                        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref xBlock, (nint)i * inputs + q), columns).CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref padded, i * Lanes), Lanes));
                    }
                    PanelTranspose.Transpose16x16(ref padded, Lanes, Lanes, ref Unsafe.Add(ref xt, q * Lanes), Lanes);
                }
            }
            // The accumulators start here, after the transposes' calls, which would otherwise force them to memory.
            Products<TUnits>(ref xt, ref kernel, ref bias, inputs, ref logitsByUnit, ref byUnit);
            // Rows of byUnit past the units repeat the last unit: every lane the transpose reads was written.
            PanelTranspose.Transpose16x16(ref logitsByUnit, Lanes, units, ref byRow, Lanes);
            StoreRows(ref byRow, ref Unsafe.Add(ref logits, r0 * units), units);
            PanelTranspose.Transpose16x16(ref byUnit, Lanes, units, ref byRow, Lanes);
            StoreRows(ref byRow, ref Unsafe.Add(ref y, r0 * units), units);
        }
        return blocks * Lanes;
    }

    /// <summary>
    /// For the 16 rows of one block: unit c's register = bias[c] + Σ_k xᵀ[k] · kernel[k, c] (k in order), written to
    /// <paramref name="logitsByUnit"/> row c, then the softmax across the unit registers, written to <paramref name="byUnit"/> row c.
    /// </summary>
    // Optimized from its first call: hot in a fresh process's first Fit (docs/architecture.md, "First calls").
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Products<TUnits>(ref float xt, ref float kernel, ref float bias, int inputs, ref float logitsByUnit, ref float byUnit)
        where TUnits : struct, IUnitCount
    {
        int n = TUnits.Value;
        Vector512<float> a0 = Vector512.Create(bias), a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        Vector512<float> a8 = default, a9 = default, a10 = default, a11 = default, a12 = default, a13 = default, a14 = default, a15 = default;
        if (n > 1) a1 = Vector512.Create(Unsafe.Add(ref bias, 1));
        if (n > 2) a2 = Vector512.Create(Unsafe.Add(ref bias, 2));
        if (n > 3) a3 = Vector512.Create(Unsafe.Add(ref bias, 3));
        if (n > 4) a4 = Vector512.Create(Unsafe.Add(ref bias, 4));
        if (n > 5) a5 = Vector512.Create(Unsafe.Add(ref bias, 5));
        if (n > 6) a6 = Vector512.Create(Unsafe.Add(ref bias, 6));
        if (n > 7) a7 = Vector512.Create(Unsafe.Add(ref bias, 7));
        if (n > 8) a8 = Vector512.Create(Unsafe.Add(ref bias, 8));
        if (n > 9) a9 = Vector512.Create(Unsafe.Add(ref bias, 9));
        if (n > 10) a10 = Vector512.Create(Unsafe.Add(ref bias, 10));
        if (n > 11) a11 = Vector512.Create(Unsafe.Add(ref bias, 11));
        if (n > 12) a12 = Vector512.Create(Unsafe.Add(ref bias, 12));
        if (n > 13) a13 = Vector512.Create(Unsafe.Add(ref bias, 13));
        if (n > 14) a14 = Vector512.Create(Unsafe.Add(ref bias, 14));
        if (n > 15) a15 = Vector512.Create(Unsafe.Add(ref bias, 15));
        for (int k = 0; k < inputs; k++)
        {
            Vector512<float> v = Vector512.LoadUnsafe(ref xt, (nuint)(k * Lanes));   // x[r, k] of the block's 16 rows
            ref float w = ref Unsafe.Add(ref kernel, k * n);                       // kernel row k, broadcast unit by unit
            a0 = Vector512.FusedMultiplyAdd(v, Vector512.Create(w), a0);
            if (n > 1) a1 = Vector512.FusedMultiplyAdd(v, Vector512.Create(Unsafe.Add(ref w, 1)), a1);
            if (n > 2) a2 = Vector512.FusedMultiplyAdd(v, Vector512.Create(Unsafe.Add(ref w, 2)), a2);
            if (n > 3) a3 = Vector512.FusedMultiplyAdd(v, Vector512.Create(Unsafe.Add(ref w, 3)), a3);
            if (n > 4) a4 = Vector512.FusedMultiplyAdd(v, Vector512.Create(Unsafe.Add(ref w, 4)), a4);
            if (n > 5) a5 = Vector512.FusedMultiplyAdd(v, Vector512.Create(Unsafe.Add(ref w, 5)), a5);
            if (n > 6) a6 = Vector512.FusedMultiplyAdd(v, Vector512.Create(Unsafe.Add(ref w, 6)), a6);
            if (n > 7) a7 = Vector512.FusedMultiplyAdd(v, Vector512.Create(Unsafe.Add(ref w, 7)), a7);
            if (n > 8) a8 = Vector512.FusedMultiplyAdd(v, Vector512.Create(Unsafe.Add(ref w, 8)), a8);
            if (n > 9) a9 = Vector512.FusedMultiplyAdd(v, Vector512.Create(Unsafe.Add(ref w, 9)), a9);
            if (n > 10) a10 = Vector512.FusedMultiplyAdd(v, Vector512.Create(Unsafe.Add(ref w, 10)), a10);
            if (n > 11) a11 = Vector512.FusedMultiplyAdd(v, Vector512.Create(Unsafe.Add(ref w, 11)), a11);
            if (n > 12) a12 = Vector512.FusedMultiplyAdd(v, Vector512.Create(Unsafe.Add(ref w, 12)), a12);
            if (n > 13) a13 = Vector512.FusedMultiplyAdd(v, Vector512.Create(Unsafe.Add(ref w, 13)), a13);
            if (n > 14) a14 = Vector512.FusedMultiplyAdd(v, Vector512.Create(Unsafe.Add(ref w, 14)), a14);
            if (n > 15) a15 = Vector512.FusedMultiplyAdd(v, Vector512.Create(Unsafe.Add(ref w, 15)), a15);
        }

        // The logits, kept for the loss (cross-entropy is computed from them).
        a0.StoreUnsafe(ref logitsByUnit, 0);
        if (n > 1) a1.StoreUnsafe(ref logitsByUnit, 1 * Lanes);
        if (n > 2) a2.StoreUnsafe(ref logitsByUnit, 2 * Lanes);
        if (n > 3) a3.StoreUnsafe(ref logitsByUnit, 3 * Lanes);
        if (n > 4) a4.StoreUnsafe(ref logitsByUnit, 4 * Lanes);
        if (n > 5) a5.StoreUnsafe(ref logitsByUnit, 5 * Lanes);
        if (n > 6) a6.StoreUnsafe(ref logitsByUnit, 6 * Lanes);
        if (n > 7) a7.StoreUnsafe(ref logitsByUnit, 7 * Lanes);
        if (n > 8) a8.StoreUnsafe(ref logitsByUnit, 8 * Lanes);
        if (n > 9) a9.StoreUnsafe(ref logitsByUnit, 9 * Lanes);
        if (n > 10) a10.StoreUnsafe(ref logitsByUnit, 10 * Lanes);
        if (n > 11) a11.StoreUnsafe(ref logitsByUnit, 11 * Lanes);
        if (n > 12) a12.StoreUnsafe(ref logitsByUnit, 12 * Lanes);
        if (n > 13) a13.StoreUnsafe(ref logitsByUnit, 13 * Lanes);
        if (n > 14) a14.StoreUnsafe(ref logitsByUnit, 14 * Lanes);
        if (n > 15) a15.StoreUnsafe(ref logitsByUnit, 15 * Lanes);

        // The row's max (MaxNative: a NaN logit makes its own exponential NaN, and so the whole row, either way).
        Vector512<float> m = a0;
        if (n > 1) m = Vector512.MaxNative(m, a1);
        if (n > 2) m = Vector512.MaxNative(m, a2);
        if (n > 3) m = Vector512.MaxNative(m, a3);
        if (n > 4) m = Vector512.MaxNative(m, a4);
        if (n > 5) m = Vector512.MaxNative(m, a5);
        if (n > 6) m = Vector512.MaxNative(m, a6);
        if (n > 7) m = Vector512.MaxNative(m, a7);
        if (n > 8) m = Vector512.MaxNative(m, a8);
        if (n > 9) m = Vector512.MaxNative(m, a9);
        if (n > 10) m = Vector512.MaxNative(m, a10);
        if (n > 11) m = Vector512.MaxNative(m, a11);
        if (n > 12) m = Vector512.MaxNative(m, a12);
        if (n > 13) m = Vector512.MaxNative(m, a13);
        if (n > 14) m = Vector512.MaxNative(m, a14);
        if (n > 15) m = Vector512.MaxNative(m, a15);

        a0 = FloatExp.Exp(a0 - m);
        if (n > 1) a1 = FloatExp.Exp(a1 - m);
        if (n > 2) a2 = FloatExp.Exp(a2 - m);
        if (n > 3) a3 = FloatExp.Exp(a3 - m);
        if (n > 4) a4 = FloatExp.Exp(a4 - m);
        if (n > 5) a5 = FloatExp.Exp(a5 - m);
        if (n > 6) a6 = FloatExp.Exp(a6 - m);
        if (n > 7) a7 = FloatExp.Exp(a7 - m);
        if (n > 8) a8 = FloatExp.Exp(a8 - m);
        if (n > 9) a9 = FloatExp.Exp(a9 - m);
        if (n > 10) a10 = FloatExp.Exp(a10 - m);
        if (n > 11) a11 = FloatExp.Exp(a11 - m);
        if (n > 12) a12 = FloatExp.Exp(a12 - m);
        if (n > 13) a13 = FloatExp.Exp(a13 - m);
        if (n > 14) a14 = FloatExp.Exp(a14 - m);
        if (n > 15) a15 = FloatExp.Exp(a15 - m);

        // The sum in the lane tree's order: unit i with i + 8, then with i + 4, i + 2, i + 1. A unit past n is the
        // tree's +0 lane, and adding it is left out (exact for a sum of exponentials).
        Vector512<float> p0 = n > 8 ? a0 + a8 : a0, p1 = n > 9 ? a1 + a9 : a1, p2 = n > 10 ? a2 + a10 : a2, p3 = n > 11 ? a3 + a11 : a3;
        Vector512<float> p4 = n > 12 ? a4 + a12 : a4, p5 = n > 13 ? a5 + a13 : a5, p6 = n > 14 ? a6 + a14 : a6, p7 = n > 15 ? a7 + a15 : a7;
        Vector512<float> q0 = n > 4 ? p0 + p4 : p0, q1 = n > 5 ? p1 + p5 : p1, q2 = n > 6 ? p2 + p6 : p2, q3 = n > 7 ? p3 + p7 : p3;
        Vector512<float> s0 = n > 2 ? q0 + q2 : q0, s1 = n > 3 ? q1 + q3 : q1;
        Vector512<float> scale = Vector512<float>.One / (n > 1 ? s0 + s1 : s0);

        (a0 * scale).StoreUnsafe(ref byUnit, 0);
        if (n > 1) (a1 * scale).StoreUnsafe(ref byUnit, 1 * Lanes);
        if (n > 2) (a2 * scale).StoreUnsafe(ref byUnit, 2 * Lanes);
        if (n > 3) (a3 * scale).StoreUnsafe(ref byUnit, 3 * Lanes);
        if (n > 4) (a4 * scale).StoreUnsafe(ref byUnit, 4 * Lanes);
        if (n > 5) (a5 * scale).StoreUnsafe(ref byUnit, 5 * Lanes);
        if (n > 6) (a6 * scale).StoreUnsafe(ref byUnit, 6 * Lanes);
        if (n > 7) (a7 * scale).StoreUnsafe(ref byUnit, 7 * Lanes);
        if (n > 8) (a8 * scale).StoreUnsafe(ref byUnit, 8 * Lanes);
        if (n > 9) (a9 * scale).StoreUnsafe(ref byUnit, 9 * Lanes);
        if (n > 10) (a10 * scale).StoreUnsafe(ref byUnit, 10 * Lanes);
        if (n > 11) (a11 * scale).StoreUnsafe(ref byUnit, 11 * Lanes);
        if (n > 12) (a12 * scale).StoreUnsafe(ref byUnit, 12 * Lanes);
        if (n > 13) (a13 * scale).StoreUnsafe(ref byUnit, 13 * Lanes);
        if (n > 14) (a14 * scale).StoreUnsafe(ref byUnit, 14 * Lanes);
        if (n > 15) (a15 * scale).StoreUnsafe(ref byUnit, 15 * Lanes);
    }

    /// <summary>
    /// The block's 16 rows (each <paramref name="units"/> floats of a 16-float row of <paramref name="byRow"/>) to y.
    /// In order, whole registers while one stays inside the block: its lanes past the row land on the next rows, which
    /// are written after it; the rest write their units only.
    /// </summary>
    private static void StoreRows(ref float byRow, ref float y, int units)
    {
        int i = 0;
        for (; i * units + Lanes <= Lanes * units; i++)
        {
            Vector512.LoadUnsafe(ref byRow, (nuint)(i * Lanes)).StoreUnsafe(ref y, (nuint)(i * units));
        }
        for (; i < Lanes; i++)
        {
            NarrowRows.Store(Vector512.LoadUnsafe(ref byRow, (nuint)(i * Lanes)), ref y, i * units, units);
        }
    }
}
