using System.Numerics;
using FastDense.Kernels;

namespace FastDense.Tests.Kernels;

/// <summary>
/// The fast matrix products against <see cref="MatrixProductsNaive"/>, on every <see cref="KernelPath"/> (each
/// is called explicitly, so all run on any machine: a width the CPU lacks is emulated by the runtime, slower but
/// exact), in float and double, with fixed seeds.
/// </summary>
public class MatrixProductsTests
{
    // ---- Tolerances ----------------------------------------------------------------------------------------------
    // Each output is a sum of `depth` products a_k·b_k (depth = inputs for Forward, plus the bias; rows for the
    // gradients; units for BackwardInput). Both the fast and the naive result carry rounding error; the fast one
    // differs only in using fused multiply-adds: every element is still summed in k order, in one lane, and the
    // depth blocks pass partial sums through memory in the same precision. Worst case each error is below
    // depth·u·Σ|a_k||b_k| (Higham, Accuracy and Stability of Numerical Algorithms, §3.1), but rounding errors behave
    // like a random walk and Higham & Mary (SIAM J. Sci. Comput. 41(5), 2019) bound them by
    // λ·sqrt(depth)·u·Σ|a_k||b_k| with high probability. Σ|a_k||b_k| ≤ |a|·|b| (Cauchy-Schwarz, 2-norms of the row
    // and column), which is cheap to compute, so the tolerance per element is
    //     Results · λ · sqrt(depth) · u · |a|·|b|        (+ |bias| for Forward),
    // i.e. it grows ~ sqrt(k)·eps·|x||K|. For the deepest shape here (784, float) that is ~1.3e-5·|x||K|, while one
    // dropped or misplaced term costs ~|x||K|/depth ≈ 1.3e-3·|x||K|: a hundred times the tolerance.

    /// <summary>Unit roundoff of float, u = 2^-24: half the gap between 1 and the next float.</summary>
    private const double FloatUnitRoundoff = 5.9604644775390625e-8;

    /// <summary>Unit roundoff of double, u = 2^-53.</summary>
    private const double DoubleUnitRoundoff = 1.1102230246251565e-16;

    /// <summary>Unit roundoff of Half, u = 2^-11.</summary>
    private const double HalfUnitRoundoff = 4.8828125e-4;

    /// <summary>
    /// λ of the probabilistic bound. Higham and Mary's guarantee for a given λ is loose (it assumes independent,
    /// worst-case-sized rounding errors), so the value was checked instead: over every shape, path and type here
    /// the largest |fast - naive| is 0.21 of the tolerance (float, 3 x 13 x 64) and 0.18 (double). Seeds are fixed,
    /// so the outcome is deterministic.
    /// </summary>
    private const double Lambda = 4;

    /// <summary>Two results (fast and naive) each within the bound.</summary>
    private const double Results = 2;

    // ---- Shapes --------------------------------------------------------------------------------------------------
    /// <summary>Sizes around the register widths (4, 8, 16 lanes), the tile widths (32, 64 columns), the 4-row tiles
    /// and the depth blocks (128 / 112 for float on 512 bits).</summary>
    private static readonly int[] Sizes = [1, 2, 3, 7, 13, 16, 17, 31, 32, 63, 64, 65, 128, 257];

    /// <summary>
    /// The other two dimensions while one runs through <see cref="Sizes"/>: degenerate (1), odd (13: a row tail of
    /// 1 and a partial register), whole tiles (64). Each pair with each size on each axis gives 290 shapes instead
    /// of the full cube's 2,744; (64, 64) is left out because it would triple the time and the model shapes cover it.
    /// </summary>
    private static readonly (int, int)[] Partners = [(1, 1), (1, 13), (13, 1), (1, 64), (64, 1), (13, 13), (13, 64), (64, 13)];

    /// <summary>Empty dimensions: nothing to read, and Forward must still write the bias, BackwardParameters zeros.</summary>
    private static readonly (int Rows, int Inputs, int Units)[] EmptyShapes = [(0, 5, 7), (5, 0, 7), (5, 7, 0), (0, 0, 0)];

    private const int Guard = 19;

    public static TheoryData<string> Paths => new(Enum.GetNames<KernelPath>());

    public static TheoryData<string, int, int, int> RealShapes => new()
    {
        { "digits hidden 64->64", 32, 64, 64 },
        { "digits output 64->10", 32, 64, 10 },
        // Batch 32 instead of Fashion-MNIST's 128: the batch only repeats row tiles (the sweep covers 128 and 257
        // rows), and the naive loops are slow in a Debug build.
        { "fashion hidden 784->256", 32, 784, 256 },
        { "fashion hidden 256->128", 128, 256, 128 },
        { "fashion output 128->10", 128, 128, 10 },
    };

