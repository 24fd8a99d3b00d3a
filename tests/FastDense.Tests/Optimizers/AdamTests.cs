namespace FastDense.Tests.Optimizers;

public class AdamTests
{
    /// <summary>Double arithmetic on both sides; only rounding separates them.</summary>
    private const double Tolerance = 1e-13;

    [Fact]
    public void FirstStep_MatchesClosedForm_WithKerasEpsilonPlacement()
    {
        // At t = 1: m = (1-b1) g, v = (1-b2) g², alpha = lr sqrt(1-b2) / (1-b1), so the step is
        //   lr · g / (|g| + eps / sqrt(1-b2)).
        // PyTorch's placement (eps after bias correction) would give lr · g / (|g| + eps) instead.
        double[] w = [1.0, -2.0, 0.5];
        double[] g = [0.5, -0.1, 1e-6];
        var adam = new Adam();
        adam.Step<double>(w, g);
        double scaledEps = 1e-7 / Math.Sqrt(1 - 0.999);
        Assert.Equal(1.0 - 0.001 * 0.5 / (0.5 + scaledEps), w[0], Tolerance);
        Assert.Equal(-2.0 - 0.001 * -0.1 / (0.1 + scaledEps), w[1], Tolerance);
        Assert.Equal(0.5 - 0.001 * 1e-6 / (1e-6 + scaledEps), w[2], Tolerance);
        Assert.NotEqual(1.0 - 0.001 * 0.5 / (0.5 + 1e-7), w[0], Tolerance);
        Assert.Equal(1, adam.Iterations);
    }

