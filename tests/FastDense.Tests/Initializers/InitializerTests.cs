#pragma warning disable CS0618 // SeededRandom lives in __Internals, [Obsolete] for users only.
using FastDense.__Internals;
using FastDense.Initializers;

namespace FastDense.Tests.Initializers;

/// <summary>
/// Keras's initializers (keras/src/initializers/random_initializers.py: VarianceScaling with scale/mode/distribution —
/// uniform limit sqrt(3·scale/n), truncated normal σ = sqrt(scale/n) / 0.87962566103423978 cut at ±2σ; RandomNormal,
/// RandomUniform, TruncatedNormal, Orthogonal; constant_initializers.py: Zeros, Ones, Constant, Identity) checked by
/// their distributions: the bounds exactly, the moments statistically.
/// </summary>
public class InitializerTests
{
    private static double[] Draw(Initializer initializer, int fanIn, int fanOut, double a = 0, double b = 0, ulong seed = 1)
    {
        var tensor = new double[fanIn * fanOut];
        var random = new SeededRandom(seed);
        WeightInitializers.Fill<double>(tensor, fanIn, fanOut, initializer, a, b, ref random);
        return tensor;
    }

    private static (double Mean, double Std) Moments(double[] values)
    {
        double mean = values.Average();
        return (mean, Math.Sqrt(values.Average(v => (v - mean) * (v - mean))));
    }

    [Theory]
    [InlineData(Initializer.GlorotUniform, 6.0 / (300 + 200))]
    [InlineData(Initializer.HeUniform, 6.0 / 300)]
    [InlineData(Initializer.LecunUniform, 3.0 / 300)]
    public void VarianceScalingUniform_StaysWithinItsLimit_WithTheUniformsVariance(Initializer initializer, double limitSquared)
    {
        double[] values = Draw(initializer, 300, 200);
        double limit = Math.Sqrt(limitSquared);
        Assert.All(values, v => Assert.InRange(v, -limit, limit));
        (double mean, double std) = Moments(values);
        Assert.InRange(mean, -0.01 * limit, 0.01 * limit);
        Assert.InRange(std, 0.99 * limit / Math.Sqrt(3), 1.01 * limit / Math.Sqrt(3));
    }

    [Theory]
    [InlineData(Initializer.GlorotNormal, 2.0 / (300 + 200))]
    [InlineData(Initializer.HeNormal, 2.0 / 300)]
    [InlineData(Initializer.LecunNormal, 1.0 / 300)]
    public void VarianceScalingNormal_IsTruncatedAtTwoSigma_AndHasTheVarianceKerasScales(Initializer initializer, double variance)
    {
        // Keras divides σ by 0.8796 (the std of a unit normal cut at ±2) so that the truncated draws have std sqrt(scale/n).
        double[] values = Draw(initializer, 300, 200);
        double sigma = Math.Sqrt(variance) / WeightInitializers.TruncatedStd;
        Assert.All(values, v => Assert.InRange(v, -2 * sigma, 2 * sigma));
        (double mean, double std) = Moments(values);
        Assert.InRange(mean, -0.01 * sigma, 0.01 * sigma);
        Assert.InRange(std, 0.99 * Math.Sqrt(variance), 1.01 * Math.Sqrt(variance));
    }

    [Theory]
    [InlineData(VarianceScalingMode.FanIn, VarianceScalingDistribution.Uniform, 2.5, 2.5 / 300)]
    [InlineData(VarianceScalingMode.FanOut, VarianceScalingDistribution.TruncatedNormal, 0.5, 0.5 / 200)]
    [InlineData(VarianceScalingMode.FanAvg, VarianceScalingDistribution.UntruncatedNormal, 3.0, 3.0 / 250)]
    public void VarianceScaling_WithItsArguments_HasTheVarianceScaleOverTheModesFan(VarianceScalingMode mode, VarianceScalingDistribution distribution, double scale, double variance)
    {
        // keras/src/initializers/random_initializers.py VarianceScaling: variance scale / max(1, fan) in every
        // distribution; uniform bounded by sqrt(3·variance), the truncated normal by 2σ with σ = sqrt(variance) / 0.8796.
        var tensor = new double[300 * 200];
        var random = new SeededRandom(3);
        WeightInitializers.VarianceScaling<double>(tensor, 300, 200, scale, mode, distribution, ref random);
        (double mean, double std) = Moments(tensor);
        Assert.InRange(mean, -0.01 * Math.Sqrt(variance), 0.01 * Math.Sqrt(variance));
        Assert.InRange(std, 0.99 * Math.Sqrt(variance), 1.01 * Math.Sqrt(variance));
        double bound = distribution switch
        {
            VarianceScalingDistribution.Uniform => Math.Sqrt(3 * variance),
            VarianceScalingDistribution.TruncatedNormal => 2 * Math.Sqrt(variance) / WeightInitializers.TruncatedStd,
            _ => double.PositiveInfinity,
        };
        Assert.All(tensor, v => Assert.InRange(v, -bound, bound));
        if (distribution == VarianceScalingDistribution.UntruncatedNormal)
        {
            // Untruncated: some draws beyond 2σ (about 4.6 % of them).
            Assert.InRange(tensor.Count(v => Math.Abs(v) > 2 * Math.Sqrt(variance)) / (double)tensor.Length, 0.04, 0.052);
        }
    }

