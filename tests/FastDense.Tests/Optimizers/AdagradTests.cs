using System.Numerics;
using static FastDense.Tests.Optimizers.OptimizerChecks;

namespace FastDense.Tests.Optimizers;

/// <summary>
/// Adagrad against Keras 3's Adagrad (keras/src/optimizers/adagrad.py), whose update is re-implemented here from its
/// formula, each operation rounded to T in Keras's order, the accumulator starting at initial_accumulator_value: in
/// double it is the reference; in float it is what Keras's float32 graph computes, and every kernel path must give
/// those bits.
/// </summary>
public class AdagradTests
{
    private const double LearningRate = 0.05, Epsilon = 1e-6;

    /// <summary>Keras's update_step, several steps; returns the parameters and the accumulator.</summary>
    private static (T[] W, T[] Accumulator) Keras<T>(double[] w0, double[][] gradients, double learningRate, double initialAccumulatorValue, double epsilon)
        where T : struct, IFloatingPointIeee754<T>
    {
        T lr = T.CreateTruncating(learningRate), eps = T.CreateTruncating(epsilon);
        T[] w = w0.Select(T.CreateTruncating).ToArray();
        T[] accumulator = Enumerable.Repeat(T.CreateTruncating(initialAccumulatorValue), w.Length).ToArray();
        foreach (double[] gd in gradients)
        {
            for (int i = 0; i < w.Length; i++)
            {
                T g = T.CreateTruncating(gd[i]);
                accumulator[i] += g * g;
                w[i] -= lr * g / T.Sqrt(accumulator[i] + eps);
            }
        }
        return (w, accumulator);
    }

    [Theory]
    [InlineData(0.1, "Scalar")]
    [InlineData(0.1, "Vector128")]
    [InlineData(0.1, "Vector256")]
    [InlineData(0.1, "Vector512")]
    [InlineData(0.0, "Scalar")]
    [InlineData(0.0, "Vector512")]
    [InlineData(2.5, "Vector256")]
    [InlineData(2.5, "Vector512")]
    public void EveryPath_IsKerasUpdate_BitForBit(double initialAccumulatorValue, string pathName)
    {
        (double[] w0, double[][] gradients) = Problem(seed: 21);
        Adagrad Create() => new(LearningRate, initialAccumulatorValue, Epsilon);

        (float[] w, float[] state) = Run<float>(Create(), Path(pathName), w0, gradients);
        (float[] kw, float[] accumulator) = Keras<float>(w0, gradients, LearningRate, initialAccumulatorValue, Epsilon);
        Assert.Equal(kw, w);
        Assert.Equal(accumulator, state);

        (double[] dw, double[] dState) = Run<double>(Create(), Path(pathName), w0, gradients);
        (double[] expected, double[] expectedAccumulator) = Keras<double>(w0, gradients, LearningRate, initialAccumulatorValue, Epsilon);
        Assert.Equal(expected, dw);
        Assert.Equal(expectedAccumulator, dState);
        AssertClose(expected, w, 2e-6);
    }

    [Fact]
    public void Accumulator_StartsAtTheInitialValue_AgainAfterReset()
    {
        var adagrad = new Adagrad(learningRate: 0.1);
        double[] w = [0.5, -0.25];
        adagrad.Step<double>(w, [0.3, 0.0]);
        // The accumulator holds its true value, 0.1 + g²; with g = 0 the parameter does not move.
        Assert.Equal([0.1 + 0.3 * 0.3, 0.1], (double[])adagrad.State!);
        Assert.Equal(0.5 - 0.1 * 0.3 / Math.Sqrt(0.1 + 0.09 + 1e-7), w[0], 1e-15);
        Assert.Equal(-0.25, w[1]);

        adagrad.Reset();
        double[] again = [0.5, -0.25];
        adagrad.Step<double>(again, [0.3, 0.0]);
        Assert.Equal(w, again);
        Assert.Equal([0.1 + 0.3 * 0.3, 0.1], (double[])adagrad.State!);
    }

    [Fact]
    public void Defaults_AreKeras()
    {
        var adagrad = new Adagrad();
        Assert.Equal(0.001, adagrad.LearningRate);
        Assert.Equal(0.1, adagrad.InitialAccumulatorValue);
        Assert.Equal(1e-7, adagrad.Epsilon);
        Assert.Equal(1, adagrad.SlotCount);
    }

    [Theory]
    [InlineData("initialAccumulatorValue", -0.1)]
    [InlineData("initialAccumulatorValue", double.PositiveInfinity)]
    [InlineData("initialAccumulatorValue", double.NaN)]
    [InlineData("epsilon", 0.0)]
    [InlineData("epsilon", -1e-7)]
    [InlineData("epsilon", double.PositiveInfinity)]
    [InlineData("epsilon", double.NaN)]
    [InlineData("LearningRate", -1.0)]
    public void InvalidArgument_Throws_NamingIt(string name, double value)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => name switch
        {
            "initialAccumulatorValue" => new Adagrad(initialAccumulatorValue: value),
            "epsilon" => new Adagrad(epsilon: value),
            _ => new Adagrad(learningRate: value),
        });
        Assert.Equal(name, error.ParamName);
        Assert.Equal(value, error.ActualValue);
    }

    [Fact]
    public void ParallelStep_EqualsTheCombinedGradientUpdate()
        => OptimizerChecks.ParallelStep_EqualsTheCombinedGradientUpdate(() => new Adagrad(0.01));

    [Fact]
    public void Fit_OnDigits_ReducesTheLoss()
        => OptimizerChecks.Fit_OnDigits_ReducesTheLoss(new Adagrad(learningRate: 0.05));

    [Fact]
    public void Checkpoint_RestoresTheState_AndRejectsAnotherInitialAccumulatorValue()
        => Checkpoint_RestoresTheState_AndRejectsAnotherHyperparameter(
            () => new Adagrad(0.05), new Adagrad(0.05, initialAccumulatorValue: 0.2), "initialAccumulatorValue");
}
