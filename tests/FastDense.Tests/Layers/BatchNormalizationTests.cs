using FastDense.Data;
using FastDense.Layers;
using FastDense.Tests.Models;

namespace FastDense.Tests.Layers;

/// <summary>
/// BatchNormalization as Keras defines it (keras/src/layers/normalization/batch_normalization.py, <c>call</c>: in
/// training the batch's <c>moments</c> — population variance, keras/src/backend/tensorflow/nn.py — normalize and the
/// moving statistics are assigned <c>moving · momentum + batch · (1 − momentum)</c>; in inference the moving statistics
/// normalize; <c>batch_normalization</c> is <c>(x − mean) / sqrt(variance + epsilon) · gamma + beta</c>).
/// </summary>
[Collection(FastDense.Tests.Threading.HelperThreadsCollection.Name)]
public class BatchNormalizationTests
{
    [Fact]
    public void Training_NormalizesByTheBatch_AndInference_ByTheMovingStatistics()
    {
        // Two columns over three rows: column 0 = 1, 2, 3 (mean 2, variance 2/3), column 1 = 4, 4, 4 (variance 0).
        double[] x = [1, 4, 2, 4, 3, 4];
        double[] gamma = [2, 0.5], beta = [0.1, -1], movingMean = [0.5, 1], movingVariance = [4, 9];
        const double epsilon = 1e-3;
        var output = new double[6];
        var normalized = new double[6];
        var mean = new double[2];
        var variance = new double[2];
        var inverse = new double[2];
        BatchNormalizationMath.Forward<double>(x, output, normalized, mean, variance, inverse, gamma, beta, movingMean, movingVariance, 3, 2, epsilon, training: true);
        Assert.Equal([2.0, 4.0], mean);
        Assert.Equal(2.0 / 3, variance[0], 15);
        Assert.Equal(0.0, variance[1]);
        for (int r = 0; r < 3; r++)
        {
            Assert.Equal((x[r * 2] - 2) / Math.Sqrt(2.0 / 3 + epsilon) * 2 + 0.1, output[r * 2], 12);
            Assert.Equal(-1.0, output[r * 2 + 1], 12);
        }

        BatchNormalizationMath.Forward<double>(x, output, normalized, mean, variance, inverse, gamma, beta, movingMean, movingVariance, 3, 2, epsilon, training: false);
        for (int r = 0; r < 3; r++)
        {
            Assert.Equal((x[r * 2] - 0.5) / Math.Sqrt(4 + epsilon) * 2 + 0.1, output[r * 2], 12);
            Assert.Equal((4 - 1) / Math.Sqrt(9 + epsilon) * 0.5 - 1, output[r * 2 + 1], 12);
        }
    }

    [Fact]
    public void MovingStatistics_FollowKerasAssignment()
    {
        double[] movingMean = [0, 1], movingVariance = [1, 1];
        BatchNormalizationMath.UpdateMoving<double>(movingMean, movingVariance, [2, 3], [0.5, 4], momentum: 0.99);
        Assert.Equal(0 * 0.99 + 2 * 0.01, movingMean[0], 15);
        Assert.Equal(1 * 0.99 + 3 * 0.01, movingMean[1], 15);
        Assert.Equal(1 * 0.99 + 0.5 * 0.01, movingVariance[0], 15);
        Assert.Equal(1 * 0.99 + 4 * 0.01, movingVariance[1], 15);
    }

