using FastDense.Kernels;

#pragma warning disable CS0618 // the typed operators live in __Internals, [Obsolete] for users only.
namespace FastDense.Tests.Operators;

/// <summary>
/// sparsemax and glu, the two activations that mix a row's values beside softmax and log_softmax, against references
/// written here in double from the formulas: sparsemax as Martins &amp; Astudillo's algorithm 1 (the projection onto the
/// simplex, keras/src/activations/activations.py's <c>sparsemax</c>, whose threshold keras/src/backend/tensorflow/nn.py
/// computes from the sorted row), glu as keras/src/backend/tensorflow/nn.py's <c>x1 * sigmoid(x2)</c> with
/// <c>x1, x2 = tf.split(x, 2, axis=-1)</c>. Their Jacobian-vector products are checked against the written-out formula
/// and against central differences.
/// </summary>
public class SparsemaxAndGluTests
{
    private static double[] RandomRows(int length, int seed, double scale)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (random.NextDouble() * 2 - 1) * scale).ToArray();
    }

    /// <summary>
    /// The projection of one row onto the simplex: sort in descending order, k the largest r with
    /// <c>1 + r·z_(r) &gt; Σ_{j≤r} z_(j)</c>, <c>τ = (Σ_{j≤k} z_(j) − 1) / k</c>, <c>max(z − τ, 0)</c>.
    /// </summary>
    private static (double[] Output, double Tau, int K) Projection(ReadOnlySpan<double> row)
    {
        double[] sorted = row.ToArray().OrderByDescending(v => v).ToArray();
        double cumulative = 0, supportSum = 0;
        int k = 0;
        for (int r = 1; r <= sorted.Length; r++)
        {
            cumulative += sorted[r - 1];
            if (1 + r * sorted[r - 1] > cumulative)
            {
                k = r;
                supportSum = cumulative;
            }
        }
        double tau = (supportSum - 1) / k;
        return (row.ToArray().Select(v => Math.Max(v - tau, 0)).ToArray(), tau, k);
    }

    /// <summary>The reference applied row by row (also the sparsemax output of LossOperators.Activate).</summary>
    internal static double[] SparsemaxReference(double[] z, int columns)
    {
        var output = new double[z.Length];
        for (int start = 0; start < z.Length; start += columns) Projection(z.AsSpan(start, columns)).Output.CopyTo(output, start);
        return output;
    }

    public static TheoryData<int, int, double> SparsemaxShapes => new()
    {
        { 1, 2, 1 }, { 3, 3, 0.3 }, { 5, 4, 1 }, { 7, 10, 0.5 }, { 4, 16, 2 }, { 9, 17, 0.2 }, { 2, 64, 0.1 }, { 3, 257, 0.05 }, { 6, 33, 50 },
    };

    [Theory, MemberData(nameof(SparsemaxShapes))]
    public void Sparsemax_IsTheProjectionOntoTheSimplex(int rows, int columns, double scale)
    {
        double[] z = RandomRows(rows * columns, rows * 1000 + columns, scale), a = new double[z.Length];
        SparsemaxOperator.ForwardRows<double>(z, a, columns);
        double[] expected = SparsemaxReference(z, columns);
        for (int i = 0; i < z.Length; i++) Assert.Equal(expected[i], a[i], 1e-12);
        for (int r = 0; r < rows; r++)
        {
            Assert.Equal(1, a.Skip(r * columns).Take(columns).Sum(), 1e-12);
            Assert.All(a.Skip(r * columns).Take(columns), v => Assert.True(v >= 0));
        }

        // In place, as generated code calls it (a0 = sparsemax(a0)); float within its precision.
        double[] inPlace = (double[])z.Clone();
        SparsemaxOperator.ForwardRows<double>(inPlace, inPlace, columns);
        Assert.Equal(a, inPlace);
        float[] single = z.Select(v => (float)v).ToArray();
        SparsemaxOperator.ForwardRows<float>(single, single, columns);
        double[] fromFloat = SparsemaxReference(z.Select(v => (double)(float)v).ToArray(), columns);
        for (int i = 0; i < z.Length; i++) Assert.Equal(fromFloat[i], single[i], 2e-6 * Math.Max(1, scale));
    }

    [Theory]
    // keras/src/ops/nn.py's docstring: sparsemax([-1, 0, 1]) = [0, 0, 1].
    [InlineData(new[] { -1.0, 0, 1 }, new[] { 0.0, 0, 1 })]
    // Two in the support: sorted [1, 0.5, 0], 1 + 2·0.5 > 1.5, 1 + 3·0 < 1.5; τ = (1.5 − 1) / 2 = 0.25.
    [InlineData(new[] { 0.0, 0.5, 1 }, new[] { 0.0, 0.25, 0.75 })]
    // A support of one element, far from the rest.
    [InlineData(new[] { -10.0, 5, -3, 2.5 }, new[] { 0.0, 1, 0, 0 })]
    // All equal: τ = (n·c − 1) / n, each 1/n.
    [InlineData(new[] { 3.0, 3, 3, 3 }, new[] { 0.25, 0.25, 0.25, 0.25 })]
    // Ties inside the support: sorted [2, 2, 0], τ = (4 − 1) / 2.
    [InlineData(new[] { 2.0, 0, 2 }, new[] { 0.5, 0, 0.5 })]
    // A value exactly at τ: sorted [1, 0, 0], 1 + 2·0 = 1 is not > 1, so k = 1, τ = 0, and the ties at 0 give 0.
    [InlineData(new[] { 0.0, 1, 0 }, new[] { 0.0, 1, 0 })]
    // Keras's activations_test.py: linspace(1, 12) rows of 2 are one-hot on the last.
    [InlineData(new[] { 11.0, 12 }, new[] { 0.0, 1 })]
    // Large values: shifted by the maximum, the sums do not cancel. Sorted [1e9 + 0.5, 1e9], τ = 1e9 + 0.5 − 0.75.
    [InlineData(new[] { 1e9, 1e9 + 0.5, -1e9 }, new[] { 0.25, 0.75, 0 })]
    public void Sparsemax_EdgeCases(double[] z, double[] expected)
    {
        var a = new double[z.Length];
        SparsemaxOperator.ForwardRows<double>(z, a, z.Length);
        for (int i = 0; i < z.Length; i++) Assert.Equal(expected[i], a[i], 1e-12);
        float[] single = z.Select(v => (float)v).ToArray();
        SparsemaxOperator.ForwardRows<float>(single, single, z.Length);
        if (z.Max() < 1e6) for (int i = 0; i < z.Length; i++) Assert.Equal(expected[i], single[i], 1e-6);
    }

    [Fact]
    public void Sparsemax_OfLargeFloatRows_IsFinite_AndOfANaNRow_IsNaN()
    {
        // 1e30 in float: without the shift by the maximum, the sums would overflow or cancel.
        float[] z = [1e30f, 1e30f, -1e30f, 3e29f];
        SparsemaxOperator.ForwardRows<float>(z, z, 4);
        Assert.Equal([0.5f, 0.5f, 0f, 0f], z);
        float[] nan = [1f, float.NaN, 0f, 2f, 1f, 0f];
        SparsemaxOperator.ForwardRows<float>(nan, nan, 3);
        Assert.All(nan.Take(3), v => Assert.True(float.IsNaN(v)));
        Assert.Equal([1f, 0f, 0f], nan.Skip(3));
    }

    /// <summary>The Jacobian-vector product s ⊙ (g − mean of g over the support), written out from the reference's support.</summary>
    [Theory, MemberData(nameof(SparsemaxShapes))]
    public void SparsemaxBackward_IsTheJacobianOfTheProjection(int rows, int columns, double scale)
    {
        double[] z = RandomRows(rows * columns, rows * 1000 + columns + 7, scale), a = new double[z.Length];
        SparsemaxOperator.ForwardRows<double>(z, a, columns);
        double[] g = RandomRows(z.Length, rows + 3, 1), dz = (double[])g.Clone();
        SparsemaxOperator.BackwardRows<double>(a, dz, dz, columns);   // in place, as generated code calls it
        for (int r = 0; r < rows; r++)
        {
            (double[] output, double tau, int k) = Projection(z.AsSpan(r * columns, columns));
            bool[] support = z.Skip(r * columns).Take(columns).Select(v => v > tau).ToArray();
            Assert.Equal(k, support.Count(s => s));
            double mean = g.Skip(r * columns).Take(columns).Where((_, c) => support[c]).Average();
            for (int c = 0; c < columns; c++) Assert.Equal(support[c] ? g[r * columns + c] - mean : 0, dz[r * columns + c], 1e-12);
            Assert.Equal(0, dz.Skip(r * columns).Take(columns).Sum(), 1e-12);   // the simplex's tangent: Σ dz = 0
        }

        // Against central differences of Σ g·sparsemax(z), where no z is within the step of its row's τ.
        const double step = 1e-7;
        for (int k = 0; k < Math.Min(z.Length, 60); k++)
        {
            int r = k / columns;
            double tau = Projection(z.AsSpan(r * columns, columns)).Tau;
            if (z.Skip(r * columns).Take(columns).Any(v => Math.Abs(v - tau) < 1e-4)) continue;
            double Objective(double shift)
            {
                double[] shifted = (double[])z.Clone(), output = new double[z.Length];
                shifted[k] += shift;
                SparsemaxOperator.ForwardRows<double>(shifted, output, columns);
                return output.Zip(g, (o, w) => o * w).Sum();
            }
            Assert.Equal((Objective(step) - Objective(-step)) / (2 * step), dz[k], 1e-6);
        }
    }

    [Fact]
    public void Sparsemax_AllocatesNothing_AfterItsFirstRow()
    {
        double[] z = RandomRows(16 * 300, 5, 0.1), a = new double[z.Length];
        SparsemaxOperator.ForwardRows<double>(z, a, 300);
        long before = GC.GetAllocatedBytesForCurrentThread();
        SparsemaxOperator.ForwardRows<double>(z, a, 300);
        SparsemaxOperator.BackwardRows<double>(a, z, z, 300);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    public static TheoryData<int, int> GluShapes => new() { { 1, 2 }, { 3, 4 }, { 5, 10 }, { 7, 16 }, { 4, 34 }, { 2, 66 }, { 3, 130 } };

    [Theory, MemberData(nameof(GluShapes))]
    public void Glu_IsTheFirstHalfGatedByTheSigmoidOfTheSecond(int rows, int columns)
    {
        int half = columns / 2;
        double[] z = RandomRows(rows * columns, rows * 100 + columns, 6), a = new double[rows * half];
        z[0] = 40;          // a large first half passes, scaled by σ(b)
        z[^1] = -800;       // the last b: e^800 overflows, σ(b) = 0
        GluOperator.ForwardRows<double>(z, a, columns);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < half; c++)
            {
                double x1 = z[r * columns + c], x2 = z[r * columns + half + c];
                Assert.Equal(x1 * Sigmoid(x2), a[r * half + c], 1e-14 * Math.Max(1, Math.Abs(x1)));
            }
        }
        float[] single = z.Select(v => (float)v).ToArray(), singleOut = new float[a.Length];
        GluOperator.ForwardRows<float>(single, singleOut, columns);
        for (int i = 0; i < a.Length; i++) Assert.Equal(a[i], singleOut[i], 1e-5 * Math.Max(1, Math.Abs(a[i])));
    }

    [Fact]
    public void Glu_KerasDocstringExample()
    {
        // keras/src/ops/nn.py: glu([-1, 0, 1, 1]) = [-0.73105858, 0].
        double[] a = new double[2];
        GluOperator.ForwardRows<double>([-1, 0, 1, 1], a, 4);
        Assert.Equal(-0.7310585786300049, a[0], 1e-15);
        Assert.Equal(0, a[1]);
    }

    [Theory, MemberData(nameof(GluShapes))]
    public void GluBackward_FromItsInput_IsTheFormula_AndMatchesCentralDifferences(int rows, int columns)
    {
        int half = columns / 2;
        double[] z = RandomRows(rows * columns, rows * 100 + columns + 1, 3), g = RandomRows(rows * half, rows + 11, 1);
        double[] dz = (double[])z.Clone();
        GluOperator.BackwardFromInput<double>(dz, g, dz, columns);   // over z, as generated code calls it
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < half; c++)
            {
                double x1 = z[r * columns + c], s = Sigmoid(z[r * columns + half + c]), gc = g[r * half + c];
                Assert.Equal(gc * s, dz[r * columns + c], 1e-13);
                Assert.Equal(gc * x1 * s * (1 - s), dz[r * columns + half + c], 1e-13);
            }
        }
        const double step = 1e-6;
        for (int k = 0; k < Math.Min(z.Length, 60); k++)
        {
            double Objective(double shift)
            {
                double[] shifted = (double[])z.Clone(), output = new double[rows * half];
                shifted[k] += shift;
                GluOperator.ForwardRows<double>(shifted, output, columns);
                return output.Zip(g, (o, w) => o * w).Sum();
            }
            Assert.Equal((Objective(step) - Objective(-step)) / (2 * step), dz[k], 1e-8);
        }
        float[] single = z.Select(v => (float)v).ToArray(), singleDz = new float[z.Length];
        GluOperator.BackwardFromInput<float>(single, g.Select(v => (float)v).ToArray(), singleDz, columns);
        for (int i = 0; i < z.Length; i++) Assert.Equal(dz[i], singleDz[i], 1e-5);
    }

    [Fact]
    public void Dense_WithGlu_KeepsZ_OutputsHalf_AndWidensTheGradient()
    {
        const int rows = 5, inputs = 3, units = 6;
        float[] x = RandomRows(rows * inputs, 1, 1).Select(v => (float)v).ToArray();
        float[] kernel = RandomRows(inputs * units, 2, 1).Select(v => (float)v).ToArray(), bias = RandomRows(units, 3, 1).Select(v => (float)v).ToArray();
        var expectedZ = new float[rows * units];
        MatrixProducts.Forward<float>(x, kernel, bias, expectedZ, rows, inputs, units);
        float[] z = new float[rows * units], a = new float[rows * units / 2], expectedA = new float[a.Length];
        __Internals.Dense.ForwardKeepingLogits(x, kernel, bias, z, a, rows, inputs, units, default(__Internals.GluActivation));
        GluOperator.ForwardRows<float>(expectedZ, expectedA, units);
        Assert.Equal(expectedZ, z);
        Assert.Equal(expectedA, a);

        float[] g = RandomRows(a.Length, 4, 1).Select(v => (float)v).ToArray(), expectedDz = new float[z.Length];
        GluOperator.BackwardFromInput<float>(z, g, expectedDz, units);
        __Internals.Dense.ActivationBackwardFromInput(z, g, z, units, default(__Internals.GluActivation));
        Assert.Equal(expectedDz, z);
        Assert.Throws<NotSupportedException>(() => default(__Internals.GluActivation).BackwardFromInput<float>(z, g, z));
        Assert.Throws<NotSupportedException>(() => default(__Internals.SparsemaxActivation).Backward<float>(a, g, g));
    }

    [Fact]
    public void Dense_WithSparsemax_IsTheProductThenTheProjection_AndItsHiddenBackwardTheJacobian()
    {
        const int rows = 6, inputs = 4, units = 7;
        float[] x = RandomRows(rows * inputs, 5, 1).Select(v => (float)v).ToArray();
        float[] kernel = RandomRows(inputs * units, 6, 1).Select(v => (float)v).ToArray(), bias = RandomRows(units, 7, 1).Select(v => (float)v).ToArray();
        var expected = new float[rows * units];
        MatrixProducts.Forward<float>(x, kernel, bias, expected, rows, inputs, units);
        SparsemaxOperator.ForwardRows<float>(expected, expected, units);
        var a = new float[rows * units];
        __Internals.Dense.Forward(x, kernel, bias, a, rows, inputs, units, default(__Internals.SparsemaxActivation));
        Assert.Equal(expected, a);

        float[] delta = RandomRows(a.Length, 8, 1).Select(v => (float)v).ToArray(), reference = delta.ToArray();
        SparsemaxOperator.BackwardRows<float>(a, reference, reference, units);
        __Internals.Dense.ActivationBackward(a, delta, units, default(__Internals.SparsemaxActivation));
        Assert.Equal(reference, delta);
    }
}
