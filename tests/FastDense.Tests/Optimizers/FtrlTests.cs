namespace FastDense.Tests.Optimizers;

/// <summary>
/// FTRL against Keras 3's update (keras/src/optimizers/ftrl.py), computed here in double from its formula, with
/// p = -learning_rate_power: g' = g + 2 · shrinkage · w; n_new = n + g²; z += g' - ((n_new^p - n^p) / lr) · w;
/// q = n_new^p / lr + 2 · (l2 + beta / (2 · lr)); w = (clip(z, -l1, l1) - z) / q; n = n_new; n starts at
/// initial_accumulator_value and z at 0.
/// </summary>
public class FtrlTests
{
    private sealed record Settings(double LearningRate, double Power, double Initial, double L1, double L2, double Shrinkage, double Beta)
    {
        public Ftrl Create() => new(LearningRate, Power, Initial, L1, L2, Shrinkage, Beta);
    }

    private static readonly Settings Everything = new(0.05, -0.5, 0.1, 0.3, 0.01, 0.02, 0.3);

    private static (double[] W, double[] N, double[] Z) Keras(Settings s, double[] w, double[][] gradients)
    {
        w = (double[])w.Clone();
        double[] n = Enumerable.Repeat(s.Initial, w.Length).ToArray(), z = new double[w.Length];
        double p = -s.Power;
        foreach (double[] g in gradients)
        {
            for (int i = 0; i < w.Length; i++)
            {
                double shrunk = g[i] + 2 * s.Shrinkage * w[i];
                double nNew = n[i] + g[i] * g[i];
                z[i] += shrunk - (Math.Pow(nNew, p) - Math.Pow(n[i], p)) / s.LearningRate * w[i];
                double quadratic = Math.Pow(nNew, p) / s.LearningRate + 2 * (s.L2 + s.Beta / (2 * s.LearningRate));
                w[i] = (Math.Clamp(z[i], -s.L1, s.L1) - z[i]) / quadratic;
                n[i] = nNew;
            }
        }
        return (w, n, z);
    }

    public static TheoryData<string, double> PathsAndPowers()
    {
        var data = new TheoryData<string, double>();
        foreach (string path in OptimizerChecks.Paths) foreach (double power in new[] { -0.5, -0.3, 0.0, -1.0 }) data.Add(path, power);
        return data;
    }

