using FastDense;
using FastDense.Data;
using FastDense.Interop.Tests.Keras;

namespace FastDense.Interop.Tests.PyTorch;

/// <summary>
/// PyTorch state_dict files. Sources read: torch/nn/modules/container.py (Sequential registers modules under their
/// index), module.py (state_dict keys "{prefix}{name}" for parameters then buffers), linear.py (weight (out_features,
/// in_features), bias), batchnorm.py (weight, bias, running_mean, running_var, num_batches_tracked as torch.long;
/// running = (1 - momentum) * running + momentum * batch, so momentum is 1 - Keras's), normalization.py (LayerNorm
/// weight, bias), and the safetensors format (8-byte little-endian header length, JSON header, data).
/// </summary>
public sealed class TorchStateDictTests
{
    [Fact]
    public void DigitsModel_TrainedOnDigits_RoundTripsBitForBit_AndPredictsTheSame()
    {
        Dataset digits = Datasets.LoadDigits();
        var model = new TorchDigitsNet(seed: 1);
        model.Fit(digits.Features, OneHot.Encode(digits.Labels(), 10), new FitOptions { Epochs = 2, Seed = 3, Verbose = Verbosity.Silent });
        byte[] before = TestValues.Bits(model);
        float[] predicted = model.Predict(digits.Features);
        using var folder = new TempFolder();
        string path = folder.File("digits.safetensors");

        model.SavePyTorchStateDict(path);
        model.Reinitialize(seed: 2);
        model.LoadPyTorchStateDict(path);

        Assert.Equal(before, TestValues.Bits(model));
        Assert.Equal(predicted, model.Predict(digits.Features));
    }

