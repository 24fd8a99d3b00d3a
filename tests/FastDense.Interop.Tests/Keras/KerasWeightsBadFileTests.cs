using FastDense;
using PureHDF;

namespace FastDense.Interop.Tests.Keras;

/// <summary>
/// Damaged and mismatched weights files: each is refused with a <see cref="ModelFileException"/> that names the
/// dataset and says what was expected and seen, and the model's parameters and state stay bit for bit as they were.
/// </summary>
public sealed class KerasWeightsBadFileTests
{
    private static byte[] DigitsFile(out KerasDigitsNet model)
    {
        model = new KerasDigitsNet(seed: 21);
        using var stream = new MemoryStream();
        model.SaveKerasWeights(stream);
        return stream.ToArray();
    }

    private static ModelFileException Refused(byte[] bytes)
    {
        var model = new KerasDigitsNet(seed: 99);
        byte[] before = TestValues.Bits(model);
        var error = Assert.Throws<ModelFileException>(() => model.LoadKerasWeights(new MemoryStream(bytes)));
        Assert.Equal(before, TestValues.Bits(model));
        return error;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(500)]
    [InlineData(2000)]
    [InlineData(10000)]
    [InlineData(-1)]
    public void Truncated_IsRefused_ModelUntouched(int keep)
    {
        byte[] bytes = DigitsFile(out _);
        int length = keep < 0 ? bytes.Length + keep : keep;

        Refused(bytes[..length]);
    }

    [Fact]
    public void TruncatedAtEveryTwentiethOfItsLength_IsRefused()
    {
        byte[] bytes = DigitsFile(out _);
        for (int i = 1; i < 20; i++) Refused(bytes[..(bytes.Length * i / 20)]);
    }

