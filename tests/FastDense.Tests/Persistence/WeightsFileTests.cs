using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using FastDense.Persistence;
using FastDense.Tests.Data;
using FastDense.Tests.Models;

namespace FastDense.Tests.Persistence;

// Weights files: the safetensors layout (https://github.com/huggingface/safetensors, README "Format"), round trips,
// float/double conversion, the messages of a rejected file, and atomic writes.
public sealed class WeightsFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fastdense-weights-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static byte[] Saved<TModel>(TModel model, Action<TModel, Stream> save)
    {
        using var stream = new MemoryStream();
        save(model, stream);
        return stream.ToArray();
    }

    private static byte[] WeightsOf(TinyNet model) => Saved(model, (m, s) => m.SaveWeights(s));

    [Fact]
    public void RoundTrip_Float_RestoresEveryBit()
    {
        var source = new DigitsNet(seed: 1);
        source.Parameters[7] = -0.0f;
        source.Parameters[8] = float.Epsilon;   // a subnormal survives
        string path = Path.Combine(_folder, "digits.safetensors");
        source.SaveWeights(path);

        var target = new DigitsNet(seed: 2);
        target.LoadWeights(path);

        Assert.Equal(Bits(source.Parameters), Bits(target.Parameters));
    }

    [Fact]
    public void RoundTrip_Double_RestoresEveryBit()
    {
        var source = new SoftmaxNet64(seed: 3);
        source.Parameters[0] = Math.PI;
        byte[] file = Saved(source, (m, s) => m.SaveWeights(s));

        var target = new SoftmaxNet64(seed: 4);
        target.LoadWeights(new MemoryStream(file));

        Assert.Equal(source.Parameters.ToArray(), target.Parameters.ToArray());
        Assert.All(SafetensorsTestFile.Parse(file).Tensors.Values, t => Assert.Equal("F64", t.DType));
    }

    [Fact]
    public void FloatFile_IntoDoubleModel_IsExact_AndDoubleFile_IntoFloatModel_RoundsToNearest()
    {
        var single = new TinyNet(seed: 5);
        var wide = new TinyNet64(seed: 6);
        wide.LoadWeights(new MemoryStream(WeightsOf(single)));
        Assert.Equal(single.Parameters.ToArray().Select(v => (double)v), wide.Parameters.ToArray());

        // 0.1 and 1/3 are not floats: the float model gets the nearest ones, as the (float) conversion gives.
        wide.Parameters[0] = 0.1;
        wide.Parameters[1] = 1.0 / 3.0;
        wide.Parameters[2] = 1.0000000596046448;   // exactly between 1 and the next float: ties to even, 1
        wide.LoadWeights(new MemoryStream(Saved(wide, (m, s) => m.SaveWeights(s))));   // F64 into double: unchanged
        single.LoadWeights(new MemoryStream(Saved(wide, (m, s) => m.SaveWeights(s))));
        Assert.Equal(wide.Parameters.ToArray().Select(v => (float)v), single.Parameters.ToArray());
        Assert.Equal(0.1f, single.Parameters[0]);
        Assert.Equal(1.0f, single.Parameters[2]);
    }

    [Fact]
    public void DoubleFile_ValueBeyondFloatRange_IsRejected()
    {
        var wide = new TinyNet64(seed: 6);
        wide.Parameters[13] = 1e39;
        byte[] file = Saved(wide, (m, s) => m.SaveWeights(s));
        var single = new TinyNet(seed: 7);
        float[] before = single.Parameters.ToArray();

        var error = Assert.Throws<ModelFileException>(() => single.LoadWeights(new MemoryStream(file)));

        Assert.Equal("dense_0/bias", error.TensorName);   // element 13 - 12: the bias starts after the 3 × 4 kernel
        Assert.Contains("range of Single", error.Message);
        Assert.Equal(before, single.Parameters.ToArray());
    }

    [Fact]
    public void File_ReadByAnIndependentParser_HoldsParametersInKerasOrder()
    {
        var model = new DigitsNet(seed: 8);
        byte[] file = Saved(model, (m, s) => m.SaveWeights(s));
        var parsed = SafetensorsTestFile.Parse(file);

        // Spec: N, then N bytes of header; the reference implementation pads the header with spaces to 8 bytes.
        Assert.Equal(0UL, parsed.HeaderLength % 8);
        Assert.Equal((ulong)file.Length - 8 - (ulong)parsed.Data.Length, parsed.HeaderLength);
        Assert.Equal(["__metadata__", "dense_0/kernel", "dense_0/bias", "dense_1/kernel", "dense_1/bias"], parsed.Keys);
        Assert.Equal("fastdense-weights", parsed.Metadata["format"]);
        Assert.Equal("FastDense.Tests.Models.DigitsNet", parsed.Metadata["model"]);
        Assert.Equal("dense_0:Dense(64,relu);dense_1:Dense(10,softmax)", parsed.Metadata["layers"]);
        Assert.Equal("64", parsed.Metadata["inputs"]);
        Assert.Equal("CategoricalCrossentropy", parsed.Metadata["loss"]);
        Assert.Equal(FileMetadata.FastDenseVersion, parsed.Metadata["fastdense_version"]);
        Assert.StartsWith("0.1.0", parsed.Metadata["fastdense_version"]);

        long next = 0;
        foreach (LayerDescription layer in model.Description.Layers)
        {
            var kernel = parsed.Tensors[$"{layer.Name}/kernel"];
            var bias = parsed.Tensors[$"{layer.Name}/bias"];
            Assert.Equal("F32", kernel.DType);
            Assert.Equal([layer.Inputs, layer.Outputs], kernel.Shape);   // Keras's (in, out)
            Assert.Equal([layer.Outputs], bias.Shape);
            Assert.Equal(next, kernel.Begin);
            Assert.Equal(kernel.End, bias.Begin);
            next = bias.End;
            // Raw bytes: the live parameter buffer's, row-major (in, out), little-endian.
            Assert.Equal(
                MemoryMarshal.AsBytes(model.Parameters.Slice(layer.Tensor("kernel").Offset, layer.Inputs * layer.Outputs)).ToArray(),
                parsed.Data.AsSpan((int)kernel.Begin, (int)(kernel.End - kernel.Begin)).ToArray());
            Assert.Equal(
                MemoryMarshal.AsBytes(model.Parameters.Slice(layer.Tensor("bias").Offset, layer.Outputs)).ToArray(),
                parsed.Data.AsSpan((int)bias.Begin, (int)(bias.End - bias.Begin)).ToArray());
        }
        Assert.Equal(next, parsed.Data.Length);   // no holes, nothing after the last tensor
    }

    [Fact]
    public void Header_IsExactlyTheDocumentedBytes()
    {
        byte[] file = WeightsOf(new TinyNet(seed: 9));
        string json =
            "{\"__metadata__\":{\"format\":\"fastdense-weights\",\"model\":\"FastDense.Tests.Persistence.TinyNet\","
            + "\"layers\":\"dense_0:Dense(4,tanh);dense_1:Dense(2,softmax)\",\"inputs\":\"3\",\"loss\":\"CategoricalCrossentropy\","
            + $"\"fastdense_version\":\"{FileMetadata.FastDenseVersion}\"}},"
            + "\"dense_0/kernel\":{\"dtype\":\"F32\",\"shape\":[3,4],\"data_offsets\":[0,48]},"
            + "\"dense_0/bias\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[48,64]},"
            + "\"dense_1/kernel\":{\"dtype\":\"F32\",\"shape\":[4,2],\"data_offsets\":[64,96]},"
            + "\"dense_1/bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[96,104]}}";
        int padded = (Encoding.UTF8.GetByteCount(json) + 7) / 8 * 8;
        byte[] prefix = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)padded);

        Assert.Equal(prefix, file.AsSpan(0, 8).ToArray());
        Assert.Equal(json.PadRight(padded, ' '), Encoding.UTF8.GetString(file, 8, padded));
        Assert.Equal(8 + padded + 104, file.Length);
    }

    [Fact]
    public void StreamOverloads_ReadFromThePosition_AndAcceptStreamsThatCannotSeek()
    {
        var source = new TinyNet(seed: 10);
        using var stream = new MemoryStream();
        stream.Write("junk!"u8);
        source.SaveWeights(stream);
        byte[] file = stream.ToArray().AsSpan(5).ToArray();
        Assert.Equal(WeightsOf(source), file);

        var target = new TinyNet(seed: 11);
        stream.Position = 5;
        target.LoadWeights(stream);
        Assert.Equal(source.Parameters.ToArray(), target.Parameters.ToArray());

        var trickled = new TinyNet(seed: 12);
        trickled.LoadWeights(new ScriptedStream(file, maxPerRead: 7));
        Assert.Equal(source.Parameters.ToArray(), trickled.Parameters.ToArray());

        Assert.Throws<ArgumentException>(() => target.SaveWeights(new ScriptedStream(file, maxPerRead: 7)));
        Assert.Throws<ArgumentNullException>(() => target.LoadWeights((Stream)null!));
    }

    public static TheoryData<string, string, string, string> NamedFaults => new()
    {
        // kind, text to replace in the header, replacement, what the message must say
        { "unknown", "\"dense_1/bias\":", "\"dense_1/bias_x\":", "'dense_1/bias_x' that this model does not have" },
        { "shape", "\"shape\":[3,4]", "\"shape\":[4,3]", "'dense_0/kernel' has shape [4, 3]; expected [3, 4]" },
        { "dtype", "\"dtype\":\"F32\",\"shape\":[4]", "\"dtype\":\"I32\",\"shape\":[4]", "'dense_0/bias' has dtype \"I32\"; expected \"F32\" or \"F64\"" },
        { "size", "\"data_offsets\":[64,96]", "\"data_offsets\":[64,95]", "'dense_1/kernel' has data_offsets [64, 95], 31 bytes; expected 8 F32 values = 32 bytes" },
    };

    [Theory]
    [MemberData(nameof(NamedFaults))]
    public void Rejection_NamesTheTensor_AndWhatWasExpected(string kind, string find, string replace, string message)
    {
        var model = new TinyNet(seed: 13);
        var parsed = SafetensorsTestFile.Parse(WeightsOf(model));
        Assert.Contains(find, parsed.HeaderJson);
        byte[] file = SafetensorsTestFile.Build(parsed.TrimmedHeader.Replace(find, replace), parsed.Data);
        float[] before = model.Parameters.ToArray();

        var error = Assert.Throws<ModelFileException>(() => model.LoadWeights(new MemoryStream(file)));

        Assert.Contains(message, error.Message);
        Assert.Equal(kind switch { "unknown" => "dense_1/bias_x", "shape" => "dense_0/kernel", "dtype" => "dense_0/bias", _ => "dense_1/kernel" }, error.TensorName);
        Assert.Equal(before, model.Parameters.ToArray());
    }

    [Fact]
    public void MissingTensor_IsNamed()
    {
        var model = new TinyNet(seed: 14);
        var parsed = SafetensorsTestFile.Parse(WeightsOf(model));
        string header = parsed.TrimmedHeader.Replace(",\"dense_1/bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[96,104]}", "");
        byte[] file = SafetensorsTestFile.Build(header, parsed.Data.AsSpan(0, 96).ToArray());

        var error = Assert.Throws<ModelFileException>(() => model.LoadWeights(new MemoryStream(file)));

        Assert.Equal("dense_1/bias", error.TensorName);
        Assert.Contains("Tensor 'dense_1/bias' is missing from the file (expected shape [2])", error.Message);
    }

    [Fact]
    public void NonFiniteValues_AreRejectedOnLoad_AndRefusedOnSave()
    {
        var model = new TinyNet(seed: 15);
        var parsed = SafetensorsTestFile.Parse(WeightsOf(model));
        byte[] data = parsed.Data;
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(64 + 4 * 3), float.NaN);
        float[] before = model.Parameters.ToArray();

        var error = Assert.Throws<ModelFileException>(() => model.LoadWeights(new MemoryStream(SafetensorsTestFile.Build(parsed.TrimmedHeader, data))));
        Assert.Equal("dense_1/kernel", error.TensorName);
        Assert.Contains("NaN at element 3", error.Message);
        Assert.Equal(before, model.Parameters.ToArray());

        model.Parameters[20] = float.PositiveInfinity;
        string path = Path.Combine(_folder, "diverged.safetensors");
        Assert.Throws<InvalidOperationException>(() => model.SaveWeights(path));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void FileOfOtherActivations_IsRejected_ButAForeignFileOfTheSameTensorsLoads()
    {
        var relu = new TinyReluNet(seed: 16);
        byte[] reluFile = Saved(relu, (m, s) => m.SaveWeights(s));
        var model = new TinyNet(seed: 17);
        var error = Assert.Throws<ModelFileException>(() => model.LoadWeights(new MemoryStream(reluFile)));
        Assert.Contains("dense_0:Dense(4,relu)", error.Message);

        // A file written elsewhere (no FastDense metadata, say numpy's save_file with {"format": "np"}) loads by its tensors.
        var parsed = SafetensorsTestFile.Parse(reluFile);
        int end = parsed.TrimmedHeader.IndexOf("},\"dense_0/kernel\"", StringComparison.Ordinal);
        string foreign = "{\"__metadata__\":{\"format\":\"np\"" + parsed.TrimmedHeader.Substring(end);
        model.LoadWeights(new MemoryStream(SafetensorsTestFile.Build(foreign, parsed.Data)));
        Assert.Equal(relu.Parameters.ToArray(), model.Parameters.ToArray());
        string bare = "{" + parsed.TrimmedHeader.Substring(end + 2);
        model.LoadWeights(new MemoryStream(SafetensorsTestFile.Build(bare, parsed.Data)));
        Assert.Equal(relu.Parameters.ToArray(), model.Parameters.ToArray());
    }

    [Fact]
    public void UnknownFastDenseFormat_IsRejected()
    {
        var model = new TinyNet(seed: 18);
        var parsed = SafetensorsTestFile.Parse(WeightsOf(model));
        byte[] file = SafetensorsTestFile.Build(parsed.TrimmedHeader.Replace("fastdense-weights", "fastdense-weights-v9"), parsed.Data);
        var error = Assert.Throws<ModelFileException>(() => model.LoadWeights(new MemoryStream(file)));
        Assert.Contains("fastdense-weights-v9", error.Message);
    }

    [Fact]
    public void Save_ToAMissingFolder_ThrowsDirectoryNotFound_AndCreatesNothing()
    {
        string folder = Path.Combine(_folder, "absent");
        Assert.Throws<DirectoryNotFoundException>(() => new TinyNet().SaveWeights(Path.Combine(folder, "m.safetensors")));
        Assert.False(Directory.Exists(folder));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public void Save_OverAnExistingFile_ReplacesItWhole()
    {
        string path = Path.Combine(_folder, "m.safetensors");
        File.WriteAllBytes(path, new byte[100_000]);   // longer than the new file: nothing of it may remain
        var model = new TinyNet(seed: 19);
        model.SaveWeights(path);
        Assert.Equal(WeightsOf(model), File.ReadAllBytes(path));
        Assert.Equal([path], Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public void Save_WhoseMoveFails_LeavesTheTargetAndNoTemporaryFile()
    {
        // The target is a folder: the temporary file is written, then moving it over the folder fails.
        string path = Path.Combine(_folder, "taken");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "inside.txt"), "keep");
        Exception error = Assert.ThrowsAny<Exception>(() => new TinyNet().SaveWeights(path));
        Assert.True(error is IOException or UnauthorizedAccessException, error.GetType().Name);
        Assert.Equal([path], Directory.EnumerateFileSystemEntries(_folder));
        Assert.Equal("keep", File.ReadAllText(Path.Combine(path, "inside.txt")));
    }

    [Fact]
    public void AtomicWrite_ThatFailsMidway_KeepsTheOldFile_AndDeletesTheTemporaryOne()
    {
        string path = Path.Combine(_folder, "m.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);
        var error = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[10_000]);
            throw new InvalidOperationException("disk full, say");
        }));
        Assert.Equal("disk full, say", error.Message);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Equal([path], Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public void Load_OfAMissingFile_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => new TinyNet().LoadWeights(Path.Combine(_folder, "absent.safetensors")));
        Assert.Throws<ArgumentException>(() => new TinyNet().LoadWeights(""));
    }

    private static uint[] Bits(Span<float> values) => MemoryMarshal.Cast<float, uint>(values).ToArray();
}
