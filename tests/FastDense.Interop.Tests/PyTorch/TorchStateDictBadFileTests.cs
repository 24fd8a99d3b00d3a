using FastDense;
using FastDense.Interop.Tests.Keras;

namespace FastDense.Interop.Tests.PyTorch;

/// <summary>
/// Damaged and mismatched state_dict files: refused with a <see cref="ModelFileException"/> naming the key and what
/// was expected and seen, the model's parameters and state bit for bit as before.
/// </summary>
public sealed class TorchStateDictBadFileTests
{
    private static byte[] File<TKernel>(Model<TKernel, float> model)
        where TKernel : struct, IModelKernel<float>
    {
        using var stream = new MemoryStream();
        model.SavePyTorchStateDict(stream);
        return stream.ToArray();
    }

    private static ModelFileException Refused(byte[] bytes)
    {
        var model = new TorchLayersNet(seed: 99);
        byte[] before = TestValues.Bits(model);
        var error = Assert.Throws<ModelFileException>(() => model.LoadPyTorchStateDict(new MemoryStream(bytes)));
        Assert.Equal(before, TestValues.Bits(model));
        return error;
    }

    private static SafetensorsFile Layers() => SafetensorsFile.Parse(File(new TorchLayersNet(seed: 1)));

    [Fact]
    public void TruncatedAnywhere_IsRefused_ModelUntouched()
    {
        byte[] bytes = File(new TorchLayersNet(seed: 1));
        foreach (int length in new[] { 0, 4, 8, 9, 100, bytes.Length / 2, bytes.Length - 8, bytes.Length - 1 })
        {
            Refused(bytes[..length]);
        }
    }

    [Fact]
    public void TrailingBytes_AreRefused()
    {
        byte[] bytes = File(new TorchLayersNet(seed: 1));

        Refused([.. bytes, 0]);
    }

    [Fact]
    public void FlippedHeaderBytes_AreRefused_OrTheModelIsUntouched()
    {
        byte[] original = File(new TorchLayersNet(seed: 1));
        var random = new Random(5);
        int refused = 0;
        for (int trial = 0; trial < 60; trial++)
        {
            byte[] bytes = (byte[])original.Clone();
            bytes[random.Next(8, 600)] ^= (byte)(1 << random.Next(8));
            var model = new TorchLayersNet(seed: 99);
            byte[] before = TestValues.Bits(model);
            try
            {
                model.LoadPyTorchStateDict(new MemoryStream(bytes));
            }
            catch (ModelFileException)
            {
                refused++;
                Assert.Equal(before, TestValues.Bits(model));
            }
        }
        Assert.True(refused > 30);
    }

    [Fact]
    public void MissingKey_IsRefused_NamingIt()
    {
        SafetensorsFile file = Layers();
        file.Tensors.Remove("7.running_var");
        file.Order.Remove("7.running_var");

        ModelFileException error = Refused(file.Write());

        Assert.Equal("7.running_var", error.TensorName);
        Assert.StartsWith("The file lacks '7.running_var' (shape [7])", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKey_IsRefused_NamingIt()
    {
        SafetensorsFile file = Layers();
        file.Tensors["16.weight"] = ("F32", [3], new byte[12]);
        file.Order.Add("16.weight");

        ModelFileException error = Refused(file.Write());

        Assert.Equal("16.weight", error.TensorName);
    }

    [Fact]
    public void UntransposedWeight_IsRefused_WithBothShapes()
    {
        SafetensorsFile file = Layers();
        (string dtype, _, byte[] data) = file.Tensors["1.weight"];
        file.Tensors["1.weight"] = (dtype, [6, 8], data);

        ModelFileException error = Refused(file.Write());

        Assert.Equal("Tensor '1.weight' has shape [6, 8]; expected [8, 6].", error.Message);
    }

    [Fact]
    public void WrongDTypes_AreRefused()
    {
        SafetensorsFile file = Layers();
        file.Tensors["1.bias"] = ("F16", [8], new byte[16]);
        Assert.Equal("Tensor '1.bias' has dtype \"F16\"; expected \"F32\" or \"F64\".", Refused(file.Write()).Message);

        file = Layers();
        file.Tensors["3.num_batches_tracked"] = ("F32", [], new byte[4]);
        Assert.Contains("expected \"I64\"", Refused(file.Write()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NaN_IsRefused()
    {
        SafetensorsFile file = Layers();
        float[] values = SafetensorsFile.Floats(file.Tensors["0.variance"].Data);
        values[2] = float.PositiveInfinity;
        file.Tensors["0.variance"] = ("F32", [6], SafetensorsFile.Bytes(values));

        Assert.Contains("Tensor '0.variance' holds ∞ at element 2", Refused(file.Write()).Message.Replace("Infinity", "∞", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void AScaleWhereTheLayerHasNone_IsRefused()
    {
        // layer_normalization_1 has scale=False: its LayerNorm weight must stay ones.
        SafetensorsFile file = Layers();
        float[] values = SafetensorsFile.Floats(file.Tensors["12.weight"].Data);
        values[0] = 1.5f;
        file.Tensors["12.weight"] = ("F32", [5], SafetensorsFile.Bytes(values));

        ModelFileException error = Refused(file.Write());

        Assert.Equal("12.weight", error.TensorName);
        Assert.Contains("has no scale (gamma), so it must be 1 everywhere", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OurFileForOtherActivations_IsRefused_NamingBothModuleLists()
    {
        byte[] bytes = File(new TorchDigitsTanhNet(seed: 1));
        var model = new TorchDigitsNet(seed: 2);
        byte[] before = TestValues.Bits(model);

        var error = Assert.Throws<ModelFileException>(() => model.LoadPyTorchStateDict(new MemoryStream(bytes)));

        Assert.Equal(
            "The file was written for the modules nn.Linear(64, 64), nn.Tanh(), nn.Linear(64, 10), nn.Softmax(dim=-1); this model is nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10), nn.Softmax(dim=-1).",
            error.Message);
        Assert.Equal(before, TestValues.Bits(model));
    }

    [Fact]
    public void FileOfAModelWithoutTheHiddenActivation_IsRefused_ByItsKeys()
    {
        SafetensorsFile file = SafetensorsFile.Parse(File(new TorchLinearDigitsNet(seed: 1)));
        var stripped = new SafetensorsFile { Tensors = file.Tensors, Order = file.Order };
        var model = new TorchDigitsNet(seed: 2);

        var error = Assert.Throws<ModelFileException>(() => model.LoadPyTorchStateDict(new MemoryStream(stripped.Write())));

        Assert.Equal("1.weight", error.TensorName);
    }

    [Fact]
    public void HoleInTheDataArea_IsRefused()
    {
        byte[] bytes = File(new TorchDigitsNet(seed: 1));
        string text = System.Text.Encoding.Latin1.GetString(bytes);
        // Move 0.bias one float later: a hole before it and an overlap after it.
        text = text.Replace("\"data_offsets\":[16384,16640]", "\"data_offsets\":[16388,16644]", StringComparison.Ordinal);

        var error = Assert.Throws<ModelFileException>(() => new TorchDigitsNet(seed: 2).LoadPyTorchStateDict(new MemoryStream(System.Text.Encoding.Latin1.GetBytes(text))));

        Assert.Contains("a hole", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KerasFile_IsRefused()
    {
        using var stream = new MemoryStream();
        new TorchLayersNet(seed: 1).SaveKerasWeights(stream);

        Refused(stream.ToArray());
    }
}
