using System.IO.Compression;
using System.Text.Json;
using FastDense.Interop.Tests.Keras;
using FastDense.Interop.Tests.Onnx;
using FastDense.Interop.Tests.PyTorch;

namespace FastDense.Interop.Tests.Layers;

/// <summary>Keras's Dense(use_bias=False) before a BatchNormalization, and an output without a bias.</summary>
[Model(Inputs = 6, Loss = Loss.CategoricalCrossentropy)]
[Dense(8, Activation.Relu, UseBias = false)]
[BatchNormalization]
[Dense(3, Activation.Softmax, UseBias = false)]
public partial class NoBiasInteropNet;

/// <summary><see cref="NoBiasInteropNet"/> with its biases: the same kernels and layers.</summary>
[Model(Inputs = 6, Loss = Loss.CategoricalCrossentropy)]
[Dense(8, Activation.Relu)]
[BatchNormalization]
[Dense(3, Activation.Softmax)]
public partial class BiasedInteropNet;

/// <summary>Keras's OrthogonalRegularizer on the kernels: rows (its default) and columns.</summary>
[Model(Inputs = 6, Loss = Loss.CategoricalCrossentropy)]
[Dense(8, Activation.Relu, KernelRegularizerOrthogonalFactor = 0.01)]
[Dense(3, Activation.Softmax, KernelRegularizerOrthogonalFactor = 0.05, KernelRegularizerOrthogonalMode = OrthogonalRegularizerMode.Columns)]
public partial class OrthogonalInteropNet;

/// <summary>Declared initializers with and without Keras's seed, with their arguments.</summary>
[Model(Inputs = 6, Loss = Loss.CategoricalCrossentropy)]
[Dense(8, Activation.Relu, KernelInitializer = Initializer.HeNormal, KernelSeed = 42, BiasInitializer = Initializer.RandomUniform, BiasSeed = 5)]
[Dense(8, Activation.Tanh, KernelInitializer = Initializer.VarianceScaling, KernelScale = 2, KernelMode = VarianceScalingMode.FanAvg,
    KernelDistribution = VarianceScalingDistribution.Uniform, KernelSeed = -3, BiasInitializer = Initializer.Constant, BiasValue = 0.1)]
[Dense(8, Activation.Tanh, KernelInitializer = Initializer.Orthogonal, KernelGain = 2, BiasInitializer = Initializer.TruncatedNormal, BiasStddev = 0.01)]
[Dense(3, Activation.Softmax, KernelInitializer = Initializer.Identity, KernelGain = 0.5, UseBias = false)]
public partial class InitializedInteropNet;

/// <summary>
/// Dense's own arguments in every format: <c>use_bias=False</c> (keras/src/layers/core/dense.py: no bias variable, so
/// the weights file has the kernel alone and the config says <c>use_bias: false</c>; PyTorch's
/// <c>nn.Linear(bias=False)</c> registers no bias; ONNX's Gemm without its optional C).
/// </summary>
public sealed class DenseOptionsInteropTests
{
    private static NoBiasInteropNet Trained()
    {
        var model = new NoBiasInteropNet(seed: 1);
        TestValues.Randomize(model, seed: 5);
        return model;
    }

    private static byte[] Saved(Action<Stream> save)
    {
        using var stream = new MemoryStream();
        save(stream);
        return stream.ToArray();
    }

    [Fact]
    public void KerasWeights_WithoutBias_HoldTheKernelAlone_AndRoundTrip()
    {
        NoBiasInteropNet model = Trained();
        byte[] file = Saved(model.SaveKerasWeights);

        Assert.Equal(
            ["layers/dense/vars/0", "layers/batch_normalization/vars/0", "layers/batch_normalization/vars/1", "layers/batch_normalization/vars/2",
             "layers/batch_normalization/vars/3", "layers/dense_1/vars/0"],
            H5Files.List(file).Select(d => d.Path).Where(p => p.StartsWith("layers/", StringComparison.Ordinal)));
        Assert.Equal([6UL, 8UL], H5Files.List(file).Single(d => d.Path == "layers/dense/vars/0").Shape);

        var loaded = new NoBiasInteropNet(seed: 2);
        loaded.LoadKerasWeights(new MemoryStream(file));
        Assert.Equal(TestValues.Bits(model), TestValues.Bits(loaded));
    }

