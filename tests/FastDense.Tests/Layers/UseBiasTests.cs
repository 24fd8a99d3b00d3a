using FastDense.Data;
using FastDense.Tests.Models;

namespace FastDense.Tests.Layers;

/// <summary>
/// Keras's <c>use_bias=False</c> on Dense (keras/src/layers/core/dense.py: <c>build</c> adds no bias weight, <c>call</c>
/// is <c>activation(matmul(inputs, kernel))</c>, and the layer's weights, hence its parameter count, are the kernel
/// alone). The gradients are checked by finite differences on every double model (CompletenessTests: NoBiasNet64,
/// NoBiasMseNet64, NoBiasSigmoidNet64); here, the layout, the values and training.
/// </summary>
[Collection(FastDense.Tests.Threading.HelperThreadsCollection.Name)]
public class UseBiasTests
{
    [Fact]
    public void Description_ListsOnlyTheKernel_AndCountsItsParametersAsKeras()
    {
        ModelDescription description = NoBiasNet64.Kernel.Description;
        Assert.Equal(["dense_0/kernel"], description.Layers[0].Tensors.Select(t => t.Name));
        Assert.Equal(["dense_1/kernel"], description.Layers[2].Tensors.Select(t => t.Name));
        Assert.Equal(["dense_2/kernel"], description.Layers[3].Tensors.Select(t => t.Name));
        // Keras's count_params of Dense(units, use_bias=False) on n inputs: n · units.
        Assert.Equal(4 * 6, description.Layers[0].ParameterCount);
        Assert.Equal(6 * 5, description.Layers[2].ParameterCount);
        Assert.Equal(5 * 3, description.Layers[3].ParameterCount);
        // The BatchNormalization's gamma and beta train; its moving statistics are state.
        Assert.Equal(4 * 6 + 2 * 6 + 6 * 5 + 5 * 3, description.ParameterCount);
        Assert.Equal(NoBiasNet64.ParameterCount, description.ParameterCount);
        Assert.Equal([new("use_bias", 0)], description.Layers[0].Arguments);
        Assert.Contains("dense_0 (Dense, linear)", description.ToString());
        Assert.Matches(@"dense_0 \(Dense, linear\)\s+\(None, 6\)\s+24\n", description.ToString());

        // A layer that keeps its bias, beside them, reports nothing.
        Assert.Equal(["dense_1/kernel", "dense_1/bias"], NoBiasMseNet64.Kernel.Description.Layers[1].Tensors.Select(t => t.Name));
        Assert.Empty(NoBiasMseNet64.Kernel.Description.Layers[1].Arguments);
    }

    [Fact]
    public void Predict_IsTheActivationOfTheProductAlone()
    {
        // sigmoid(relu(x·K0 + b0)·K1), the output without a bias term, computed here in double.
        var random = new Random(5);
        var model = new NoBiasSigmoidNet64(seed: 2);
        double[] p = model.Parameters.ToArray();
        for (int i = 0; i < p.Length; i++) p[i] = 2 * random.NextDouble() - 1;
        p.CopyTo(model.Parameters);
        TensorDescription k0 = model.Description.Layers[0].Tensor("kernel"), b0 = model.Description.Layers[0].Tensor("bias");
        TensorDescription k1 = model.Description.Layers[1].Tensor("kernel");
        double[] x = Enumerable.Range(0, 7 * 3).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        double[] predicted = model.Predict(x);
        for (int r = 0; r < 7; r++)
        {
            double z = 0;
            for (int j = 0; j < 4; j++)
            {
                double h = p[b0.Offset + j];
                for (int i = 0; i < 3; i++) h += x[r * 3 + i] * p[k0.Offset + i * 4 + j];
                z += Math.Max(h, 0) * p[k1.Offset + j];
            }
            Assert.Equal(1 / (1 + Math.Exp(-z)), predicted[r], 1e-14);
        }
    }

