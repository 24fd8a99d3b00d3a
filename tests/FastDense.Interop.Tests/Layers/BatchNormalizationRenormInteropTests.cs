using System.IO.Compression;
using System.Text;
using System.Text.Json;
using FastDense.Data;
using FastDense.Interop.Tests.Keras;
using FastDense.Interop.Tests.Onnx;
using FastDense.Interop.Tests.PyTorch;
using PureHDF;
using PureHDF.VOL.Native;

namespace FastDense.Interop.Tests.Layers;

/// <summary>
/// Batch renormalization in every form: on the input unclipped (Keras's renorm_clipping {}), between layers without
/// beta, clipped by every key, with another renorm_momentum and synchronized, and without gamma, clipped by dmax only.
/// </summary>
[Model(Inputs = 6, Loss = Loss.CategoricalCrossentropy)]
[BatchNormalization(Renorm = true)]
[Dense(8, Activation.Relu)]
[BatchNormalization(Center = false, Renorm = true, RenormClippingRMax = 3, RenormClippingRMin = 0.25, RenormClippingDMax = 5, RenormMomentum = 0.9, Synchronized = true)]
[Dense(5, Activation.Tanh)]
[BatchNormalization(Scale = false, Renorm = true, RenormClippingDMax = 0.5)]
[Dense(3, Activation.Softmax)]
public partial class RenormInteropNet;

/// <summary><see cref="RenormInteropNet"/> without renorm: the same trainable tensors and the same modules in PyTorch.</summary>
[Model(Inputs = 6, Loss = Loss.CategoricalCrossentropy)]
[BatchNormalization]
[Dense(8, Activation.Relu)]
[BatchNormalization(Center = false, Synchronized = true)]
[Dense(5, Activation.Tanh)]
[BatchNormalization(Scale = false)]
[Dense(3, Activation.Softmax)]
public partial class RenormOffInteropNet;

/// <summary><see cref="RenormInteropNet"/> with another rmax in its second BatchNormalization.</summary>
[Model(Inputs = 6, Loss = Loss.CategoricalCrossentropy)]
[BatchNormalization(Renorm = true)]
[Dense(8, Activation.Relu)]
[BatchNormalization(Center = false, Renorm = true, RenormClippingRMax = 2, RenormClippingRMin = 0.25, RenormClippingDMax = 5, RenormMomentum = 0.9, Synchronized = true)]
[Dense(5, Activation.Tanh)]
[BatchNormalization(Scale = false, Renorm = true, RenormClippingDMax = 0.5)]
[Dense(3, Activation.Softmax)]
public partial class RenormOtherClipNet;

/// <summary>
/// Keras 3 BatchNormalization with renorm=True (keras/src/layers/normalization/batch_normalization.py, Keras 3.14 and
/// later): build adds moving_stddev, renorm_mean, renorm_stddev after moving_variance, so a layer's
/// <c>save_own_variables</c> (keras/src/layers/layer.py: trainable then non-trainable variables, numbered) stores seven
/// variables with gamma and beta; get_config ends with synchronized, renorm, renorm_clipping (the dict, {} when none was
/// given, since __init__ replaces None by {} under renorm), renorm_momentum. PyTorch's BatchNorm1d has no renorm: the
/// state_dict holds the inference statistics. ONNX export is inference, which renorm does not change.
/// </summary>
public sealed class BatchNormalizationRenormInteropTests
{
    private static readonly string[] BatchNormalizations = ["batch_normalization", "batch_normalization_1", "batch_normalization_2"];

    /// <summary>A renorm model whose every tensor is distinct, its standard deviations positive.</summary>
    private static RenormInteropNet Model(int seed)
    {
        var model = new RenormInteropNet(seed: seed);
        TestValues.Randomize(model, seed);
        foreach (TensorDescription tensor in model.Description.Tensors.Where(t => t.Name.EndsWith("_stddev", StringComparison.Ordinal)))
        {
            Span<float> values = model.State.Slice(tensor.Offset, tensor.Length);
            for (int i = 0; i < values.Length; i++) values[i] = Math.Abs(values[i]) + 0.5f;
        }
        return model;
    }

    private static byte[] SaveKeras<TKernel>(Model<TKernel, float> model) where TKernel : struct, IModelKernel<float>
    {
        using var stream = new MemoryStream();
        model.SaveKeras(stream);
        return stream.ToArray();
    }