    [Fact]
    public void KerasWeights_OfTheBiasedTwin_AndTheReverse_AreRefused_ModelUntouched()
    {
        // The same kernels: only the bias datasets tell the files apart, and each must be where Keras would put it.
        byte[] biasedFile = Saved(new BiasedInteropNet(seed: 1).SaveKerasWeights);
        var model = new NoBiasInteropNet(seed: 2);
        byte[] before = TestValues.Bits(model);
        var extra = Assert.Throws<ModelFileException>(() => model.LoadKerasWeights(new MemoryStream(biasedFile)));
        Assert.Contains("layers/dense/vars/1", extra.Message, StringComparison.Ordinal);
        Assert.Equal(before, TestValues.Bits(model));

        var biased = new BiasedInteropNet(seed: 3);
        byte[] biasedBefore = TestValues.Bits(biased);
        var missing = Assert.Throws<ModelFileException>(() => biased.LoadKerasWeights(new MemoryStream(Saved(Trained().SaveKerasWeights))));
        Assert.Equal("layers/dense/vars/1", missing.TensorName);
        Assert.Equal(biasedBefore, TestValues.Bits(biased));
    }

    [Fact]
    public void KerasArchive_SaysUseBiasFalse_RoundTrips_AndRefusesTheBiasedTwin()
    {
        NoBiasInteropNet model = Trained();
        byte[] archive = Saved(model.SaveKeras);
        using (var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read))
        using (JsonDocument config = JsonDocument.Parse(zip.GetEntry("config.json")!.Open()))
        {
            JsonElement[] layers = config.RootElement.GetProperty("config").GetProperty("layers").EnumerateArray().ToArray();
            Assert.False(layers[1].GetProperty("config").GetProperty("use_bias").GetBoolean());
            Assert.False(layers[3].GetProperty("config").GetProperty("use_bias").GetBoolean());
        }
        var loaded = new NoBiasInteropNet(seed: 2);
        loaded.LoadKeras(new MemoryStream(archive));
        Assert.Equal(TestValues.Bits(model), TestValues.Bits(loaded));

