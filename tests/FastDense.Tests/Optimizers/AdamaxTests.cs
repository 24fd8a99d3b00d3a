using System.Numerics;
using static FastDense.Tests.Optimizers.OptimizerChecks;

namespace FastDense.Tests.Optimizers;

/// <summary>
/// Adamax against Keras 3's Adamax (keras/src/optimizers/adamax.py), whose update is re-implemented here from its
/// formula, each operation rounded to T in Keras's order: in double it is the reference; in float it is what Keras's
/// float32 graph computes, and every kernel path must give those bits. One scalar is taken as FastDense takes it:
/// Keras raises beta_1 (cast to T) to the power t in T and subtracts from 1 in T; here 1 - beta_1^t is computed in
/// double from the same cast beta_1 and rounded once, which can differ from Keras's two roundings by an ulp.
/// </summary>
public class AdamaxTests
{
    private const double LearningRate = 0.01, Beta1 = 0.8, Beta2 = 0.95, Epsilon = 1e-6;

    /// <summary>Keras's update_step, several steps; returns the parameters, m and u.</summary>
    private static (T[] W, T[] M, T[] U) Keras<T>(double[] w0, double[][] gradients, double learningRate, double beta1, double beta2, double epsilon)
        where T : struct, IFloatingPointIeee754<T>
    {
        T lr = T.CreateTruncating(learningRate), oneMinusBeta1 = T.CreateTruncating(1 - beta1);
        T b2 = T.CreateTruncating(beta2), eps = T.CreateTruncating(epsilon);
        double castBeta1 = double.CreateTruncating(T.CreateTruncating(beta1));
        T[] w = w0.Select(T.CreateTruncating).ToArray();
        T[] m = new T[w.Length], u = new T[w.Length];
        int t = 0;
        foreach (double[] gd in gradients)
        {
            t++;
            T correction = T.CreateTruncating(1 - Math.Pow(castBeta1, t));   // 1 - beta_1_power
            for (int i = 0; i < w.Length; i++)
            {
                T g = T.CreateTruncating(gd[i]);
                m[i] += (g - m[i]) * oneMinusBeta1;
                u[i] = T.Max(b2 * u[i], T.Abs(g));
                w[i] -= lr * m[i] / (correction * (u[i] + eps));
            }
        }
        return (w, m, u);
    }

    [Theory]
    [InlineData("Scalar")]
    [InlineData("Vector128")]
    [InlineData("Vector256")]
    [InlineData("Vector512")]
    public void EveryPath_IsKerasUpdate_BitForBit(string pathName)
    {
        (double[] w0, double[][] gradients) = Problem(seed: 41);
        // Every other gradient is scaled down: u then keeps beta2 · u as often as it takes |g|.
        for (int s = 1; s < gradients.Length; s += 2) gradients[s] = gradients[s].Select(v => v / 8).ToArray();
        Adamax Create() => new(LearningRate, Beta1, Beta2, Epsilon);

        (float[] w, float[] state) = Run<float>(Create(), Path(pathName), w0, gradients);
        (float[] kw, float[] m, float[] u) = Keras<float>(w0, gradients, LearningRate, Beta1, Beta2, Epsilon);
        Assert.Equal(kw, w);
        Assert.Equal(m, Slot(state, 0));
        Assert.Equal(u, Slot(state, 1));

        (double[] dw, double[] dState) = Run<double>(Create(), Path(pathName), w0, gradients);
        (double[] expected, double[] expectedM, double[] expectedU) = Keras<double>(w0, gradients, LearningRate, Beta1, Beta2, Epsilon);
        Assert.Equal(expected, dw);
        Assert.Equal(expectedM, Slot(dState, 0));
        Assert.Equal(expectedU, Slot(dState, 1));
        AssertClose(expected, w, 2e-6);
    }