    [Fact]
    public void VarianceScaling_WithKerasDefaults_IsLecunNormal()
    {
        var a = new double[64 * 32];
        var b = new double[64 * 32];
        var random = new SeededRandom(9);
        WeightInitializers.VarianceScaling<double>(a, 64, 32, 1.0, VarianceScalingMode.FanIn, VarianceScalingDistribution.TruncatedNormal, ref random);
        random = new SeededRandom(9);
        WeightInitializers.Fill<double>(b, 64, 32, Initializer.LecunNormal, 0, 0, ref random);
        Assert.Equal(b, a);
        Assert.Throws<ArgumentOutOfRangeException>(() => { var r = new SeededRandom(1); WeightInitializers.VarianceScaling<double>(a, 64, 32, 0, default, default, ref r); });
    }

    [Fact]
    public void RandomNormal_Uniform_Truncated_Constant_Zeros_Ones()
    {
        (double mean, double std) = Moments(Draw(Initializer.RandomNormal, 300, 200, 0.5, 0.1));
        Assert.InRange(mean, 0.499, 0.501);
        Assert.InRange(std, 0.099, 0.101);
        double[] uniform = Draw(Initializer.RandomUniform, 300, 200, -0.2, 0.6);
        Assert.All(uniform, v => Assert.InRange(v, -0.2, 0.6));
        Assert.InRange(uniform.Average(), 0.198, 0.202);
        double[] truncated = Draw(Initializer.TruncatedNormal, 300, 200, 1, 0.05);
        Assert.All(truncated, v => Assert.InRange(v, 0.9, 1.1));
        Assert.All(Draw(Initializer.Constant, 3, 4, 0.25), v => Assert.Equal(0.25, v));
        Assert.All(Draw(Initializer.Zeros, 3, 4), v => Assert.Equal(0.0, v));
        Assert.All(Draw(Initializer.Ones, 3, 4), v => Assert.Equal(1.0, v));
    }

    [Theory]
    [InlineData(6, 4)]
    [InlineData(4, 6)]
    [InlineData(5, 5)]
    public void Orthogonal_HasOrthonormalColumnsOrRows_TimesTheGain(int rows, int cols)
    {
        double[] q = Draw(Initializer.Orthogonal, rows, cols, 2);
        // rows >= cols: QᵀQ = gain² I over the columns; rows < cols: QQᵀ = gain² I over the rows.
        int n = Math.Min(rows, cols);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double dot = 0;
                if (rows >= cols) for (int r = 0; r < rows; r++) dot += q[r * cols + i] * q[r * cols + j];
                else for (int c = 0; c < cols; c++) dot += q[i * cols + c] * q[j * cols + c];
                Assert.Equal(i == j ? 4.0 : 0.0, dot, 10);
            }
        }
    }

    [Fact]
    public void Identity_PutsTheGainOnTheLeadingDiagonal()
    {
        double[] eye = Draw(Initializer.Identity, 3, 5, 1.5);
        for (int r = 0; r < 3; r++) for (int c = 0; c < 5; c++) Assert.Equal(r == c ? 1.5 : 0.0, eye[r * 5 + c]);
    }

    [Fact]
    public void AModelsDeclaredInitializers_AreThoseItStartsWith()
    {
        var model = new Models.InitializedNet64();
        LayerDescription first = model.Description.Layers[0], second = model.Description.Layers[1];
        Assert.All(model.Parameters.Slice(first.Tensor("bias").Offset, 6).ToArray(), v => Assert.Equal(0.1, v));
        double limit = 2 * Math.Sqrt(2.0 / 5) / WeightInitializers.TruncatedStd;
        Assert.All(model.Parameters.Slice(first.Tensor("kernel").Offset, 30).ToArray(), v => Assert.InRange(v, -limit, limit));
        double[] orthogonal = model.Parameters.Slice(second.Tensor("kernel").Offset, 6 * 4).ToArray();
        for (int i = 0; i < 4; i++)
        {
            double norm = 0;
            for (int r = 0; r < 6; r++) norm += orthogonal[r * 4 + i] * orthogonal[r * 4 + i];
            Assert.Equal(1.0, norm, 10);
        }
        // The same seed, the same weights.
        Assert.Equal(model.Parameters.ToArray(), new Models.InitializedNet64().Parameters.ToArray());
    }

    [Fact]
    public void ADeclaredVarianceScaling_TakesItsScaleModeAndDistribution()
    {
        // Kernel (40, 20): scale 2 over fan_avg 30, uniform in ±sqrt(3 · 2 / 30); bias (20): scale 0.5 over fan_in 20.
        var model = new Models.VarianceScaledNet(seed: 4);
        LayerDescription layer = model.Description.Layers[0];
        float[] kernel = model.Parameters.Slice(layer.Tensor("kernel").Offset, 800).ToArray();
        float[] bias = model.Parameters.Slice(layer.Tensor("bias").Offset, 20).ToArray();
        double kernelLimit = Math.Sqrt(3 * 2.0 / 30), biasLimit = Math.Sqrt(3 * 0.5 / 20);
        Assert.All(kernel, v => Assert.InRange(v, -kernelLimit, kernelLimit));
        Assert.True(kernel.Max(Math.Abs) > 0.9 * kernelLimit, "the kernel's draws should reach near their limit");
        Assert.All(bias, v => Assert.InRange(v, -biasLimit, biasLimit));
        Assert.Contains(bias, v => v != 0);
    }
}
