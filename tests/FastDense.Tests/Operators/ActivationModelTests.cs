using FastDense.Persistence;
using FastDense.Tests.Models;

namespace FastDense.Tests.Operators;

/// <summary>
/// Activations in generated models beyond their gradients (which the completeness suite checks): the description and
/// the saved files carry Keras's names and the arguments that differ from Keras's defaults, and a model whose
/// activations take their derivatives from the kept pre-activation trains by Fit without allocating per step.
/// </summary>
[Collection(FastDense.Tests.Threading.HelperThreadsCollection.Name)]
public class ActivationModelTests
{
    [Fact]
    public void Description_CarriesTheArgumentsThatDifferFromKerasDefaults()
    {
        IReadOnlyList<LayerDescription> layers = LeakyReluThenReluArgumentsNet64.Kernel.Description.Layers;
        Assert.Equal(Activation.LeakyRelu, layers[0].Activation);
        Assert.Empty(layers[0].ActivationArguments);   // leaky_relu's default 0.2
        Assert.Equal(Activation.Relu, layers[1].Activation);
        Assert.Equal([new("negative_slope", 0.1), new("max_value", 1.5), new("threshold", 0.25)], layers[1].ActivationArguments);

        Assert.Equal([new("approximate", 1.0)], GeluApproximateThenSiluNet64.Kernel.Description.Layers[0].ActivationArguments);
        Assert.Equal([new("threshold", 0.1), new("default_value", -0.5)], ThresholdThenLeakyReluNet64.Kernel.Description.Layers[0].ActivationArguments);
        Assert.Empty(DigitsNet.Kernel.Description.Layers[0].ActivationArguments);   // plain relu
    }

    [Fact]
    public void SummaryAndSavedLayers_NameActivationsAsKerasDoes()
    {
        ModelDescription description = LeakyReluThenReluArgumentsNet64.Kernel.Description;
        Assert.Contains("dense_0 (Dense, leaky_relu)", description.ToString());
        Assert.Equal("dense_0:Dense(4,leaky_relu);dense_1:Dense(2,relu(negative_slope=0.1, max_value=1.5, threshold=0.25))", FileMetadata.LayerList(description));
        Assert.Equal("dense_0:Dense(4,gelu(approximate=True));dense_1:Dense(2,silu)", FileMetadata.LayerList(GeluApproximateThenSiluNet64.Kernel.Description));
        // The original activations keep their one-word names, so files saved before still load.
        Assert.Equal("dense_0:Dense(64,relu);dense_1:Dense(10,softmax)", FileMetadata.LayerList(DigitsNet.Kernel.Description));
    }

