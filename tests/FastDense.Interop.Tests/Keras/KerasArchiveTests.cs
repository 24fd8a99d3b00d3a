using System.IO.Compression;
using System.Text.Json;
using FastDense;

namespace FastDense.Interop.Tests.Keras;

/// <summary>
/// .keras archives: round trips, config.json field by field against what Keras 3 writes (keras/src/saving/saving_lib.py
/// _save_model_to_fileobj and _serialize_model_as_json; serialization_lib.py serialize_keras_object; the layers'
/// get_config in core/dense.py, core/input_layer.py, regularization/dropout.py, normalization/batch_normalization.py,
/// normalization/layer_normalization.py, preprocessing/normalization.py; models/sequential.py get_config), and the
/// architecture check's messages.
/// </summary>
public sealed class KerasArchiveTests
{
    private static byte[] Save<TKernel, T>(Model<TKernel, T> model)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        using var stream = new MemoryStream();
        model.SaveKeras(stream);
        return stream.ToArray();
    }

    private static byte[] Entry(byte[] archive, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        using var content = new MemoryStream();
        zip.GetEntry(name)!.Open().CopyTo(content);
        return content.ToArray();
    }

    private static byte[] Replace(byte[] archive, string name, byte[] content)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (ZipArchiveEntry entry in source.Entries)
            {
                using Stream stream = target.CreateEntry(entry.FullName).Open();
                if (entry.FullName == name) stream.Write(content);
                else entry.Open().CopyTo(stream);
            }
        }
        return output.ToArray();
    }

    [Fact]
    public void DigitsArchive_RoundTripsBitForBit()
    {
        var model = new KerasDigitsNet(seed: 3);
        byte[] before = TestValues.Bits(model);
        using var folder = new TempFolder();
        string path = folder.File("digits.keras");

        model.SaveKeras(path);
        var loaded = new KerasDigitsNet(seed: 4);
        loaded.LoadKeras(path);

        Assert.Equal(before, TestValues.Bits(loaded));
    }

    [Fact]
    public void EveryLayerKind_RoundTripsThroughTheArchive()
    {
        var model = new KerasLayersNet(seed: 3);
        TestValues.Randomize(model, seed: 6);
        var edge = new KerasEdgeNet64(seed: 3);
        TestValues.Randomize(edge, seed: 7);

        var loaded = new KerasLayersNet(seed: 4);
        loaded.LoadKeras(new MemoryStream(Save(model)));
        var loadedEdge = new KerasEdgeNet64(seed: 4);
        loadedEdge.LoadKeras(new MemoryStream(Save(edge)));

        Assert.Equal(TestValues.Bits(model), TestValues.Bits(loaded));
        Assert.Equal(TestValues.Bits(edge), TestValues.Bits(loadedEdge));
    }

    [Fact]
    public void Archive_HoldsKerassThreeEntries_Stored()
    {
        byte[] archive = Save(new KerasDigitsNet(seed: 1));
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);

        Assert.Equal(["metadata.json", "config.json", "model.weights.h5"], zip.Entries.Select(e => e.FullName));
        Assert.All(zip.Entries, e => Assert.Equal(e.Length, e.CompressedLength));
        using JsonDocument metadata = JsonDocument.Parse(Entry(archive, "metadata.json"));
        Assert.Equal("3.5.0", metadata.RootElement.GetProperty("keras_version").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}@\d{2}:\d{2}:\d{2}$", metadata.RootElement.GetProperty("date_saved").GetString());
        // The weights entry is the weights file, byte for byte as SaveKerasWeights writes it.
        using var weights = new MemoryStream();
        new KerasDigitsNet(seed: 1).SaveKerasWeights(weights);
        Assert.Equal(weights.ToArray(), Entry(archive, "model.weights.h5"));
    }

    [Fact]
    public void DigitsConfig_IsASequentialWithAnInputLayer_AsKerasSerializesIt()
    {
        using JsonDocument document = JsonDocument.Parse(Entry(Save(new KerasDigitsNet(seed: 1)), "config.json"));
        JsonElement root = document.RootElement;

        Assert.Equal("keras", root.GetProperty("module").GetString());
        Assert.Equal("Sequential", root.GetProperty("class_name").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("registered_name").ValueKind);
        Assert.Equal("[null,64]", root.GetProperty("build_config").GetProperty("input_shape").GetRawText());
        JsonElement config = root.GetProperty("config");
        Assert.Equal("sequential", config.GetProperty("name").GetString());
        Assert.True(config.GetProperty("trainable").GetBoolean());
        Assert.Equal("""{"module":"keras","class_name":"DTypePolicy","config":{"name":"float32"},"registered_name":null}""", config.GetProperty("dtype").GetRawText());
        Assert.Equal("[null,64]", config.GetProperty("build_input_shape").GetRawText());
        JsonElement[] layers = config.GetProperty("layers").EnumerateArray().ToArray();
        Assert.Equal(3, layers.Length);

        Assert.Equal(
            """{"module":"keras.layers","class_name":"InputLayer","config":{"batch_shape":[null,64],"dtype":"float32","sparse":false,"ragged":false,"name":"input_layer","optional":false},"registered_name":null}""",
            layers[0].GetRawText());
        JsonElement dense = layers[1];
        Assert.Equal("keras.layers", dense.GetProperty("module").GetString());
        Assert.Equal("Dense", dense.GetProperty("class_name").GetString());
        Assert.Equal("[null,64]", dense.GetProperty("build_config").GetProperty("input_shape").GetRawText());
        JsonElement denseConfig = dense.GetProperty("config");
        Assert.Equal(
            ["name", "trainable", "dtype", "units", "activation", "use_bias", "kernel_initializer", "bias_initializer",
             "kernel_regularizer", "bias_regularizer", "kernel_constraint", "bias_constraint"],
            denseConfig.EnumerateObject().Select(p => p.Name));
        Assert.Equal("dense", denseConfig.GetProperty("name").GetString());
        Assert.Equal(64, denseConfig.GetProperty("units").GetInt32());
        Assert.Equal("relu", denseConfig.GetProperty("activation").GetString());
        Assert.True(denseConfig.GetProperty("use_bias").GetBoolean());
        Assert.Equal("""{"module":"keras.initializers","class_name":"GlorotUniform","config":{"seed":null},"registered_name":null}""", denseConfig.GetProperty("kernel_initializer").GetRawText());
        Assert.Equal("""{"module":"keras.initializers","class_name":"Zeros","config":{},"registered_name":null}""", denseConfig.GetProperty("bias_initializer").GetRawText());
        Assert.Equal(JsonValueKind.Null, denseConfig.GetProperty("kernel_regularizer").ValueKind);
        JsonElement output = layers[2].GetProperty("config");
        Assert.Equal("dense_1", output.GetProperty("name").GetString());
        Assert.Equal(10, output.GetProperty("units").GetInt32());
        Assert.Equal("softmax", output.GetProperty("activation").GetString());
        Assert.Equal("[null,64]", layers[2].GetProperty("build_config").GetProperty("input_shape").GetRawText());
    }

    [Fact]
    public void NormalizationLayersConfigs_HoldTheirArguments_AsKerasNamesThem()
    {
        using JsonDocument document = JsonDocument.Parse(Entry(Save(new KerasLayersNet(seed: 1)), "config.json"));
        JsonElement[] layers = document.RootElement.GetProperty("config").GetProperty("layers").EnumerateArray().ToArray();
        JsonElement Config(int i) => layers[i].GetProperty("config");

        Assert.Equal(
            ["InputLayer", "Normalization", "Dense", "BatchNormalization", "Dropout", "Dense", "BatchNormalization", "LayerNormalization",
             "GaussianNoise", "Dense", "LayerNormalization", "GaussianDropout", "Dense"],
            layers.Select(l => l.GetProperty("class_name").GetString()));
        Assert.Equal(
            ["input_layer", "normalization", "dense", "batch_normalization", "dropout", "dense_1", "batch_normalization_1", "layer_normalization",
             "gaussian_noise", "dense_2", "layer_normalization_1", "gaussian_dropout", "dense_3"],
            layers.Select(l => l.GetProperty("config").GetProperty("name").GetString()));
        // Normalization: axis as the tuple (-1,), adapted (mean and variance None: they are weights).
        Assert.Equal("[-1]", Config(1).GetProperty("axis").GetRawText());
        Assert.False(Config(1).GetProperty("invert").GetBoolean());
        Assert.Equal(JsonValueKind.Null, Config(1).GetProperty("mean").ValueKind);
        Assert.Equal(JsonValueKind.Null, Config(1).GetProperty("variance").ValueKind);
        Assert.Equal("[null,6]", layers[1].GetProperty("build_config").GetProperty("input_shape").GetRawText());
        // BatchNormalization.
        JsonElement batch = Config(3);
        Assert.Equal(
            ["name", "trainable", "dtype", "axis", "momentum", "epsilon", "center", "scale", "beta_initializer", "gamma_initializer",
             "moving_mean_initializer", "moving_variance_initializer", "beta_regularizer", "gamma_regularizer", "beta_constraint",
             "gamma_constraint", "synchronized"],
            batch.EnumerateObject().Select(p => p.Name));
        Assert.Equal(-1, batch.GetProperty("axis").GetInt32());
        Assert.Equal(0.99, batch.GetProperty("momentum").GetDouble());
        Assert.Equal(0.001, batch.GetProperty("epsilon").GetDouble());
        Assert.True(batch.GetProperty("center").GetBoolean());
        Assert.Equal(0.9, Config(6).GetProperty("momentum").GetDouble());
        Assert.False(Config(6).GetProperty("center").GetBoolean());
        Assert.True(Config(6).GetProperty("scale").GetBoolean());
        Assert.Equal("Ones", batch.GetProperty("moving_variance_initializer").GetProperty("class_name").GetString());
        // Dropout: rate, seed (None when not declared), noise_shape.
        Assert.Equal(["name", "trainable", "dtype", "rate", "seed", "noise_shape"], Config(4).EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.2, Config(4).GetProperty("rate").GetDouble());
        Assert.Equal(JsonValueKind.Null, Config(4).GetProperty("seed").ValueKind);
        // LayerNormalization.
        JsonElement layerNorm = Config(10);
        Assert.Equal(-1, layerNorm.GetProperty("axis").GetInt32());
        Assert.Equal(0.01, layerNorm.GetProperty("epsilon").GetDouble());
        Assert.True(layerNorm.GetProperty("center").GetBoolean());
        Assert.False(layerNorm.GetProperty("scale").GetBoolean());
        Assert.False(layerNorm.GetProperty("rms_scaling").GetBoolean());
        // The noise layers.
        Assert.Equal(0.1, Config(8).GetProperty("stddev").GetDouble());
        Assert.Equal(0.3, Config(11).GetProperty("rate").GetDouble());
        Assert.Equal("elu", Config(9).GetProperty("activation").GetString());
    }

    [Fact]
    public void DoubleModel_IsAFloat64KerasModel_AndANormalizationOverEverythingHasAnEmptyAxis()
    {
        using JsonDocument document = JsonDocument.Parse(Entry(Save(new KerasEdgeNet64(seed: 1)), "config.json"));
        JsonElement config = document.RootElement.GetProperty("config");
        JsonElement[] layers = config.GetProperty("layers").EnumerateArray().ToArray();

        Assert.Equal("float64", config.GetProperty("dtype").GetProperty("config").GetProperty("name").GetString());
        Assert.Equal("float64", layers[0].GetProperty("config").GetProperty("dtype").GetString());
        Assert.All(layers[1..], l => Assert.Equal("float64", l.GetProperty("config").GetProperty("dtype").GetProperty("config").GetProperty("name").GetString()));
        Assert.Equal("[]", layers[1].GetProperty("config").GetProperty("axis").GetRawText());
        Assert.Equal("[-1]", layers[6].GetProperty("config").GetProperty("axis").GetRawText());
        Assert.True(layers[6].GetProperty("config").GetProperty("invert").GetBoolean());
    }

    [Fact]
    public void Regularizers_AreL1L2Objects_ActivityAfterDtype_AsKerasSerializesThem()
    {
        // keras/src/regularizers/regularizers.py L1L2.get_config; keras/src/layers/layer.py get_config puts
        // activity_regularizer into the base config (after dtype) only when the layer has one.
        var model = new KerasRegularizedNet(seed: 1);
        using JsonDocument config = JsonDocument.Parse(Entry(Save(model), "config.json"));
        JsonElement[] layers = config.RootElement.GetProperty("config").GetProperty("layers").EnumerateArray().ToArray();
        JsonElement hidden = layers[1].GetProperty("config");
        Assert.Equal(["name", "trainable", "dtype", "activity_regularizer", "units"], hidden.EnumerateObject().Take(5).Select(p => p.Name));
        Assert.Equal("""{"module":"keras.regularizers","class_name":"L1L2","config":{"l1":0.01,"l2":0.001},"registered_name":null}""",
            hidden.GetProperty("kernel_regularizer").GetRawText());
        Assert.Equal("""{"module":"keras.regularizers","class_name":"L1L2","config":{"l1":0,"l2":0.1},"registered_name":null}""",
            hidden.GetProperty("bias_regularizer").GetRawText());
        Assert.Equal("""{"module":"keras.regularizers","class_name":"L1L2","config":{"l1":0.0001,"l2":0},"registered_name":null}""",
            hidden.GetProperty("activity_regularizer").GetRawText());
        JsonElement output = layers[2].GetProperty("config");
        Assert.False(output.TryGetProperty("activity_regularizer", out _));
        Assert.Equal(JsonValueKind.Null, output.GetProperty("kernel_regularizer").ValueKind);

        var copy = new KerasRegularizedNet(seed: 2);
        copy.LoadKeras(new MemoryStream(Save(model)));
        Assert.Equal(model.Parameters.ToArray(), copy.Parameters.ToArray());
    }

    [Fact]
    public void Constraints_AreSerializedWithTheirArguments()
    {
        // keras/src/constraints/constraints.py: MaxNorm/UnitNorm/MinMaxNorm get_config; NonNeg has none.
        var model = new KerasConstrainedNet(seed: 1);
        using JsonDocument config = JsonDocument.Parse(Entry(Save(model), "config.json"));
        JsonElement[] layers = config.RootElement.GetProperty("config").GetProperty("layers").EnumerateArray().ToArray();
        JsonElement hidden = layers[1].GetProperty("config"), output = layers[2].GetProperty("config");
        Assert.Equal("""{"module":"keras.constraints","class_name":"MaxNorm","config":{"max_value":3,"axis":0},"registered_name":null}""",
            hidden.GetProperty("kernel_constraint").GetRawText());
        Assert.Equal("""{"module":"keras.constraints","class_name":"NonNeg","config":{},"registered_name":null}""",
            hidden.GetProperty("bias_constraint").GetRawText());
        Assert.Equal("""{"module":"keras.constraints","class_name":"MinMaxNorm","config":{"min_value":0,"max_value":1,"rate":0.5,"axis":1},"registered_name":null}""",
            output.GetProperty("kernel_constraint").GetRawText());
        Assert.Equal("""{"module":"keras.constraints","class_name":"UnitNorm","config":{"axis":0},"registered_name":null}""",
            output.GetProperty("bias_constraint").GetRawText());
    }

    [Fact]
    public void NormalizationWeights_InitializersRegularizersAndConstraints_AreSerializedAsKerasSerializesThem()
    {
        // batch_normalization.py and layer_normalization.py get_config: initializers.serialize (random_initializers.py
        // and constant_initializers.py get_config: a random initializer's seed first), regularizers.serialize
        // (L1L2), constraints.serialize (constraints.py; a 1-D weight's axis 0 is its whole vector).
        var model = new KerasNormWeightsNet(seed: 1);
        byte[] archive = Save(model);
        using JsonDocument config = JsonDocument.Parse(Entry(archive, "config.json"));
        JsonElement[] layers = config.RootElement.GetProperty("config").GetProperty("layers").EnumerateArray().ToArray();
        JsonElement batch = layers[1].GetProperty("config"), layerNorm = layers[3].GetProperty("config");
        string Raw(JsonElement layer, string key) => layer.GetProperty(key).GetRawText();

        Assert.Equal("""{"module":"keras.initializers","class_name":"Constant","config":{"value":0.5},"registered_name":null}""", Raw(batch, "beta_initializer"));
        Assert.Equal("""{"module":"keras.initializers","class_name":"RandomNormal","config":{"seed":null,"mean":1,"stddev":0.1},"registered_name":null}""", Raw(batch, "gamma_initializer"));
        Assert.Equal("""{"module":"keras.initializers","class_name":"VarianceScaling","config":{"seed":null,"scale":2,"mode":"fan_avg","distribution":"uniform"},"registered_name":null}""",
            Raw(batch, "moving_mean_initializer"));
        Assert.Equal("""{"module":"keras.initializers","class_name":"RandomUniform","config":{"seed":null,"minval":0.5,"maxval":1.5},"registered_name":null}""",
            Raw(batch, "moving_variance_initializer"));
        Assert.Equal("""{"module":"keras.regularizers","class_name":"L1L2","config":{"l1":0.0001,"l2":0},"registered_name":null}""", Raw(batch, "beta_regularizer"));
        Assert.Equal("""{"module":"keras.regularizers","class_name":"L1L2","config":{"l1":0,"l2":0.001},"registered_name":null}""", Raw(batch, "gamma_regularizer"));
        Assert.Equal("""{"module":"keras.constraints","class_name":"NonNeg","config":{},"registered_name":null}""", Raw(batch, "beta_constraint"));
        Assert.Equal("""{"module":"keras.constraints","class_name":"MinMaxNorm","config":{"min_value":0.5,"max_value":1,"rate":1,"axis":0},"registered_name":null}""",
            Raw(batch, "gamma_constraint"));

        // Without center, beta's arguments are Keras's defaults (FD0028 refuses any other).
        Assert.Equal("""{"module":"keras.initializers","class_name":"Zeros","config":{},"registered_name":null}""", Raw(layerNorm, "beta_initializer"));
        Assert.Equal("""{"module":"keras.initializers","class_name":"HeUniform","config":{"seed":null},"registered_name":null}""", Raw(layerNorm, "gamma_initializer"));
        Assert.Equal(JsonValueKind.Null, layerNorm.GetProperty("beta_regularizer").ValueKind);
        Assert.Equal("""{"module":"keras.regularizers","class_name":"L1L2","config":{"l1":0.01,"l2":0.02},"registered_name":null}""", Raw(layerNorm, "gamma_regularizer"));
        Assert.Equal(JsonValueKind.Null, layerNorm.GetProperty("beta_constraint").ValueKind);
        Assert.Equal("""{"module":"keras.constraints","class_name":"MaxNorm","config":{"max_value":3,"axis":0},"registered_name":null}""", Raw(layerNorm, "gamma_constraint"));
        // The keys and their order are get_config's, as for the defaults.
        Assert.Equal(
            ["name", "trainable", "dtype", "axis", "epsilon", "center", "scale", "rms_scaling", "beta_initializer", "gamma_initializer", "beta_regularizer",
             "gamma_regularizer", "beta_constraint", "gamma_constraint"],
            layerNorm.EnumerateObject().Select(p => p.Name));

        // And back: the archive loads into the same declaration, weights and moving statistics alike.
        var copy = new KerasNormWeightsNet(seed: 2);
        Assert.NotEqual(model.State.ToArray(), copy.State.ToArray());
        copy.LoadKeras(new MemoryStream(archive));
        Assert.Equal(model.Parameters.ToArray(), copy.Parameters.ToArray());
        Assert.Equal(model.State.ToArray(), copy.State.ToArray());
    }

    [Fact]
    public void ActivationWithArguments_CannotBeSavedAsAnArchive_ButItsWeightsCan()
    {
        var model = new KerasLeakyNet(seed: 1);

        var error = Assert.Throws<NotSupportedException>(() => model.SaveKeras(new MemoryStream()));

        Assert.Contains("leaky_relu(negative_slope=0.1)", error.Message, StringComparison.Ordinal);
        model.SaveKerasWeights(new MemoryStream());
    }

    [Fact]
    public void ArchiveOfAnotherActivation_IsRefused_NamingTheLayerAndBothActivations()
    {
        byte[] archive = Save(new KerasDigitsTanhNet(seed: 1));
        var model = new KerasDigitsNet(seed: 2);
        byte[] before = TestValues.Bits(model);

        var error = Assert.Throws<ModelFileException>(() => model.LoadKeras(new MemoryStream(archive)));

        Assert.Equal(
            "Layer 1 of config.json, Dense 'dense' (64 units, tanh), has activation = tanh; the model's dense_0 has activation = relu.",
            error.Message);
        Assert.Equal(before, TestValues.Bits(model));
    }

    [Fact]
    public void ArchiveOfOtherUnits_IsRefused_NamingTheLayerAndBothWidths()
    {
        byte[] archive = Save(new KerasNarrowDigitsNet(seed: 1));

        var error = Assert.Throws<ModelFileException>(() => new KerasDigitsNet(seed: 2).LoadKeras(new MemoryStream(archive)));

        Assert.Equal("Layer 1 of config.json, Dense 'dense' (32 units, relu), has units = 32; the model's dense_0 has units = 64.", error.Message);
    }

    [Fact]
    public void SparsemaxAndAGluOutput_AreNamedByKeras_GluKeepsItsUnits_AndRoundTrip()
    {
        // Keras 3 serializes a built-in activation by its name (keras/src/activations/__init__.py serialize); a Dense
        // layer's units are its constructor argument, the kernel's width (keras/src/layers/core/dense.py), which glu
        // halves on the way out (keras/src/ops/nn.py Glu).
        var model = new KerasSparsemaxGluOutputNet(seed: 3);
        TestValues.Randomize(model, seed: 9);
        byte[] archive = Save(model);
        using JsonDocument document = JsonDocument.Parse(Entry(archive, "config.json"));
        JsonElement[] layers = document.RootElement.GetProperty("config").GetProperty("layers").EnumerateArray().ToArray();
        Assert.Equal(["InputLayer", "Dense", "Dropout", "Dense"], layers.Select(l => l.GetProperty("class_name").GetString()));
        Assert.Equal([10, 4], new[] { layers[1], layers[3] }.Select(l => l.GetProperty("config").GetProperty("units").GetInt32()));
        Assert.Equal(["sparsemax", "glu"], new[] { layers[1], layers[3] }.Select(l => l.GetProperty("config").GetProperty("activation").GetString()));

        var loaded = new KerasSparsemaxGluOutputNet(seed: 4);
        loaded.LoadKeras(new MemoryStream(archive));
        Assert.Equal(TestValues.Bits(model), TestValues.Bits(loaded));
        float[] x = TestValues.Inputs<float>(5, 6, seed: 2);
        Assert.Equal(model.Predict(x), loaded.Predict(x));
    }

    [Fact]
    public void HiddenGlu_CannotBeSavedAsAnArchive_ButItsWeightsCan()
    {
        // Keras's Dense.compute_output_shape gives units whatever the activation, so a Sequential would build the layer
        // after Dense(16, glu) on 16 features where glu gives 8 (keras/src/layers/core/dense.py).
        var model = new KerasRowActivationNet(seed: 1);

        var error = Assert.Throws<NotSupportedException>(() => model.SaveKeras(new MemoryStream()));

        Assert.StartsWith("Layer dense_0 applies glu before other layers: Keras's Dense reports its output as units = 16 wide", error.Message, StringComparison.Ordinal);
        Assert.Contains("keras.layers.Dense(16) followed by keras.layers.Lambda(keras.activations.glu)", error.Message, StringComparison.Ordinal);
        model.SaveKerasWeights(new MemoryStream());
    }

    [Fact]
    public void ArchiveOfGlu_IntoAModelOfOtherUnits_IsRefused_NamingBothUnits()
    {
        byte[] archive = Save(new KerasSparsemaxGluOutputNet(seed: 1));

        var error = Assert.Throws<ModelFileException>(() => new KerasSparsemaxReluOutputNet(seed: 2).LoadKeras(new MemoryStream(archive)));

        Assert.Equal("Layer 3 of config.json, Dense 'dense_1' (4 units, glu), has units = 4; the model's dense_1 has units = 2.", error.Message);
        error = Assert.Throws<ModelFileException>(() => new KerasSparsemaxGluOutputNet(seed: 2).LoadKeras(new MemoryStream(Save(new KerasSparsemaxReluOutputNet(seed: 1)))));
        Assert.Equal("Layer 3 of config.json, Dense 'dense_1' (2 units, relu), has units = 2; the model's dense_1 has units = 4.", error.Message);
    }

    [Fact]
    public void ArchiveOfSoftmax_IntoASparsemaxLayer_IsRefused()
    {
        byte[] archive = Save(new KerasSoftmaxGluOutputNet(seed: 1));

        var error = Assert.Throws<ModelFileException>(() => new KerasSparsemaxGluOutputNet(seed: 2).LoadKeras(new MemoryStream(archive)));

        Assert.Equal("Layer 1 of config.json, Dense 'dense' (10 units, softmax), has activation = softmax; the model's dense_0 has activation = sparsemax.", error.Message);
    }

    [Fact]
    public void ArchiveOfAnotherInputWidth_IsRefused_WithBothWidths()
    {
        byte[] archive = Save(new KerasLayersNet(seed: 1));

        var error = Assert.Throws<ModelFileException>(() => new KerasDigitsNet(seed: 2).LoadKeras(new MemoryStream(archive)));

        Assert.Equal("config.json's InputLayer takes 6 features; the model takes 64.", error.Message);
    }

    [Fact]
    public void ArchiveWithAnotherMomentum_IsRefused()
    {
        byte[] archive = Save(new KerasLayersMomentumNet(seed: 1));
        var model = new KerasLayersNet(seed: 2);
        byte[] before = TestValues.Bits(model);

        var error = Assert.Throws<ModelFileException>(() => model.LoadKeras(new MemoryStream(archive)));

        Assert.Equal("Layer 3 of config.json, BatchNormalization 'batch_normalization', has momentum = 0.95; the model's batch_normalization_0 has momentum = 0.99.", error.Message);
        Assert.Equal(before, TestValues.Bits(model));
    }

    [Fact]
    public void ArchiveWithMoreLayers_IsRefused_NamingTheExtraLayer()
    {
        byte[] archive = Save(new KerasDeepDigitsNet(seed: 1));

        var error = Assert.Throws<ModelFileException>(() => new KerasDigitsNet(seed: 2).LoadKeras(new MemoryStream(archive)));

        // The second layers differ first: relu in the file, softmax in the model.
        Assert.Contains("Layer 2 of config.json, Dense 'dense_1' (10 units, relu), has activation = relu", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigWithALayerKindInPlaceOfAnother_IsRefused()
    {
        byte[] archive = Save(new KerasDigitsNet(seed: 1));
        string config = System.Text.Encoding.UTF8.GetString(Entry(archive, "config.json"))
            .Replace("\"class_name\":\"Dense\",\"config\":{\"name\":\"dense_1\"", "\"class_name\":\"Dropout\",\"config\":{\"name\":\"dropout\"", StringComparison.Ordinal);

        var error = Assert.Throws<ModelFileException>(() => new KerasDigitsNet(seed: 2).LoadKeras(new MemoryStream(Replace(archive, "config.json", System.Text.Encoding.UTF8.GetBytes(config)))));

        Assert.Equal("Layer 2 of config.json, Dropout 'dropout', is a Dropout; the model's layer 2 is dense_1 (Dense, 10 units, softmax).", error.Message);
    }

    [Fact]
    public void ConfigWithAFunctionalModel_IsRefused()
    {
        byte[] archive = Replace(Save(new KerasDigitsNet(seed: 1)), "config.json", """{"module":"keras","class_name":"Functional","config":{}}"""u8.ToArray());

        var error = Assert.Throws<ModelFileException>(() => new KerasDigitsNet(seed: 2).LoadKeras(new MemoryStream(archive)));

        Assert.Contains("describes a Functional", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DamagedArchives_AreRefused_ModelUntouched()
    {
        byte[] archive = Save(new KerasDigitsNet(seed: 1));
        var candidates = new List<byte[]>
        {
            archive[..(archive.Length / 2)],
            archive[..(archive.Length - 30)],
            archive[..100],
            Array.Empty<byte>(),
            Replace(archive, "config.json", "{not json"u8.ToArray()),
            Replace(archive, "model.weights.h5", Entry(archive, "model.weights.h5")[..5000]),
        };
        using (var output = new MemoryStream())
        {
            using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            {
                using Stream config = zip.CreateEntry("config.json").Open();
                config.Write(Entry(archive, "config.json"));
            }
            candidates.Add(output.ToArray());
        }
        foreach (byte[] bytes in candidates)
        {
            var model = new KerasDigitsNet(seed: 2);
            byte[] before = TestValues.Bits(model);
            Assert.Throws<ModelFileException>(() => model.LoadKeras(new MemoryStream(bytes)));
            Assert.Equal(before, TestValues.Bits(model));
        }
    }

    [Fact]
    public void ArchiveWhoseWeightsDisagreeWithItsConfig_IsRefused_NamingTheDataset()
    {
        byte[] archive = Save(new KerasDigitsNet(seed: 1));
        using var narrow = new MemoryStream();
        new KerasNarrowDigitsNet(seed: 1).SaveKerasWeights(narrow);

        var error = Assert.Throws<ModelFileException>(() => new KerasDigitsNet(seed: 2).LoadKeras(new MemoryStream(Replace(archive, "model.weights.h5", narrow.ToArray()))));

        Assert.Equal("layers/dense/vars/0", error.TensorName);
        Assert.StartsWith("The archive's model.weights.h5: ", error.Message, StringComparison.Ordinal);
    }
}