    [Theory]
    [MemberData(nameof(PathsAndPowers))]
    public void Update_MatchesKerasFormula_OnEveryPath(string pathName, double power)
    {
        const int n = OptimizerChecks.Length;
        Settings settings = Everything with { Power = power };
        var random = new Random(11);
        double[] w0 = OptimizerChecks.Random(random, n);
        double[][] gradients = Enumerable.Range(0, 6).Select(_ => OptimizerChecks.Random(random, n)).ToArray();
        (double[] expectedW, double[] expectedN, double[] expectedZ) = Keras(settings, w0, gradients);

        Ftrl ftrl = settings.Create();
        float[] w = OptimizerChecks.ToFloat(w0), state = new float[2 * n];
        state.AsSpan(0, n).Fill((float)settings.Initial);   // what the optimizer's own state creation does
        for (int t = 0; t < gradients.Length; t++) ftrl.UpdateOnPath<float>(OptimizerChecks.Path(pathName), w, OptimizerChecks.ToFloat(gradients[t]), state, t + 1);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expectedW[i], w[i], 2e-6 * Math.Max(1, Math.Abs(expectedW[i])));
            Assert.Equal(expectedN[i], state[i], 2e-6 * Math.Max(1, expectedN[i]));
            Assert.Equal(expectedZ[i], state[n + i], 2e-6 * Math.Max(1, Math.Abs(expectedZ[i])));
        }
        Assert.Contains(w, v => v == 0);    // l1 zeroes some parameters
        Assert.Contains(w, v => v != 0);
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(-0.7)]
    public void Double_MatchesKerasFormula_Closely(double power)
    {
        const int n = 9;
        Settings settings = Everything with { Power = power };
        var random = new Random(12);
        double[] w = OptimizerChecks.Random(random, n);
        double[][] gradients = Enumerable.Range(0, 20).Select(_ => OptimizerChecks.Random(random, n)).ToArray();
        (double[] expectedW, double[] expectedN, double[] expectedZ) = Keras(settings, w, gradients);
        Ftrl ftrl = settings.Create();
        foreach (double[] g in gradients) ftrl.Step<double>(w, g);
        double[] state = (double[])ftrl.State!;
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expectedW[i], w[i], 1e-13);
            Assert.Equal(expectedN[i], state[i], 1e-13);
            Assert.Equal(expectedZ[i], state[n + i], 1e-12);
        }
    }

    [Fact]
    public void Accumulator_StartsAtTheInitialValue_AgainAfterReset()
    {
        var ftrl = new Ftrl(initialAccumulatorValue: 0.25);
        float[] w = [0.5f, -0.5f];
        ftrl.Step<float>(w, [0.5f, 0f]);
        float[] state = (float[])ftrl.State!;
        Assert.Equal([0.25f + 0.25f, 0.25f], state[..2]);
        ftrl.Reset();
        ftrl.Step<float>(w, [0f, 0f]);
        Assert.Equal([0.25f, 0.25f], ((float[])ftrl.State!)[..2]);
    }

    [Fact]
    public void LinearTermWithinL1_ZeroesTheParameter()
    {
        var ftrl = new Ftrl(learningRate: 0.1, l1RegularizationStrength: 10);
        float[] w = Enumerable.Range(0, OptimizerChecks.Length).Select(i => i * 0.1f - 1).ToArray();
        float[] g = Enumerable.Range(0, OptimizerChecks.Length).Select(i => 0.3f - i * 0.02f).ToArray();
        ftrl.Step<float>(w, g);
        Assert.All(w, v => Assert.Equal(0f, Math.Abs(v)));
    }

    [Fact]
    public void Defaults_AreKeras()
    {
        var ftrl = new Ftrl();
        Assert.Equal(0.001, ftrl.LearningRate);
        Assert.Equal(-0.5, ftrl.LearningRatePower);
        Assert.Equal(0.1, ftrl.InitialAccumulatorValue);
        Assert.Equal(0.0, ftrl.L1RegularizationStrength);
        Assert.Equal(0.0, ftrl.L2RegularizationStrength);
        Assert.Equal(0.0, ftrl.L2ShrinkageRegularizationStrength);
        Assert.Equal(0.0, ftrl.Beta);
        Assert.Equal(2, ftrl.SlotCount);
    }

    [Theory]
    [InlineData("learningRatePower", 0.1)]
    [InlineData("learningRatePower", double.NaN)]
    [InlineData("learningRatePower", double.NegativeInfinity)]
    [InlineData("initialAccumulatorValue", -0.1)]
    [InlineData("initialAccumulatorValue", double.NaN)]
    [InlineData("l1RegularizationStrength", -1e-3)]
    [InlineData("l1RegularizationStrength", double.PositiveInfinity)]
    [InlineData("l2RegularizationStrength", -1e-3)]
    [InlineData("l2RegularizationStrength", double.NaN)]
    [InlineData("l2ShrinkageRegularizationStrength", -1e-3)]
    [InlineData("l2ShrinkageRegularizationStrength", double.NaN)]
    [InlineData("beta", double.NaN)]
    [InlineData("beta", double.PositiveInfinity)]
    [InlineData("LearningRate", -1.0)]
    public void InvalidArgument_Throws_NamingIt(string name, double value)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => name switch
        {
            "learningRatePower" => new Ftrl(learningRatePower: value),
            "initialAccumulatorValue" => new Ftrl(initialAccumulatorValue: value),
            "l1RegularizationStrength" => new Ftrl(l1RegularizationStrength: value),
            "l2RegularizationStrength" => new Ftrl(l2RegularizationStrength: value),
            "l2ShrinkageRegularizationStrength" => new Ftrl(l2ShrinkageRegularizationStrength: value),
            "beta" => new Ftrl(beta: value),
            _ => new Ftrl(learningRate: value),
        });
        Assert.Equal(name, error.ParamName);
    }

    [Fact]
    public void ZeroValues_AndNegativeBeta_AreAccepted_AsKeras()
    {
        var ftrl = new Ftrl(learningRatePower: 0, initialAccumulatorValue: 0, beta: -0.5);
        Assert.Equal(0.0, ftrl.LearningRatePower);
        Assert.Equal(-0.5, ftrl.Beta);
    }

    [Fact]
    public void InParallelTraining_EqualsTheCombinedGradientUpdate()
        => OptimizerChecks.ParallelStep_EqualsTheCombinedGradientUpdate(() => new Ftrl(0.05, l1RegularizationStrength: 1e-4, l2ShrinkageRegularizationStrength: 1e-3));

    [Fact]
    public void Fit_OnDigits_ReducesTheLoss()
        => OptimizerChecks.Fit_OnDigits_ReducesTheLoss(new Ftrl(0.05));

    [Fact]
    public void Checkpoint_RestoresState_AndRejectsAnotherHyperparameter()
        => OptimizerChecks.Checkpoint_RestoresTheState_AndRejectsAnotherHyperparameter(
            () => new Ftrl(0.05, initialAccumulatorValue: 0.2), new Ftrl(0.05, initialAccumulatorValue: 0.3), "initial_accumulator_value");
}
