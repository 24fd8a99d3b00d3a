namespace FastDense.Tests.Optimizers;

/// <summary>
/// Nadam against Keras 3's update (keras/src/optimizers/nadam.py), computed here in double from its formula: the
/// u_product variable multiplied by u_t = beta1 · (1 - 0.5 · 0.96^t) before each step, Adam's moments, then
/// m_hat = u_(t+1) · m / (1 - u_product · u_(t+1)) + (1 - u_t) · g / (1 - u_product), v_hat = v / (1 - beta2^t),
/// w -= m_hat · learning_rate / (sqrt(v_hat) + epsilon).
/// </summary>
public class NadamTests
{
    private sealed class KerasNadam(double learningRate, double beta1, double beta2, double epsilon, int n)
    {
        private double _uProduct = 1;
        private int _iterations;

        public double[] M { get; } = new double[n];

        public double[] V { get; } = new double[n];

        public void Step(double[] w, double[] g)
        {
            _uProduct = _uProduct * beta1 * (1 - 0.5 * Math.Pow(0.96, _iterations + 1));
            double t = _iterations + 1;
            double uT = beta1 * (1 - 0.5 * Math.Pow(0.96, t)), uNext = beta1 * (1 - 0.5 * Math.Pow(0.96, t + 1));
            double uProductNext = _uProduct * uNext, beta2Power = Math.Pow(beta2, t);
            for (int i = 0; i < w.Length; i++)
            {
                M[i] += (g[i] - M[i]) * (1 - beta1);
                V[i] += (g[i] * g[i] - V[i]) * (1 - beta2);
                double mHat = uNext * M[i] / (1 - uProductNext) + (1 - uT) * g[i] / (1 - _uProduct);
                double vHat = V[i] / (1 - beta2Power);
                w[i] -= mHat * learningRate / (Math.Sqrt(vHat) + epsilon);
            }
            _iterations++;
        }
    }

    public static TheoryData<string> Paths => OptimizerChecks.Paths;

