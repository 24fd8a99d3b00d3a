using FastDense.Data;
using FastDense.Tests.Models;

namespace FastDense.Tests.Layers;

/// <summary>
/// Keras's L1/L2 regularizers on Dense (keras/src/regularizers/regularizers.py: <c>l1·Σ|x|</c>, <c>l2·Σx²</c>): weight
/// penalties added to every batch's loss (keras/src/trainers/trainer.py, <c>compute_loss</c> sums <c>self.losses</c>,
/// in training and evaluation), activity penalties divided by the batch size (keras/src/layers/layer.py). The
/// gradients are checked by finite differences on every double model (CompletenessTests, RegularizedNet64,
/// ActivityRegularizedNet64); here, the values.
/// </summary>
public class RegularizerTests
{
    [Fact]
    public void KernelL2_AddsL2TimesTheSumOfSquares_ToTheReportedLoss()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] x = digits.Features[..(100 * 64)], y = OneHot.Encode(digits.Labels()[..100], 10);
        var regularized = new RegularizedDigitsNet(seed: 3);
        var plain = new DigitsNet(seed: 3);
        regularized.Parameters.CopyTo(plain.Parameters);

        double penalty = 0;
        foreach (LayerDescription layer in regularized.Description.Layers)
        {
            TensorDescription kernel = layer.Tensor("kernel");
            foreach (float w in regularized.Parameters.Slice(kernel.Offset, kernel.Length)) penalty += 1e-3 * (double)w * w;
        }
        Assert.True(penalty > 0.01, $"penalty {penalty}");
        Assert.Equal(plain.Evaluate(x, y).Loss + penalty, regularized.Evaluate(x, y, batchSize: 32).Loss, 1e-9);
        Assert.Equal(plain.Evaluate(x, y).Accuracy, regularized.Evaluate(x, y).Accuracy);
    }

    [Fact]
    public void Activity_AddsItsPenaltyOverTheBatchRows()
    {
        var random = new Random(2);
        double[] x = Enumerable.Range(0, 20 * 3).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        double[] y = Enumerable.Range(0, 20 * 2).Select(_ => random.NextDouble()).ToArray();
        var model = new ActivityRegularizedNet64(seed: 4);
        double[] p = model.Parameters.ToArray();
        TensorDescription k0 = model.Description.Layers[0].Tensor("kernel"), b0 = model.Description.Layers[0].Tensor("bias");
        TensorDescription k1 = model.Description.Layers[1].Tensor("kernel"), b1 = model.Description.Layers[1].Tensor("bias");
        double total = 0;
        for (int r = 0; r < 20; r++)
        {
            var h = new double[4];
            for (int j = 0; j < 4; j++)
            {
                double z = p[b0.Offset + j];
                for (int i = 0; i < 3; i++) z += x[r * 3 + i] * p[k0.Offset + i * 4 + j];
                h[j] = Math.Tanh(z);
                total += 0.1 * Math.Abs(h[j]) + 0.2 * h[j] * h[j];   // the activity, per row
            }
            for (int c = 0; c < 2; c++)
            {
                double o = p[b1.Offset + c];
                for (int j = 0; j < 4; j++) o += h[j] * p[k1.Offset + j * 2 + c];
                total += (o - y[r * 2 + c]) * (o - y[r * 2 + c]) / 2;   // the mean squared error over 2 outputs
            }
        }
        // Whatever the batching: each batch adds Σ(activity) / rows_b, weighted by rows_b in the epoch mean.
        Assert.Equal(total / 20, model.Evaluate(x, y, batchSize: 20).Loss, 1e-12);
        Assert.Equal(total / 20, model.Evaluate(x, y, batchSize: 7).Loss, 1e-12);
    }

    [Fact]
    public void Activity_OnTheSoftmaxOutput_PenalizesTheProbabilities_OverTheBatchRows()
    {
        // keras/src/layers/layer.py: the activity regularizer is applied to the layer's output, the softmax
        // probabilities (not the logits the cross-entropy is computed from), divided by the batch size.
        var random = new Random(5);
        double[] x = Enumerable.Range(0, 15 * 3).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        double[] y = OneHot.Encode(Enumerable.Range(0, 15).Select(_ => random.Next(3)).ToArray(), 3).Select(v => (double)v).ToArray();
        var model = new OutputActivitySoftmaxNet64(seed: 8);
        double[] p = model.Parameters.ToArray();
        TensorDescription k0 = model.Description.Layers[0].Tensor("kernel"), b0 = model.Description.Layers[0].Tensor("bias");
        TensorDescription k1 = model.Description.Layers[1].Tensor("kernel"), b1 = model.Description.Layers[1].Tensor("bias");
        double total = 0;
        for (int r = 0; r < 15; r++)
        {
            var h = new double[4];
            for (int j = 0; j < 4; j++)
            {
                double z = p[b0.Offset + j];
                for (int i = 0; i < 3; i++) z += x[r * 3 + i] * p[k0.Offset + i * 4 + j];
                h[j] = Math.Tanh(z);
            }
            var logits = new double[3];
            for (int c = 0; c < 3; c++)
            {
                logits[c] = p[b1.Offset + c];
                for (int j = 0; j < 4; j++) logits[c] += h[j] * p[k1.Offset + j * 3 + c];
            }
            double sum = logits.Sum(Math.Exp);
            for (int c = 0; c < 3; c++)
            {
                double probability = Math.Exp(logits[c]) / sum;
                total += 0.1 * probability + 0.3 * probability * probability;   // |p| = p
                total -= y[r * 3 + c] * Math.Log(probability);
            }
        }
        Assert.Equal(total / 15, model.Evaluate(x, y, batchSize: 15).Loss, 1e-12);
        Assert.Equal(total / 15, model.Evaluate(x, y, batchSize: 4).Loss, 1e-12);
    }

    [Fact]
    public void Activity_OnTheOutput_Trains_TheFitLossIncludesItsPenalty()
    {
        var random = new Random(9);
        double[] x = Enumerable.Range(0, 64 * 3).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        double[] y = Enumerable.Range(0, 64 * 2).Select(_ => random.NextDouble()).ToArray();
        var regularized = new OutputActivityLinearNet64(seed: 1);
        History history = regularized.Fit(x, y, new FitOptions { Epochs = 20, BatchSize = 16, Verbose = 0 });
        Assert.True(history.Loss[^1] < history.Loss[0], $"{history.Loss[0]} -> {history.Loss[^1]}");
        // The last epoch's reported loss is the mean of its batches' losses, each with the penalty: evaluating after
        // the last step is close to it, and above the plain mean squared error by the penalty.
        double withPenalty = regularized.Evaluate(x, y, batchSize: 64).Loss;
        double[] predictions = regularized.Predict(x);
        double penalty = predictions.Sum(v => 0.2 * Math.Abs(v) + 0.1 * v * v) / 64;
        double mse = predictions.Select((v, i) => (v - y[i]) * (v - y[i])).Sum() / (64 * 2);
        Assert.Equal(mse + penalty, withPenalty, 1e-12);
    }

    [Fact]
    public void ActivityRegularizationLayer_AddsThePenaltyOfItsInput_OverTheRows()
    {
        // keras/src/layers/regularization/activity_regularization.py: an activity_regularizer L1L2(l1, l2) on the
        // identity; the penalty is divided by the batch size (keras/src/layers/layer.py). The first layer's is on x.
        var random = new Random(6);
        double[] x = Enumerable.Range(0, 12 * 4).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        double[] y = Enumerable.Range(0, 12 * 2).Select(_ => random.NextDouble()).ToArray();
        var model = new ActivityRegularizationNet64(seed: 2);
        double[] p = model.Parameters.ToArray();
        TensorDescription k0 = model.Description.Layers[1].Tensor("kernel"), b0 = model.Description.Layers[1].Tensor("bias");
        TensorDescription k1 = model.Description.Layers[3].Tensor("kernel"), b1 = model.Description.Layers[3].Tensor("bias");
        double total = 0;
        for (int r = 0; r < 12; r++)
        {
            for (int i = 0; i < 4; i++) total += 0.05 * Math.Abs(x[r * 4 + i]);
            var h = new double[5];
            for (int j = 0; j < 5; j++)
            {
                double z = p[b0.Offset + j];
                for (int i = 0; i < 4; i++) z += x[r * 4 + i] * p[k0.Offset + i * 5 + j];
                h[j] = Math.Tanh(z);
                total += 0.02 * Math.Abs(h[j]) + 0.1 * h[j] * h[j];
            }
            for (int c = 0; c < 2; c++)
            {
                double o = p[b1.Offset + c];
                for (int j = 0; j < 5; j++) o += h[j] * p[k1.Offset + j * 2 + c];
                total += (o - y[r * 2 + c]) * (o - y[r * 2 + c]) / 2;
            }
        }
        Assert.Equal(total / 12, model.Evaluate(x, y, batchSize: 5).Loss, 1e-12);
        Assert.Equal([new("l1", 0.02), new("l2", 0.1)], model.Description.Layers[2].Arguments);
        Assert.Equal(LayerKind.ActivityRegularization, model.Description.Layers[2].Kind);
    }

    [Fact]
    public void Fit_WithKernelL2_KeepsTheKernelsSmallerThanWithout()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var regularized = new RegularizedDigitsNet(seed: 1);
        var plain = new DigitsNet(seed: 1);
        var options = new FitOptions { Epochs = 5, Verbose = 0 };
        History history = regularized.Fit(digits.Features, y, options);
        plain.Fit(digits.Features, y, options);
        static double SquaredNorm(ReadOnlySpan<float> p) { double s = 0; foreach (float v in p) s += v * v; return s; }
        TensorDescription kernel = regularized.Description.Layers[0].Tensor("kernel");
        Assert.True(SquaredNorm(regularized.Parameters.Slice(kernel.Offset, kernel.Length)) < SquaredNorm(plain.Parameters.Slice(kernel.Offset, kernel.Length)));
        Assert.True(history.Loss[^1] < history.Loss[0]);
    }

    [Fact]
    public void Description_ReportsTheFactorsThatAreSet_ByKerasConfigKeys()
    {
        IReadOnlyList<LayerDescription> layers = RegularizedNet64.Kernel.Description.Layers;
        Assert.Equal([new("kernel_regularizer.l1", 0.01), new("kernel_regularizer.l2", 0.02), new("bias_regularizer.l2", 0.05), new("activity_regularizer.l1", 0.03)],
            layers[0].Arguments);
        Assert.Equal([new("kernel_regularizer.l2", 0.1)], layers[4].Arguments);
        Assert.Empty(DigitsNet.Kernel.Description.Layers[0].Arguments);
    }

    [Fact]
    public void Penalty_AndGradient_FollowKerasFormulas_SignOfZeroIsZero()
    {
        double[] w = [-2, 0, 0.5];
#pragma warning disable CS0618 // the generated code's API
        Assert.Equal(0.1 * 2.5 + 0.3 * 4.25, __Internals.Regularizers.Penalty<double>(w, 0.1, 0.3), 1e-15);
        double[] g = [1, 1, 1];
        __Internals.Regularizers.AddGradient<double>(w, g, 0.1, 0.3);
        double[] expected = [1 - 0.1 - 1.2, 1, 1 + 0.1 + 0.3];
        for (int i = 0; i < 3; i++) Assert.Equal(expected[i], g[i], 1e-15);
#pragma warning restore CS0618
    }
}