    [Fact]
    public void ATrainingStep_MovesTheMovingStatistics_TowardItsBatchsStatistics()
    {
        // One step of 32 rows: moving_mean = 0 · 0.99 + μ_B · 0.01 and moving_variance = 1 · 0.99 + σ²_B · 0.01, where μ_B,
        // σ²_B are the batch's statistics of the BatchNormalization's input: relu(x · kernel + bias) of dense_0, computed
        // here with the naive product from the weights before the step.
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var model = new BatchNormDigitsNet(seed: 6);
        LayerDescription dense = model.Description.Layers[0];
        float[] kernel = model.Parameters.Slice(dense.Tensor("kernel").Offset, 64 * 64).ToArray();
        float[] bias = model.Parameters.Slice(dense.Tensor("bias").Offset, 64).ToArray();
        var hidden = new float[32 * 64];
        FastDense.Kernels.MatrixProductsNaive.Forward<float>(digits.Features.AsSpan(0, 32 * 64), kernel, bias, hidden, 32, 64, 64);
        using Trainer<BatchNormDigitsNet.Kernel, float> trainer = model.CreateTrainer(32);
        trainer.TrainStep(digits.Features.AsSpan(0, 32 * 64), y.AsSpan(0, 32 * 10), 32);

        LayerDescription norm = model.Description.Layers[1];
        int meanOffset = norm.Tensor("moving_mean").Offset, varianceOffset = norm.Tensor("moving_variance").Offset;
        for (int j = 0; j < 64; j++)
        {
            double[] column = Enumerable.Range(0, 32).Select(r => (double)Math.Max(hidden[r * 64 + j], 0)).ToArray();
            double mean = column.Average(), variance = column.Select(v => (v - mean) * (v - mean)).Average();
            Assert.Equal(0.01 * mean, model.State[meanOffset + j], 1e-4 * Math.Max(1, mean));
            Assert.Equal(0.99 + 0.01 * variance, model.State[varianceOffset + j], 1e-4 * Math.Max(1, variance));
        }
    }

    [Fact]
    public void Fit_Learns_AndInferenceUsesTheMovingStatistics()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var model = new BatchNormDigitsNet();
        TensorDescription movingMean = model.Description.Layers[1].Tensor("moving_mean");
        Assert.False(movingMean.Trainable);
        History history = model.Fit(digits.Features, y, new FitOptions { Epochs = 15, ValidationSplit = 0.2, Verbose = 0 });
        // Measured: val_accuracy 0.89-0.90 from epoch 9 (the moving statistics, momentum 0.99, trail the weights by about
        // two epochs of 45 steps); training accuracy 0.97.
        Assert.True(history.ValidationAccuracy[^1] > 0.85, $"val_accuracy {string.Join(", ", history.ValidationAccuracy)}");

        // Inference reads the moving statistics: changing them changes the predictions.
        float[] before = model.Predict(digits.Features[..640]);
        model.State[movingMean.Offset] += 10;
        Assert.NotEqual(before, model.Predict(digits.Features[..640]));
    }

    [Fact]
    public void AModelWithBatchNormalization_TrainsEachBatchOnOneThread()
    {
        Assert.True(Trainer<BatchNormDigitsNet.Kernel, float>.WholeBatch);
        Assert.False(Trainer<DigitsNet.Kernel, float>.WholeBatch);
        // Two threads asked for: the batch statistics must be the whole batch's, so the result is one thread's, bit for bit.
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        float[] Train(int threads)
        {
            var model = new BatchNormDigitsNet(seed: 4);
            model.Fit(digits.Features, y, new FitOptions { Epochs = 2, BatchSize = 128, Threads = threads, Verbose = 0 });
            return [.. model.Parameters, .. model.State];
        }
        Assert.Equal(Train(1), Train(2));
    }

    [Fact]
    public void TrainStep_WithBatchNormalization_AllocatesNothing()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        using Trainer<BatchNormDigitsNet.Kernel, float> trainer = new BatchNormDigitsNet().CreateTrainer(32);
        trainer.SkipsNonFiniteSteps = true;
        for (int i = 0; i < 200; i++) trainer.TrainStep(digits.Features.AsSpan(i % 50 * 32 * 64, 32 * 64), y.AsSpan(i % 50 * 32 * 10, 32 * 10), 32);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) trainer.TrainStep(digits.Features.AsSpan(i % 50 * 32 * 64, 32 * 64), y.AsSpan(i % 50 * 32 * 10, 32 * 10), 32);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
