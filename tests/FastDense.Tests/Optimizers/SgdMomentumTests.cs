using FastDense.Kernels;

namespace FastDense.Tests.Optimizers;

/// <summary>
/// SGD with momentum and Nesterov momentum against Keras 3's update (keras/src/optimizers/sgd.py), computed here in
/// double from its formulas: velocity = momentum · velocity - learning_rate · g; w += velocity, or with nesterov
/// w += momentum · velocity - learning_rate · g (the new velocity).
/// </summary>
public class SgdMomentumTests
{
    private static (double[] W, double[] Velocity) Keras(double[] w, double[][] gradients, double learningRate, double momentum, bool nesterov)
    {
        w = (double[])w.Clone();
        var velocity = new double[w.Length];
        foreach (double[] g in gradients)
        {
            for (int i = 0; i < w.Length; i++)
            {
                velocity[i] = momentum * velocity[i] - learningRate * g[i];
                w[i] += nesterov ? momentum * velocity[i] - learningRate * g[i] : velocity[i];
            }
        }
        return (w, velocity);
    }

    [Theory]
    [InlineData(false, "Scalar")]
    [InlineData(false, "Vector128")]
    [InlineData(false, "Vector256")]
    [InlineData(false, "Vector512")]
    [InlineData(true, "Scalar")]
    [InlineData(true, "Vector256")]
    [InlineData(true, "Vector512")]
    public void Momentum_MatchesKerasFormula_OnEveryPath(bool nesterov, string pathName)
    {
        var path = Enum.Parse<KernelPath>(pathName);
        const int n = 37;   // whole registers of every width and a tail
        var random = new Random(nesterov ? 3 : 4);
        double[] w0 = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[][] gradients = Enumerable.Range(0, 6).Select(_ => Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray()).ToArray();
        (double[] expectedW, double[] expectedVelocity) = Keras(w0, gradients, 0.05, 0.9, nesterov);

        var sgd = new Sgd(learningRate: 0.05, momentum: 0.9, nesterov: nesterov);
        float[] w = w0.Select(v => (float)v).ToArray(), state = new float[n];
        foreach (double[] g in gradients) sgd.UpdateOnPath<float>(path, w, g.Select(v => (float)v).ToArray(), state, step: 1);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expectedW[i], w[i], 2e-6);
            Assert.Equal(expectedVelocity[i], state[i], 2e-6);
        }
    }

    [Fact]
    public void Step_KeepsVelocityOnlyWithMomentum_AndCountsIterations()
    {
        var plain = new Sgd(0.1);
        var heavy = new Sgd(0.1, momentum: 0.5);
        float[] a = [1f, 2f], b = [1f, 2f];
        plain.Step<float>(a, [1f, -1f]);
        heavy.Step<float>(b, [1f, -1f]);
        heavy.Step<float>(b, [1f, -1f]);
        Assert.Equal([0.9f, 2.1f], a);
        // v1 = -0.1·g, w1 = w0 + v1; v2 = 0.5·v1 - 0.1·g = -0.15·g, w2 = w1 + v2: w moves by -0.25·g.
        Assert.Equal(0.75f, b[0], 1e-6f);
        Assert.Equal(2.25f, b[1], 1e-6f);
        Assert.Equal(2, heavy.Iterations);
        Assert.Equal(0.5, heavy.Momentum);
        Assert.False(heavy.Nesterov);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Momentum_OutsideZeroToOne_Throws(double momentum)
        => Assert.Equal("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0.01, momentum)).ParamName);

    [Fact]
    public void Momentum_InParallelTraining_EqualsTheCombinedGradientUpdate()
    {
        // The two-thread step reads both shards' gradients inside the update: the same bits as the update on the
        // trainer's combined gradient.
        var random = new Random(5);
        float[] x = Enumerable.Range(0, 129 * 256).Select(_ => (float)random.NextDouble()).ToArray();
        float[] y = FastDense.Data.OneHot.Encode(Enumerable.Range(0, 129).Select(_ => random.Next(10)).ToArray(), 10);
        var model = new FastDense.Tests.Models.WideNet(seed: 6) { Optimizer = new Sgd(0.01, momentum: 0.9, nesterov: true) };
        float[] before = model.Parameters.ToArray();
        using var trainer = model.CreateTrainer(129, threads: 2);
        trainer.TrainStep(x, y, 129);
        float[] gradient = trainer.Gradient.ToArray();
        float[] expected = (float[])before.Clone(), state = new float[expected.Length];
        new Sgd(0.01, momentum: 0.9, nesterov: true).UpdateOnPath<float>(KernelDispatch.Selected, expected, gradient, state, step: 1);
        Assert.Equal(expected, model.Parameters.ToArray());
    }
}
