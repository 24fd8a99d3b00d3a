using System.Runtime.Intrinsics.X86;
using FastDense.Kernels;

namespace FastDense.Tests.Kernels;

/// <summary>
/// The zero-skipping products against the dense kernel and the naive loops. Skipping a zero is exact (the dense
/// kernel's FMA with a zero factor leaves the sum unchanged, and both accumulate each output in k order), so the
/// comparison with the dense 256-bit path is for equality, element by element; the naive comparison guards both.
/// On a machine without AVX-512 the path must decline every call and write nothing, which the same tests check.
/// </summary>
public class ZeroSkippingProductsTests
{
    private const int Guard = 7;

    /// <summary>Whether this machine runs the path (the tests assert it ran exactly when it should).</summary>
    private static readonly bool Runs = ZeroSkippingProducts.Enabled;

    /// <summary>rows x inputs x units: every size of a last, partial group of rows (1, 2, 3), odd and deep inputs
    /// (row tails, several 128-deep blocks: 257, 300, 512, 784), 1 to 4 column tiles (64 to 256 units), and the smallest A that
    /// takes the path (8 rows) next to smaller ones that must not (the forward's A is x, the gradient's xᵀ); rows of 256
    /// inputs or more are regrouped by silhouette before the forward product (13 x 512 and 40 x 300 with a partial
    /// last group and a real reordering).</summary>
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 64 }, { 9, 16, 128 }, { 10, 17, 64 }, { 11, 33, 256 }, { 32, 64, 64 }, { 33, 65, 128 },
        { 16, 784, 256 }, { 5, 257, 128 }, { 128, 100, 256 }, { 6, 31, 192 }, { 8, 8, 128 }, { 13, 512, 64 }, { 40, 300, 128 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_OnSparseInput_EqualsTheDenseKernel(int rows, int inputs, int units)
    {
        var random = new Random(rows * 1000 + inputs);
        float[] x = SparseMatrix(random, rows, inputs, zeroChance: 0.8);
        float[] kernel = Dense(random, inputs * units);
        float[] bias = Dense(random, units);
        float[] y = Guarded(rows * units);

        bool applied = ZeroSkippingProducts.TryForward(ref x[0], ref kernel[0], ref bias[0], ref y[Guard], rows, inputs, units);

        Assert.Equal(Runs && rows >= ZeroSkippingProducts.MinRows, applied);
        if (!applied)
        {
            Assert.All(y, v => Assert.Equal(GuardValue, v));
            return;
        }
        var dense = new float[rows * units];
        MatrixProducts.Forward<float>(x, kernel, bias, dense, rows, inputs, units, KernelPath.Vector256);
        var naive = new float[rows * units];
        MatrixProductsNaive.Forward<float>(x, kernel, bias, naive, rows, inputs, units);
        AssertEqualsDenseAndNaive(dense, naive, y);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ForwardRelu_OnSparseInput_EqualsForwardThenRelu(int rows, int inputs, int units)
    {
        // relu in the tiles' registers must give the bits of the product followed by a relu pass, on every block layout.
        var random = new Random(rows * 1000 + inputs + 7);
        float[] x = SparseMatrix(random, rows, inputs, zeroChance: 0.8);
        float[] kernel = Dense(random, inputs * units);
        float[] bias = Dense(random, units);   // about half negative: relu changes outputs
        float[] fused = Guarded(rows * units);
        bool applied = ZeroSkippingProducts.TryForward(ref x[0], ref kernel[0], ref bias[0], ref fused[Guard], rows, inputs, units, relu: true);
        Assert.Equal(Runs && rows >= ZeroSkippingProducts.MinRows, applied);
        if (!applied)
        {
            Assert.All(fused, v => Assert.Equal(GuardValue, v));
            return;
        }

        var expected = new float[rows * units];
        Assert.True(ZeroSkippingProducts.TryForward(ref x[0], ref kernel[0], ref bias[0], ref expected[0], rows, inputs, units));
        ReluOperator.Forward<float>(expected, expected);
        Assert.Contains(expected, v => v == 0);
        Assert.Contains(expected, v => v > 0);
        Assert.Equal(expected, fused.AsSpan(Guard, rows * units).ToArray());
        AssertGuardsIntact(fused);
    }

    [Fact]
    public void ForwardRelu_LastBlockWithNoEntries_StillAppliesRelu()
    {
        // 300 inputs are three blocks of k; nonzeros only in the first (k < 40) leave the later blocks' lists empty for every
        // group, which skip their tiles, except that the last block must still apply relu to the sums in C.
        const int rows = 16, inputs = 300, units = 256;   // 256 units: blocks of 128 k (BlockDepthFor)
        var random = new Random(3);
        float[] x = new float[rows * inputs];
        for (int r = 0; r < rows; r++) for (int k = 0; k < 40; k++) x[r * inputs + k] = random.NextDouble() < 0.5 ? 0 : (float)random.NextDouble();
        float[] kernel = Dense(random, inputs * units);
        float[] bias = Dense(random, units);
        var fused = new float[rows * units];
        if (!ZeroSkippingProducts.TryForward(ref x[0], ref kernel[0], ref bias[0], ref fused[0], rows, inputs, units, relu: true))
        {
            Assert.False(Runs, "sparse enough: the path should run");
            return;
        }
        var expected = new float[rows * units];
        MatrixProductsNaive.Forward<float>(x, kernel, bias, expected, rows, inputs, units);
        Assert.Contains(expected, v => v < 0);
        Assert.All(fused, v => Assert.True(v >= 0, $"{v} escaped relu"));
        for (int i = 0; i < expected.Length; i++) Assert.Equal(Math.Max(expected[i], 0), fused[i], 1e-4f);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void KernelGradient_OnSparseInput_EqualsTheDenseKernel(int rows, int inputs, int units)
    {
        var random = new Random(rows * 1000 + inputs + 1);
        float[] x = SparseMatrix(random, rows, inputs, zeroChance: 0.8);
        float[] delta = Dense(random, rows * units);
        float[] gradient = Guarded(inputs * units);

        bool applied = ZeroSkippingProducts.TryKernelGradient(ref x[0], ref delta[0], ref gradient[Guard], rows, inputs, units);

        Assert.Equal(Runs && inputs >= ZeroSkippingProducts.MinRows && units >= ZeroSkippingProducts.MinKernelGradientUnits, applied);
        if (!applied)
        {
            Assert.All(gradient, v => Assert.Equal(GuardValue, v));
            return;
        }
        var dense = new float[inputs * units];
        var denseBias = new float[units];
        MatrixProducts.BackwardParameters<float>(x, delta, dense, denseBias, rows, inputs, units, KernelPath.Vector256);
        var naive = new float[inputs * units];
        MatrixProductsNaive.BackwardParameters<float>(x, delta, naive, new float[units], rows, inputs, units);
        AssertEqualsDenseAndNaive(dense, naive, gradient);
    }

    /// <summary>The row-group kernel gradient takes gradients of at most 32 Ki floats: partial last groups (1 to 3
    /// rows), row tails, 1 to 3 column tiles, a list cut into two blocks (192 units: blocks of 160 k), the largest
    /// gradient it takes (512 x 64) and, from <see cref="Shapes"/>, larger ones it must decline (784 x 256).</summary>
    public static TheoryData<int, int, int> RowGroupShapes
    {
        get
        {
            var shapes = new TheoryData<int, int, int> { { 9, 165, 192 }, { 31, 64, 64 }, { 30, 170, 192 }, { 8, 512, 64 }, { 12, 513, 64 } };
            foreach (object[] shape in Shapes) shapes.Add((int)shape[0], (int)shape[1], (int)shape[2]);
            return shapes;
        }
    }

    [Theory]
    [MemberData(nameof(RowGroupShapes))]
    public void KernelGradientByRowGroups_OnSparseInput_EqualsTheDenseKernel(int rows, int inputs, int units)
    {
        var random = new Random(rows * 1000 + inputs + 2);
        float[] x = SparseMatrix(random, rows, inputs, zeroChance: 0.8);
        float[] delta = Dense(random, rows * units);
        float[] gradient = Guarded(inputs * units);
        gradient.AsSpan(Guard, inputs * units).Fill(3f);   // stale contents: the product assigns, it does not add

        bool applied = ZeroSkippingProducts.TryKernelGradientByRowGroups(ref x[0], ref delta[0], ref gradient[Guard], rows, inputs, units);

        Assert.Equal(Runs && rows >= ZeroSkippingProducts.MinRows && inputs * units <= ZeroSkippingProducts.MaxRowGroupGradientFloats, applied);
        if (!applied)
        {
            Assert.All(gradient.AsSpan(Guard, inputs * units).ToArray(), v => Assert.Equal(3f, v));
            return;
        }
        var dense = new float[inputs * units];
        MatrixProducts.BackwardParameters<float>(x, delta, dense, new float[units], rows, inputs, units, KernelPath.Vector256);
        var naive = new float[inputs * units];
        MatrixProductsNaive.BackwardParameters<float>(x, delta, naive, new float[units], rows, inputs, units);
        AssertEqualsDenseAndNaive(dense, naive, gradient);
    }

    /// <summary>rows x inputs x units for the input gradient (delta is rows x units): whole tiles of inputs (64 to 256),
    /// partial last row groups, deltas of 64 to 300 columns (row tails, several list blocks), and shapes it must decline:
    /// too few rows, inputs not a multiple of 64, a delta narrower than a tile (a classifier's output layer).</summary>
    public static TheoryData<int, int, int> InputGradientShapes => new()
    {
        { 8, 64, 64 }, { 9, 128, 65 }, { 31, 256, 128 }, { 13, 64, 300 }, { 128, 192, 100 }, { 10, 512, 257 },
        { 7, 64, 64 }, { 16, 100, 64 }, { 16, 128, 10 },
    };

    [Theory]
    [MemberData(nameof(InputGradientShapes))]
    public void InputGradient_OnSparseDelta_EqualsTheDenseKernel(int rows, int inputs, int units)
    {
        var random = new Random(rows * 1000 + units + 3);
        float[] delta = SparseMatrix(random, rows, units, zeroChance: 0.8);
        float[] kernel = Dense(random, inputs * units);
        float[] gradient = Guarded(rows * inputs);
        gradient.AsSpan(Guard, rows * inputs).Fill(3f);   // stale contents: the product assigns

        bool applied = ZeroSkippingProducts.TryInputGradient(ref delta[0], ref kernel[0], ref gradient[Guard], rows, inputs, units);

        Assert.Equal(Runs && rows >= ZeroSkippingProducts.MinRows && inputs % 64 == 0 && units >= 64, applied);
        if (!applied)
        {
            Assert.All(gradient.AsSpan(Guard, rows * inputs).ToArray(), v => Assert.Equal(3f, v));
            return;
        }
        var dense = new float[rows * inputs];
        MatrixProducts.BackwardInput<float>(delta, kernel, dense, rows, inputs, units, KernelPath.Vector256);
        var naive = new float[rows * inputs];
        MatrixProductsNaive.BackwardInput<float>(delta, kernel, naive, rows, inputs, units);
        AssertEqualsDenseAndNaive(dense, naive, gradient);
    }

    [Fact]
    public void InputGradient_OnDenseDelta_Declines()
    {
        const int rows = 16, inputs = 128, units = 64;
        var random = new Random(11);
        float[] gradient = Guarded(rows * inputs);
        Assert.False(ZeroSkippingProducts.TryInputGradient(ref Dense(random, rows * units)[0], ref Dense(random, inputs * units)[0], ref gradient[Guard], rows, inputs, units));
        Assert.All(gradient, v => Assert.Equal(GuardValue, v));
    }

    [Fact]
    public void AllZeroInput_GivesTheBiasAndAZeroGradient()
    {
        const int rows = 9, inputs = 40, units = 128;
        var random = new Random(5);
        var x = new float[rows * inputs];
        float[] kernel = Dense(random, inputs * units);
        float[] bias = Dense(random, units);
        float[] y = Guarded(rows * units);
        float[] gradient = Guarded(inputs * units);

        Assert.Equal(Runs, ZeroSkippingProducts.TryForward(ref x[0], ref kernel[0], ref bias[0], ref y[Guard], rows, inputs, units));
        Assert.Equal(Runs, ZeroSkippingProducts.TryKernelGradient(ref x[0], ref Dense(random, rows * units)[0], ref gradient[Guard], rows, inputs, units));
        float[] byRowGroups = Guarded(inputs * units);
        byRowGroups.AsSpan(Guard, inputs * units).Fill(3f);
        Assert.Equal(Runs, ZeroSkippingProducts.TryKernelGradientByRowGroups(ref x[0], ref Dense(random, rows * units)[0], ref byRowGroups[Guard], rows, inputs, units));
        if (!Runs)
        {
            Assert.All(y, v => Assert.Equal(GuardValue, v));
            Assert.All(gradient, v => Assert.Equal(GuardValue, v));
            Assert.All(byRowGroups.AsSpan(Guard, inputs * units).ToArray(), v => Assert.Equal(3f, v));
            return;
        }
        for (int i = 0; i < inputs * units; i++) Assert.Equal(0f, byRowGroups[Guard + i]);
        AssertGuardsIntact(byRowGroups);
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < units; j++) Assert.Equal(bias[j], y[Guard + r * units + j]);
        }
        for (int i = 0; i < inputs * units; i++) Assert.Equal(0f, gradient[Guard + i]);
        AssertGuardsIntact(y);
        AssertGuardsIntact(gradient);
    }

    [Fact]
    public void NaNInput_IsNotSkipped()
    {
        const int rows = 8, inputs = 32, units = 128;
        var x = new float[rows * inputs];
        x[2 * inputs + 5] = float.NaN;
        var kernel = new float[inputs * units];
        kernel.AsSpan().Fill(1f);
        var bias = new float[units];
        var y = new float[rows * units];

        Assert.Equal(Runs, ZeroSkippingProducts.TryForward(ref x[0], ref kernel[0], ref bias[0], ref y[0], rows, inputs, units));
        if (!Runs) return;
        Assert.True(float.IsNaN(y[2 * units + 3]));
        Assert.Equal(0f, y[1 * units + 3]);
    }

    [Theory]
    [InlineData(0.0, 128)]   // dense input: every pair has work, the dense kernel is faster
    [InlineData(0.6, 48)]    // units not a multiple of 64 columns
    [InlineData(0.6, 10)]    // a classifier's output layer
    [InlineData(0.1, 256)]   // 10 % zeros: groups of 4 are ~100 % nonzero
    public void Declines_AndWritesNothing_WhereTheDenseKernelIsBetter(double zeroChance, int units)
    {
        const int rows = 8, inputs = 48;
        var random = new Random(9);
        float[] x = SparseMatrix(random, rows, inputs, zeroChance);
        float[] kernel = Dense(random, inputs * units);
        float[] bias = Dense(random, units);
        float[] y = Guarded(rows * units);
        float[] gradient = Guarded(inputs * units);

        Assert.False(ZeroSkippingProducts.TryForward(ref x[0], ref kernel[0], ref bias[0], ref y[Guard], rows, inputs, units));
        Assert.False(ZeroSkippingProducts.TryKernelGradient(ref x[0], ref Dense(random, rows * units)[0], ref gradient[Guard], rows, inputs, units));
        Assert.False(ZeroSkippingProducts.TryKernelGradientByRowGroups(ref x[0], ref Dense(random, rows * units)[0], ref gradient[Guard], rows, inputs, units));
        Assert.All(y, v => Assert.Equal(GuardValue, v));
        Assert.All(gradient, v => Assert.Equal(GuardValue, v));
    }

    [SkippableFact]
    public void Density_CountsGroupEntriesWithANonzeroInAnyRow()
    {
        // The count is the lists' length, and the lists are built with AVX-512's compress: nothing else calls them.
        Skip.IfNot(Avx512F.IsSupported, "the lists are built with AVX-512's compress");
        // Four rows of 20: row r nonzero in columns [4r, 4r + 4), so the group has work in 16 of 20 columns
        // (80 %, at most 90 %: sparse enough); a fifth nonzero column in row 0 and a sixth in row 3 make 18 of 20
        // (90 %, still enough), and a seventh 19 of 20 (95 %: not).
        const int depth = 20;
        var a = new float[4 * depth];
        for (int r = 0; r < 4; r++) for (int k = 4 * r; k < 4 * r + 4; k++) a[r * depth + k] = 1;
        Assert.True(ZeroSkippingProducts.SparseEnough(ref a[0], depth, 4, depth));
        a[16] = 2;
        a[3 * depth + 17] = 2;
        Assert.True(ZeroSkippingProducts.SparseEnough(ref a[0], depth, 4, depth));
        a[2 * depth + 18] = 2;
        Assert.False(ZeroSkippingProducts.SparseEnough(ref a[0], depth, 4, depth));
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(3, 17)]
    [InlineData(5, 64)]
    [InlineData(2, 785)]
    public void InputGroupCount_MatchesACountByHand(int rows, int inputs)
    {
        // The kernel gradient's decision counts, per row of x, the groups of four neighbouring inputs with a nonzero.
        float[] x = SparseMatrix(new Random(inputs), rows, inputs, zeroChance: 0.85);
        int expected = 0;
        for (int r = 0; r < rows; r++)
        {
            for (int g = 0; g < inputs; g += 4)
            {
                bool any = false;
                for (int k = g; k < Math.Min(g + 4, inputs); k++) any |= x[r * inputs + k] != 0;
                expected += any ? 1 : 0;
            }
        }
        Assert.Equal(expected, ZeroSkippingProducts.CountInputGroupEntries(ref x[0], rows, inputs));
    }

    [Fact]
    public void KernelGradient_DecidesOnEveryFourthRow_OfALargeBatch()
    {
        // 64 rows: every fourth (0, 4, 8, ...) fully nonzero, the rest zero. Over all rows a quarter of the entries have
        // work (sparse), but the sample the decision reads is all nonzero, so the transposed path declines; the row
        // count step is the only thing that can make it decline here.
        const int rows = 64, inputs = 64, units = 128;
        var x = new float[rows * inputs];
        for (int r = 0; r < rows; r += ZeroSkippingProducts.CountSampleStep) x.AsSpan(r * inputs, inputs).Fill(1f);
        Assert.True(rows >= ZeroSkippingProducts.CountSampleMinRows);
        Assert.Equal(rows / 4 * inputs / 4, ZeroSkippingProducts.CountInputGroupEntries(ref x[0], rows, inputs));
        Assert.Equal(rows / 4 * inputs / 4, ZeroSkippingProducts.CountInputGroupEntries(ref x[0], rows / 4, inputs, rowStride: 4 * inputs));
        float[] gradient = Guarded(inputs * units);
        Assert.False(ZeroSkippingProducts.TryKernelGradient(ref x[0], ref Dense(new Random(2), rows * units)[0], ref gradient[Guard], rows, inputs, units));
        Assert.All(gradient, v => Assert.Equal(GuardValue, v));
    }

    [Fact]
    public void SilhouetteOrder_IsAPermutation_SortedByStretchesThenNonzeros()
    {
        const int m = 37, depth = 300;
        float[] a = SparseMatrix(new Random(4), m, depth, zeroChance: 0.5);
        // Give some rows long zero stretches, so that the stretch counts differ.
        for (int r = 0; r < m; r += 3) Array.Clear(a, r * depth, 16 * (r % 12));
        var order = new int[m];
        ZeroSkippingProducts.OrderBySilhouette(ref a[0], m, depth, order, new long[m]);

        Assert.Equal(Enumerable.Range(0, m), order.OrderBy(i => i));
        (int Stretches, int Nonzeros, int Index) Key(int r)
        {
            int stretches = 0, nonzeros = 0;
            for (int k0 = 0; k0 < depth; k0 += 16)
            {
                int here = 0;
                for (int k = k0; k < Math.Min(k0 + 16, depth); k++) here += a[r * depth + k] != 0 ? 1 : 0;
                stretches += here > 0 ? 1 : 0;
                nonzeros += here;
            }
            return (stretches, nonzeros, r);
        }
        Assert.Equal(Enumerable.Range(0, m).Select(Key).Order().Select(k => k.Index), order);
    }

    [Fact]
    public void Enabled_ExactlyWithAvx512_UnlessSwitchedOff()
    {
        // If detection broke, every other test here would pass through the "declined" branch unnoticed.
        string? setting = Environment.GetEnvironmentVariable(ZeroSkippingProducts.DisableVariable)?.Trim();
        bool switchedOff = setting is "0" || string.Equals(setting, "off", StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Avx512F.IsSupported && !switchedOff, ZeroSkippingProducts.Enabled);
    }

    /// <summary>The guarded result equals the dense kernel's element for element and the naive loop's within rounding.</summary>
    private static void AssertEqualsDenseAndNaive(float[] dense, float[] naive, float[] guarded)
    {
        AssertGuardsIntact(guarded);
        for (int i = 0; i < dense.Length; i++)
        {
            Assert.Equal(dense[i], guarded[Guard + i]);
            Assert.Equal(naive[i], guarded[Guard + i], Math.Max(1e-4, Math.Abs(naive[i]) * 1e-4));
        }
    }

    private const float GuardValue = -12345f;

    private static float[] Guarded(int length)
    {
        var array = new float[length + 2 * Guard];
        array.AsSpan().Fill(GuardValue);
        return array;
    }

    private static void AssertGuardsIntact(float[] array)
    {
        for (int i = 0; i < Guard; i++)
        {
            Assert.Equal(GuardValue, array[i]);
            Assert.Equal(GuardValue, array[^(i + 1)]);
        }
    }

    /// <summary>Values in [-1, 1), each zero with the given chance, plus (from a chance of 0.5) whole zero columns, like an image's border.</summary>
    private static float[] SparseMatrix(Random random, int rows, int columns, double zeroChance)
    {
        var a = new float[rows * columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                bool border = zeroChance >= 0.5 && c % 11 == 0;
                a[r * columns + c] = border || random.NextDouble() < zeroChance ? 0f : (float)(random.NextDouble() * 2 - 1);
            }
        }
        return a;
    }

    private static float[] Dense(Random random, int length)
    {
        var a = new float[length];
        for (int i = 0; i < length; i++) a[i] = (float)(random.NextDouble() * 2 - 1);
        return a;
    }
}
