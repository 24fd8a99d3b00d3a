using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastDense.Kernels;

/// <summary>
/// The three matrix products of a Dense layer, batch-major and row-major, on the register-blocked
/// <see cref="BlockedGemm"/>. Shapes: x (rows, inputs), kernel (inputs, units), delta (rows, units).
/// Tested against <see cref="MatrixProductsNaive"/> on every <see cref="KernelPath"/>.
/// </summary>
/// <remarks>
/// Each product picks <see cref="KernelDispatch.Selected"/> (a static readonly, so the JIT folds the switch) unless
/// a path is passed, which is how tests reach the narrower ones. float and double run the same vector code
/// (16 / 8 lanes on 512 bits); any other element type (<see cref="Half"/>) runs the scalar instantiation.
/// </remarks>
internal static class MatrixProducts
{
    /// <summary>y (rows, units) = x (rows, inputs) · kernel (inputs, units) + bias (units).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Forward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, ReadOnlySpan<T> bias, Span<T> y, int rows, int inputs, int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Forward(x, kernel, bias, y, rows, inputs, units, KernelDispatch.Selected);

    /// <summary>
    /// y (rows, units) = relu(x · kernel + bias): the same bits as <see cref="Forward{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int)"/>
    /// followed by <see cref="ReluOperator.Forward{T}(ReadOnlySpan{T}, Span{T})"/>. The zero-skipping product applies relu in its tiles' registers
    /// before their one store; the dense kernels store, then a relu pass runs over the block while it is in cache.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ForwardRelu<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, ReadOnlySpan<T> bias, Span<T> y, int rows, int inputs, int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Forward(x, kernel, bias, y, rows, inputs, units, KernelDispatch.Selected, relu: true);

    /// <summary>
    /// y (rows, units) = x (rows, inputs) · kernel (inputs, units): a layer without a bias (Keras's <c>use_bias=False</c>).
    /// Every path starts each sum from +0 where the biased product starts from the bias, so the result has the bits of
    /// <see cref="Forward{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int)"/> with a bias of zeros.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ForwardWithoutBias<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, Span<T> y, int rows, int inputs, int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Forward(x, kernel, default, y, rows, inputs, units, KernelDispatch.Selected, relu: false, hasBias: false);

    /// <summary>y (rows, units) = relu(x · kernel): <see cref="ForwardRelu{T}"/> without a bias.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ForwardReluWithoutBias<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, Span<T> y, int rows, int inputs, int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Forward(x, kernel, default, y, rows, inputs, units, KernelDispatch.Selected, relu: true, hasBias: false);

