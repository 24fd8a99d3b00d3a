using FastDense;
using PureHDF;
using PureHDF.VOL.Native;

namespace FastDense.Interop.Tests.Keras;

/// <summary>
/// Our files read back with PureHDF's generic API: the groups, datasets, shapes, dtypes, values and attributes that
/// Keras 3 writes and reads. Sources: keras/src/saving/saving_lib.py (H5IOStore.make/_create_h5_group: "{path}/vars"
/// with attrs["name"]; _save_container_state: layers named by class in snake case, numbered per class;
/// _walk_saveable: a Sequential's "layers" list, which omits its InputLayer, sequential.py), keras/src/layers/layer.py
/// (save_own_variables: _trainable_variables + _non_trainable_variables as "0", "1"…),
/// keras/src/layers/normalization/batch_normalization.py (gamma, beta, moving_mean, moving_variance, gamma and beta
/// only with scale and center), layer_normalization.py (gamma, beta), preprocessing/normalization.py (mean,
/// variance, count; axis=None gives scalars).
/// </summary>
public sealed class KerasWeightsLayoutTests
{
    [Fact]
    public void DigitsFile_HoldsKerasPaths_Shapes_Float32_AndTheModelsValues()
    {
        var model = new KerasDigitsNet(seed: 3);
        using var stream = new MemoryStream();
        model.SaveKerasWeights(stream);
        byte[] bytes = stream.ToArray();

        var datasets = H5Files.List(bytes);

        Assert.Equal(
            [
                ("layers/dense/vars/0", new ulong[] { 64, 64 }),
                ("layers/dense/vars/1", new ulong[] { 64 }),
                ("layers/dense_1/vars/0", new ulong[] { 64, 10 }),
                ("layers/dense_1/vars/1", new ulong[] { 10 }),
            ],
            datasets.Select(d => (d.Path, d.Shape)).OrderBy(d => d.Path, StringComparer.Ordinal).ToArray());
        Assert.All(datasets, d => Assert.Equal((H5DataTypeClass.FloatingPoint, 4), (d.Class, d.Size)));
        using NativeFile file = H5Files.Open(bytes);
        Assert.Equal(model.Parameters[..4096].ToArray(), file.Dataset("layers/dense/vars/0").Read<float[]>());
        Assert.Equal(model.Parameters[4096..4160].ToArray(), file.Dataset("layers/dense/vars/1").Read<float[]>());
        Assert.Equal(model.Parameters[4160..4800].ToArray(), file.Dataset("layers/dense_1/vars/0").Read<float[]>());
        Assert.Equal(model.Parameters[4800..].ToArray(), file.Dataset("layers/dense_1/vars/1").Read<float[]>());
        Assert.Equal(H5DataLayoutClass.Contiguous, file.Dataset("layers/dense/vars/0").Layout.Class);
    }

    [Fact]
    public void GluLayers_KeepKerassKernelOfTheirUnits_AndTheNextLayerReadsHalf()
    {
        // keras/src/layers/core/dense.py builds kernel (input_dim, units) and bias (units,) whatever the activation;
        // glu halves the output (keras/src/ops/nn.py Glu), so the next Dense's kernel is (units / 2, its units).
        var model = new KerasRowActivationNet(seed: 3);
        TestValues.Randomize(model, seed: 5);
        using var stream = new MemoryStream();
        model.SaveKerasWeights(stream);
        byte[] bytes = stream.ToArray();

        Assert.Equal(
            [
                ("layers/dense/vars/0", new ulong[] { 6, 16 }),
                ("layers/dense/vars/1", new ulong[] { 16 }),
                ("layers/dense_1/vars/0", new ulong[] { 8, 10 }),
                ("layers/dense_1/vars/1", new ulong[] { 10 }),
                ("layers/dense_2/vars/0", new ulong[] { 10, 4 }),
                ("layers/dense_2/vars/1", new ulong[] { 4 }),
            ],
            H5Files.List(bytes).Select(d => (d.Path, d.Shape)).OrderBy(d => d.Path, StringComparer.Ordinal).ToArray());
        using NativeFile file = H5Files.Open(bytes);
        Assert.Equal(model.Parameters[..96].ToArray(), file.Dataset("layers/dense/vars/0").Read<float[]>());
        var loaded = new KerasRowActivationNet(seed: 4);
        loaded.LoadKerasWeights(new MemoryStream(bytes));
        Assert.Equal(TestValues.Bits(model), TestValues.Bits(loaded));
    }

