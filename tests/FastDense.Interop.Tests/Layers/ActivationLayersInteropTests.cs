using System.IO.Compression;
using System.Text.Json;
using FastDense.Interop.Tests.Keras;
using FastDense.Interop.Tests.Onnx;
using FastDense.Interop.Tests.PyTorch;
using PureHDF;
using PureHDF.VOL.Native;

namespace FastDense.Interop.Tests.Layers;

/// <summary>Every layer over one activation, PReLU (per feature and shared), AlphaDropout and Identity, in float.</summary>
[Model(Inputs = 6, Loss = Loss.CategoricalCrossentropy)]
[Dense(8)]
[BatchNormalization]
[Activation(Activation.Relu)]
[Dense(8)]
[ReLU]
[LeakyReLU]
[Dense(8)]
[ELU(Alpha = 0.5)]
[PReLU]
[Dense(8)]
[PReLU(SharedAxes = new[] { 1 }, AlphaRegularizerL2 = 0.01, AlphaConstraint = Constraint.NonNeg)]
[AlphaDropout(0.1)]
[Identity]
[Softmax]
[Dense(3, Activation.Softmax)]
public partial class ActivationLayersInteropNet;

/// <summary>ReLU with every argument, and an Activation layer with the tanh the other twin lacks.</summary>
[Model(Inputs = 4, Loss = Loss.MeanSquaredError)]
[Dense(5)]
[ReLU(MaxValue = 6, NegativeSlope = 0.1, Threshold = 0.5)]
[Activation(Activation.Tanh)]
[Dense(2)]
public partial class ReluArgumentsInteropNet;

/// <summary><see cref="ReluArgumentsInteropNet"/> with another ReLU threshold and sigmoid: the same tensors, another model.</summary>
[Model(Inputs = 4, Loss = Loss.MeanSquaredError)]
[Dense(5)]
[ReLU(MaxValue = 6, NegativeSlope = 0.1, Threshold = 0.25)]
[Activation(Activation.Sigmoid)]
[Dense(2)]
public partial class ReluArgumentsTwinNet;

/// <summary>An Activation layer with an argument: a .keras config cannot name it.</summary>
[Model(Inputs = 4, Loss = Loss.MeanSquaredError)]
[Dense(5)]
[Activation(Activation.LeakyRelu, NegativeSlope = 0.1)]
[Dense(2)]
public partial class LeakyActivationInteropNet;

/// <summary>
/// The new layer kinds in every format. Keras 3's configs from keras/src/layers/activations/activation.py, relu.py,
/// leaky_relu.py, elu.py (no get_config: Keras's automatic config of its constructor, alpha), softmax.py, prelu.py
/// (alpha_initializer, alpha_regularizer, alpha_constraint, shared_axes; alpha its one weight),
/// keras/src/layers/regularization/alpha_dropout.py (rate, seed, noise_shape) and keras/src/layers/core/identity.py;
/// the weights' paths from saving_lib's <c>naming.to_snake_case</c> of the class (ReLU → re_lu, PReLU → p_re_lu). PyTorch:
/// nn.ReLU, nn.LeakyReLU, nn.ELU, nn.Softmax, nn.PReLU (torch/nn/modules/activation.py: weight of num_parameters,
/// max(0, x) + weight · min(0, x) over dim 1), nn.AlphaDropout, nn.Identity. ONNX: Relu, LeakyRelu, Elu, Softmax, PRelu.
/// </summary>
public sealed class ActivationLayersInteropTests
{
    private static byte[] SaveKeras<TKernel>(Model<TKernel, float> model) where TKernel : struct, IModelKernel<float>
    {
        using var stream = new MemoryStream();
        model.SaveKeras(stream);
        return stream.ToArray();
    }

    private static byte[] Entry(byte[] archive, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        using var entry = new MemoryStream();
        zip.GetEntry(name)!.Open().CopyTo(entry);
        return entry.ToArray();
    }