    [Fact]
    public void DamagedSignature_IsRefused_AsNotHdf5()
    {
        byte[] bytes = DigitsFile(out _);
        bytes[1] ^= 0xFF;

        ModelFileException error = Refused(bytes);

        Assert.Contains("not a readable HDF5 file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FlippedBytes_AreRefused_OrLoadWithTheModelUntouchedOnRefusal()
    {
        // HDF5 checks its metadata (superblock v3 and object headers carry checksums) but not raw data: a flip in a
        // float may load as another finite float. Every flip must end in a load or a ModelFileException, never another
        // exception, and a refused load leaves the model as it was.
        byte[] original = DigitsFile(out _);
        var random = new Random(17);
        int refused = 0;
        for (int trial = 0; trial < 60; trial++)
        {
            byte[] bytes = (byte[])original.Clone();
            int at = trial < 30 ? random.Next(Math.Min(bytes.Length, 2048)) : random.Next(bytes.Length);
            bytes[at] ^= (byte)(1 << random.Next(8));
            var model = new KerasDigitsNet(seed: 99);
            byte[] before = TestValues.Bits(model);
            try
            {
                model.LoadKerasWeights(new MemoryStream(bytes));
            }
            catch (ModelFileException)
            {
                refused++;
                Assert.Equal(before, TestValues.Bits(model));
            }
        }
        Assert.True(refused > 0);
    }

    [Fact]
    public void MissingDataset_IsRefused_NamingIt()
    {
        var datasets = H5Files.DigitsDatasets(new KerasDigitsNet(seed: 1));
        datasets.Remove("layers/dense_1/vars/1");

        ModelFileException error = Refused(H5Files.Write(datasets));

        Assert.Equal("layers/dense_1/vars/1", error.TensorName);
        Assert.Contains("lacks layers/dense_1/vars/1, dense_1/bias", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingLayer_IsRefused_ListingTheFilesLayers()
    {
        var datasets = H5Files.DigitsDatasets(new KerasDigitsNet(seed: 1));
        datasets.Remove("layers/dense_1/vars/0");
        datasets.Remove("layers/dense_1/vars/1");

        ModelFileException error = Refused(H5Files.Write(datasets));

        Assert.Equal("layers/dense_1/vars", error.TensorName);
        Assert.Contains("The file's layers: dense.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongShape_IsRefused_WithBothShapes()
    {
        var datasets = H5Files.DigitsDatasets(new KerasDigitsNet(seed: 1));
        datasets["layers/dense_1/vars/0"] = new H5Dataset(new float[640], fileDims: [10, 64]);

        ModelFileException error = Refused(H5Files.Write(datasets));

        Assert.Equal("layers/dense_1/vars/0", error.TensorName);
        Assert.Contains("(dense_1/kernel) has shape (10, 64); expected (64, 10)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongDType_IsRefused()
    {
        var datasets = H5Files.DigitsDatasets(new KerasDigitsNet(seed: 1));
        datasets["layers/dense/vars/1"] = new H5Dataset(new int[64]);

        ModelFileException error = Refused(H5Files.Write(datasets));

        Assert.Contains("has dtype int32; expected float32 or float64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Float16_IsRefused()
    {
        var datasets = H5Files.DigitsDatasets(new KerasDigitsNet(seed: 1));
        datasets["layers/dense/vars/1"] = new H5Dataset(new Half[64]);

        ModelFileException error = Refused(H5Files.Write(datasets));

        Assert.Contains("has dtype float16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NaN_IsRefused()
    {
        var model = new KerasDigitsNet(seed: 1);
        var datasets = H5Files.DigitsDatasets(model);
        float[] bias = model.Parameters[4800..].ToArray();
        bias[3] = float.NaN;
        datasets["layers/dense_1/vars/1"] = new H5Dataset(bias);

        ModelFileException error = Refused(H5Files.Write(datasets));

        Assert.Contains("holds NaN at element 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtraDatasetInALayer_IsRefused()
    {
        var datasets = H5Files.DigitsDatasets(new KerasDigitsNet(seed: 1));
        datasets["layers/dense/vars/2"] = new H5Dataset(new float[64]);

        ModelFileException error = Refused(H5Files.Write(datasets));

        Assert.Equal("layers/dense/vars/2", error.TensorName);
    }

    [Fact]
    public void FileOfADeeperModel_IsRefused_NamingTheExtraLayer()
    {
        var deeper = new KerasDeepDigitsNet(seed: 1);
        using var stream = new MemoryStream();
        deeper.SaveKerasWeights(stream);

        ModelFileException error = Refused(stream.ToArray());

        // dense_1 is (64, 10) in both; the third Dense is what this model lacks.
        Assert.Equal("layers/dense_2", error.TensorName);
        Assert.Contains("a layer this model does not have", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FileOfANarrowerModel_IsRefused_AtTheFirstShapeThatDiffers()
    {
        var narrow = new KerasNarrowDigitsNet(seed: 1);
        using var stream = new MemoryStream();
        narrow.SaveKerasWeights(stream);

        ModelFileException error = Refused(stream.ToArray());

        Assert.Equal("layers/dense/vars/0", error.TensorName);
        Assert.Contains("has shape (64, 32); expected (64, 64)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keras2File_IsRefused_WithAHint()
    {
        byte[] bytes = H5Files.Write(new Dictionary<string, H5Dataset> { ["model_weights/dense/dense/kernel:0"] = new(new float[4]) },
            file => file.Attributes = new Dictionary<string, object> { ["layer_names"] = "dense" });

        ModelFileException error = Refused(bytes);

        Assert.Contains("Keras 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SafetensorsFile_IsRefused()
    {
        var model = new KerasDigitsNet(seed: 1);
        using var stream = new MemoryStream();
        model.SaveWeights(stream);

        Refused(stream.ToArray());
    }

    [Fact]
    public void MissingFile_ThrowsFileNotFound()
    {
        using var folder = new TempFolder();
        var model = new KerasDigitsNet(seed: 1);

        Assert.Throws<FileNotFoundException>(() => model.LoadKerasWeights(folder.File("absent.weights.h5")));
    }
}