    [Fact]
    public void VarsGroups_CarryTheNameAttribute_AndTheRootHasTheModelsEmptyVars()
    {
        var model = new KerasLayersNet(seed: 1);
        using var stream = new MemoryStream();
        model.SaveKerasWeights(stream);
        using NativeFile file = H5Files.Open(stream.ToArray());

        Assert.Equal("sequential", file.Group("vars").Attribute("name").Read<string>());
        Assert.Empty(file.Group("vars").Children());
        string[] layers = file.Group("layers").Children().Select(c => c.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
            ["batch_normalization", "batch_normalization_1", "dense", "dense_1", "dense_2", "dense_3", "dropout", "gaussian_dropout",
             "gaussian_noise", "layer_normalization", "layer_normalization_1", "normalization"],
            layers);
        foreach (string layer in layers)
        {
            Assert.Equal(layer, file.Group($"layers/{layer}/vars").Attribute("name").Read<string>());
        }
        Assert.Empty(file.Group("layers/dropout/vars").Children());
        Assert.Empty(file.Group("layers/gaussian_noise/vars").Children());
        Assert.Empty(file.Group("layers/gaussian_dropout/vars").Children());
    }

    [Fact]
    public void NormalizationLayers_HoldTheirVariablesInKerasOrder_WithGammaAndBetaOnlyWhenUsed()
    {
        var model = new KerasLayersNet(seed: 1);
        TestValues.Randomize(model, seed: 2);
        using var stream = new MemoryStream();
        model.SaveKerasWeights(stream);
        byte[] bytes = stream.ToArray();
        var datasets = H5Files.List(bytes).ToDictionary(d => d.Path);
        using NativeFile file = H5Files.Open(bytes);
        float[] Values(string path) => file.Dataset(path).Read<float[]>();
        float[] Tensor(string name)
        {
            TensorDescription tensor = model.Description.Tensors.Single(t => t.Name == name);
            return (tensor.Trainable ? model.Parameters : model.State).Slice(tensor.Offset, tensor.Length).ToArray();
        }

        // Normalization: mean, variance, count (an integer scalar).
        Assert.Equal(Tensor("normalization_0/mean"), Values("layers/normalization/vars/0"));
        Assert.Equal(Tensor("normalization_0/variance"), Values("layers/normalization/vars/1"));
        Assert.Empty(datasets["layers/normalization/vars/2"].Shape);
        Assert.Equal((H5DataTypeClass.FixedPoint, 8), (datasets["layers/normalization/vars/2"].Class, datasets["layers/normalization/vars/2"].Size));
        // BatchNormalization: gamma, beta, moving_mean, moving_variance.
        Assert.Equal(Tensor("batch_normalization_0/gamma"), Values("layers/batch_normalization/vars/0"));
        Assert.Equal(Tensor("batch_normalization_0/beta"), Values("layers/batch_normalization/vars/1"));
        Assert.Equal(Tensor("batch_normalization_0/moving_mean"), Values("layers/batch_normalization/vars/2"));
        Assert.Equal(Tensor("batch_normalization_0/moving_variance"), Values("layers/batch_normalization/vars/3"));
        // center=False: no beta, the moving statistics move up to 1 and 2.
        Assert.Equal(Tensor("batch_normalization_1/gamma"), Values("layers/batch_normalization_1/vars/0"));
        Assert.Equal(Tensor("batch_normalization_1/moving_mean"), Values("layers/batch_normalization_1/vars/1"));
        Assert.Equal(Tensor("batch_normalization_1/moving_variance"), Values("layers/batch_normalization_1/vars/2"));
        Assert.DoesNotContain("layers/batch_normalization_1/vars/3", datasets.Keys);
        // LayerNormalization: gamma, beta; scale=False leaves beta alone at 0.
        Assert.Equal(Tensor("layer_normalization_0/gamma"), Values("layers/layer_normalization/vars/0"));
        Assert.Equal(Tensor("layer_normalization_0/beta"), Values("layers/layer_normalization/vars/1"));
        Assert.Equal(Tensor("layer_normalization_1/beta"), Values("layers/layer_normalization_1/vars/0"));
        Assert.DoesNotContain("layers/layer_normalization_1/vars/1", datasets.Keys);
        Assert.Equal(new ulong[] { 6, 8 }, datasets["layers/dense/vars/0"].Shape);
        Assert.Equal(new ulong[] { 5, 3 }, datasets["layers/dense_3/vars/0"].Shape);
    }

