using System.Numerics;
using static FastDense.Tests.Optimizers.OptimizerChecks;

namespace FastDense.Tests.Optimizers;

/// <summary>
/// RmsProp against Keras 3's RMSprop (keras/src/optimizers/rmsprop.py), whose update is re-implemented here from its
/// formula, each operation rounded to T in Keras's order: in double it is the reference; in float it is what Keras's
/// float32 graph computes, and every kernel path must give those bits.
/// </summary>
public class RmsPropTests
{
    private const double LearningRate = 0.01, Rho = 0.8, Epsilon = 1e-6;

    /// <summary>Keras's update_step, several steps; the state in Keras's variable order.</summary>
    private static (T[] W, T[] Velocity, T[] Momentum, T[] Average) Keras<T>(double[] w0, double[][] gradients, double learningRate, double rho, double momentum, double epsilon, bool centered)
        where T : struct, IFloatingPointIeee754<T>
    {
        T lr = T.CreateTruncating(learningRate), r = T.CreateTruncating(rho), oneMinusRho = T.CreateTruncating(1 - rho);
        T mu = T.CreateTruncating(momentum), eps = T.CreateTruncating(epsilon);
        T[] w = w0.Select(T.CreateTruncating).ToArray();
        T[] velocity = new T[w.Length], momentums = new T[w.Length], average = new T[w.Length];
        foreach (double[] gd in gradients)
        {
            for (int i = 0; i < w.Length; i++)
            {
                T g = T.CreateTruncating(gd[i]);
                velocity[i] = r * velocity[i] + oneMinusRho * (g * g);
                T denominator;
                if (centered)
                {
                    average[i] = r * average[i] + oneMinusRho * g;
                    denominator = velocity[i] - average[i] * average[i] + eps;
                }
                else
                {
                    denominator = velocity[i] + eps;
                }
                T increment = lr * g / T.Sqrt(denominator);
                if (momentum > 0)
                {
                    momentums[i] = mu * momentums[i] + increment;
                    w[i] -= momentums[i];
                }
                else
                {
                    w[i] -= increment;
                }
            }
        }
        return (w, velocity, momentums, average);
    }

    public static TheoryData<double, bool, string> Variants()
    {
        var data = new TheoryData<double, bool, string>();
        foreach (string path in new[] { "Scalar", "Vector128", "Vector256", "Vector512" })
        {
            data.Add(0.0, false, path);
            data.Add(0.7, false, path);
            data.Add(0.0, true, path);
            data.Add(0.7, true, path);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void EveryVariant_OnEveryPath_IsKerasUpdate_BitForBit(double momentum, bool centered, string pathName)
    {
        (double[] w0, double[][] gradients) = Problem(seed: centered ? 11 : 12);
        RmsProp Create() => new(LearningRate, Rho, momentum, Epsilon, centered);

        (float[] w, float[] state) = Run<float>(Create(), Path(pathName), w0, gradients);
        (float[] kw, float[] velocity, float[] momentums, float[] average) = Keras<float>(w0, gradients, LearningRate, Rho, momentum, Epsilon, centered);
        Assert.Equal(kw, w);
        Assert.Equal(velocity, Slot(state, 0));
        int next = 1;
        if (momentum > 0) Assert.Equal(momentums, Slot(state, next++));
        if (centered) Assert.Equal(average, Slot(state, next++));
        Assert.Equal(next * Length, state.Length);

        (double[] dw, double[] dState) = Run<double>(Create(), Path(pathName), w0, gradients);
        (double[] expected, double[] expectedVelocity, _, _) = Keras<double>(w0, gradients, LearningRate, Rho, momentum, Epsilon, centered);
        Assert.Equal(expected, dw);
        Assert.Equal(expectedVelocity, Slot(dState, 0));
        // The float run stays within float rounding of the double reference: the rule is the formula, not only its bits.
        AssertClose(expected, w, 2e-6);
    }

    [Fact]
    public void FirstStep_AddsEpsilonInsideTheSquareRoot()
    {
        // A small gradient, where the placement shows: g / sqrt((1 - rho) g² + eps), not g / (sqrt((1 - rho) g²) + eps).
        double[] w = [0.5];
        new RmsProp(learningRate: 0.1).Step<double>(w, [1e-4]);
        Assert.Equal(0.5 - 0.1 * 1e-4 / Math.Sqrt(0.1 * 1e-8 + 1e-7), w[0], 1e-15);
        Assert.NotEqual(0.5 - 0.1 * 1e-4 / (Math.Sqrt(0.1 * 1e-8) + 1e-7), w[0], 1e-6);
    }

    [Fact]
    public void Defaults_AreKeras()
    {
        var rmsProp = new RmsProp();
        Assert.Equal(0.001, rmsProp.LearningRate);
        Assert.Equal(0.9, rmsProp.Rho);
        Assert.Equal(0.0, rmsProp.Momentum);
        Assert.Equal(1e-7, rmsProp.Epsilon);
        Assert.False(rmsProp.Centered);
    }

    [Theory]
    [InlineData(0.0, false, 1)]
    [InlineData(0.5, false, 2)]
    [InlineData(0.0, true, 2)]
    [InlineData(0.5, true, 3)]
    public void Slots_AreVelocity_ThenMomentumAndAverageOnlyWhenUsed(double momentum, bool centered, int slots)
        => Assert.Equal(slots, new RmsProp(momentum: momentum, centered: centered).SlotCount);

    [Theory]
    [InlineData("rho", -0.1)]
    [InlineData("rho", 1.0)]
    [InlineData("rho", double.NaN)]
    [InlineData("momentum", -0.5)]
    [InlineData("momentum", 1.5)]
    [InlineData("momentum", double.NaN)]
    [InlineData("epsilon", 0.0)]
    [InlineData("epsilon", -1e-7)]
    [InlineData("epsilon", double.PositiveInfinity)]
    [InlineData("epsilon", double.NaN)]
    [InlineData("LearningRate", 0.0)]
    public void InvalidArgument_Throws_NamingIt(string name, double value)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => name switch
        {
            "rho" => new RmsProp(rho: value),
            "momentum" => new RmsProp(momentum: value),
            "epsilon" => new RmsProp(epsilon: value),
            _ => new RmsProp(learningRate: value),
        });
        Assert.Equal(name, error.ParamName);
        Assert.Equal(value, error.ActualValue);
    }

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.9, true)]
    public void ParallelStep_EqualsTheCombinedGradientUpdate(double momentum, bool centered)
        => OptimizerChecks.ParallelStep_EqualsTheCombinedGradientUpdate(() => new RmsProp(0.001, momentum: momentum, centered: centered));

    [Fact]
    public void Fit_OnDigits_ReducesTheLoss()
        => OptimizerChecks.Fit_OnDigits_ReducesTheLoss(new RmsProp());

    [Fact]
    public void Checkpoint_RestoresTheState_AndRejectsAnotherRho()
        => Checkpoint_RestoresTheState_AndRejectsAnotherHyperparameter(
            () => new RmsProp(momentum: 0.5, centered: true), new RmsProp(rho: 0.8, momentum: 0.5, centered: true), "rho");
}