    private static IEnumerable<(int Rows, int Inputs, int Units)> Shapes()
    {
        var seen = new HashSet<(int, int, int)>();
        foreach (int size in Sizes)
        {
            foreach (var (p, q) in Partners)
            {
                foreach (var shape in new[] { (size, p, q), (p, size, q), (p, q, size) })
                {
                    if (seen.Add(shape)) yield return shape;
                }
            }
        }
        foreach (var shape in EmptyShapes) yield return shape;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void AllProducts_Float_MatchNaiveOnShapeSweep(string path)
    {
        foreach (var (rows, inputs, units) in Shapes()) CheckProducts<float>(Parse(path), rows, inputs, units, FloatUnitRoundoff);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void AllProducts_Double_MatchNaiveOnShapeSweep(string path)
    {
        foreach (var (rows, inputs, units) in Shapes()) CheckProducts<double>(Parse(path), rows, inputs, units, DoubleUnitRoundoff);
    }

    [Theory]
    [MemberData(nameof(RealShapes))]
    public void AllProducts_Float_MatchNaiveOnModelShapes_EveryPath(string model, int rows, int inputs, int units)
    {
        _ = model;
        foreach (KernelPath path in Enum.GetValues<KernelPath>()) CheckProducts<float>(path, rows, inputs, units, FloatUnitRoundoff);
    }

    [Theory]
    [MemberData(nameof(RealShapes))]
    public void AllProducts_Double_MatchNaiveOnModelShapes_EveryPath(string model, int rows, int inputs, int units)
    {
        _ = model;
        foreach (KernelPath path in Enum.GetValues<KernelPath>()) CheckProducts<double>(path, rows, inputs, units, DoubleUnitRoundoff);
    }

    [Fact]
    public void AllProducts_Half_RunOnScalarPath()
    {
        // Half has no vector path; every requested path must fall back to the scalar one instead of throwing.
        foreach (KernelPath path in Enum.GetValues<KernelPath>()) CheckProducts<Half>(path, 5, 17, 10, HalfUnitRoundoff);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void ForwardRelu_EqualsForwardThenRelu_OnEveryPath(string path)
    {
        // Dense and sparse inputs (the zero-skipping path applies relu in registers, the dense kernels in a pass after),
        // narrow and wide layers, partial row groups, deep inputs; float and double.
        KernelPath kernelPath = Enum.Parse<KernelPath>(path);
        foreach ((int rows, int inputs, int units, double zeros) in new[] { (1, 5, 3, 0.0), (13, 64, 64, 0.5), (32, 64, 64, 0.0), (37, 300, 128, 0.7), (9, 17, 10, 0.3), (130, 784, 64, 0.8) })
        {
            var random = new Random(rows + inputs + units);
            float[] x = Floats(random, rows * inputs, -1, 1, zeros: zeros);
            float[] kernel = Floats(random, inputs * units, -0.5, 0.5);
            float[] bias = Floats(random, units, -0.5, 0.5);
            AssertFusedReluEqualsPass(x, kernel, bias, rows, inputs, units, kernelPath);
            AssertFusedReluEqualsPass(x.Select(v => (double)v).ToArray(), kernel.Select(v => (double)v).ToArray(), bias.Select(v => (double)v).ToArray(),
                rows, inputs, units, kernelPath);
        }
    }

    /// <summary>Forward with relu fused against Forward, then the relu pass: equal bit for bit.</summary>
    private static void AssertFusedReluEqualsPass<T>(T[] x, T[] kernel, T[] bias, int rows, int inputs, int units, KernelPath path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var expected = new T[rows * units];
        MatrixProducts.Forward<T>(x, kernel, bias, expected, rows, inputs, units, path);
        ReluOperator.Forward<T>(expected, expected);
        var fused = new T[rows * units];
        MatrixProducts.Forward<T>(x, kernel, bias, fused, rows, inputs, units, path, relu: true);
        Assert.Equal(expected, fused);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void WithoutBias_EqualsABiasOfZeros_BitForBit_OnEveryPath(string path)
    {
        // Keras's use_bias=False (keras/src/layers/core/dense.py: no bias weight, no bias add). Each product without
        // a bias must give the bits the biased one gives for a bias of zeros, on every path: dense and sparse inputs
        // (the zero-skipping forward on float 512), softmax layers of at most 16 units over 16 rows or more (rows in
        // lanes), deep inputs, partial tiles, an empty batch; float and double.
        KernelPath kernelPath = Enum.Parse<KernelPath>(path);
        foreach ((int rows, int inputs, int units, double zeros) in new[]
        {
            (1, 5, 3, 0.0), (13, 64, 64, 0.5), (32, 64, 10, 0.0), (37, 300, 128, 0.7), (9, 17, 10, 0.3), (130, 784, 64, 0.8), (47, 65, 16, 0.3), (0, 5, 7, 0.0),
        })
        {
            var random = new Random(rows * 7 + inputs * 3 + units);
            float[] x = Floats(random, rows * inputs, -2, 2, zeros: zeros);
            float[] kernel = Floats(random, inputs * units, -0.5, 0.5);
            float[] delta = Floats(random, rows * units, -1, 1, zeros: zeros);
            AssertWithoutBiasEqualsZeroBias(x, kernel, delta, rows, inputs, units, kernelPath);
            AssertWithoutBiasEqualsZeroBias(x.Select(v => (double)v).ToArray(), kernel.Select(v => (double)v).ToArray(), delta.Select(v => (double)v).ToArray(),
                rows, inputs, units, kernelPath);
        }
    }

    /// <summary>Forward (linear, fused relu, fused softmax with its logits) and the kernel gradient, without a bias and with a bias of zeros.</summary>
    private static void AssertWithoutBiasEqualsZeroBias<T>(T[] x, T[] kernel, T[] delta, int rows, int inputs, int units, KernelPath path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var zeroBias = new T[units];
        foreach (bool relu in new[] { false, true })
        {
            var expected = new T[rows * units];
            MatrixProducts.Forward<T>(x, kernel, zeroBias, expected, rows, inputs, units, path, relu);
            var actual = new T[rows * units];
            MatrixProducts.Forward<T>(x, kernel, default, actual, rows, inputs, units, path, relu, hasBias: false);
            Assert.Equal(expected, actual);
        }
        if (units > 0)
        {
            T[] expectedLogits = new T[rows * units], expectedY = new T[rows * units];
            MatrixProducts.ForwardSoftmax<T>(x, kernel, zeroBias, expectedLogits, expectedY, rows, inputs, units, path);
            T[] logits = new T[rows * units], y = new T[rows * units];
            MatrixProducts.ForwardSoftmax<T>(x, kernel, default, logits, y, rows, inputs, units, path, hasBias: false);
            Assert.Equal(expectedLogits, logits);
            Assert.Equal(expectedY, y);
        }
        T[] expectedGradient = new T[inputs * units], biasGradient = new T[units];
        MatrixProducts.BackwardParameters<T>(x, delta, expectedGradient, biasGradient, rows, inputs, units, path);
        // Garbage first: the gradient is assigned, not accumulated.
        T[] gradient = Enumerable.Repeat(T.CreateTruncating(GuardValue), inputs * units).ToArray();
        MatrixProducts.BackwardParameters<T>(x, delta, gradient, default, rows, inputs, units, path, hasBias: false);
        Assert.Equal(expectedGradient, gradient);
    }

    [Fact]
    public void WithoutBias_PublicEntryPoints_MatchNaiveWithoutABias()
    {
        // The entry points generated code reaches (Dense.ForwardWithoutBias and the others) on the selected path,
        // against the naive loops computing x·K and xᵀ·d with no bias term at all.
        var random = new Random(11);
        const int rows = 33, inputs = 40, units = 12;
        double[] x = RandomValues<double>(random, rows * inputs), kernel = RandomValues<double>(random, inputs * units), delta = RandomValues<double>(random, rows * units);
        var expected = new double[rows * units];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < units; c++)
            {
                double sum = 0;
                for (int k = 0; k < inputs; k++) sum += x[r * inputs + k] * kernel[k * units + c];
                expected[r * units + c] = sum;
            }
        }
        double tolerance = 1e-13;
        var y = new double[rows * units];
        MatrixProducts.ForwardWithoutBias<double>(x, kernel, y, rows, inputs, units);
        for (int i = 0; i < y.Length; i++) Assert.Equal(expected[i], y[i], tolerance);
        MatrixProducts.ForwardReluWithoutBias<double>(x, kernel, y, rows, inputs, units);
        for (int i = 0; i < y.Length; i++) Assert.Equal(Math.Max(expected[i], 0), y[i], tolerance);
        var logits = new double[rows * units];
        MatrixProducts.ForwardSoftmaxWithoutBias<double>(x, kernel, logits, y, rows, inputs, units);
        for (int r = 0; r < rows; r++)
        {
            double sum = Enumerable.Range(0, units).Sum(c => Math.Exp(expected[r * units + c]));
            for (int c = 0; c < units; c++)
            {
                Assert.Equal(expected[r * units + c], logits[r * units + c], tolerance);
                Assert.Equal(Math.Exp(expected[r * units + c]) / sum, y[r * units + c], tolerance);
            }
        }
        var gradient = new double[inputs * units];
        MatrixProducts.BackwardKernel<double>(x, delta, gradient, rows, inputs, units);
        for (int k = 0; k < inputs; k++)
        {
            for (int c = 0; c < units; c++)
            {
                double sum = 0;
                for (int r = 0; r < rows; r++) sum += x[r * inputs + k] * delta[r * units + c];
                Assert.Equal(sum, gradient[k * units + c], tolerance);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void ForwardSoftmax_EqualsForwardThenSoftmaxRows_OnEveryPath(string path)
    {
        // Every width the rows-in-lanes layer takes (1 to 16) and one past it; row counts below, at and past whole
        // blocks of 16 (the rest take the row path, which must give the bits the whole block would have had); inputs
        // below, at and past a register, whose last block reads its last columns through the zero-padded copy.
        KernelPath kernelPath = Enum.Parse<KernelPath>(path);
        foreach ((int rows, int inputs) in new[] { (1, 13), (15, 64), (16, 7), (17, 64), (33, 1), (32, 17), (47, 65), (130, 64), (20, 257) })
        {
            for (int units = 1; units <= 17; units++)
            {
                var random = new Random(rows * 1000 + inputs * 20 + units);
                // Logits up to ~±60: exponentials far apart, some rows dominated by one class.
                float[] x = Floats(random, rows * inputs, -4, 4, zeros: 0.3);
                float[] kernel = Floats(random, inputs * units, -1, 1);
                float[] bias = Floats(random, units, -0.5, 0.5);
                AssertFusedSoftmaxEqualsPass(x, kernel, bias, rows, inputs, units, kernelPath);
                AssertFusedSoftmaxNearNaive(x, kernel, bias, rows, inputs, units, kernelPath);
            }
        }
    }

    /// <summary>
    /// The fused softmax layer against softmax(x·K + b) computed independently in double (MatrixProductsNaive, then
    /// the formula). Tolerance, relative to each probability: a logit error δ moves ln p_c by at most 2δ (δ in z_c and
    /// in the normalizer), and the float logits carry δ ≤ λ·sqrt(inputs + 1)·u·(Σ_k |x_k·K_kc| + |b_c|) (the bound the
    /// product tests use), taken at the row's largest; then e^z within 2 ulps (FloatExp), a sum of units terms and a
    /// division: (units + 8)·4u more. 1e-30 absolute for probabilities at the edge of float's range.
    /// </summary>
    private static void AssertFusedSoftmaxNearNaive(float[] x, float[] kernel, float[] bias, int rows, int inputs, int units, KernelPath path)
    {
        var logits = new double[rows * units];
        MatrixProductsNaive.Forward<double>(x.Select(v => (double)v).ToArray(), kernel.Select(v => (double)v).ToArray(), bias.Select(v => (double)v).ToArray(), logits, rows, inputs, units);
        var fused = new float[rows * units];
        MatrixProducts.ForwardSoftmax<float>(x, kernel, bias, new float[rows * units], fused, rows, inputs, units, path);
        for (int r = 0; r < rows; r++)
        {
            double max = Enumerable.Range(0, units).Max(c => logits[r * units + c]);
            double sum = Enumerable.Range(0, units).Sum(c => Math.Exp(logits[r * units + c] - max));
            double magnitude = Enumerable.Range(0, units).Max(c => Enumerable.Range(0, inputs).Sum(k => Math.Abs((double)x[r * inputs + k] * kernel[k * units + c])) + Math.Abs(bias[c]));
            double relative = 2 * Lambda * Math.Sqrt(inputs + 1) * FloatUnitRoundoff * magnitude + (units + 8) * 4 * FloatUnitRoundoff;
            for (int c = 0; c < units; c++)
            {
                double expected = Math.Exp(logits[r * units + c] - max) / sum;
                double actual = fused[r * units + c];
                Assert.True(Math.Abs(actual - expected) <= relative * expected + 1e-30,
                    $"rows {rows}, inputs {inputs}, units {units}, {path}: [{r}, {c}] is {actual:R}, softmax in double {expected:R}");
            }
        }
    }

    [SkippableFact]
    public void SoftmaxLayerInLanes_RunsOnThisMachine_AndTakesWholeBlocksOf16Rows()
    {
        // The comparisons above would pass if the lanes path never ran (they compare it with its own fallback): this
        // calls it directly on a machine that has it, checks which rows it took and their bits.
        Skip.IfNot(System.Runtime.Intrinsics.X86.Avx512F.IsSupported, "the rows-in-lanes layer needs AVX-512");
        Assert.True(SoftmaxLayerInLanes.Applies(rows: 128, inputs: 64, units: 10));
        Assert.False(SoftmaxLayerInLanes.Applies(rows: 15, inputs: 64, units: 10));
        Assert.False(SoftmaxLayerInLanes.Applies(rows: 128, inputs: 64, units: 17));
        const int rows = 45, inputs = 30, units = 10;   // two whole blocks and 13 rows left to the caller
        var random = new Random(17);
        float[] x = Floats(random, rows * inputs, -1, 1);
        float[] kernel = Floats(random, inputs * units, -0.5, 0.5);
        float[] bias = Floats(random, units, -0.5, 0.5);
        var expectedLogits = new float[rows * units];
        MatrixProducts.Forward<float>(x, kernel, bias, expectedLogits, rows, inputs, units);
        var expected = new float[rows * units];
        SoftmaxOperator.ForwardRows<float>(expectedLogits, expected, units);
        float[] lanes = Enumerable.Repeat(-7.5f, rows * units).ToArray();
        float[] logits = Enumerable.Repeat(-7.5f, rows * units).ToArray();
        int done = SoftmaxLayerInLanes.Forward(ref x[0], ref kernel[0], ref bias[0], ref logits[0], ref lanes[0], rows, inputs, units);
        Assert.Equal(32, done);
        Assert.Equal(expected.AsSpan(0, done * units).ToArray(), lanes.AsSpan(0, done * units).ToArray());
        Assert.Equal(expectedLogits.AsSpan(0, done * units).ToArray(), logits.AsSpan(0, done * units).ToArray());
        Assert.All(lanes.AsSpan(done * units).ToArray(), v => Assert.Equal(-7.5f, v));   // the rest is the caller's
        Assert.All(logits.AsSpan(done * units).ToArray(), v => Assert.Equal(-7.5f, v));
    }

    [Fact]
    public void ForwardSoftmax_NaNOrInfinityInARow_GivesThatRowNaN_AndLeavesTheOthers()
    {
        // A NaN input makes its row's logits NaN, an infinite one makes them ±∞ (∞ - ∞ in the softmax): either way the
        // row is NaN on both paths, and the other rows of its 16-row block are unaffected.
        const int rows = 32, inputs = 20, units = 10;
        var random = new Random(5);
        float[] x = Floats(random, rows * inputs, -1, 1);
        float[] kernel = Floats(random, inputs * units, -0.5, 0.5);
        float[] bias = new float[units];
        x[3 * inputs + 7] = float.NaN;
        x[20 * inputs + 2] = float.PositiveInfinity;
        AssertFusedSoftmaxEqualsPass(x, kernel, bias, rows, inputs, units, KernelDispatch.Selected);
        var y = new float[rows * units];
        MatrixProducts.ForwardSoftmax<float>(x, kernel, bias, new float[rows * units], y, rows, inputs, units);
        for (int r = 0; r < rows; r++)
        {
            bool expectNaN = r is 3 or 20;
            Assert.All(y.AsSpan(r * units, units).ToArray(), v => Assert.Equal(expectNaN, float.IsNaN(v)));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Paths))]
    public void AllProducts_TouchNothingPastTheirOperands_GuardPages(string path)
    {
        // Each operand ends where an inaccessible page begins: a whole-register load or store that runs past an
        // operand's last element crashes the test host. Managed arrays hide such reads (the next bytes are readable).
        // The rows-in-lanes softmax layer transposes 16-column blocks of x (its last block's last row is where a read
        // could leave x) and stores whole registers of y; the other products have tails of their own.
        Skip.IfNot(GuardedFloats.Supported, "guard pages use mmap and mprotect (Linux)");
        KernelPath kernelPath = Enum.Parse<KernelPath>(path);
        foreach (int rows in new[] { 1, 16, 17, 33 })
        {
            foreach (int inputs in new[] { 1, 5, 13, 16, 17, 64, 65 })
            {
                foreach (int units in new[] { 1, 3, 10, 16, 17, 64 })
                {
                    var random = new Random(rows * 100 + inputs * 7 + units);
                    float[] x = Floats(random, rows * inputs, -1, 1, zeros: 0.4);
                    float[] kernel = Floats(random, inputs * units, -0.5, 0.5);
                    float[] bias = Floats(random, units, -0.5, 0.5);
                    float[] delta = Floats(random, rows * units, -0.5, 0.5, zeros: 0.5);
                    using var gx = new GuardedFloats(x);
                    using var gKernel = new GuardedFloats(kernel);
                    using var gBias = new GuardedFloats(bias);
                    using var gDelta = new GuardedFloats(delta);
                    using var gy = new GuardedFloats(new float[rows * units]);
                    using var gLogits = new GuardedFloats(new float[rows * units]);
                    using var gKernelGradient = new GuardedFloats(new float[inputs * units]);
                    using var gBiasGradient = new GuardedFloats(new float[units]);
                    using var gInputGradient = new GuardedFloats(new float[rows * inputs]);

                    var expected = new float[rows * units];
                    MatrixProducts.Forward<float>(x, kernel, bias, expected, rows, inputs, units, kernelPath);
                    SoftmaxOperator.ForwardRows<float>(expected, expected, units);
                    MatrixProducts.ForwardSoftmax<float>(gx.Span, gKernel.Span, gBias.Span, gLogits.Span, gy.Span, rows, inputs, units, kernelPath);
                    Assert.Equal(expected, gy.Span.ToArray());
                    MatrixProducts.Forward<float>(gx.Span, gKernel.Span, gBias.Span, gy.Span, rows, inputs, units, kernelPath);
                    MatrixProducts.Forward<float>(gx.Span, gKernel.Span, gBias.Span, gy.Span, rows, inputs, units, kernelPath, relu: true);
                    MatrixProducts.BackwardParameters<float>(gx.Span, gDelta.Span, gKernelGradient.Span, gBiasGradient.Span, rows, inputs, units, kernelPath);
                    MatrixProducts.BackwardInput<float>(gDelta.Span, gKernel.Span, gInputGradient.Span, rows, inputs, units, kernelPath);
                }
            }
        }
    }

    /// <summary>
    /// The fused softmax layer against Forward into the logits, then the softmax rows: both outputs equal bit for bit
    /// (NaN compared as NaN), every output written (the destinations start as garbage), and nothing past them touched.
    /// </summary>
    private static void AssertFusedSoftmaxEqualsPass(float[] x, float[] kernel, float[] bias, int rows, int inputs, int units, KernelPath path)
    {
        var expectedLogits = new float[rows * units];
        MatrixProducts.Forward<float>(x, kernel, bias, expectedLogits, rows, inputs, units, path);
        var expected = new float[rows * units];
        SoftmaxOperator.ForwardRows<float>(expectedLogits, expected, units);
        float[] fused = Enumerable.Repeat(-7.5f, rows * units + Guard).ToArray();
        float[] logits = Enumerable.Repeat(-7.5f, rows * units + Guard).ToArray();
        MatrixProducts.ForwardSoftmax<float>(x, kernel, bias, logits.AsSpan(0, rows * units), fused.AsSpan(0, rows * units), rows, inputs, units, path);
        AssertSameBits(expected, fused, "softmax");
        AssertSameBits(expectedLogits, logits, "logits");
        Assert.All(fused.AsSpan(rows * units).ToArray(), v => Assert.Equal(-7.5f, v));
        Assert.All(logits.AsSpan(rows * units).ToArray(), v => Assert.Equal(-7.5f, v));

        void AssertSameBits(float[] want, float[] got, string what)
        {
            for (int i = 0; i < want.Length; i++)
            {
                if (BitConverter.SingleToInt32Bits(want[i]) != BitConverter.SingleToInt32Bits(got[i]) && !(float.IsNaN(want[i]) && float.IsNaN(got[i])))
                {
                    Assert.Fail($"rows {rows}, inputs {inputs}, units {units}, {path}: {what} element {i} (row {i / units}) is {got[i]:R}, expected {want[i]:R}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Forward_NarrowLayer_EightRowTiles_EqualFourRowTiles(string path)
    {
        // A layer narrower than a register runs 8 rows per tile where there are 8, else 4 (and a lone row alone); each
        // element sums its k in the same order either way, so 4-row calls must give the same bits as one call.
        KernelPath kernelPath = Enum.Parse<KernelPath>(path);
        var random = new Random(21);
        const int rows = 27, inputs = 70, units = 10;   // 3 eight-row tiles and 3 rows; a depth past a register
        float[] x = Floats(random, rows * inputs, -1, 1);
        float[] kernel = Floats(random, inputs * units, -0.5, 0.5);
        float[] bias = Floats(random, units, 0, 1);
        var whole = new float[rows * units];
        MatrixProducts.Forward<float>(x, kernel, bias, whole, rows, inputs, units, kernelPath);
        var byFour = new float[rows * units];
        for (int r = 0; r < rows; r += 4)
        {
            int count = Math.Min(4, rows - r);
            MatrixProducts.Forward<float>(x.AsSpan(r * inputs, count * inputs), kernel, bias, byFour.AsSpan(r * units, count * units), count, inputs, units, kernelPath);
        }
        Assert.Equal(byFour, whole);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void BackwardParameters_GarbageInOutputs_AssignsEveryElement(string path)
    {
        foreach (var (rows, inputs, units) in new[] { (32, 64, 10), (7, 13, 17), (3, 1, 1), (0, 4, 5) })
        {
            var random = new Random(7);
            float[] x = RandomValues<float>(random, rows * inputs), delta = RandomValues<float>(random, rows * units);
            float[] expectedKernel = new float[inputs * units], expectedBias = new float[units];
            MatrixProductsNaive.BackwardParameters<float>(x, delta, expectedKernel, expectedBias, rows, inputs, units);

            foreach (float garbage in new[] { float.NaN, float.PositiveInfinity, 1e30f, -3f })
            {
                float[] kernelGradient = Enumerable.Repeat(garbage, inputs * units).ToArray();
                float[] biasGradient = Enumerable.Repeat(garbage, units).ToArray();
                MatrixProducts.BackwardParameters<float>(x, delta, kernelGradient, biasGradient, rows, inputs, units, Parse(path));

                for (int i = 0; i < kernelGradient.Length; i++)
                {
                    Assert.True(Math.Abs(kernelGradient[i] - expectedKernel[i]) <= 1e-4f,
                        $"{path} ({rows}, {inputs}, {units}), outputs pre-filled with {garbage}: kernelGradient[{i}] = {kernelGradient[i]}, expected {expectedKernel[i]}");
                }
                for (int i = 0; i < biasGradient.Length; i++)
                {
                    Assert.True(Math.Abs(biasGradient[i] - expectedBias[i]) <= 1e-4f,
                        $"{path} ({rows}, {inputs}, {units}), outputs pre-filled with {garbage}: biasGradient[{i}] = {biasGradient[i]}, expected {expectedBias[i]}");
                }
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Forward_OperandTooShort_ThrowsArgumentException(int operand)
    {
        const int rows = 4, inputs = 5, units = 17;
        float[] x = new float[rows * inputs - (operand == 0 ? 1 : 0)], kernel = new float[inputs * units - (operand == 1 ? 1 : 0)];
        float[] bias = new float[units - (operand == 2 ? 1 : 0)], y = new float[rows * units - (operand == 3 ? 1 : 0)];
        Assert.Throws<ArgumentException>(() => MatrixProducts.Forward<float>(x, kernel, bias, y, rows, inputs, units));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void BackwardParameters_OperandTooShort_ThrowsArgumentException(int operand)
    {
        const int rows = 4, inputs = 5, units = 17;
        float[] x = new float[rows * inputs - (operand == 0 ? 1 : 0)], delta = new float[rows * units - (operand == 1 ? 1 : 0)];
        float[] kernelGradient = new float[inputs * units - (operand == 2 ? 1 : 0)], biasGradient = new float[units - (operand == 3 ? 1 : 0)];
        Assert.Throws<ArgumentException>(() => MatrixProducts.BackwardParameters<float>(x, delta, kernelGradient, biasGradient, rows, inputs, units));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void BackwardInput_OperandTooShort_ThrowsArgumentException(int operand)
    {
        const int rows = 4, inputs = 5, units = 17;
        float[] delta = new float[rows * units - (operand == 0 ? 1 : 0)], kernel = new float[inputs * units - (operand == 1 ? 1 : 0)];
        float[] inputGradient = new float[rows * inputs - (operand == 2 ? 1 : 0)];
        Assert.Throws<ArgumentException>(() => MatrixProducts.BackwardInput<float>(delta, kernel, inputGradient, rows, inputs, units));
    }

    [Fact]
    public void AllProducts_NegativeDimension_ThrowArgumentOutOfRange()
    {
        float[] buffer = new float[64];
        Assert.Throws<ArgumentOutOfRangeException>(() => MatrixProducts.Forward<float>(buffer, buffer, buffer, buffer, -1, 2, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => MatrixProducts.BackwardParameters<float>(buffer, buffer, buffer, buffer, 2, -1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => MatrixProducts.BackwardInput<float>(buffer, buffer, buffer, 2, 3, -1));
    }

    [Theory]
    [InlineData(nameof(KernelPath.Vector512), "scalar", nameof(KernelPath.Scalar))]
    [InlineData(nameof(KernelPath.Vector512), "128", nameof(KernelPath.Vector128))]
    [InlineData(nameof(KernelPath.Vector512), " 256 ", nameof(KernelPath.Vector256))]
    [InlineData(nameof(KernelPath.Vector512), "512", nameof(KernelPath.Vector512))]
    [InlineData(nameof(KernelPath.Vector256), "512", nameof(KernelPath.Vector256))]
    [InlineData(nameof(KernelPath.Vector256), "Scalar", nameof(KernelPath.Scalar))]
    [InlineData(nameof(KernelPath.Vector256), "avx", nameof(KernelPath.Vector256))]
    [InlineData(nameof(KernelPath.Vector128), null, nameof(KernelPath.Vector128))]
    public void ForceVariable_LowersButNeverRaisesThePath(string best, string? force, string expected)
        => Assert.Equal(Parse(expected), KernelDispatch.Lower(Parse(best), force));

    // ---- Checking ------------------------------------------------------------------------------------------------

    private static KernelPath Parse(string path) => Enum.Parse<KernelPath>(path);

    /// <summary>
    /// Runs the three products on <paramref name="path"/> and compares them with the naive loops. Inputs are
    /// followed by NaN and outputs pre-filled with NaN and followed by a guard: a product that reads past its
    /// operands into a stored lane, leaves an output unwritten, or writes past its end, fails.
    /// </summary>
    private static void CheckProducts<T>(KernelPath path, int rows, int inputs, int units, double unitRoundoff)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string where = $"{path}, {typeof(T).Name}, rows {rows}, inputs {inputs}, units {units}";
        var random = new Random(HashCode.Combine(rows, inputs, units));
        T[] x = RandomValues<T>(random, rows * inputs), kernel = RandomValues<T>(random, inputs * units);
        T[] bias = RandomValues<T>(random, units), delta = RandomValues<T>(random, rows * units);

        // y (rows, units) = x · kernel + bias
        T[] y = Output<T>(rows * units);
        MatrixProducts.Forward<T>(Input(x), Input(kernel), Input(bias), Span(y, rows * units), rows, inputs, units, path);
        T[] yNaive = new T[rows * units];
        MatrixProductsNaive.Forward<T>(x, kernel, bias, yNaive, rows, inputs, units);
        double[] xRows = Norms(x, rows, inputs, alongRows: true), kernelColumns = Norms(kernel, inputs, units, alongRows: false);
        AssertClose($"Forward y ({where})", y, yNaive, rows, units, depth: inputs + 1, unitRoundoff,
            (r, n) => xRows[r] * kernelColumns[n] + double.CreateTruncating(T.Abs(bias[n])));

        // kernelGradient (inputs, units) = xᵀ · delta;  biasGradient (units) = column sums of delta
        T[] kernelGradient = Output<T>(inputs * units), biasGradient = Output<T>(units);
        MatrixProducts.BackwardParameters<T>(Input(x), Input(delta), Span(kernelGradient, inputs * units), Span(biasGradient, units), rows, inputs, units, path);
        T[] kernelGradientNaive = new T[inputs * units], biasGradientNaive = new T[units];
        MatrixProductsNaive.BackwardParameters<T>(x, delta, kernelGradientNaive, biasGradientNaive, rows, inputs, units);
        double[] xColumns = Norms(x, rows, inputs, alongRows: false), deltaColumns = Norms(delta, rows, units, alongRows: false);
        AssertClose($"BackwardParameters kernelGradient ({where})", kernelGradient, kernelGradientNaive, inputs, units, depth: rows, unitRoundoff,
            (p, n) => xColumns[p] * deltaColumns[n]);
        // A column sum is a dot product with ones: |ones| = sqrt(rows).
        AssertClose($"BackwardParameters biasGradient ({where})", biasGradient, biasGradientNaive, 1, units, depth: rows, unitRoundoff,
            (_, n) => Math.Sqrt(rows) * deltaColumns[n]);

        // inputGradient (rows, inputs) = delta · kernelᵀ
        T[] inputGradient = Output<T>(rows * inputs);
        MatrixProducts.BackwardInput<T>(Input(delta), Input(kernel), Span(inputGradient, rows * inputs), rows, inputs, units, path);
        T[] inputGradientNaive = new T[rows * inputs];
        MatrixProductsNaive.BackwardInput<T>(delta, kernel, inputGradientNaive, rows, inputs, units);
        double[] deltaRows = Norms(delta, rows, units, alongRows: true), kernelRows = Norms(kernel, inputs, units, alongRows: true);
        AssertClose($"BackwardInput inputGradient ({where})", inputGradient, inputGradientNaive, rows, inputs, depth: units, unitRoundoff,
            (r, p) => deltaRows[r] * kernelRows[p]);
    }

    /// <summary>|actual - expected| ≤ Results·λ·sqrt(depth)·u·scale(i, j) element by element, and the guard untouched.</summary>
    private static void AssertClose<T>(string what, T[] actual, T[] expected, int rows, int columns, int depth, double unitRoundoff, Func<int, int, double> scale)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double factor = Results * Lambda * Math.Sqrt(Math.Max(depth, 1)) * unitRoundoff;
        int bad = 0, first = -1;
        for (int i = 0; i < rows * columns; i++)
        {
            double a = double.CreateTruncating(actual[i]), e = double.CreateTruncating(expected[i]);
            // NaN (an element never written) fails this comparison too.
            if (!(Math.Abs(a - e) <= factor * scale(i / columns, i % columns)))
            {
                if (bad++ == 0) first = i;
            }
        }
        if (bad > 0)
        {
            double a = double.CreateTruncating(actual[first]), e = double.CreateTruncating(expected[first]);
            Assert.Fail($"{what}: {bad} of {expected.Length} elements off; first [{first / columns}, {first % columns}] = {a:R}, naive {e:R}, " +
                $"|diff| {Math.Abs(a - e):G3} > tolerance {factor * scale(first / columns, first % columns):G3}.");
        }
        for (int i = expected.Length; i < actual.Length; i++)
        {
            Assert.True(actual[i] == T.CreateTruncating(GuardValue), $"{what}: wrote past the end of the output, at element {i}.");
        }
    }

    /// <summary>2-norms of the rows (or columns) of a row-major (rows, columns) matrix.</summary>
    private static double[] Norms<T>(T[] matrix, int rows, int columns, bool alongRows)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var norms = new double[alongRows ? rows : columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                double v = double.CreateTruncating(matrix[r * columns + c]);
                norms[alongRows ? r : c] += v * v;
            }
        }
        for (int i = 0; i < norms.Length; i++) norms[i] = Math.Sqrt(norms[i]);
        return norms;
    }

    private const double GuardValue = -12345.0;

    /// <summary>
    /// <paramref name="count"/> floats uniform in [<paramref name="low"/>, <paramref name="high"/>); with
    /// <paramref name="zeros"/>, each is first a zero with that probability (one more draw per value).
    /// </summary>
    private static float[] Floats(Random random, int count, double low, double high, double? zeros = null)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = zeros is { } p && random.NextDouble() < p ? 0f : (float)(random.NextDouble() * (high - low) + low);
        }
        return values;
    }

    private static T[] RandomValues<T>(Random random, int count)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var values = new T[count];
        for (int i = 0; i < count; i++) values[i] = T.CreateTruncating(random.NextDouble() * 2 - 1);
        return values;
    }

    /// <summary>A copy of <paramref name="values"/> followed by NaN, as a span of exactly the operand.</summary>
    private static ReadOnlySpan<T> Input<T>(T[] values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var padded = new T[values.Length + Guard];
        values.CopyTo(padded, 0);
        padded.AsSpan(values.Length).Fill(T.NaN);
        return padded.AsSpan(0, values.Length);
    }

    /// <summary>An output pre-filled with NaN (so an element left unwritten fails), followed by guard values.</summary>
    private static T[] Output<T>(int count)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var output = new T[count + Guard];
        output.AsSpan(0, count).Fill(T.NaN);
        output.AsSpan(count).Fill(T.CreateTruncating(GuardValue));
        return output;
    }

    private static Span<T> Span<T>(T[] output, int count) => output.AsSpan(0, count);
}