    [Fact]
    public void DoubleModel_WritesFloat64_ScalarsForANormalizationOverEverything_AndNothingForAnEmptyBatchNormalization()
    {
        var model = new KerasEdgeNet64(seed: 1);
        using var stream = new MemoryStream();
        model.SaveKerasWeights(stream);

        var datasets = H5Files.List(stream.ToArray()).ToDictionary(d => d.Path);

        Assert.Empty(datasets["layers/normalization/vars/0"].Shape);
        Assert.Equal((H5DataTypeClass.FloatingPoint, 8), (datasets["layers/normalization/vars/0"].Class, datasets["layers/normalization/vars/0"].Size));
        Assert.Empty(datasets["layers/normalization/vars/1"].Shape);
        Assert.Equal(new ulong[] { 5 }, datasets["layers/normalization_1/vars/0"].Shape);
        // batch_normalization_1 has center=False and scale=False: only the moving statistics.
        Assert.Equal(["layers/batch_normalization_1/vars/0", "layers/batch_normalization_1/vars/1"],
            datasets.Keys.Where(k => k.StartsWith("layers/batch_normalization_1/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(datasets.Keys, k => k.StartsWith("layers/layer_normalization/", StringComparison.Ordinal));
        Assert.All(datasets.Values.Where(d => d.Class == H5DataTypeClass.FloatingPoint), d => Assert.Equal(8, d.Size));
    }

    [Fact]
    public void FileWrittenWithOtherLayerNames_LoadsByClassAndPosition()
    {
        // Keras places weights by class and position, not by layer.name: the name attributes say nothing to the loader.
        var model = new KerasDigitsNet(seed: 8);
        byte[] bytes = H5Files.Write(H5Files.DigitsDatasets(model), file =>
        {
            var layers = (H5Group)file["layers"];
            ((H5Group)((H5Group)layers["dense"])["vars"]).Attributes = new Dictionary<string, object> { ["name"] = "hidden" };
            ((H5Group)((H5Group)layers["dense_1"])["vars"]).Attributes = new Dictionary<string, object> { ["name"] = "dense_7" };
        });
        var loaded = new KerasDigitsNet(seed: 9);

        loaded.LoadKerasWeights(new MemoryStream(bytes));

        Assert.Equal(TestValues.Bits(model), TestValues.Bits(loaded));
    }

    [Fact]
    public void FileWithAnOptimizer_AnInputLayerGroup_AndRootVars_Loads()
    {
        // What a compiled Functional model's file adds: optimizer/vars, an empty layers/input_layer, the root's vars.
        var model = new KerasDigitsNet(seed: 8);
        var datasets = H5Files.DigitsDatasets(model);
        datasets["optimizer/vars/0"] = new H5Dataset(12L);
        datasets["optimizer/vars/1"] = new H5Dataset(0.001f);
        byte[] bytes = H5Files.Write(datasets, file =>
        {
            ((H5Group)file["layers"])["input_layer"] = new H5Group { ["vars"] = new H5Group() };
            file["vars"] = new H5Group();
        });
        var loaded = new KerasDigitsNet(seed: 9);

        loaded.LoadKerasWeights(new MemoryStream(bytes));

        Assert.Equal(TestValues.Bits(model), TestValues.Bits(loaded));
    }
}