    [Fact]
    public void ManySteps_MatchPaperFormWithEpsilonHat()
    {
        // Kingma & Ba, section 2: with m̂ = m/(1-b1^t), v̂ = v/(1-b2^t), Keras's update equals
        //   w -= lr · m̂ / (sqrt(v̂) + eps / sqrt(1-b2^t))      ("epsilon hat" = eps · sqrt(1-b2^t) in their notation)
        // Computed here in that form, independently of Adam.Apply's folded alpha.
        const double lr = 0.01, b1 = 0.8, b2 = 0.99, eps = 1e-3;
        var adam = new Adam(lr, b1, b2, eps);
        double[] w = [0.3, -0.7];
        double[] expected = [0.3, -0.7];
        double[] m = new double[2], v = new double[2];
        var random = new Random(5);
        for (int t = 1; t <= 25; t++)
        {
            double[] g = [random.NextDouble() - 0.5, 2 * random.NextDouble() - 1];
            adam.Step<double>(w, g);
            for (int i = 0; i < 2; i++)
            {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.Pow(b1, t)), vHat = v[i] / (1 - Math.Pow(b2, t));
                expected[i] -= lr * mHat / (Math.Sqrt(vHat) + eps / Math.Sqrt(1 - Math.Pow(b2, t)));
            }
            Assert.Equal(expected[0], w[0], Tolerance);
            Assert.Equal(expected[1], w[1], Tolerance);
        }
    }

    [Theory]
    [InlineData("Scalar")]
    [InlineData("Vector256")]
    [InlineData("Vector512")]
    public void EveryPath_MatchesScalarDouble(string pathName)
    {
        var path = Enum.Parse<FastDense.Kernels.KernelPath>(pathName);
        const int n = 53; // three 16-lane vectors, six 8-lane ones, and a tail
        var random = new Random(13);
        float[] wf = new float[n], state = new float[2 * n];
        double[] wd = new double[n], stateD = new double[2 * n];
        for (int i = 0; i < n; i++) wd[i] = wf[i] = (float)(random.NextDouble() - 0.5);
        for (int step = 1; step <= 5; step++)
        {
            float[] g = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            new Adam().UpdateOnPath<float>(path, wf, g, state, step);
            new Adam().UpdateOnPath<double>(FastDense.Kernels.KernelPath.Scalar, wd, g.Select(x => (double)x).ToArray(), stateD, step);
        }
        // Float rounding of five updates of ~1e-3 around values of ~0.5: a few ulps of 0.5 (6e-8 each).
        for (int i = 0; i < n; i++) Assert.Equal(wd[i], wf[i], 1e-6);
    }

    [Theory]
    [InlineData("Scalar")]
    [InlineData("Vector256")]
    [InlineData("Vector512")]
    public void SubnormalMoments_AreFlushedToZero_NormalOnesKept(string pathName)
    {
        // A zero gradient decays m by beta1 and v by beta2; where that lands below 2^-126 the moment becomes 0, on every
        // path and in the tail. Elements alternate: subnormal after the step (flushed) and just normal (kept as is).
        var path = Enum.Parse<FastDense.Kernels.KernelPath>(pathName);
        const int n = 37;   // two 16-lane registers and a tail of 5
        const float subnormalM = 1.0e-38f, subnormalV = 1.1e-38f, normal = 1.0e-30f;
        float[] w = new float[n], g = new float[n], state = new float[2 * n];
        for (int i = 0; i < n; i++)
        {
            state[i] = i % 2 == 0 ? subnormalM : normal;          // m · 0.9 = 9e-39: subnormal
            state[n + i] = i % 2 == 0 ? subnormalV : normal;      // v · 0.999 ≈ 1.1e-38: subnormal
        }
        new Adam().UpdateOnPath<float>(path, w, g, state, 3);
        for (int i = 0; i < n; i++)
        {
            if (i % 2 == 0)
            {
                Assert.Equal(0f, state[i]);
                Assert.Equal(0f, state[n + i]);
                Assert.Equal(0f, w[i]);
            }
            else
            {
                Assert.Equal(normal * 0.9f, state[i], normal * 1e-6f);
                Assert.Equal(normal * 0.999f, state[n + i], normal * 1e-6f);
            }
        }
        Assert.True(float.IsSubnormal(subnormalM * 0.9f) && float.IsSubnormal(subnormalV * 0.999f), "the flushed values must be subnormal");
    }

    [Fact]
    public void FloatVectorPath_MatchesDoubleScalarFormula()
    {
        // 37 parameters: several full vectors and a scalar tail.
        const int n = 37;
        var random = new Random(11);
        var wf = new float[n];
        var wd = new double[n];
        for (int i = 0; i < n; i++) wd[i] = wf[i] = (float)(random.NextDouble() - 0.5);
        var adamF = new Adam();
        var adamD = new Adam();
        for (int step = 0; step < 10; step++)
        {
            var gf = new float[n];
            var gd = new double[n];
            for (int i = 0; i < n; i++) gd[i] = gf[i] = (float)(random.NextDouble() - 0.5);
            adamF.Step<float>(wf, gf);
            adamD.Step<double>(wd, gd);
        }
        // float rounding of ~10 updates of size ~1e-3 around values of ~0.5: a few float ulps of 0.5 (6e-8).
        for (int i = 0; i < n; i++) Assert.Equal(wd[i], wf[i], 1e-6);
    }

    [Fact]
    public void Defaults_AreKeras()
    {
        var adam = new Adam();
        Assert.Equal(0.001, adam.LearningRate);
        Assert.Equal(0.9, adam.Beta1);
        Assert.Equal(0.999, adam.Beta2);
        Assert.Equal(1e-7, adam.Epsilon);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void LearningRate_NotPositiveFinite_Throws(double rate)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(rate));
        Assert.Equal("LearningRate", error.ParamName);
    }

    [Fact]
    public void Step_MismatchedLengths_ThrowsAndLeavesStateAlone()
    {
        var adam = new Adam();
        double[] w = [1, 2];
        var error = Assert.Throws<ArgumentException>(() => adam.Step<double>(w, new double[3]));
        Assert.Equal("gradients", error.ParamName);
        Assert.Equal([1.0, 2.0], w);
        Assert.Equal(0, adam.Iterations);
    }

    [Fact]
    public void Reset_ForgetsMomentsAndIterations()
    {
        var adam = new Adam();
        double[] a = [1.0], b = [1.0];
        adam.Step<double>(a, [0.5]);
        adam.Step<double>(a, [0.5]);
        adam.Reset();
        Assert.Equal(0, adam.Iterations);
        adam.Step<double>(b, [0.5]);
        Assert.Equal(1.0 - 0.001 * 0.5 / (0.5 + 1e-7 / Math.Sqrt(1 - 0.999)), b[0], Tolerance);
    }

    [Fact]
    public void UpdateInRanges_EqualsTheWholeUpdate_BitForBit()
    {
        // A two-thread step updates [0, 48) and [48, 101) separately (16-element boundaries); the result must be the
        // whole-buffer step's, moments included, over several steps.
        const int n = 101;
        var random = new Random(21);
        float[] whole = Enumerable.Range(0, n).Select(_ => (float)random.NextDouble()).ToArray();
        float[] pieces = (float[])whole.Clone();
        var a = new Adam(learningRate: 0.01);
        var b = new Adam(learningRate: 0.01);
        for (int step = 0; step < 4; step++)
        {
            float[] g = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            a.Step<float>(whole, g);
            (float[] state, long t) = b.BeginSteps<float>(n);
            b.ApplyRange<float>(pieces, g, state, 48, n - 48, t);
            b.ApplyRange<float>(pieces, g, state, 0, 48, t);
            b.EndSteps();
        }
        Assert.Equal(whole, pieces);
        Assert.Equal(a.Iterations, b.Iterations);
        Assert.True(b.UpdatesInRanges);
    }
}
