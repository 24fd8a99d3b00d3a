using System.Numerics;
using static FastDense.Tests.Optimizers.OptimizerChecks;

namespace FastDense.Tests.Optimizers;

/// <summary>
/// Adadelta against Keras 3's Adadelta (keras/src/optimizers/adadelta.py), whose update is re-implemented here from
/// its formula, each operation rounded to T in Keras's order: in double it is the reference; in float it is what
/// Keras's float32 graph computes, and every kernel path must give those bits.
/// </summary>
public class AdadeltaTests
{
    private const double LearningRate = 1.0, Rho = 0.9, Epsilon = 1e-6;

    /// <summary>Keras's update_step, several steps; returns the parameters, accumulated_grad and accumulated_delta_var.</summary>
    private static (T[] W, T[] AccumulatedGrad, T[] AccumulatedDelta) Keras<T>(double[] w0, double[][] gradients, double learningRate, double rho, double epsilon)
        where T : struct, IFloatingPointIeee754<T>
    {
        T lr = T.CreateTruncating(learningRate), r = T.CreateTruncating(rho), oneMinusRho = T.CreateTruncating(1 - rho), eps = T.CreateTruncating(epsilon);
        T Rms(T x) => T.Sqrt(x + eps);
        T[] w = w0.Select(T.CreateTruncating).ToArray();
        T[] accumulatedGrad = new T[w.Length], accumulatedDelta = new T[w.Length];
        foreach (double[] gd in gradients)
        {
            for (int i = 0; i < w.Length; i++)
            {
                T g = T.CreateTruncating(gd[i]);
                accumulatedGrad[i] = r * accumulatedGrad[i] + oneMinusRho * (g * g);
                T delta = -(Rms(accumulatedDelta[i]) * g / Rms(accumulatedGrad[i]));
                accumulatedDelta[i] = r * accumulatedDelta[i] + oneMinusRho * (delta * delta);
                w[i] += lr * delta;
            }
        }
        return (w, accumulatedGrad, accumulatedDelta);
    }

    [Theory]
    [InlineData("Scalar")]
    [InlineData("Vector128")]
    [InlineData("Vector256")]
    [InlineData("Vector512")]
    public void EveryPath_IsKerasUpdate_BitForBit(string pathName)
    {
        (double[] w0, double[][] gradients) = Problem(seed: 31);
        Adadelta Create() => new(LearningRate, Rho, Epsilon);

        (float[] w, float[] state) = Run<float>(Create(), Path(pathName), w0, gradients);
        (float[] kw, float[] accumulatedGrad, float[] accumulatedDelta) = Keras<float>(w0, gradients, LearningRate, Rho, Epsilon);
        Assert.Equal(kw, w);
        Assert.Equal(accumulatedGrad, Slot(state, 0));
        Assert.Equal(accumulatedDelta, Slot(state, 1));

        (double[] dw, double[] dState) = Run<double>(Create(), Path(pathName), w0, gradients);
        (double[] expected, double[] expectedGrad, double[] expectedDelta) = Keras<double>(w0, gradients, LearningRate, Rho, Epsilon);
        Assert.Equal(expected, dw);
        Assert.Equal(expectedGrad, Slot(dState, 0));
        Assert.Equal(expectedDelta, Slot(dState, 1));
        AssertClose(expected, w, 1e-6);
    }

    [Fact]
    public void FirstStep_ScalesTheGradientBySqrtEpsilonOverTheNewGradientAverage()
    {
        // Step 1: accumulated_grad = (1 - rho) g², the old delta average is 0, so the step is
        // learning_rate · sqrt(eps) · g / sqrt((1 - rho) g² + eps), and the delta average becomes (1 - rho) · step².
        double[] w = [0.5];
        var adadelta = new Adadelta(learningRate: 2.0);
        adadelta.Step<double>(w, [0.2]);
        double oneMinusRho = 1 - 0.95, accumulatedGrad = 0.2 * 0.2 * oneMinusRho;
        double delta = Math.Sqrt(1e-7) * 0.2 / Math.Sqrt(accumulatedGrad + 1e-7);
        Assert.Equal(0.5 - 2.0 * delta, w[0], 1e-15);
        Assert.Equal([accumulatedGrad, delta * delta * oneMinusRho], (double[])adadelta.State!);
    }

    [Fact]
    public void Defaults_AreKeras()
    {
        var adadelta = new Adadelta();
        Assert.Equal(0.001, adadelta.LearningRate);
        Assert.Equal(0.95, adadelta.Rho);
        Assert.Equal(1e-7, adadelta.Epsilon);
        Assert.Equal(2, adadelta.SlotCount);
    }

    [Theory]
    [InlineData("rho", -0.1)]
    [InlineData("rho", 1.0)]
    [InlineData("rho", double.NaN)]
    [InlineData("epsilon", 0.0)]
    [InlineData("epsilon", -1e-7)]
    [InlineData("epsilon", double.PositiveInfinity)]
    [InlineData("epsilon", double.NaN)]
    [InlineData("LearningRate", double.NaN)]
    public void InvalidArgument_Throws_NamingIt(string name, double value)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => name switch
        {
            "rho" => new Adadelta(rho: value),
            "epsilon" => new Adadelta(epsilon: value),
            _ => new Adadelta(learningRate: value),
        });
        Assert.Equal(name, error.ParamName);
        Assert.Equal(value, error.ActualValue);
    }

    [Fact]
    public void ParallelStep_EqualsTheCombinedGradientUpdate()
        => OptimizerChecks.ParallelStep_EqualsTheCombinedGradientUpdate(() => new Adadelta(1.0));

    [Fact]
    public void Fit_OnDigits_ReducesTheLoss()
        => OptimizerChecks.Fit_OnDigits_ReducesTheLoss(new Adadelta(learningRate: 1.0));

    [Fact]
    public void Checkpoint_RestoresTheState_AndRejectsAnotherEpsilon()
        => Checkpoint_RestoresTheState_AndRejectsAnotherHyperparameter(
            () => new Adadelta(1.0), new Adadelta(1.0, epsilon: 1e-6), "epsilon");
}
