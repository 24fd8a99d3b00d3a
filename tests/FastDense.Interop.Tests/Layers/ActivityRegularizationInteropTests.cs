using System.IO.Compression;
using System.Text.Json;
using FastDense.Data;
using FastDense.Interop.Tests.Onnx;

namespace FastDense.Interop.Tests.Layers;

/// <summary>An ActivityRegularization layer (no weights; a penalty in training only) in every format.</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(32, Activation.Relu)]
[ActivityRegularization(L1 = 1e-4, L2 = 2e-4)]
[Dense(10, Activation.Softmax)]
public partial class ActivityRegularizedDigitsNet;

public sealed class ActivityRegularizationInteropTests
{
    [Fact]
    public void KerasArchive_HoldsTheLayersConfig_AndRoundTrips()
    {
        // keras/src/layers/regularization/activity_regularization.py get_config: l1, l2 beside the base config.
        var model = new ActivityRegularizedDigitsNet(seed: 1);
        using var stream = new MemoryStream();
        model.SaveKeras(stream);
        byte[] archive = stream.ToArray();
        using (var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read))
        using (JsonDocument config = JsonDocument.Parse(zip.GetEntry("config.json")!.Open()))
        {
            JsonElement layer = config.RootElement.GetProperty("config").GetProperty("layers")[2];
            Assert.Equal("ActivityRegularization", layer.GetProperty("class_name").GetString());
            Assert.Equal("activity_regularization", layer.GetProperty("config").GetProperty("name").GetString());
            Assert.Equal(1e-4, layer.GetProperty("config").GetProperty("l1").GetDouble());
            Assert.Equal(2e-4, layer.GetProperty("config").GetProperty("l2").GetDouble());
        }
        var copy = new ActivityRegularizedDigitsNet(seed: 2);
        copy.LoadKeras(new MemoryStream(archive));
        Assert.Equal(model.Parameters.ToArray(), copy.Parameters.ToArray());
    }

    [Fact]
    public void PyTorchStateDict_MapsItToIdentity_AndRoundTrips()
    {
        var model = new ActivityRegularizedDigitsNet(seed: 1);
        using var stream = new MemoryStream();
        model.SavePyTorchStateDict(stream);
        var copy = new ActivityRegularizedDigitsNet(seed: 2);
        stream.Position = 0;
        copy.LoadPyTorchStateDict(stream);
        Assert.Equal(model.Parameters.ToArray(), copy.Parameters.ToArray());
    }

    [Fact]
    public void Onnx_DropsIt_AndMatchesPredict()
    {
        Dataset digits = Datasets.LoadDigits();
        var model = new ActivityRegularizedDigitsNet(seed: 1);
        model.Fit(digits.Features, OneHot.Encode(digits.Labels(), 10), new FitOptions { Epochs = 1, Verbose = 0 });
        using var stream = new MemoryStream();
        model.ExportOnnx(stream);
        float[] expected = model.Predict(digits.Features), onnx = OnnxRunner.Run(stream.ToArray(), digits.Features, 64);
        OnnxAgreement.AssertClose(expected, onnx, "activity regularization");
    }
}