    [Fact]
    public void DigitsFile_HoldsTheSequentialsKeys_WithTheWeightTransposed()
    {
        var model = new TorchDigitsNet(seed: 5);
        using var stream = new MemoryStream();
        model.SavePyTorchStateDict(stream);

        var file = SafetensorsFile.Parse(stream.ToArray());

        // Linear(64, 64) is module 0, ReLU 1, Linear(64, 10) 2, Softmax 3.
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], file.Order);
        Assert.All(file.Tensors.Values, t => Assert.Equal("F32", t.DType));
        Assert.Equal([64L, 64], file.Tensors["0.weight"].Shape);
        Assert.Equal([10L, 64], file.Tensors["2.weight"].Shape);
        Assert.Equal([10L], file.Tensors["2.bias"].Shape);
        float[] weight = SafetensorsFile.Floats(file.Tensors["2.weight"].Data);
        for (int o = 0; o < 10; o++)
        {
            for (int i = 0; i < 64; i++) Assert.Equal(model.Parameters[4160 + i * 10 + o], weight[o * 64 + i]);
        }
        Assert.Equal(model.Parameters[4800..].ToArray(), SafetensorsFile.Floats(file.Tensors["2.bias"].Data));
        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Equal("nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10), nn.Softmax(dim=-1)", file.Metadata["fastdense_modules"]);
    }

    [Fact]
    public void ALinearActivation_IsNoModule_SoTheNextLinearIsModuleOne()
    {
        using var stream = new MemoryStream();
        new TorchLinearDigitsNet(seed: 1).SavePyTorchStateDict(stream);

        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias"], SafetensorsFile.Parse(stream.ToArray()).Order);
    }

    [Fact]
    public void GluIsALinearOfItsUnitsThenNnGlu_SparsemaxAKerasActivationModule_AndBothRoundTrip()
    {
        // torch/nn/modules/activation.py GLU(dim=-1): the first half of the input times the sigmoid of the second, as
        // Keras's glu splits it; torch.nn has no sparsemax, so it is a module of the user's (docs/interop.md).
        var model = new KerasRowActivationNet(seed: 1);
        TestValues.Randomize(model, seed: 10);
        byte[] before = TestValues.Bits(model);
        using var stream = new MemoryStream();
        model.SavePyTorchStateDict(stream);
        var file = SafetensorsFile.Parse(stream.ToArray());

        Assert.Equal("nn.Linear(6, 16), nn.GLU(dim=-1), nn.Dropout(p=0.1), nn.Linear(8, 10), KerasActivation(\"sparsemax\"), nn.Linear(10, 4), nn.GLU(dim=-1)",
            file.Metadata["fastdense_modules"]);
        Assert.Equal(["0.weight", "0.bias", "3.weight", "3.bias", "5.weight", "5.bias"], file.Order);
        Assert.Equal([16L, 6], file.Tensors["0.weight"].Shape);
        Assert.Equal([16L], file.Tensors["0.bias"].Shape);
        Assert.Equal([10L, 8], file.Tensors["3.weight"].Shape);
        Assert.Equal([4L, 10], file.Tensors["5.weight"].Shape);
        float[] weight = SafetensorsFile.Floats(file.Tensors["0.weight"].Data);
        for (int o = 0; o < 16; o++)
        {
            for (int i = 0; i < 6; i++) Assert.Equal(model.Parameters[i * 16 + o], weight[o * 6 + i]);
        }

        model.Reinitialize(seed: 2);
        model.LoadPyTorchStateDict(new MemoryStream(stream.ToArray()));
        Assert.Equal(before, TestValues.Bits(model));
        // Same tensors, softmax in place of sparsemax: the module lists tell them apart.
        using var sparsemaxFile = new MemoryStream();
        new KerasSparsemaxGluOutputNet(seed: 1).SavePyTorchStateDict(sparsemaxFile);
        var error = Assert.Throws<ModelFileException>(() => new KerasSoftmaxGluOutputNet(seed: 2).LoadPyTorchStateDict(new MemoryStream(sparsemaxFile.ToArray())));
        Assert.Equal(
            "The file was written for the modules nn.Linear(6, 10), KerasActivation(\"sparsemax\"), nn.Dropout(p=0.1), nn.Linear(10, 4), nn.GLU(dim=-1); this model is nn.Linear(6, 10), nn.Softmax(dim=-1), nn.Dropout(p=0.1), nn.Linear(10, 4), nn.GLU(dim=-1).",
            error.Message);
    }

    [Fact]
    public void EveryLayerKind_HasItsModulesKeys_AndRoundTrips()
    {
        var model = new TorchLayersNet(seed: 1);
        TestValues.Randomize(model, seed: 8);
        byte[] before = TestValues.Bits(model);
        using var stream = new MemoryStream();
        model.SavePyTorchStateDict(stream);
        var file = SafetensorsFile.Parse(stream.ToArray());

        Assert.Equal(
            "Normalization(6), nn.Linear(6, 8), nn.ReLU(), nn.BatchNorm1d(8, eps=0.001, momentum=0.010000000000000009), nn.Dropout(p=0.2), " +
            "nn.Linear(8, 7), nn.Tanh(), nn.BatchNorm1d(7, eps=0.001, momentum=0.09999999999999998), nn.LayerNorm(7, eps=0.001), nn.Identity(), " +
            "nn.Linear(7, 5), nn.ELU(1), nn.LayerNorm(5, eps=0.01), nn.BatchNorm1d(5, eps=0.001, momentum=0.010000000000000009, affine=False), " +
            "nn.Identity(), nn.Linear(5, 3), nn.Softmax(dim=-1)",
            file.Metadata["fastdense_modules"]);
        Assert.Equal(
            ["0.mean", "0.variance", "1.weight", "1.bias", "3.weight", "3.bias", "3.running_mean", "3.running_var", "3.num_batches_tracked",
             "5.weight", "5.bias", "7.weight", "7.bias", "7.running_mean", "7.running_var", "7.num_batches_tracked", "8.weight", "8.bias",
             "10.weight", "10.bias", "12.weight", "12.bias", "13.running_mean", "13.running_var", "13.num_batches_tracked", "15.weight", "15.bias"],
            file.Order);
        Assert.Equal("I64", file.Tensors["3.num_batches_tracked"].DType);
        Assert.Empty(file.Tensors["3.num_batches_tracked"].Shape);
        Assert.Equal(new byte[8], file.Tensors["3.num_batches_tracked"].Data);
        // center=False: the bias is BatchNorm1d's identity, zeros; scale=False: the weight is ones.
        Assert.All(SafetensorsFile.Floats(file.Tensors["7.bias"].Data), v => Assert.Equal(0f, v));
        Assert.All(SafetensorsFile.Floats(file.Tensors["12.weight"].Data), v => Assert.Equal(1f, v));
        TensorDescription movingVariance = model.Description.Tensors.Single(t => t.Name == "batch_normalization_0/moving_variance");
        Assert.Equal(model.State.Slice(movingVariance.Offset, movingVariance.Length).ToArray(), SafetensorsFile.Floats(file.Tensors["3.running_var"].Data));

        var loaded = new TorchLayersNet(seed: 2);
        loaded.LoadPyTorchStateDict(new MemoryStream(stream.ToArray()));
        Assert.Equal(before, TestValues.Bits(loaded));
    }

    [Fact]
    public void DoubleModel_WritesF64_AndRoundTripsExactly()
    {
        var model = new TorchLayersNet64(seed: 1);
        TestValues.Randomize(model, seed: 9);
        using var stream = new MemoryStream();
        model.SavePyTorchStateDict(stream);
        var file = SafetensorsFile.Parse(stream.ToArray());

        var loaded = new TorchLayersNet64(seed: 2);
        loaded.LoadPyTorchStateDict(new MemoryStream(stream.ToArray()));

        Assert.All(file.Tensors.Where(t => !t.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal)), t => Assert.Equal("F64", t.Value.DType));
        Assert.Equal(TestValues.Bits(model), TestValues.Bits(loaded));
        // And into the float twin, rounded to nearest.
        var single = new TorchLayersNet(seed: 3);
        single.LoadPyTorchStateDict(new MemoryStream(stream.ToArray()));
        for (int i = 0; i < single.Parameters.Length; i++) Assert.Equal((float)model.Parameters[i], single.Parameters[i]);
    }

    [Fact]
    public void FileFromPython_WithoutMetadata_InAnotherOrder_Loads()
    {
        // safetensors.torch.save_file orders tensors its own way and writes no FastDense metadata.
        var model = new TorchDigitsNet(seed: 5);
        using var stream = new MemoryStream();
        model.SavePyTorchStateDict(stream);
        var file = SafetensorsFile.Parse(stream.ToArray());
        var foreign = new SafetensorsFile { Tensors = file.Tensors, Order = ["2.bias", "0.weight", "2.weight", "0.bias"] };

        var loaded = new TorchDigitsNet(seed: 6);
        loaded.LoadPyTorchStateDict(new MemoryStream(foreign.Write()));

        Assert.Equal(TestValues.Bits(model), TestValues.Bits(loaded));
    }
}