    [Fact]
    public void WeightsOfOtherActivationArguments_DoNotLoad()
    {
        // Same shapes, relu with arguments where the file has leaky_relu: the layer lists differ.
        string path = Path.Combine(Path.GetTempPath(), $"fastdense-activations-{Guid.NewGuid():N}.safetensors");
        try
        {
            new LeakyReluThenReluArgumentsNet64(1).SaveWeights(path);
            var other = new ReluArgumentsThenRelu6Net64(1);
            ModelFileException error = Assert.Throws<ModelFileException>(() => other.LoadWeights(path));
            Assert.Contains("relu(negative_slope=0.1, max_value=1.5, threshold=0.25)", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static (float[] X, float[] Y) Regression(int rows, int seed)
    {
        var random = new Random(seed);
        var x = new float[rows * 4];
        var y = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < 4; c++) x[r * 4 + c] = (float)(random.NextDouble() * 2 - 1);
            y[r] = MathF.Sin(2 * x[r * 4]) + x[r * 4 + 1] * x[r * 4 + 2] - 0.5f * x[r * 4 + 3];
        }
        return (x, y);
    }

    [Fact]
    public void Fit_FromInputActivations_LowersTheLoss()
    {
        (float[] x, float[] y) = Regression(512, 3);
        var model = new GeluRegressionNet(7);
        History history = model.Fit(x, y, new FitOptions { Epochs = 20, BatchSize = 32, Verbose = 0 });
        Assert.True(history.Loss[^1] < 0.5 * history.Loss[0], $"loss {history.Loss[0]:F4} -> {history.Loss[^1]:F4}");
    }

    [Fact]
    public void Glu_DescriptionSummaryAndSavedLayers_KeepItsUnits_AndItsHalvedOutput()
    {
        // keras/src/ops/nn.py Glu.compute_output_spec: the split axis halves; the Dense layer's kernel is (inputs, units).
        ModelDescription description = GluNet64.Kernel.Description;
        Assert.Equal([4, 4, 3, 2], description.Layers.Select(l => l.Outputs));
        Assert.Equal([3, 4, 4, 3], description.Layers.Select(l => l.Inputs));
        Assert.Equal([3, 8], description.Layers[0].Tensor("kernel").Shape);
        Assert.Equal([8], description.Layers[0].Tensor("bias").Shape);
        Assert.Equal([4, 6], description.Layers[2].Tensor("kernel").Shape);
        Assert.Equal([3, 4], description.Layers[3].Tensor("kernel").Shape);
        Assert.Equal(2, description.Outputs);
        Assert.Equal(2, GluNet64.OutputSize);
        Assert.Equal(3 * 8 + 8 + 4 * 6 + 6 + 3 * 4 + 4, description.ParameterCount);
        string summary = new GluNet64().Summary();
        Assert.Contains($"{"dense_0 (Dense, glu)",-35} {"(None, 4)",-20} {32,8:N0}", summary);
        Assert.Contains($"{"dense_2 (Dense, glu)",-35} {"(None, 2)",-20} {16,8:N0}", summary);
        // The layer list names Keras's argument, the units.
        Assert.Equal("dense_0:Dense(8,glu);dropout_0:Dropout;dense_1:Dense(6,glu);dense_2:Dense(4,glu)", FileMetadata.LayerList(description));
        Assert.Equal("dense_0:Dense(6,sparsemax);dense_1:Dense(4,tanh);dense_2:Dense(5,sparsemax)", FileMetadata.LayerList(SparsemaxNet64.Kernel.Description));
    }

    [Fact]
    public void SparsemaxAndGlu_WeightsRoundTrip_AndPredictIsHalfTheLastUnits()
    {
        string path = Path.Combine(Path.GetTempPath(), $"fastdense-glu-{Guid.NewGuid():N}.safetensors");
        try
        {
            var model = new SparsemaxGluNet(3);
            (float[] x, _) = Regression(10, 5);
            float[] before = model.Predict(x);
            Assert.Equal(10 * 2, before.Length);
            model.SaveWeights(path);
            var other = new SparsemaxGluNet(4);
            Assert.NotEqual(before, other.Predict(x));
            other.LoadWeights(path);
            Assert.Equal(before, other.Predict(x));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Two targets a row, for the glu output of two values.</summary>
    internal static (float[] X, float[] Y) TwoTargets(int rows, int seed)
    {
        (float[] x, float[] y) = Regression(rows, seed);
        var two = new float[rows * 2];
        for (int r = 0; r < rows; r++) (two[2 * r], two[2 * r + 1]) = (y[r], x[r * 4] * x[r * 4 + 3]);
        return (x, two);
    }

    [Fact]
    public void Fit_SparsemaxAndGlu_LowersTheLoss()
    {
        (float[] x, float[] y) = TwoTargets(512, 6);
        var model = new SparsemaxGluNet(7);
        History history = model.Fit(x, y, new FitOptions { Epochs = 30, BatchSize = 32, Verbose = 0 });
        Assert.True(history.Loss[^1] < 0.6 * history.Loss[0], $"loss {history.Loss[0]:F4} -> {history.Loss[^1]:F4}");
        Assert.Equal(512 * 2, model.Predict(x).Length);
    }

    [Fact]
    public void TrainStep_FromInputActivations_AfterWarmUp_AllocatesNothing()
    {
        (float[] x, float[] y) = Regression(256, 4);
        Trainer<GeluRegressionNet.Kernel, float> trainer = new GeluRegressionNet().CreateTrainer(32);
        void Step(int i) => trainer.TrainStep(x.AsSpan(i % 8 * 32 * 4, 32 * 4), y.AsSpan(i % 8 * 32, 32), 32);
        for (int i = 0; i < 200; i++) Step(i);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) Step(i);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
