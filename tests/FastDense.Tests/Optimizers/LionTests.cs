namespace FastDense.Tests.Optimizers;

/// <summary>
/// Lion against Keras 3's update (keras/src/optimizers/lion.py), computed here in double from its formula:
/// w -= learning_rate · sign(m · beta1 + g · (1 - beta1)) with the old m, then m = m · beta2 + g · (1 - beta2).
/// </summary>
public class LionTests
{
    private static (double[] W, double[] M) Keras(double[] w, double[][] gradients, double learningRate, double beta1, double beta2)
    {
        w = (double[])w.Clone();
        var m = new double[w.Length];
        foreach (double[] g in gradients)
        {
            for (int i = 0; i < w.Length; i++)
            {
                w[i] -= learningRate * Math.Sign(m[i] * beta1 + g[i] * (1 - beta1));
                m[i] = m[i] * beta2 + g[i] * (1 - beta2);
            }
        }
        return (w, m);
    }

    public static TheoryData<string> Paths => OptimizerChecks.Paths;

    [Theory]
    [MemberData(nameof(Paths))]
    public void Update_MatchesKerasFormula_OnEveryPath(string pathName)
    {
        const int n = OptimizerChecks.Length;
        var random = new Random(3);
        double[] w0 = OptimizerChecks.Random(random, n);
        // Gradients that change sign between steps, so the direction follows m in some lanes and g in others.
        double[][] gradients = Enumerable.Range(0, 8).Select(_ => OptimizerChecks.Random(random, n)).ToArray();
        (double[] expectedW, double[] expectedM) = Keras(w0, gradients, 0.01, 0.7, 0.95);

        var lion = new Lion(learningRate: 0.01, beta1: 0.7, beta2: 0.95);
        float[] w = OptimizerChecks.ToFloat(w0), state = new float[n];
        for (int t = 0; t < gradients.Length; t++) lion.UpdateOnPath<float>(OptimizerChecks.Path(pathName), w, OptimizerChecks.ToFloat(gradients[t]), state, t + 1);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expectedW[i], w[i], 1e-6);
            Assert.Equal(expectedM[i], state[i], 1e-6);
        }
    }

    [Fact]
    public void Double_MatchesKerasFormula_Closely()
    {
        const int n = 11;
        var random = new Random(4);
        double[] w = OptimizerChecks.Random(random, n);
        double[][] gradients = Enumerable.Range(0, 6).Select(_ => OptimizerChecks.Random(random, n)).ToArray();
        (double[] expectedW, double[] expectedM) = Keras(w, gradients, 0.003, 0.9, 0.99);
        var lion = new Lion(0.003);
        foreach (double[] g in gradients) lion.Step<double>(w, g);
        double[] m = (double[])lion.State!;
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expectedW[i], w[i], 1e-15);
            Assert.Equal(expectedM[i], m[i], 1e-15);
        }
    }

    [Fact]
    public void OneMinusBeta_IsTakenInFloat_AsKerasCastsTheBetasFirst()
    {
        // m = 0, g = 1: m becomes 1 - beta2. Keras computes 1 - float(0.9) = 0.100000024, not float(0.1).
        var lion = new Lion(beta2: 0.9);
        float[] w = [0f, 0f, 0f];
        lion.Step<float>(w, [1f, 0f, -2f]);
        float[] m = (float[])lion.State!;
        Assert.Equal(1f - 0.9f, m[0]);
        Assert.NotEqual(0.1f, m[0]);
        Assert.Equal(0f, m[1]);
        Assert.Equal(-2f * (1f - 0.9f), m[2]);
        // Each parameter moves by exactly the learning rate, or not at all where the direction is 0.
        Assert.Equal([-0.001f, 0f, 0.001f], w);
    }

    [Fact]
    public void Defaults_AreKeras()
    {
        var lion = new Lion();
        Assert.Equal(0.001, lion.LearningRate);
        Assert.Equal(0.9, lion.Beta1);
        Assert.Equal(0.99, lion.Beta2);
        Assert.Equal(1, lion.SlotCount);
        Assert.True(lion.UpdatesInRanges);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Beta1_OutsideZeroExclusiveToOne_Throws(double beta1)
        => Assert.Equal("beta1", Assert.Throws<ArgumentOutOfRangeException>(() => new Lion(beta1: beta1)).ParamName);

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Beta2_NotFinite_Throws(double beta2)
        => Assert.Equal("beta2", Assert.Throws<ArgumentOutOfRangeException>(() => new Lion(beta2: beta2)).ParamName);

    [Fact]
    public void Beta1_One_AndLargeBeta2_AreAccepted_AsKeras()
    {
        Assert.Equal(1.0, new Lion(beta1: 1).Beta1);
        Assert.Equal(1.5, new Lion(beta2: 1.5).Beta2);
    }

    [Fact]
    public void LearningRate_NotPositive_Throws()
        => Assert.Equal("LearningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new Lion(0)).ParamName);

    [Fact]
    public void InParallelTraining_EqualsTheCombinedGradientUpdate()
        => OptimizerChecks.ParallelStep_EqualsTheCombinedGradientUpdate(() => new Lion(0.0003));

    [Fact]
    public void Fit_OnDigits_ReducesTheLoss()
        => OptimizerChecks.Fit_OnDigits_ReducesTheLoss(new Lion(0.0003));

    [Fact]
    public void Checkpoint_RestoresState_AndRejectsAnotherBeta()
        => OptimizerChecks.Checkpoint_RestoresTheState_AndRejectsAnotherHyperparameter(() => new Lion(0.0003), new Lion(0.0003, beta2: 0.98), "beta2");
}