    [Theory]
    [MemberData(nameof(Paths))]
    public void Update_MatchesKerasFormula_OnEveryPath(string pathName)
    {
        const int n = OptimizerChecks.Length;
        var random = new Random(7);
        double[] expected = OptimizerChecks.Random(random, n);
        float[] w = OptimizerChecks.ToFloat(expected), state = new float[2 * n];
        var keras = new KerasNadam(0.01, 0.8, 0.99, 1e-7, n);
        var nadam = new Nadam(learningRate: 0.01, beta1: 0.8, beta2: 0.99);
        for (int t = 1; t <= 8; t++)
        {
            double[] g = OptimizerChecks.Random(random, n);
            keras.Step(expected, g);
            nadam.UpdateOnPath<float>(OptimizerChecks.Path(pathName), w, OptimizerChecks.ToFloat(g), state, t);
        }
        // Eight steps of ~1e-2 around values of ~0.5: a few float ulps of 0.5 (6e-8 each).
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expected[i], w[i], 1e-6);
            Assert.Equal(keras.M[i], state[i], 1e-6);
            Assert.Equal(keras.V[i], state[n + i], 1e-6);
        }
    }

    [Fact]
    public void Double_MatchesKerasFormula_Closely()
    {
        // In double only the rounding of folded scalars separates the two: this catches u_t for u_(t+1) and the like,
        // which float tolerances might blur.
        const int n = 9;
        var random = new Random(8);
        double[] w = OptimizerChecks.Random(random, n), expected = (double[])w.Clone();
        var keras = new KerasNadam(0.05, 0.9, 0.999, 1e-3, n);
        var nadam = new Nadam(0.05, epsilon: 1e-3);
        for (int t = 1; t <= 30; t++)
        {
            double[] g = OptimizerChecks.Random(random, n);
            keras.Step(expected, g);
            nadam.Step<double>(w, g);
            for (int i = 0; i < n; i++) Assert.Equal(expected[i], w[i], 1e-13);
        }
    }

    [Fact]
    public void Steps8To10_AfterARestoreAt7_EqualTheUninterruptedRun_BitForBit()
    {
        // The uninterrupted run takes u_product from its cache (one multiplication a step); the restored optimizer
        // has never seen steps 1..7 and must recompute the product from scratch for step 8, then cache again.
        const int n = OptimizerChecks.Length;
        var random = new Random(9);
        float[] w = OptimizerChecks.ToFloat(OptimizerChecks.Random(random, n));
        float[][] gradients = Enumerable.Range(0, 10).Select(_ => OptimizerChecks.ToFloat(OptimizerChecks.Random(random, n))).ToArray();
        var whole = new Nadam(0.01);
        float[] resumedW = [], resumedState = [];
        for (int t = 1; t <= 10; t++)
        {
            whole.Step<float>(w, gradients[t - 1]);
            if (t == 7)
            {
                resumedW = (float[])w.Clone();
                resumedState = (float[])((float[])whole.State!).Clone();
            }
        }

        var resumed = new Nadam(0.01);
        resumed.RestoreState(resumedState, 7);
        for (int t = 8; t <= 10; t++) resumed.Step<float>(resumedW, gradients[t - 1]);

        Assert.Equal(w, resumedW);
        Assert.Equal((float[])whole.State!, (float[])resumed.State!);
        Assert.Equal(10, resumed.Iterations);
    }

    [Fact]
    public void UProduct_FromTheCache_EqualsTheProductFromScratch_InAnyOrder()
    {
        var stepped = new Nadam(beta1: 0.85);
        double expected = 1;
        for (long t = 1; t <= 50; t++)
        {
            expected = expected * 0.85 * (1 - 0.5 * Math.Pow(0.96, t));
            Assert.Equal(expected, stepped.UProduct(t));
        }
        var jumping = new Nadam(beta1: 0.85);
        Assert.Equal(stepped.UProduct(50), jumping.UProduct(50));
        Assert.Equal(stepped.UProduct(50), jumping.UProduct(50));   // the cached step itself
        double at3 = 0.85 * (1 - 0.5 * 0.96) * 0.85 * (1 - 0.5 * Math.Pow(0.96, 2)) * 0.85 * (1 - 0.5 * Math.Pow(0.96, 3));
        Assert.Equal(at3, jumping.UProduct(3), 1e-16);              // backwards: from scratch
        Assert.Equal(1.0, jumping.UProduct(0));
    }

    [Fact]
    public void ResetAndReload_StartTheProductAgain()
    {
        // After Reset the next step is step 1 again: the cache (at step 2) must not be extended to step 3.
        var nadam = new Nadam(0.01);
        var fresh = new Nadam(0.01);
        float[] a = [0.5f, -0.25f], b = [0.5f, -0.25f];
        nadam.Step<float>(a, [0.1f, 0.2f]);
        nadam.Step<float>(a, [0.3f, -0.2f]);
        nadam.Reset();
        a = [0.5f, -0.25f];
        nadam.Step<float>(a, [0.1f, 0.2f]);
        fresh.Step<float>(b, [0.1f, 0.2f]);
        Assert.Equal(b, a);
    }

    [Fact]
    public void Defaults_AreKeras()
    {
        var nadam = new Nadam();
        Assert.Equal(0.001, nadam.LearningRate);
        Assert.Equal(0.9, nadam.Beta1);
        Assert.Equal(0.999, nadam.Beta2);
        Assert.Equal(1e-7, nadam.Epsilon);
        Assert.Equal(2, nadam.SlotCount);
    }

    [Theory]
    [InlineData("beta1", -0.1)]
    [InlineData("beta1", 1.0)]
    [InlineData("beta1", double.NaN)]
    [InlineData("beta2", -0.1)]
    [InlineData("beta2", 1.0)]
    [InlineData("beta2", double.NaN)]
    [InlineData("epsilon", 0.0)]
    [InlineData("epsilon", -1e-7)]
    [InlineData("epsilon", double.PositiveInfinity)]
    [InlineData("LearningRate", 0.0)]
    public void InvalidArgument_Throws_NamingIt(string name, double value)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => name switch
        {
            "beta1" => new Nadam(beta1: value),
            "beta2" => new Nadam(beta2: value),
            "epsilon" => new Nadam(epsilon: value),
            _ => new Nadam(learningRate: value),
        });
        Assert.Equal(name, error.ParamName);
    }

    [Fact]
    public void InParallelTraining_EqualsTheCombinedGradientUpdate()
        => OptimizerChecks.ParallelStep_EqualsTheCombinedGradientUpdate(() => new Nadam(0.002));

    [Fact]
    public void Fit_OnDigits_ReducesTheLoss()
        => OptimizerChecks.Fit_OnDigits_ReducesTheLoss(new Nadam());

    [Fact]
    public void Checkpoint_RestoresState_AndRejectsAnotherBeta()
        => OptimizerChecks.Checkpoint_RestoresTheState_AndRejectsAnotherHyperparameter(() => new Nadam(), new Nadam(beta1: 0.8), "beta1");
}