    [Fact]
    public void Predict_BeforeABatchNormalization_NormalizesTheProductAlone()
    {
        // Inference: softmax(tanh(BN(x·K0)·K1)·K2) with BN = (z − moving_mean) / sqrt(moving_variance + 1e-3) · gamma + beta
        // (keras/src/layers/normalization/batch_normalization.py), each Dense without a bias.
        var random = new Random(8);
        var model = new NoBiasNet64(seed: 1);
        ModelDescription description = model.Description;
        for (int i = 0; i < model.Parameters.Length; i++) model.Parameters[i] = random.NextDouble() - 0.5;
        LayerDescription norm = description.Layers[1];
        TensorDescription mean = norm.Tensor("moving_mean"), variance = norm.Tensor("moving_variance");
        for (int i = 0; i < 6; i++)
        {
            model.State[mean.Offset + i] = random.NextDouble() - 0.5;
            model.State[variance.Offset + i] = 0.5 + random.NextDouble();
        }
        double[] p = model.Parameters.ToArray(), state = model.State.ToArray();
        int k0 = description.Layers[0].Tensor("kernel").Offset, k1 = description.Layers[2].Tensor("kernel").Offset, k2 = description.Layers[3].Tensor("kernel").Offset;
        int gamma = norm.Tensor("gamma").Offset, beta = norm.Tensor("beta").Offset;
        double[] x = Enumerable.Range(0, 5 * 4).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        double[] predicted = model.Predict(x);
        for (int r = 0; r < 5; r++)
        {
            var normalized = new double[6];
            for (int j = 0; j < 6; j++)
            {
                double z = 0;
                for (int i = 0; i < 4; i++) z += x[r * 4 + i] * p[k0 + i * 6 + j];
                normalized[j] = (z - state[mean.Offset + j]) / Math.Sqrt(state[variance.Offset + j] + 1e-3) * p[gamma + j] + p[beta + j];
            }
            var hidden = new double[5];
            for (int j = 0; j < 5; j++)
            {
                double z = 0;
                for (int i = 0; i < 6; i++) z += normalized[i] * p[k1 + i * 5 + j];
                hidden[j] = Math.Tanh(z);
            }
            var logits = new double[3];
            for (int c = 0; c < 3; c++)
            {
                for (int j = 0; j < 5; j++) logits[c] += hidden[j] * p[k2 + j * 3 + c];
            }
            double sum = logits.Sum(Math.Exp);
            for (int c = 0; c < 3; c++) Assert.Equal(Math.Exp(logits[c]) / sum, predicted[r * 3 + c], 1e-14);
        }
    }

    [Fact]
    public void Float_WithoutBiases_EqualsTheBiasedModelWithZeroBiases_BitForBit()
    {
        // The products without a bias start each sum where the biased ones start from a zero bias: predictions (fused
        // relu, the softmax layer in lanes over 16-row blocks, the zero-skipping product on the digits' pixels) and a
        // training step's kernel gradients are the same bits.
        Dataset digits = Datasets.LoadDigits();
        float[] x = digits.Features[..(100 * 64)], y = OneHot.Encode(digits.Labels()[..100], 10);
        var withoutBias = new NoBiasPlainDigitsNet(seed: 3);
        var biased = new DigitsNet(seed: 3);
        LayerDescription[] layers = [.. biased.Description.Layers];
        biased.Parameters.Clear();
        foreach (LayerDescription layer in layers)
        {
            TensorDescription kernel = layer.Tensor("kernel"), ours = withoutBias.Description.Layers[layer.Name == "dense_0" ? 0 : 1].Tensor("kernel");
            withoutBias.Parameters.Slice(ours.Offset, ours.Length).CopyTo(biased.Parameters.Slice(kernel.Offset, kernel.Length));
        }
        Assert.Equal(biased.Predict(x), withoutBias.Predict(x));

        using Trainer<NoBiasPlainDigitsNet.Kernel, float> trainer = withoutBias.CreateTrainer(64);
        using Trainer<DigitsNet.Kernel, float> biasedTrainer = biased.CreateTrainer(64);
        withoutBias.Optimizer = new Sgd(learningRate: 0.1);
        biased.Optimizer = new Sgd(learningRate: 0.1);
        BatchResult ours1 = trainer.TrainStep(x.AsSpan(0, 64 * 64), y.AsSpan(0, 64 * 10), 64);
        BatchResult theirs1 = biasedTrainer.TrainStep(x.AsSpan(0, 64 * 64), y.AsSpan(0, 64 * 10), 64);
        Assert.Equal(theirs1.LossSum, ours1.LossSum);
        for (int l = 0; l < 2; l++)
        {
            TensorDescription kernel = layers[l].Tensor("kernel"), ours = withoutBias.Description.Layers[l].Tensor("kernel");
            Assert.Equal(biasedTrainer.Gradient.Slice(kernel.Offset, kernel.Length).ToArray(), trainer.Gradient.Slice(ours.Offset, ours.Length).ToArray());
        }
    }