    /// <inheritdoc cref="Forward{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int)"/>
    /// <remarks>Without <paramref name="hasBias"/>, <paramref name="bias"/> is not read (it may be empty): the sums start from +0.</remarks>
    internal static void Forward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, ReadOnlySpan<T> bias, Span<T> y, int rows, int inputs, int units, KernelPath path, bool relu = false, bool hasBias = true)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        CheckShapes(rows, inputs, units, x.Length, rows * inputs, kernel.Length, inputs * units, y.Length, rows * units, hasBias ? bias.Length : units, units);
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T ks = ref MemoryMarshal.GetReference(kernel);
        ref T ys = ref MemoryMarshal.GetReference(y);
        // Without a bias the start-value reference is never read: any valid reference stands in for it.
        ref T bs = ref hasBias ? ref MemoryMarshal.GetReference(bias) : ref ys;
        bool reluDone = Resolve<T>(path) switch
        {
            KernelPath.Vector512 => ForwardCore<T, Vector512<T>, Simd512<T>>(ref xs, ref ks, ref bs, ref ys, rows, inputs, units, relu, hasBias),
            KernelPath.Vector256 => ForwardCore<T, Vector256<T>, Simd256<T>>(ref xs, ref ks, ref bs, ref ys, rows, inputs, units, relu, hasBias),
            KernelPath.Vector128 => ForwardCore<T, Vector128<T>, Simd128<T>>(ref xs, ref ks, ref bs, ref ys, rows, inputs, units, relu, hasBias),
            _ => ForwardCore<T, T, SimdScalar<T>>(ref xs, ref ks, ref bs, ref ys, rows, inputs, units, relu, hasBias),
        };
        if (relu && !reluDone)
        {
            Span<T> output = y.Slice(0, rows * units);
            ReluOperator.Forward<T>(output, output);
        }
    }

    /// <summary>
    /// logits (rows, units) = x · kernel + bias and y (rows, units) = softmax(logits), row by row: the same bits as
    /// <see cref="Forward{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int)"/> into logits
    /// followed by <see cref="SoftmaxOperator.ForwardRows{T}"/> from logits into y. The logits are kept because the
    /// cross-entropy is computed from them. float on 512 bits with at most 16 units runs whole blocks of 16 rows with
    /// the rows in the lanes (<see cref="SoftmaxLayerInLanes"/>), the rest as the two calls would (a NaN output's
    /// payload may differ). Neither output may overlap x or the other.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ForwardSoftmax<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, ReadOnlySpan<T> bias, Span<T> logits, Span<T> y, int rows, int inputs, int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ForwardSoftmax(x, kernel, bias, logits, y, rows, inputs, units, KernelDispatch.Selected);

    /// <summary>
    /// logits (rows, units) = x · kernel and y (rows, units) = softmax(logits): <see cref="ForwardSoftmax{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, Span{T}, int, int, int)"/>
    /// without a bias, with the bits it has for a bias of zeros.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ForwardSoftmaxWithoutBias<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, Span<T> logits, Span<T> y, int rows, int inputs, int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ForwardSoftmax(x, kernel, default, logits, y, rows, inputs, units, KernelDispatch.Selected, hasBias: false);

    /// <summary>The start values of a softmax layer in lanes without a bias: as many zeros as it has units at most.</summary>
    private static readonly float[] ZeroBias = new float[16];

    /// <inheritdoc cref="ForwardSoftmax{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, Span{T}, int, int, int)"/>
    internal static void ForwardSoftmax<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, ReadOnlySpan<T> bias, Span<T> logits, Span<T> y, int rows, int inputs, int units, KernelPath path, bool hasBias = true)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        CheckShapes(rows, inputs, units, x.Length, rows * inputs, kernel.Length, inputs * units, y.Length, rows * units, hasBias ? bias.Length : units, units);
        if (logits.Length < rows * units) ThrowHelper.ThrowDestinationTooShort(nameof(logits), logits.Length, rows * units);
        if (typeof(T) != typeof(float) || Resolve<T>(path) != KernelPath.Vector512 || !SoftmaxLayerInLanes.Applies(rows, inputs, units))
        {
            Forward(x, kernel, bias, logits, rows, inputs, units, path, relu: false, hasBias);
            SoftmaxOperator.ForwardRows<T>(logits.Slice(0, rows * units), y, units);
            return;
        }
        // Without a bias each unit's register starts from +0, as the products' accumulators do.
        ref float bs = ref hasBias ? ref AsFloat(ref MemoryMarshal.GetReference(bias)) : ref MemoryMarshal.GetArrayDataReference(ZeroBias);
        int done = SoftmaxLayerInLanes.Forward(ref AsFloat(ref MemoryMarshal.GetReference(x)), ref AsFloat(ref MemoryMarshal.GetReference(kernel)),
            ref bs, ref AsFloat(ref MemoryMarshal.GetReference(logits)), ref AsFloat(ref MemoryMarshal.GetReference(y)),
            rows, inputs, units);
        if (done == rows) return;
        // The last rows (fewer than 16): the product, then the softmax that the whole block (at least 16 rows, so at
        // least 16 floats) would have had, one row per register.
        Span<T> restLogits = logits.Slice(done * units, (rows - done) * units);
        Forward(x.Slice(done * inputs), kernel, bias, restLogits, rows - done, inputs, units, path, relu: false, hasBias);
        SoftmaxOperator.ForwardRowsInRegisters(MemoryMarshal.Cast<T, float>(restLogits), MemoryMarshal.Cast<T, float>(y.Slice(done * units, (rows - done) * units)), units);
    }

    /// <summary>
    /// C = y (rows, units), A = x (rows, inputs) read along its rows, B = kernel, start value = bias repeated (row
    /// stride 0), or zero without one. float on 512 bits first tries the zero-skipping product, which declines where x
    /// is too dense. Returns whether relu was applied too (the zero-skipping tiles do it in registers when asked).
    /// </summary>
    private static bool ForwardCore<T, TVec, TSimd>(ref T x, ref T kernel, ref T bias, ref T y, int rows, int inputs, int units, bool relu, bool hasBias)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVec : struct
        where TSimd : struct, ISimdOps<TVec, T>
    {
        if (IsFloat512<T, TVec, TSimd>() && ZeroSkippingProducts.TryForward(ref AsFloat(ref x), ref AsFloat(ref kernel), ref AsFloat(ref bias), ref AsFloat(ref y), rows, inputs, units, relu, hasBias))
        {
            return relu;
        }
        BlockedGemm.Multiply<T, TVec, TSimd>(
            ref x, aRow: inputs, aCol: 1,
            ref kernel, bRow: units, bLimit: (nint)inputs * units,
            ref y, cRow: units, cLimit: (nint)rows * units,
            ref bias, initRow: 0, initLimit: units, hasInit: hasBias,
            m: rows, n: units, depth: inputs);
        return false;
    }

    /// <summary>kernelGradient (inputs, units) = xᵀ (inputs, rows) · delta (rows, units); biasGradient (units) = column sums of delta. Both assigned.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BackwardParameters<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> delta, Span<T> kernelGradient, Span<T> biasGradient, int rows, int inputs, int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => BackwardParameters(x, delta, kernelGradient, biasGradient, rows, inputs, units, KernelDispatch.Selected);

    /// <summary>kernelGradient (inputs, units) = xᵀ (inputs, rows) · delta (rows, units), assigned: a layer without a bias (Keras's <c>use_bias=False</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BackwardKernel<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> delta, Span<T> kernelGradient, int rows, int inputs, int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => BackwardParameters(x, delta, kernelGradient, default, rows, inputs, units, KernelDispatch.Selected, hasBias: false);

    /// <inheritdoc cref="BackwardParameters{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, Span{T}, int, int, int)"/>
    /// <remarks>Without <paramref name="hasBias"/>, <paramref name="biasGradient"/> is not written (it may be empty).</remarks>
    internal static void BackwardParameters<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> delta, Span<T> kernelGradient, Span<T> biasGradient, int rows, int inputs, int units, KernelPath path, bool hasBias = true)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        CheckShapes(rows, inputs, units, x.Length, rows * inputs, kernelGradient.Length, inputs * units, delta.Length, rows * units, hasBias ? biasGradient.Length : units, units);
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T ds = ref MemoryMarshal.GetReference(delta);
        ref T gs = ref MemoryMarshal.GetReference(kernelGradient);
        // Without a bias the column sums are skipped: the reference is never written.
        ref T bs = ref hasBias ? ref MemoryMarshal.GetReference(biasGradient) : ref gs;
        switch (Resolve<T>(path))
        {
            case KernelPath.Vector512: BackwardParametersCore<T, Vector512<T>, Simd512<T>>(ref xs, ref ds, ref gs, ref bs, rows, inputs, units, hasBias); break;
            case KernelPath.Vector256: BackwardParametersCore<T, Vector256<T>, Simd256<T>>(ref xs, ref ds, ref gs, ref bs, rows, inputs, units, hasBias); break;
            case KernelPath.Vector128: BackwardParametersCore<T, Vector128<T>, Simd128<T>>(ref xs, ref ds, ref gs, ref bs, rows, inputs, units, hasBias); break;
            default: BackwardParametersCore<T, T, SimdScalar<T>>(ref xs, ref ds, ref gs, ref bs, rows, inputs, units, hasBias); break;
        }
    }

    /// <summary>
    /// C = kernelGradient (inputs, units), A = xᵀ: A[p, r] = x[r·inputs + p], so a tile's 4 broadcasts are 4
    /// neighbouring elements of one x row; B = delta; the depth is the batch. No start value: the gradient is
    /// assigned (a depth of 0, an empty batch, writes zeros). Then the bias gradient, if the layer has a bias.
    /// </summary>
    private static void BackwardParametersCore<T, TVec, TSimd>(ref T x, ref T delta, ref T kernelGradient, ref T biasGradient, int rows, int inputs, int units, bool hasBias)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVec : struct
        where TSimd : struct, ISimdOps<TVec, T>
    {
        // float on 512 bits first tries the zero-skipping forms, which decline where x is too dense: x's row groups
        // for a gradient small enough to stay in cache, else the transposed x.
        bool written = IsFloat512<T, TVec, TSimd>()
            && (ZeroSkippingProducts.TryKernelGradientByRowGroups(ref AsFloat(ref x), ref AsFloat(ref delta), ref AsFloat(ref kernelGradient), rows, inputs, units)
                || ZeroSkippingProducts.TryKernelGradient(ref AsFloat(ref x), ref AsFloat(ref delta), ref AsFloat(ref kernelGradient), rows, inputs, units));
        if (!written && units < TSimd.Count && inputs >= TSimd.TileVectors * TSimd.Count && rows > 0)
        {
            NarrowKernelGradient<T, TVec, TSimd>(ref x, ref delta, ref kernelGradient, rows, inputs, units);
        }
        else if (!written)
        {
            BlockedGemm.Multiply<T, TVec, TSimd>(
                ref x, aRow: 1, aCol: inputs,
                ref delta, bRow: units, bLimit: (nint)rows * units,
                ref kernelGradient, cRow: units, cLimit: (nint)inputs * units,
                ref kernelGradient, initRow: 0, initLimit: 0, hasInit: false,
                m: inputs, n: units, depth: rows);
        }
        if (hasBias) BlockedGemm.ColumnSums<T, TVec, TSimd>(ref delta, rows, units, ref biasGradient);
    }

    /// <summary>
    /// kernelGradient (inputs, units) for a layer narrower than one register (a classifier's 10 outputs), computed
    /// transposed: kernelGradientᵀ (units, inputs) = deltaᵀ (units, rows) · x (rows, inputs) runs whole-register
    /// 4 x 4 tiles along the inputs (4 broadcasts and 4 loads per 16 FMAs) instead of 4 x 1 tiles with 10 of 16 lanes
    /// used (4 broadcasts and a load per 4 FMAs), then a copy transposes the small result into place (docs/benchmarks.md
    /// has the digits output layer's figures). Same sums in the same order.
    /// </summary>
    private static void NarrowKernelGradient<T, TVec, TSimd>(ref T x, ref T delta, ref T kernelGradient, int rows, int inputs, int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVec : struct
        where TSimd : struct, ISimdOps<TVec, T>
    {
        Span<T> transposed = KernelScratch<T>.Get(units * inputs);
        ref T t = ref MemoryMarshal.GetReference(transposed);
        BlockedGemm.Multiply<T, TVec, TSimd>(
            ref delta, aRow: 1, aCol: units,
            ref x, bRow: inputs, bLimit: (nint)rows * inputs,
            ref t, cRow: inputs, cLimit: (nint)units * inputs,
            ref t, initRow: 0, initLimit: 0, hasInit: false,
            m: units, n: inputs, depth: rows);
        // Back to (inputs, units): 16 inputs at a time through a 16 x 16 register transpose (float on AVX-512), whose
        // 16-wide row stores at a stride of `units` overlap the next row's start, in order, so each row's junk lanes
        // are overwritten by the next; a block whose last store would leave kernelGradient, and other types, copy
        // element by element (element by element throughout cost as much as the product itself).
        int p0 = 0;
        if (typeof(T) == typeof(float) && TSimd.Count == 16 && Avx512F.IsSupported)
        {
            for (; p0 + 16 <= inputs && (nint)(p0 + 15) * units + 16 <= (nint)inputs * units; p0 += 16)
            {
                PanelTranspose.Transpose16x16(ref Unsafe.As<T, float>(ref Unsafe.Add(ref t, p0)), inputs, units,
                    ref Unsafe.As<T, float>(ref Unsafe.Add(ref kernelGradient, p0 * units)), units);
            }
        }
        for (int p = p0; p < inputs; p++)
        {
            ref T row = ref Unsafe.Add(ref kernelGradient, p * units);
            for (int j = 0; j < units; j++) Unsafe.Add(ref row, j) = Unsafe.Add(ref t, j * inputs + p);
        }
    }

    /// <summary>inputGradient (rows, inputs) = delta (rows, units) · kernelᵀ (units, inputs).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BackwardInput<T>(ReadOnlySpan<T> delta, ReadOnlySpan<T> kernel, Span<T> inputGradient, int rows, int inputs, int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => BackwardInput(delta, kernel, inputGradient, rows, inputs, units, KernelDispatch.Selected);

    /// <inheritdoc cref="BackwardInput{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int)"/>
    internal static void BackwardInput<T>(ReadOnlySpan<T> delta, ReadOnlySpan<T> kernel, Span<T> inputGradient, int rows, int inputs, int units, KernelPath path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        CheckShapes(rows, inputs, units, delta.Length, rows * units, kernel.Length, inputs * units, inputGradient.Length, rows * inputs, units, units);
        ref T ds = ref MemoryMarshal.GetReference(delta);
        ref T ks = ref MemoryMarshal.GetReference(kernel);
        ref T gs = ref MemoryMarshal.GetReference(inputGradient);
        switch (Resolve<T>(path))
        {
            case KernelPath.Vector512: BackwardInputCore<T, Vector512<T>, Simd512<T>>(ref ds, ref ks, ref gs, rows, inputs, units); break;
            case KernelPath.Vector256: BackwardInputCore<T, Vector256<T>, Simd256<T>>(ref ds, ref ks, ref gs, rows, inputs, units); break;
            case KernelPath.Vector128: BackwardInputCore<T, Vector128<T>, Simd128<T>>(ref ds, ref ks, ref gs, rows, inputs, units); break;
            default: BackwardInputCore<T, T, SimdScalar<T>>(ref ds, ref ks, ref gs, rows, inputs, units); break;
        }
    }

    /// <summary>
    /// inputGradient = delta · kernelᵀ without horizontal sums: a panel of kernel (one tile width of inputs by one
    /// depth block of units) is transposed into a stack buffer, kernelᵀ (units, inputs) row-major, and the panel
    /// is then the B of the same broadcast-FMA tiles as Forward, with A = delta along its rows. A dot product per
    /// output (the previous kernel) needs one horizontal sum per element, several times slower here
    /// (docs/benchmarks.md).
    /// </summary>
    private static void BackwardInputCore<T, TVec, TSimd>(ref T delta, ref T kernel, ref T inputGradient, int rows, int inputs, int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVec : struct
        where TSimd : struct, ISimdOps<TVec, T>
    {
        if (rows == 0 || inputs == 0) return;
        if (units == 0)
        {
            // No units: every input gradient is an empty sum.
            MemoryMarshal.CreateSpan(ref inputGradient, rows * inputs).Clear();
            return;
        }

        // float on 512 bits first tries skipping delta's zeros (a relu layer's), which declines where delta is dense.
        if (IsFloat512<T, TVec, TSimd>()
            && ZeroSkippingProducts.TryInputGradient(ref AsFloat(ref delta), ref AsFloat(ref kernel), ref AsFloat(ref inputGradient), rows, inputs, units))
        {
            return;
        }

        int lanes = TSimd.Count;
        int panelWidth = TSimd.TileVectors * lanes;                   // 64 floats on the 512-bit path
        int depthStep = BlockedGemm.DepthStep<T, TVec, TSimd>(units); // ≤ 128 units per block for float on 512 bits
        // Rows padded to whole registers and one register of spare rows: the transpose writes whole blocks.
        // At most (128 + 16) x 64 floats = 36 KiB; (10 + 16) x 64 for the digits output layer. Stale contents
        // from an earlier call are never read: the GEMM reads only what this panel's transpose wrote, plus
        // padding lanes it never stores.
        int stride = (Math.Min(panelWidth, inputs) + lanes - 1) / lanes * lanes;
        Span<T> panel = KernelScratch<T>.Get((depthStep + lanes) * stride);
        ref T ps = ref MemoryMarshal.GetReference(panel);
        nint kernelLimit = (nint)inputs * units, gradientLimit = (nint)rows * inputs;

        for (int p0 = 0; p0 < inputs; p0 += panelWidth)
        {
            int width = Math.Min(panelWidth, inputs - p0);
            int panelStride = (width + lanes - 1) / lanes * lanes;
            for (int k0 = 0; k0 < units; k0 += depthStep)
            {
                int depth = Math.Min(depthStep, units - k0);
                PanelTranspose.Transpose(ref kernel, kernelLimit, units, p0, width, k0, depth, ref ps, panelStride, lanes);
                ref T gradientPanel = ref Unsafe.Add(ref inputGradient, p0);
                // The first depth block assigns, later ones add to what the earlier blocks left in inputGradient.
                BlockedGemm.Panel<T, TVec, TSimd>(
                    ref Unsafe.Add(ref delta, k0), aRow: units, aCol: 1,
                    ref ps, bRow: panelStride, bLimit: (nint)depth * panelStride,
                    ref gradientPanel, cRow: inputs, cLimit: gradientLimit - p0,
                    ref gradientPanel, initRow: inputs, initLimit: gradientLimit - p0, hasInit: k0 > 0,
                    m: rows, n: width, depth: depth);
            }
        }
    }

    /// <summary>float on 512-bit registers: the instantiation the zero-skipping products serve (the JIT folds this).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsFloat512<T, TVec, TSimd>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVec : struct
        where TSimd : struct, ISimdOps<TVec, T>
        => typeof(T) == typeof(float) && TSimd.Count == 16;

    /// <summary>Reinterprets a float-typed reference (callers check <c>typeof(T) == typeof(float)</c> first, which the JIT folds).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref float AsFloat<T>(ref T value) where T : unmanaged => ref Unsafe.As<T, float>(ref value);

    /// <summary>The path to run for <typeparamref name="T"/>: vector paths exist for float and double only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static KernelPath Resolve<T>(KernelPath path)
        => typeof(T) == typeof(float) || typeof(T) == typeof(double) ? path : KernelPath.Scalar;

    /// <summary>Unsafe loads above rely on these lengths; a mismatch is a bug in generated or calling code.</summary>
    private static void CheckShapes(int rows, int inputs, int units, int aLength, int aExpected, int bLength, int bExpected, int cLength, int cExpected, int dLength, int dExpected)
    {
        if ((rows | inputs | units) < 0)
        {
            ThrowHelper.ThrowNegativeDimension(rows, inputs, units);
        }
        if (aLength < aExpected || bLength < bExpected || cLength < cExpected || dLength < dExpected)
        {
            ThrowHelper.ThrowShapeMismatch(aLength, aExpected, bLength, bExpected, cLength, cExpected);
        }
    }
}
