namespace FastDense.Tests.Optimizers;

public class SgdTests
{
    [Fact]
    public void Step_MovesAgainstGradient_ByLearningRate()
    {
        var sgd = new Sgd(0.1);
        double[] w = [1.0, -1.0, 0.25];
        sgd.Step<double>(w, [2.0, -0.5, 0.0]);
        Assert.Equal(0.8, w[0], 1e-15);
        Assert.Equal(-0.95, w[1], 1e-15);
        Assert.Equal(0.25, w[2], 1e-15);
        Assert.Equal(1, sgd.Iterations);
    }

    [Fact]
    public void Default_LearningRate_IsKeras()
        => Assert.Equal(0.01, new Sgd().LearningRate);

    [Fact]
    public void LearningRate_CanChangeBetweenSteps()
    {
        var sgd = new Sgd(0.1);
        float[] w = [1f];
        sgd.Step<float>(w, [1f]);
        sgd.LearningRate = 0.5;
        sgd.Step<float>(w, [1f]);
        Assert.Equal(0.4f, w[0], 1e-6f);
    }
}