    private static string Config(byte[] archive)
    {
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry("config.json")!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static byte[] WithConfig(byte[] archive, string config)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (ZipArchiveEntry entry in source.Entries)
            {
                using Stream stream = target.CreateEntry(entry.FullName).Open();
                if (entry.FullName == "config.json") stream.Write(Encoding.UTF8.GetBytes(config));
                else entry.Open().CopyTo(stream);
            }
        }
        return output.ToArray();
    }

    private static JsonElement[] BatchNormalizationConfigs(JsonDocument config)
        => config.RootElement.GetProperty("config").GetProperty("layers").EnumerateArray()
            .Where(l => l.GetProperty("class_name").GetString() == "BatchNormalization").Select(l => l.GetProperty("config")).ToArray();

    [Fact]
    public void WeightsFile_HoldsTheRenormVariables_AfterTheMovingStatistics_InKerasOrder()
    {
        RenormInteropNet model = Model(seed: 1);
        using var stream = new MemoryStream();
        model.SaveKerasWeights(stream);
        byte[] bytes = stream.ToArray();
        using NativeFile file = H5Files.Open(bytes);
        string[][] expected =
        [
            ["gamma", "beta", "moving_mean", "moving_variance", "moving_stddev", "renorm_mean", "renorm_stddev"],
            ["gamma", "moving_mean", "moving_variance", "moving_stddev", "renorm_mean", "renorm_stddev"],   // center=False
            ["beta", "moving_mean", "moving_variance", "moving_stddev", "renorm_mean", "renorm_stddev"],    // scale=False
        ];
        for (int k = 0; k < 3; k++)
        {
            LayerDescription layer = model.Description.Layers[2 * k];
            string group = $"layers/{BatchNormalizations[k]}/vars";
            Assert.Equal(expected[k].Length, H5Files.List(bytes).Count(d => d.Path.StartsWith(group + "/", StringComparison.Ordinal)));
            for (int i = 0; i < expected[k].Length; i++)
            {
                TensorDescription tensor = layer.Tensor(expected[k][i]);
                float[] values = (tensor.Trainable ? model.Parameters : model.State).Slice(tensor.Offset, tensor.Length).ToArray();
                Assert.Equal(values, file.Dataset($"{group}/{i}").Read<float[]>());
            }
        }
    }

    [Fact]
    public void WeightsFile_RoundTripsBitForBit_AndAFileWithoutRenormIsRefused()
    {
        RenormInteropNet model = Model(seed: 2);
        byte[] before = TestValues.Bits(model);
        using var stream = new MemoryStream();
        model.SaveKerasWeights(stream);
        var loaded = new RenormInteropNet(seed: 3);
        loaded.LoadKerasWeights(new MemoryStream(stream.ToArray()));
        Assert.Equal(before, TestValues.Bits(loaded));

        // A layer without renorm stores four variables: the renormalizing model needs seven, and is left as it was.
        using var plain = new MemoryStream();
        new RenormOffInteropNet(seed: 4).SaveKerasWeights(plain);
        Assert.Throws<ModelFileException>(() => loaded.LoadKerasWeights(new MemoryStream(plain.ToArray())));
        Assert.Equal(before, TestValues.Bits(loaded));
    }

    [Fact]
    public void KerasConfig_EndsWithSynchronizedAndTheRenormKeys_AsKerasesGetConfigWritesThem()
    {
        using JsonDocument config = JsonDocument.Parse(Config(SaveKeras(Model(seed: 1))));
        JsonElement[] layers = BatchNormalizationConfigs(config);
        Assert.All(layers, layer => Assert.Equal(
            ["name", "trainable", "dtype", "axis", "momentum", "epsilon", "center", "scale", "beta_initializer", "gamma_initializer",
             "moving_mean_initializer", "moving_variance_initializer", "beta_regularizer", "gamma_regularizer", "beta_constraint",
             "gamma_constraint", "synchronized", "renorm", "renorm_clipping", "renorm_momentum"],
            layer.EnumerateObject().Select(p => p.Name)));
        Assert.All(layers, layer => Assert.True(layer.GetProperty("renorm").GetBoolean()));
        Assert.Equal(["{}", """{"rmax":3,"rmin":0.25,"dmax":5}""", """{"dmax":0.5}"""], layers.Select(l => l.GetProperty("renorm_clipping").GetRawText()));
        Assert.Equal([0.99, 0.9, 0.99], layers.Select(l => l.GetProperty("renorm_momentum").GetDouble()));
        Assert.Equal([false, true, false], layers.Select(l => l.GetProperty("synchronized").GetBoolean()));

        // Without renorm the keys stay out (Keras before 3.14 refuses them); synchronized is still written.
        using JsonDocument off = JsonDocument.Parse(Config(SaveKeras(new RenormOffInteropNet(seed: 1))));
        JsonElement[] plain = BatchNormalizationConfigs(off);
        Assert.All(plain, layer => Assert.Equal("gamma_constraint,synchronized", string.Join(",", layer.EnumerateObject().Select(p => p.Name).TakeLast(2))));
        Assert.Equal([false, true, false], plain.Select(l => l.GetProperty("synchronized").GetBoolean()));
    }

    [Fact]
    public void KerasArchive_RoundTripsBitForBit_AndPredictsTheSame()
    {
        RenormInteropNet model = Model(seed: 5);
        byte[] before = TestValues.Bits(model);
        var copy = new RenormInteropNet(seed: 6);
        copy.LoadKeras(new MemoryStream(SaveKeras(model)));
        Assert.Equal(before, TestValues.Bits(copy));
        float[] x = TestValues.Inputs<float>(50, 6, seed: 7);
        Assert.Equal(model.Predict(x), copy.Predict(x));
    }

    [Fact]
    public void LoadKeras_ComparesRenormItsClippingMomentumAndSynchronized()
    {
        byte[] renorm = SaveKeras(Model(seed: 1)), off = SaveKeras(new RenormOffInteropNet(seed: 1));
        var model = new RenormInteropNet(seed: 2);
        byte[] before = TestValues.Bits(model);
        void Refused(byte[] archive, string message)
        {
            var error = Assert.Throws<ModelFileException>(() => model.LoadKeras(new MemoryStream(archive)));
            Assert.Equal(message, error.Message);
            Assert.Equal(before, TestValues.Bits(model));
        }

        Refused(off, "Layer 1 of config.json, BatchNormalization 'batch_normalization', has renorm = false; the model's batch_normalization_0 has renorm = true.");
        var error = Assert.Throws<ModelFileException>(() => new RenormOffInteropNet(seed: 3).LoadKeras(new MemoryStream(renorm)));
        Assert.Equal("Layer 1 of config.json, BatchNormalization 'batch_normalization', has renorm = true; the model's batch_normalization_0 has renorm = false.", error.Message);
        Refused(SaveKeras(new RenormOtherClipNet(seed: 1)),
            "Layer 3 of config.json, BatchNormalization 'batch_normalization_1', has renorm_clipping.rmax = 2; the model's batch_normalization_1 has renorm_clipping.rmax = 3.");
        string config = Config(renorm);
        Refused(WithConfig(renorm, config.Replace("\"renorm_momentum\":0.9}", "\"renorm_momentum\":0.95}", StringComparison.Ordinal)),
            "Layer 3 of config.json, BatchNormalization 'batch_normalization_1', has renorm_momentum = 0.95; the model's batch_normalization_1 has renorm_momentum = 0.9.");
        Refused(WithConfig(renorm, config.Replace("\"synchronized\":true", "\"synchronized\":false", StringComparison.Ordinal)),
            "Layer 3 of config.json, BatchNormalization 'batch_normalization_1', has synchronized = false; the model's batch_normalization_1 has synchronized = true.");
        Refused(WithConfig(renorm, config.Replace("{\"dmax\":0.5}", "{\"dmax\":0.5,\"rmid\":1}", StringComparison.Ordinal)),
            "Layer 5 of config.json, BatchNormalization 'batch_normalization_2', has renorm_clipping key 'rmid'; Keras's renorm_clipping takes rmax, rmin and dmax.");
        Refused(WithConfig(renorm, config.Replace("{\"dmax\":0.5}", "{}", StringComparison.Ordinal)),
            "Layer 5 of config.json, BatchNormalization 'batch_normalization_2', has renorm_clipping.dmax = inf; the model's batch_normalization_2 has renorm_clipping.dmax = 0.5.");
    }

    [Fact]
    public void LoadKeras_ReadsTheClippingDictAsKerasDoes()
    {
        // A missing key clips nothing, as does None, or rmin 0 (r is never negative); key order and float spelling do
        // not matter. Under renorm=False Keras ignores renorm_clipping and renorm_momentum, and so does the check.
        RenormInteropNet model = Model(seed: 1);
        byte[] archive = SaveKeras(model);
        string config = Config(archive)
            .Replace("\"renorm_clipping\":{}", "\"renorm_clipping\":null", StringComparison.Ordinal)
            .Replace("{\"rmax\":3,\"rmin\":0.25,\"dmax\":5}", "{\"dmax\":5.0,\"rmin\":0.25,\"rmax\":3.0}", StringComparison.Ordinal)
            .Replace("{\"dmax\":0.5}", "{\"rmin\":0.0,\"rmax\":null,\"dmax\":0.5}", StringComparison.Ordinal);
        var copy = new RenormInteropNet(seed: 2);
        copy.LoadKeras(new MemoryStream(WithConfig(archive, config)));
        Assert.Equal(TestValues.Bits(model), TestValues.Bits(copy));

        var plain = new RenormOffInteropNet(seed: 3);
        byte[] off = SaveKeras(plain);
        string keras314 = Config(off).Replace("\"synchronized\":false}", "\"synchronized\":false,\"renorm\":false,\"renorm_clipping\":{\"rmax\":2},\"renorm_momentum\":0.5}", StringComparison.Ordinal);
        Assert.NotEqual(Config(off), keras314);
        var plainCopy = new RenormOffInteropNet(seed: 4);
        plainCopy.LoadKeras(new MemoryStream(WithConfig(off, keras314)));
        Assert.Equal(TestValues.Bits(plain), TestValues.Bits(plainCopy));
    }

    [Fact]
    public void PyTorchStateDict_HoldsTheInferenceStatistics_AndItsModelPredictsTheSame()
    {
        RenormInteropNet model = Model(seed: 3);
        using var stream = new MemoryStream();
        model.SavePyTorchStateDict(stream);
        var file = SafetensorsFile.Parse(stream.ToArray());
        Assert.Equal(
            "nn.BatchNorm1d(6, eps=0.001, momentum=0.010000000000000009), nn.Linear(6, 8), nn.ReLU(), nn.BatchNorm1d(8, eps=0.001, momentum=0.010000000000000009), " +
            "nn.Linear(8, 5), nn.Tanh(), nn.BatchNorm1d(5, eps=0.001, momentum=0.010000000000000009), nn.Linear(5, 3), nn.Softmax(dim=-1)",
            file.Metadata["fastdense_modules"]);
        Assert.DoesNotContain(file.Order, key => key.Contains("stddev", StringComparison.Ordinal) || key.Contains("renorm", StringComparison.Ordinal));
        LayerDescription first = model.Description.Layers[0];
        float[] State(string name) => model.State.Slice(first.Tensor(name).Offset, 6).ToArray();
        Assert.Equal(State("moving_mean"), SafetensorsFile.Floats(file.Tensors["0.running_mean"].Data));
        Assert.Equal(State("moving_variance"), SafetensorsFile.Floats(file.Tensors["0.running_var"].Data));

        // The same modules without renorm load it and predict what the renormalizing model predicts.
        var plain = new RenormOffInteropNet(seed: 4);
        plain.LoadPyTorchStateDict(new MemoryStream(stream.ToArray()));
        float[] x = TestValues.Inputs<float>(40, 6, seed: 9);
        Assert.Equal(model.Predict(x), plain.Predict(x));
    }

    [Fact]
    public void PyTorchStateDict_CannotFillARenormModel_SoItsLoadIsRefused()
    {
        RenormInteropNet model = Model(seed: 3);
        using var stream = new MemoryStream();
        model.SavePyTorchStateDict(stream);
        var copy = new RenormInteropNet(seed: 4);
        byte[] before = TestValues.Bits(copy);
        var error = Assert.Throws<NotSupportedException>(() => copy.LoadPyTorchStateDict(new MemoryStream(stream.ToArray())));
        Assert.StartsWith("Layer batch_normalization_0 uses batch renormalization (Renorm = true)", error.Message);
        Assert.Throws<NotSupportedException>(() => copy.LoadPyTorchStateDict(Path.Combine(Path.GetTempPath(), "no-such-file-" + Guid.NewGuid().ToString("N"))));
        Assert.Equal(before, TestValues.Bits(copy));
    }

    [Fact]
    public void Onnx_ExportsTheInference_AndMatchesPredict()
    {
        var model = new RenormInteropNet(seed: 1);
        var random = new Random(2);
        float[] x = TestValues.Inputs<float>(300, 6, seed: 3);
        float[] y = OneHot.Encode(Enumerable.Range(0, 300).Select(_ => random.Next(3)).ToArray(), 3);
        model.Fit(x, y, new FitOptions { Epochs = 3, BatchSize = 32, Verbose = 0 });
        using var stream = new MemoryStream();
        model.ExportOnnx(stream);
        OnnxAgreement.AssertClose(model.Predict(x), OnnxRunner.Run(stream.ToArray(), x, 6), "batch renormalization");
    }
}
