using FastDense.Layers;

namespace FastDense.Tests.Layers;

/// <summary>
/// LayerNormalization (keras/src/layers/normalization/layer_normalization.py, axis −1: <c>ops.moments</c> over the last
/// axis — population variance — then <c>(x − mean) · rsqrt(variance + epsilon) · gamma + beta</c>), GaussianNoise and
/// GaussianDropout (keras/src/layers/regularization/gaussian_noise.py, gaussian_dropout.py: <c>x + normal(0, stddev)</c>,
/// <c>x · normal(1, sqrt(rate / (1 − rate)))</c> in training, <c>x</c> otherwise).
/// </summary>
public class LayerNormalizationTests
{
    [Fact]
    public void LayerNormalization_NormalizesEachRowByItsOwnStatistics()
    {
        // Row 0: 1, 2, 3 (mean 2, variance 2/3); row 1: 5, 5, 5 (variance 0: the output is beta).
        double[] x = [1, 2, 3, 5, 5, 5];
        double[] gamma = [1, 2, -1], beta = [0, 0.5, 1];
        var output = new double[6];
        var normalized = new double[6];
        var inverse = new double[2];
        LayerNormalizationMath.Forward<double>(x, output, normalized, inverse, gamma, beta, 2, 3, 1e-3);
        double scale = 1 / Math.Sqrt(2.0 / 3 + 1e-3);
        Assert.Equal([-scale * 1 + 0, 0 * 2 + 0.5, scale * -1 + 1], output.AsSpan(0, 3).ToArray(), (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal([0.0, 0.5, 1.0], output.AsSpan(3, 3).ToArray());
        Assert.Equal(1 / Math.Sqrt(1e-3), inverse[1], 9);
    }

    [Fact]
    public void GaussianNoise_HasTheStddev_AndNoneInInference()
    {
        const int rows = 500, width = 100;
        var x = new float[rows * width];
        var output = new float[x.Length];
        GaussianNoiseMath.Add<float>(x, output, rows, width, 0.5, 1, ForwardMode.Training(3));
        double mean = output.Average(v => (double)v), deviation = Math.Sqrt(output.Average(v => (v - mean) * (v - mean)));
        // 50,000 draws: the mean's standard error is 0.5/224 = 0.0022, the deviation's about 0.0016.
        Assert.InRange(mean, -0.012, 0.012);
        Assert.InRange(deviation, 0.49, 0.51);
        // About 4.55 % of normal draws lie beyond 2 standard deviations (a check of the tails, not only the variance).
        Assert.InRange(output.Count(v => Math.Abs(v) > 1.0) / (double)output.Length, 0.041, 0.050);

        GaussianNoiseMath.Add<float>(Enumerable.Repeat(2f, 10).ToArray(), output, 2, 5, 0.5, 1, ForwardMode.Inference);
        Assert.All(output.Take(10), v => Assert.Equal(2f, v));
    }

    [Fact]
    public void GaussianDropout_MultipliesByNoiseOfMeanOne_AndKeepsIt()
    {
        const int rows = 400, width = 100;
        const double rate = 0.2;
        float[] x = Enumerable.Repeat(3f, rows * width).ToArray();
        var output = new float[x.Length];
        var noise = new float[x.Length];
        GaussianNoiseMath.Multiply<float>(x, output, noise, rows, width, rate, 2, ForwardMode.Training(5));
        double mean = noise.Average(v => (double)v), deviation = Math.Sqrt(noise.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, 0.99, 1.01);
        Assert.InRange(deviation, Math.Sqrt(rate / (1 - rate)) * 0.98, Math.Sqrt(rate / (1 - rate)) * 1.02);
        for (int i = 0; i < x.Length; i++) Assert.Equal(3f * noise[i], output[i]);
    }

    [Fact]
    public void NoiseRows_DoNotDependOnHowTheBatchIsSplit()
    {
        var x = new float[40 * 8];
        var whole = new float[x.Length];
        GaussianNoiseMath.Add<float>(x, whole, 40, 8, 1, 7, ForwardMode.Training(11));
        var first = new float[13 * 8];
        var second = new float[27 * 8];
        GaussianNoiseMath.Add<float>(x.AsSpan(0, 13 * 8), first, 13, 8, 1, 7, ForwardMode.Training(11));
        GaussianNoiseMath.Add<float>(x.AsSpan(13 * 8), second, 27, 8, 1, 7, ForwardMode.Training(11).Skip(13));
        Assert.Equal(whole, first.Concat(second).ToArray());
    }
}