    private static byte[] WithConfig(byte[] archive, string config)
    {
        var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read))
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (ZipArchiveEntry entry in source.Entries)
            {
                using Stream target = zip.CreateEntry(entry.FullName, CompressionLevel.NoCompression).Open();
                if (entry.FullName == "config.json") target.Write(System.Text.Encoding.UTF8.GetBytes(config));
                else entry.Open().CopyTo(target);
            }
        }
        return output.ToArray();
    }

    [Fact]
    public void KerasArchive_WritesEachLayersConfig_AsKerasDoes()
    {
        using JsonDocument document = JsonDocument.Parse(Entry(SaveKeras(new ActivationLayersInteropNet(seed: 1)), "config.json"));
        JsonElement[] layers = document.RootElement.GetProperty("config").GetProperty("layers").EnumerateArray().ToArray();
        Assert.Equal(["InputLayer", "Dense", "BatchNormalization", "Activation", "Dense", "ReLU", "LeakyReLU", "Dense", "ELU", "PReLU", "Dense", "PReLU",
            "AlphaDropout", "Identity", "Softmax", "Dense"], layers.Select(l => l.GetProperty("class_name").GetString()));
        JsonElement Config(int i) => layers[i].GetProperty("config");
        Assert.Equal(["input_layer", "dense", "batch_normalization", "activation", "dense_1", "re_lu", "leaky_re_lu", "dense_2", "elu", "p_re_lu", "dense_3",
            "p_re_lu_1", "alpha_dropout", "identity", "softmax", "dense_4"], layers.Select((_, i) => Config(i).GetProperty("name").GetString()));
        Assert.All(layers.Skip(1), l => Assert.Equal("keras.layers", l.GetProperty("module").GetString()));

        Assert.Equal("relu", Config(3).GetProperty("activation").GetString());
        Assert.Equal(JsonValueKind.Null, Config(5).GetProperty("max_value").ValueKind);
        Assert.Equal((0.0, 0.0), (Config(5).GetProperty("negative_slope").GetDouble(), Config(5).GetProperty("threshold").GetDouble()));
        Assert.Equal(0.3, Config(6).GetProperty("negative_slope").GetDouble());   // the layer's default, not the function's 0.2
        Assert.Equal(0.5, Config(8).GetProperty("alpha").GetDouble());
        Assert.Equal("Zeros", Config(9).GetProperty("alpha_initializer").GetProperty("class_name").GetString());
        Assert.Equal(JsonValueKind.Null, Config(9).GetProperty("alpha_regularizer").ValueKind);
        Assert.Equal(JsonValueKind.Null, Config(9).GetProperty("alpha_constraint").ValueKind);
        Assert.Equal(JsonValueKind.Null, Config(9).GetProperty("shared_axes").ValueKind);
        Assert.Equal("[1]", Config(11).GetProperty("shared_axes").GetRawText());
        Assert.Equal("L1L2", Config(11).GetProperty("alpha_regularizer").GetProperty("class_name").GetString());
        Assert.Equal(0.01, Config(11).GetProperty("alpha_regularizer").GetProperty("config").GetProperty("l2").GetDouble());
        Assert.Equal("NonNeg", Config(11).GetProperty("alpha_constraint").GetProperty("class_name").GetString());
        Assert.Equal(0.1, Config(12).GetProperty("rate").GetDouble());
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (Config(12).GetProperty("seed").ValueKind, Config(12).GetProperty("noise_shape").ValueKind));
        Assert.Equal(["name", "trainable", "dtype"], Config(13).EnumerateObject().Select(p => p.Name));   // Identity: the base config
        Assert.Equal(-1, Config(14).GetProperty("axis").GetInt32());
    }

    [Fact]
    public void KerasArchive_RoundTrips_AndPReLUsAlphaIsItsOneWeight()
    {
        var model = new ActivationLayersInteropNet(seed: 1);
        TestValues.Randomize(model, seed: 2);
        byte[] archive = SaveKeras(model);
        var copy = new ActivationLayersInteropNet(seed: 3);
        copy.LoadKeras(new MemoryStream(archive));
        Assert.Equal(TestValues.Bits(model), TestValues.Bits(copy));

        byte[] weights = Entry(archive, "model.weights.h5");
        var datasets = H5Files.List(weights).Where(d => !d.Path.Contains("dense", StringComparison.Ordinal) && !d.Path.Contains("batch_normalization", StringComparison.Ordinal))
            .Select(d => (d.Path, d.Shape)).OrderBy(d => d.Path, StringComparer.Ordinal).ToArray();
        Assert.Equal([("layers/p_re_lu/vars/0", new ulong[] { 8 }), ("layers/p_re_lu_1/vars/0", new ulong[] { 1 })], datasets);
        using NativeFile file = H5Files.Open(weights);
        TensorDescription[] alphas = model.Description.Layers.Where(l => l.Kind == LayerKind.PReLU).Select(l => l.Tensor("alpha")).ToArray();
        Assert.Equal(model.Parameters.Slice(alphas[0].Offset, 8).ToArray(), file.Dataset("layers/p_re_lu/vars/0").Read<float[]>());
        Assert.Equal(model.Parameters.Slice(alphas[1].Offset, 1).ToArray(), file.Dataset("layers/p_re_lu_1/vars/0").Read<float[]>());
        foreach (string empty in new[] { "activation", "re_lu", "leaky_re_lu", "elu", "alpha_dropout", "identity", "softmax" })
        {
            Assert.Empty(file.Group($"layers/{empty}/vars").Children());
            Assert.Equal(empty, file.Group($"layers/{empty}/vars").Attribute("name").Read<string>());
        }
    }

    [Theory]
    [InlineData("\"activation\":\"relu\"", "\"activation\":\"tanh\"", "has activation = tanh; the model's activation_0 has activation = relu")]
    [InlineData("\"negative_slope\":0.3", "\"negative_slope\":0.2", "has negative_slope = 0.2; the model's leaky_re_lu_0 has negative_slope = 0.3")]
    [InlineData("\"alpha\":0.5", "\"alpha\":1", "has alpha = 1; the model's elu_0 has alpha = 0.5")]
    [InlineData("\"shared_axes\":[1]", "\"shared_axes\":null", "has shared_axes = None; the model's p_re_lu_1 has shared_axes = [1]")]
    [InlineData("\"rate\":0.1", "\"rate\":0.2", "has rate = 0.2; the model's alpha_dropout_0 has rate = 0.1")]
    [InlineData("\"class_name\":\"Identity\"", "\"class_name\":\"Dropout\"", "is a Dropout; the model's layer 13 is identity_0 (Identity)")]
    public void LoadKeras_RefusesAConfigThatDiffers(string ours, string theirs, string message)
    {
        byte[] archive = SaveKeras(new ActivationLayersInteropNet(seed: 1));
        string config = System.Text.Encoding.UTF8.GetString(Entry(archive, "config.json"));
        Assert.Contains(ours, config);
        var model = new ActivationLayersInteropNet(seed: 2);
        byte[] before = TestValues.Bits(model);
        var error = Assert.Throws<ModelFileException>(() => model.LoadKeras(new MemoryStream(WithConfig(archive, config.Replace(ours, theirs, StringComparison.Ordinal)))));
        Assert.Contains(message, error.Message);
        Assert.Equal(before, TestValues.Bits(model));
    }

    [Fact]
    public void ReLUsArguments_AreWrittenAndChecked()
    {
        byte[] archive = SaveKeras(new ReluArgumentsInteropNet(seed: 1));
        using (JsonDocument document = JsonDocument.Parse(Entry(archive, "config.json")))
        {
            JsonElement relu = document.RootElement.GetProperty("config").GetProperty("layers")[2].GetProperty("config");
            Assert.Equal((6.0, 0.1, 0.5), (relu.GetProperty("max_value").GetDouble(), relu.GetProperty("negative_slope").GetDouble(), relu.GetProperty("threshold").GetDouble()));
        }
        var copy = new ReluArgumentsInteropNet(seed: 2);
        copy.LoadKeras(new MemoryStream(archive));
        Assert.Equal(new ReluArgumentsInteropNet(seed: 1).Parameters.ToArray(), copy.Parameters.ToArray());
        // The twin's tensors have the same shapes, but its ReLU threshold differs: refused at the first difference.
        var error = Assert.Throws<ModelFileException>(() => new ReluArgumentsTwinNet(seed: 3).LoadKeras(new MemoryStream(archive)));
        Assert.Contains("has threshold = 0.5; the model's re_lu_0 has threshold = 0.25", error.Message);
    }

    [Fact]
    public void AnActivationLayerWithArguments_HasNoKerasConfig_ButItsWeightsSave()
    {
        var model = new LeakyActivationInteropNet(seed: 1);
        var error = Assert.Throws<NotSupportedException>(() => model.SaveKeras(new MemoryStream()));
        Assert.Contains("activation_0 applies leaky_relu(negative_slope=0.1)", error.Message);
        Assert.Contains("LeakyReLU(...) after a linear Dense ([LeakyReLU] in FastDense)", error.Message);
        using var stream = new MemoryStream();
        model.SaveKerasWeights(stream);
        var copy = new LeakyActivationInteropNet(seed: 2);
        stream.Position = 0;
        copy.LoadKerasWeights(stream);
        Assert.Equal(model.Parameters.ToArray(), copy.Parameters.ToArray());
    }

    [Fact]
    public void PyTorchStateDict_HoldsEachModule_WithPReLUsWeight_AndRoundTrips()
    {
        var model = new ActivationLayersInteropNet(seed: 1);
        TestValues.Randomize(model, seed: 4);
        byte[] before = TestValues.Bits(model);
        using var stream = new MemoryStream();
        model.SavePyTorchStateDict(stream);
        var file = SafetensorsFile.Parse(stream.ToArray());
        Assert.Equal(
            "nn.Linear(6, 8), nn.BatchNorm1d(8, eps=0.001, momentum=0.010000000000000009), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(), nn.LeakyReLU(0.3), " +
            "nn.Linear(8, 8), nn.ELU(0.5), nn.PReLU(num_parameters=8), nn.Linear(8, 8), nn.PReLU(num_parameters=1), nn.AlphaDropout(p=0.1), nn.Identity(), " +
            "nn.Softmax(dim=-1), nn.Linear(8, 3), nn.Softmax(dim=-1)",
            file.Metadata["fastdense_modules"]);
        Assert.Equal([8L], file.Tensors["8.weight"].Shape);
        Assert.Equal([1L], file.Tensors["10.weight"].Shape);
        TensorDescription[] alphas = model.Description.Layers.Where(l => l.Kind == LayerKind.PReLU).Select(l => l.Tensor("alpha")).ToArray();
        Assert.Equal(model.Parameters.Slice(alphas[0].Offset, 8).ToArray(), SafetensorsFile.Floats(file.Tensors["8.weight"].Data));
        Assert.Equal(model.Parameters.Slice(alphas[1].Offset, 1).ToArray(), SafetensorsFile.Floats(file.Tensors["10.weight"].Data));

        model.Reinitialize(seed: 5);
        stream.Position = 0;
        model.LoadPyTorchStateDict(stream);
        Assert.Equal(before, TestValues.Bits(model));
    }

    [Fact]
    public void Onnx_ExportsEachActivationAsItsOperator_DropsAlphaDropoutAndIdentity_AndMatchesPredict()
    {
        var model = new ActivationLayersInteropNet(seed: 1);
        TestValues.Randomize(model, seed: 6);
        float[] x = TestValues.Inputs<float>(64, 6, seed: 7);
        using var stream = new MemoryStream();
        model.ExportOnnx(stream);
        byte[] file = stream.ToArray();
        Assert.Equal(["Gemm", "BatchNormalization", "Relu", "Gemm", "Relu", "LeakyRelu", "Gemm", "Elu", "PRelu", "Gemm", "PRelu", "Softmax", "Gemm", "Softmax"], Operators(file));
        OnnxAgreement.AssertClose(model.Predict(x), OnnxRunner.Run(file, x, 6), "activation layers");
    }

    [Fact]
    public void Onnx_ReLUWithArguments_MatchesPredict()
    {
        var model = new ReluArgumentsInteropNet(seed: 1);
        TestValues.Randomize(model, seed: 8);
        float[] x = TestValues.Inputs<float>(64, 4, seed: 9);
        using var stream = new MemoryStream();
        model.ExportOnnx(stream);
        OnnxAgreement.AssertClose(model.Predict(x), OnnxRunner.Run(stream.ToArray(), x, 4), "relu with arguments");
    }

    /// <summary>The op_type of each node, in order.</summary>
    private static List<string> Operators(byte[] file)
    {
        List<ProtoFields.Field> graph = ProtoFields.Read(ProtoFields.Read(file).Single(f => f.Number == 7).Bytes);
        return graph.Where(f => f.Number == 1)
            .Select(node => System.Text.Encoding.UTF8.GetString(ProtoFields.Read(node.Bytes).Single(f => f.Number == 4).Bytes))
            .ToList();
    }
}