    [Fact]
    public void Fit_BeforeABatchNormalization_LowersTheLoss()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var model = new NoBiasDigitsNet(seed: 1);
        Assert.Equal(64 * 64 + 2 * 64 + 64 * 10 + 10, model.Parameters.Length);
        History history = model.Fit(digits.Features, y, new FitOptions { Epochs = 5, Verbose = 0, ValidationSplit = 0.2 });
        Assert.True(history.Loss[^1] < history.Loss[0] / 2, $"loss {history.Loss[0]} -> {history.Loss[^1]}");
        Assert.True(history.ValidationAccuracy[^1] > 0.8, $"val_accuracy {history.ValidationAccuracy[^1]}");
    }

    [Fact]
    public void DivergenceGuard_ChecksTheKernelGradient_OfALayerWithoutABias()
    {
        // The guard checks each Dense layer's bias gradient (its deltas' column sums); a layer without one has its
        // kernel gradient checked instead. Logits of ±3e38 are finite, and so is the loss; the hidden delta
        // d1 · K1ᵀ = 1 · 3e38 − 1 · (−3e38) overflows float, so dense_0's kernel gradient (x = e0) is not finite, while
        // dense_1's bias gradient is: the step must be refused before anything moves.
        var model = new NoBiasHiddenDigitsNet();
        model.Parameters.Clear();
        LayerDescription hidden = model.Description.Layers[0], output = model.Description.Layers[1];
        model.Parameters.Slice(hidden.Tensor("kernel").Offset, hidden.Outputs).Fill(1f);   // input 0 -> every hidden unit
        model.Parameters[output.Tensor("kernel").Offset + 0] = 3e38f;                     // unit 0 -> class 0
        model.Parameters[output.Tensor("kernel").Offset + 1] = -3e38f;                    // unit 0 -> class 1
        float[] before = model.Parameters.ToArray();
        float[] x = new float[64], y = new float[10];
        x[0] = 1;
        y[1] = 1;
        History history = model.Fit(x, y, new FitOptions { Epochs = 3, BatchSize = 1, Verbose = 0, Output = new StringWriter() });

        TrainingStop stop = Assert.IsType<TrainingStop>(history.Stop);
        Assert.Equal(TrainingStopReason.NonFiniteGradient, stop.Reason);
        Assert.Equal((0, 0), (stop.Epoch, stop.Batch));
        Assert.Equal(before, model.Parameters.ToArray());
    }

    [Fact]
    public void SaveWeights_HoldsTheKernelsAlone_AndRoundTrips_AndRefusesTheBiasedTwinsFile()
    {
        var model = new NoBiasPlainDigitsNet(seed: 4);
        using var stream = new MemoryStream();
        model.SaveWeights(stream);
        var loaded = new NoBiasPlainDigitsNet(seed: 5);
        stream.Position = 0;
        loaded.LoadWeights(stream);
        Assert.Equal(model.Parameters.ToArray(), loaded.Parameters.ToArray());

        // DigitsNet has the same layers and kernels, with biases: its file is not this model's.
        using var biased = new MemoryStream();
        new DigitsNet(seed: 4).SaveWeights(biased);
        biased.Position = 0;
        float[] before = loaded.Parameters.ToArray();
        var error = Assert.Throws<ModelFileException>(() => loaded.LoadWeights(biased));
        Assert.Contains("use_bias=False", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, loaded.Parameters.ToArray());
    }
}