        var error = Assert.Throws<ModelFileException>(() => loaded.LoadKeras(new MemoryStream(Saved(new BiasedInteropNet(seed: 1).SaveKeras))));
        Assert.Equal("Layer 1 of config.json, Dense 'dense' (8 units, relu), has use_bias = true; the model's dense_0 has use_bias = false.", error.Message);
    }

    [Fact]
    public void PyTorchStateDict_IsLinearWithoutBias_NoBiasKey_AndRoundTrips()
    {
        NoBiasInteropNet model = Trained();
        byte[] bytes = Saved(model.SavePyTorchStateDict);
        var file = SafetensorsFile.Parse(bytes);

        Assert.Equal("nn.Linear(6, 8, bias=False), nn.ReLU(), nn.BatchNorm1d(8, eps=0.001, momentum=0.010000000000000009), nn.Linear(8, 3, bias=False), nn.Softmax(dim=-1)",
            file.Metadata["fastdense_modules"]);
        Assert.Equal(["0.weight", "2.weight", "2.bias", "2.running_mean", "2.running_var", "2.num_batches_tracked", "3.weight"], file.Order);
        Assert.Equal([8L, 6L], file.Tensors["0.weight"].Shape);

        var loaded = new NoBiasInteropNet(seed: 2);
        loaded.LoadPyTorchStateDict(new MemoryStream(bytes));
        Assert.Equal(TestValues.Bits(model), TestValues.Bits(loaded));
    }

    [Fact]
    public void Onnx_GemmWithoutC_MatchesPredict()
    {
        NoBiasInteropNet model = Trained();
        byte[] file = Saved(stream => model.ExportOnnx(stream));

        List<ProtoFields.Field> graph = ProtoFields.Read(ProtoFields.Read(file).Single(f => f.Number == 7).Bytes);
        List<List<ProtoFields.Field>> gemms = graph.Where(f => f.Number == 1).Select(f => ProtoFields.Read(f.Bytes))
            .Where(node => System.Text.Encoding.UTF8.GetString(node.Single(f => f.Number == 4).Bytes) == "Gemm").ToList();
        Assert.Equal(2, gemms.Count);
        Assert.All(gemms, node => Assert.Equal(2, node.Count(f => f.Number == 1)));   // inputs A and B, no C
        Assert.DoesNotContain(graph.Where(f => f.Number == 5).Select(f => System.Text.Encoding.UTF8.GetString(ProtoFields.Read(f.Bytes).Single(t => t.Number == 8).Bytes)),
            name => name.EndsWith("/bias", StringComparison.Ordinal));

        float[] x = TestValues.Inputs<float>(40, 6, seed: 3);
        OnnxAgreement.AssertClose(model.Predict(x), OnnxRunner.Run(file, x, 6), "use_bias=False");
    }

    [Fact]
    public void KerasArchive_WritesOrthogonalRegularizer_AsKerasSerializesIt_AndWeightsFormatsAreUnaffected()
    {
        // keras/src/regularizers/regularizers.py OrthogonalRegularizer.get_config: {"factor": float, "mode": "rows" | "columns"}.
        var model = new OrthogonalInteropNet(seed: 1);
        TestValues.Randomize(model, seed: 2);
        byte[] archive = Saved(model.SaveKeras);
        using (var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read))
        using (JsonDocument config = JsonDocument.Parse(zip.GetEntry("config.json")!.Open()))
        {
            JsonElement[] layers = config.RootElement.GetProperty("config").GetProperty("layers").EnumerateArray().ToArray();
            Assert.Equal("""{"module":"keras.regularizers","class_name":"OrthogonalRegularizer","config":{"factor":0.01,"mode":"rows"},"registered_name":null}""",
                layers[1].GetProperty("config").GetProperty("kernel_regularizer").GetRawText());
            Assert.Equal("""{"module":"keras.regularizers","class_name":"OrthogonalRegularizer","config":{"factor":0.05,"mode":"columns"},"registered_name":null}""",
                layers[2].GetProperty("config").GetProperty("kernel_regularizer").GetRawText());
            Assert.Equal(JsonValueKind.Null, layers[1].GetProperty("config").GetProperty("bias_regularizer").ValueKind);
        }
        var loaded = new OrthogonalInteropNet(seed: 3);
        loaded.LoadKeras(new MemoryStream(archive));
        Assert.Equal(TestValues.Bits(model), TestValues.Bits(loaded));

        // A regularizer is a training term: the weights files and the inference graph hold what the plain model's would.
        byte[] torch = Saved(model.SavePyTorchStateDict);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], SafetensorsFile.Parse(torch).Order);
        var fromTorch = new OrthogonalInteropNet(seed: 4);
        fromTorch.LoadPyTorchStateDict(new MemoryStream(torch));
        Assert.Equal(TestValues.Bits(model), TestValues.Bits(fromTorch));
        float[] x = TestValues.Inputs<float>(20, 6, seed: 4);
        OnnxAgreement.AssertClose(model.Predict(x), OnnxRunner.Run(Saved(stream => model.ExportOnnx(stream)), x, 6), "orthogonal regularizer");
    }

    [Fact]
    public void KerasArchive_WritesEachDeclaredInitializer_WithItsArgumentsAndSeed()
    {
        // keras/src/initializers/random_initializers.py get_config: RandomInitializer's {seed} first ({**base_config,
        // **config}), then RandomUniform's {minval, maxval}, TruncatedNormal's {mean, stddev}, VarianceScaling's {scale,
        // mode, distribution}, Orthogonal's {gain}; constant_initializers.py: Constant {value}, Zeros {}; Identity's gain,
        // which its constructor takes. Unseeded ones have seed null (Keras's None); a layer without a bias keeps Keras's Zeros.
        var model = new InitializedInteropNet(seed: 1);
        byte[] archive = Saved(model.SaveKeras);
        using (var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read))
        using (JsonDocument config = JsonDocument.Parse(zip.GetEntry("config.json")!.Open()))
        {
            JsonElement[] layers = config.RootElement.GetProperty("config").GetProperty("layers").EnumerateArray().ToArray();
            string Text(int layer, string key) => layers[layer].GetProperty("config").GetProperty(key).GetRawText();
            static string Expected(string className, string config) => $$$"""{"module":"keras.initializers","class_name":"{{{className}}}","config":{{{config}}},"registered_name":null}""";
            Assert.Equal(Expected("HeNormal", """{"seed":42}"""), Text(1, "kernel_initializer"));
            Assert.Equal(Expected("RandomUniform", """{"seed":5,"minval":-0.05,"maxval":0.05}"""), Text(1, "bias_initializer"));
            Assert.Equal(Expected("VarianceScaling", """{"seed":-3,"scale":2,"mode":"fan_avg","distribution":"uniform"}"""), Text(2, "kernel_initializer"));
            Assert.Equal(Expected("Constant", """{"value":0.1}"""), Text(2, "bias_initializer"));
            Assert.Equal(Expected("Orthogonal", """{"seed":null,"gain":2}"""), Text(3, "kernel_initializer"));
            Assert.Equal(Expected("TruncatedNormal", """{"seed":null,"mean":0,"stddev":0.01}"""), Text(3, "bias_initializer"));
            Assert.Equal(Expected("Identity", """{"gain":0.5}"""), Text(4, "kernel_initializer"));
            Assert.Equal(Expected("Zeros", """{}"""), Text(4, "bias_initializer"));
        }
        var loaded = new InitializedInteropNet(seed: 2);
        TestValues.Randomize(loaded, seed: 3);
        loaded.LoadKeras(new MemoryStream(archive));
        Assert.Equal(TestValues.Bits(model), TestValues.Bits(loaded));
    }
}
