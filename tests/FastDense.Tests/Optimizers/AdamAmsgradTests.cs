namespace FastDense.Tests.Optimizers;

/// <summary>
/// Adam with amsgrad against Keras 3's update (keras/src/optimizers/adam.py), computed here in double from its
/// formula: alpha = lr · sqrt(1 - beta2^t) / (1 - beta1^t); m += (g - m)(1 - beta1); v += (g² - v)(1 - beta2);
/// v_hat = max(v_hat, v); w -= m · alpha / (sqrt(v_hat) + epsilon).
/// </summary>
public class AdamAmsgradTests
{
    private static (double[] W, double[] M, double[] V, double[] VHat) Keras(double[] w, double[][] gradients, double lr, double beta1, double beta2, double epsilon)
    {
        w = (double[])w.Clone();
        double[] m = new double[w.Length], v = new double[w.Length], vHat = new double[w.Length];
        for (int t = 1; t <= gradients.Length; t++)
        {
            double[] g = gradients[t - 1];
            double alpha = lr * Math.Sqrt(1 - Math.Pow(beta2, t)) / (1 - Math.Pow(beta1, t));
            for (int i = 0; i < w.Length; i++)
            {
                m[i] += (g[i] - m[i]) * (1 - beta1);
                v[i] += (g[i] * g[i] - v[i]) * (1 - beta2);
                vHat[i] = Math.Max(vHat[i], v[i]);
                w[i] -= m[i] * alpha / (Math.Sqrt(vHat[i]) + epsilon);
            }
        }
        return (w, m, v, vHat);
    }

    /// <summary>Gradients that shrink step by step, so v falls below its running maximum and v_hat matters.</summary>
    private static double[][] Shrinking(Random random, int n, int steps)
        => Enumerable.Range(0, steps).Select(t => OptimizerChecks.Random(random, n, 1.0 / (1 + 2 * t))).ToArray();

    public static TheoryData<string> Paths => OptimizerChecks.Paths;

    [Theory]
    [MemberData(nameof(Paths))]
    public void Update_MatchesKerasFormula_OnEveryPath(string pathName)
    {
        const int n = OptimizerChecks.Length;
        var random = new Random(17);
        double[] w0 = OptimizerChecks.Random(random, n);
        double[][] gradients = Shrinking(random, n, 8);
        (double[] expectedW, double[] m, double[] v, double[] vHat) = Keras(w0, gradients, 0.01, 0.9, 0.8, 1e-7);
        Assert.Contains(Enumerable.Range(0, n), i => vHat[i] > 2 * v[i]);   // the maximum differs from v

        var adam = new Adam(learningRate: 0.01, beta2: 0.8, amsgrad: true);
        float[] w = OptimizerChecks.ToFloat(w0), state = new float[3 * n];
        for (int t = 0; t < gradients.Length; t++) adam.UpdateOnPath<float>(OptimizerChecks.Path(pathName), w, OptimizerChecks.ToFloat(gradients[t]), state, t + 1);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expectedW[i], w[i], 1e-6);
            Assert.Equal(m[i], state[i], 1e-6);
            Assert.Equal(v[i], state[n + i], 1e-6);
            Assert.Equal(vHat[i], state[2 * n + i], 1e-6);
        }
    }

    [Fact]
    public void Double_MatchesKerasFormula_Closely()
    {
        const int n = 9;
        var random = new Random(18);
        double[] w = OptimizerChecks.Random(random, n);
        double[][] gradients = Shrinking(random, n, 20);
        (double[] expectedW, _, _, double[] vHat) = Keras(w, gradients, 0.01, 0.9, 0.8, 1e-7);
        var adam = new Adam(0.01, beta2: 0.8, amsgrad: true);
        foreach (double[] g in gradients) adam.Step<double>(w, g);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expectedW[i], w[i], 1e-13);
            Assert.Equal(vHat[i], ((double[])adam.State!)[2 * n + i], 1e-15);
        }
    }

    [Fact]
    public void Amsgrad_IsOffByDefault_AndAddsTheThirdSlotWhenOn()
    {
        var plain = new Adam();
        var ams = new Adam(amsgrad: true);
        Assert.False(plain.Amsgrad);
        Assert.True(ams.Amsgrad);
        Assert.Equal(2, plain.SlotCount);
        Assert.Equal(3, ams.SlotCount);
        var described = new List<KeyValuePair<string, string>>();
        ams.DescribeHyperparameters(described);
        Assert.Contains(new KeyValuePair<string, string>("amsgrad", "true"), described);
        described.Clear();
        plain.DescribeHyperparameters(described);
        Assert.Contains(new KeyValuePair<string, string>("amsgrad", "false"), described);   // always written, as Sgd writes nesterov
    }

    [Fact]
    public void FirstStep_EqualsPlainAdam()
    {
        // v_hat = max(0, v) = v on the first step: the two variants agree, bit for bit.
        var random = new Random(19);
        float[] g = OptimizerChecks.ToFloat(OptimizerChecks.Random(random, OptimizerChecks.Length));
        float[] a = OptimizerChecks.ToFloat(OptimizerChecks.Random(random, OptimizerChecks.Length)), b = (float[])a.Clone();
        new Adam().Step<float>(a, g);
        new Adam(amsgrad: true).Step<float>(b, g);
        Assert.Equal(a, b);
    }

    [Fact]
    public void InParallelTraining_EqualsTheCombinedGradientUpdate()
        => OptimizerChecks.ParallelStep_EqualsTheCombinedGradientUpdate(() => new Adam(0.001, amsgrad: true));

    [Fact]
    public void Fit_OnDigits_ReducesTheLoss()
        => OptimizerChecks.Fit_OnDigits_ReducesTheLoss(new Adam(amsgrad: true));

    [Fact]
    public void Checkpoint_RestoresState_AndRejectsPlainAdam()
        => OptimizerChecks.Checkpoint_RestoresTheState_AndRejectsAnotherHyperparameter(() => new Adam(amsgrad: true), new Adam(), "amsgrad");

    [Fact]
    public void Checkpoint_OfPlainAdam_IsRejectedByAmsgrad()
        => OptimizerChecks.Checkpoint_RestoresTheState_AndRejectsAnotherHyperparameter(() => new Adam(), new Adam(amsgrad: true), "amsgrad");
}