    [Fact]
    public void FirstStep_IsLearningRateTimesGOverAbsGPlusEpsilon()
    {
        // Step 1: m = (1 - beta1) g, u = |g|, and the bias correction cancels (1 - beta1): w -= lr · g / (|g| + eps).
        double[] w = [0.5, -0.5];
        var adamax = new Adamax(learningRate: 0.1);
        adamax.Step<double>(w, [0.25, -1e-6]);
        Assert.Equal(0.5 - 0.1 * 0.25 / (0.25 + 1e-7), w[0], 1e-15);
        Assert.Equal(-0.5 + 0.1 * 1e-6 / (1e-6 + 1e-7), w[1], 1e-15);
        Assert.Equal([0.1 * 0.25, 0.1 * -1e-6, 0.25, 1e-6], (double[])adamax.State!, new ToleranceComparer(1e-17));
    }

    [Fact]
    public void FloatBiasCorrection_UsesBeta1RoundedToFloat()
    {
        // Keras casts beta_1 to the variable's type before raising it: at t = 1 the correction is 1 - 0.9f
        // (0.100000024), while m takes 1 - 0.9 computed in double (0.1f). The parameter starts at 0 so that the step
        // keeps all its bits: a correction of 0.1f instead would give another float.
        float[] w = [0f];
        new Adamax(learningRate: 0.1).Step<float>(w, [0.25f]);
        float m = 0.25f * 0.1f;
        Assert.Equal(0f - 0.1f * m / ((1 - 0.9f) * (0.25f + 1e-7f)), w[0]);
        Assert.NotEqual(0f - 0.1f * m / (0.1f * (0.25f + 1e-7f)), w[0]);
    }

    [Fact]
    public void Defaults_AreKeras()
    {
        var adamax = new Adamax();
        Assert.Equal(0.001, adamax.LearningRate);
        Assert.Equal(0.9, adamax.Beta1);
        Assert.Equal(0.999, adamax.Beta2);
        Assert.Equal(1e-7, adamax.Epsilon);
        Assert.Equal(2, adamax.SlotCount);
    }

    [Theory]
    [InlineData("beta1", -0.1)]
    [InlineData("beta1", 1.0)]
    [InlineData("beta1", double.NaN)]
    [InlineData("beta2", -0.1)]
    [InlineData("beta2", 1.01)]
    [InlineData("beta2", double.NaN)]
    [InlineData("epsilon", 0.0)]
    [InlineData("epsilon", -1e-7)]
    [InlineData("epsilon", double.PositiveInfinity)]
    [InlineData("epsilon", double.NaN)]
    [InlineData("LearningRate", double.PositiveInfinity)]
    public void InvalidArgument_Throws_NamingIt(string name, double value)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => name switch
        {
            "beta1" => new Adamax(beta1: value),
            "beta2" => new Adamax(beta2: value),
            "epsilon" => new Adamax(epsilon: value),
            _ => new Adamax(learningRate: value),
        });
        Assert.Equal(name, error.ParamName);
        Assert.Equal(value, error.ActualValue);
    }

    [Fact]
    public void Beta2_OfOne_KeepsTheLargestGradientSeen()
    {
        var adamax = new Adamax(beta2: 1.0);
        double[] w = [0.0];
        adamax.Step<double>(w, [0.5]);
        adamax.Step<double>(w, [-0.1]);
        Assert.Equal(0.5, ((double[])adamax.State!)[1]);
    }

    [Fact]
    public void ParallelStep_EqualsTheCombinedGradientUpdate()
        => OptimizerChecks.ParallelStep_EqualsTheCombinedGradientUpdate(() => new Adamax(0.002));

    [Fact]
    public void Fit_OnDigits_ReducesTheLoss()
        => OptimizerChecks.Fit_OnDigits_ReducesTheLoss(new Adamax(learningRate: 0.002));

    [Fact]
    public void Checkpoint_RestoresTheState_AndRejectsAnotherBeta2()
        => Checkpoint_RestoresTheState_AndRejectsAnotherHyperparameter(
            () => new Adamax(0.002), new Adamax(0.002, beta2: 0.99), "beta2");

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
