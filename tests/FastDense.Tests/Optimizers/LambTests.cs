using FastDense.Data;
using FastDense.Tests.Models;

namespace FastDense.Tests.Optimizers;

/// <summary>LAMB against keras/src/optimizers/lamb.py's update_step, written out here per tensor in double.</summary>
public class LambTests
{
    [Fact]
    public void ThreeSteps_MatchKerasUpdate_PerTensor_WithTheTrustRatio()
    {
        ModelDescription description = SoftmaxNet64.Kernel.Description;
        var random = new Random(7);
        double[] w = Enumerable.Range(0, description.ParameterCount).Select(_ => random.NextDouble() - 0.5).ToArray();
        // The first tensor starts at zero: its ratio is 1 (Keras's where(w_norm > 0, ..., 1)).
        TensorDescription first = description.Tensors[0];
        Array.Clear(w, first.Offset, first.Length);
        double[] expected = (double[])w.Clone(), m = new double[w.Length], v = new double[w.Length];
        var lamb = new Lamb(learningRate: 0.01);
        lamb.Bind(description);
        for (int step = 1; step <= 3; step++)
        {
            double[] g = Enumerable.Range(0, w.Length).Select(_ => random.NextDouble() - 0.5).ToArray();
            foreach (TensorDescription tensor in description.Tensors)
            {
                var update = new double[tensor.Length];
                for (int k = 0; k < tensor.Length; k++)
                {
                    int i = tensor.Offset + k;
                    m[i] += (g[i] - m[i]) * (1 - 0.9);
                    v[i] += (g[i] * g[i] - v[i]) * (1 - 0.999);
                    update[k] = m[i] / (1 - Math.Pow(0.9, step)) / (Math.Sqrt(v[i] / (1 - Math.Pow(0.999, step))) + 1e-7);
                }
                double wNorm = Math.Sqrt(expected.AsSpan(tensor.Offset, tensor.Length).ToArray().Sum(x => x * x));
                double uNorm = Math.Sqrt(update.Sum(x => x * x));
                double ratio = wNorm > 0 && uNorm > 0 ? wNorm / uNorm : 1;
                for (int k = 0; k < tensor.Length; k++) expected[tensor.Offset + k] -= ratio * 0.01 * update[k];
            }
            lamb.Step<double>(w, g);
        }
        for (int i = 0; i < w.Length; i++) Assert.Equal(expected[i], w[i], 12);
        Assert.Equal(3, lamb.Iterations);
    }

    [Fact]
    public void Digits_Learns()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        History history = new DigitsNet { Optimizer = new Lamb() }.Fit(digits.Features, y, new FitOptions { Epochs = 10, ValidationSplit = 0.2, Verbose = 0 });
        // Measured 0.883 at Keras's default rate: the trust ratio (‖w‖ / ‖update‖ ≈ 0.1 for the 64 x 64 kernel) makes
        // its steps smaller than Adam's (0.93 in 10 epochs); the formula itself is checked exactly above.
        Assert.True(history.ValidationAccuracy[^1] > 0.8, $"val_accuracy {history.ValidationAccuracy[^1]}");
        Assert.True(history.Loss[^1] < 0.5 * history.Loss[0], $"loss {history.Loss[0]} -> {history.Loss[^1]}");
    }

    [Fact]
    public void Arguments_AreChecked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lamb(beta1: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lamb(epsilon: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lamb(learningRate: -1));
    }
}
