using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using FastDense.Tests.Data;
using Xunit.Abstractions;

namespace FastDense.Tests.Persistence;

// The loader against damaged and hostile files. Each mutation of a valid file either loads, and then the model holds
// exactly the mutated file's values (read by the tests' own parser of the safetensors spec,
// https://github.com/huggingface/safetensors README "Format"), or throws ModelFileException and leaves the model
// (parameters, optimizer state, step count, learning rate) as it was. Any other exception fails the test.
public sealed class LoaderFuzzTests(ITestOutputHelper output)
{
    // What a header byte is overwritten with: JSON's punctuation, digits, escapes, and bytes JSON and UTF-8 forbid.
    private static readonly byte[] HeaderBytes = [.. "{}[]\",:0123456789-.eE \\ux"u8, 0x00, 0x7F, 0x80, 0xC3, 0xFF];

    [Fact]
    public void WeightsLoader_SurvivesEveryMutation()
    {
        var source = new TinyNet(seed: 1);
        using var stream = new MemoryStream();
        source.SaveWeights(stream);
        var harness = new Harness(checkpoint: false);
        Run(harness, stream.ToArray(), "weights");
    }

    [Fact]
    public void CheckpointLoader_SurvivesEveryMutation()
    {
        var source = new TinyNet(seed: 1);
        float[] x = [0.1f, -0.2f, 0.3f, 0.5f, 0.25f, -1f, 0f, 0.7f, 0.2f, -0.4f, 0.9f, 0.1f];
        float[] y = [1, 0, 0, 1, 1, 0, 0, 1];
        source.Fit(x, y, new FitOptions { Epochs = 3, BatchSize = 2, Verbose = 0 });
        using var stream = new MemoryStream();
        source.SaveCheckpoint(stream, epoch: 3, seed: 17);
        var harness = new Harness(checkpoint: true);
        Run(harness, stream.ToArray(), "checkpoint");
    }

    private void Run(Harness harness, byte[] valid, string kind)
    {
        var clock = Stopwatch.StartNew();
        harness.MustLoad(valid, "the valid file");
        int headerEnd = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(valid);

        // Every truncation, through a seekable stream (lengths checked up front) and one that cannot seek (checked as read).
        for (int length = 0; length < valid.Length; length++)
        {
            harness.MustReject(valid.AsSpan(0, length).ToArray(), $"truncated to {length} bytes");
            if (length % 3 == 0 || length < 16) harness.MustReject(valid.AsSpan(0, length).ToArray(), $"truncated to {length} bytes, not seekable", seekable: false);
        }
        for (int extra = 1; extra <= 16; extra++)
        {
            harness.MustReject([.. valid, .. new byte[extra]], $"{extra} trailing zero bytes");
            harness.MustReject([.. valid, .. Enumerable.Repeat((byte)' ', extra)], $"{extra} trailing spaces", seekable: extra % 2 == 0);
        }

        // Random damage, seeded: bit flips anywhere, several at once, overwritten bytes, and the same aimed at the header.
        var random = new Random(20261204);
        for (int i = 0; i < 8000; i++)
        {
            byte[] file = (byte[])valid.Clone();
            int mode = i % 5;
            string what;
            switch (mode)
            {
                case 0:
                {
                    int bit = random.Next(file.Length * 8);
                    file[bit / 8] ^= (byte)(1 << (bit % 8));
                    what = $"bit {bit} flipped";
                    break;
                }
                case 1:
                {
                    int flips = random.Next(2, 9);
                    for (int f = 0; f < flips; f++)
                    {
                        int bit = random.Next(file.Length * 8);
                        file[bit / 8] ^= (byte)(1 << (bit % 8));
                    }
                    what = $"{flips} bits flipped (mutation {i})";
                    break;
                }
                case 2:
                {
                    int at = random.Next(file.Length), count = Math.Min(random.Next(1, 5), file.Length - at);
                    random.NextBytes(file.AsSpan(at, count));
                    what = $"{count} bytes overwritten at {at}";
                    break;
                }
                case 3:
                {
                    int bit = random.Next(8 * 8, headerEnd * 8);
                    file[bit / 8] ^= (byte)(1 << (bit % 8));
                    what = $"header bit {bit} flipped";
                    break;
                }
                default:
                {
                    int at = random.Next(8, headerEnd);
                    file[at] = HeaderBytes[random.Next(HeaderBytes.Length)];
                    what = $"header byte {at} set to 0x{file[at]:X2}";
                    break;
                }
            }
            harness.Try(file, what, seekable: i % 4 != 0);
        }

        foreach ((string what, byte[] file) in Crafted(valid, harness.Checkpoint))
        {
            harness.MustReject(file, what);
            harness.MustReject(file, what + ", not seekable", seekable: false);
        }

        clock.Stop();
        output.WriteLine($"{kind}: {harness.Tried} mutations tried, {harness.Rejected} rejected with ModelFileException, {harness.Tried - harness.Rejected} loaded and matched the mutated file ({clock.ElapsedMilliseconds} ms).");
        Assert.True(harness.Rejected > harness.Tried / 2, "most mutations must be rejected");
        Assert.True(harness.Tried - harness.Rejected > 100, "flips inside tensor data load");
    }

    /// <summary>Hand-made hostile files: lying lengths, huge shapes, bad offsets and dtypes, duplicates, bad JSON.</summary>
    private static IEnumerable<(string What, byte[] File)> Crafted(byte[] valid, bool checkpoint)
    {
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(valid);
        string header = Encoding.UTF8.GetString(valid, 8, (int)n).TrimEnd(' ');
        byte[] data = valid.AsSpan(8 + (int)n).ToArray();

        byte[] WithLength(ulong length)
        {
            byte[] file = (byte[])valid.Clone();
            BinaryPrimitives.WriteUInt64LittleEndian(file, length);
            return file;
        }
        byte[] Edited(string find, string replace)
        {
            Assert.Contains(find, header);   // an edit that misses would test nothing
            return SafetensorsTestFile.Build(header.Replace(find, replace), data);
        }
        byte[] Raw(byte[] headerBytes) => SafetensorsTestFile.Build(headerBytes, data, pad: false);

        foreach (ulong length in new ulong[] { 0, 1, 2, 7, n - 1, n + 1, n + 3, (ulong)valid.Length - 8 + 1, (ulong)valid.Length, 99_999_999, 100_000_000, 100_000_001,
                     1UL << 32, 1UL << 40, 1UL << 62, 1UL << 63, ulong.MaxValue })
        {
            yield return ($"header length {length}", WithLength(length));
        }

        const string Kernel = "\"shape\":[3,4],\"data_offsets\":[0,48]";
        foreach (string shape in new[] { "[1099511627776,1]", "[1099511627776]", "[4,3]", "[12]", "[3,4,1]", "[3,4,0]", "[]", "[-3,4]", "[3.0,4]", "[3e0,4]",
                     "[\"3\",4]", "[null,4]", "[9223372036854775807,9223372036854775807]", "[18446744073709551616,1]", "[3,[4]]", "{}", "3", "\"3,4\"" })
        {
            yield return ($"kernel shape {shape}", Edited(Kernel, $"\"shape\":{shape},\"data_offsets\":[0,48]"));
        }
        yield return ("huge shape with matching offsets", Edited(Kernel, "\"shape\":[1099511627776,1],\"data_offsets\":[0,4398046511104]"));
        foreach (string offsets in new[] { "[0,-48]", "[-1,47]", "[48,0]", "[0,1000000000000]", "[0,18446744073709551615]", "[0,18446744073709551616]", "[1,49]",
                     "[0,48,64]", "[0]", "[]", "[0.0,48]", "[null,48]", "\"0,48\"", "[0,47]", "[0,49]", "[4,52]", "[9223372036854775807,9223372036854775807]" })
        {
            yield return ($"kernel data_offsets {offsets}", Edited(Kernel, $"\"shape\":[3,4],\"data_offsets\":{offsets}"));
        }
        yield return ("bias overlapping the kernel", Edited("\"data_offsets\":[48,64]", "\"data_offsets\":[40,56]"));
        yield return ("a hole after the kernel", Edited("\"data_offsets\":[48,64]", "\"data_offsets\":[56,72]"));
        yield return ("bias and kernel swapped offsets", Edited("\"data_offsets\":[48,64]", "\"data_offsets\":[0,16]"));

        const string Dtype = "\"dtype\":\"F32\",\"shape\":[3,4]";
        foreach (string dtype in new[] { "\"F16\"", "\"BF16\"", "\"I32\"", "\"f32\"", "\"F32 \"", "\"\"", "\"F64\"", "32", "null", "[\"F32\"]" })
        {
            yield return ($"kernel dtype {dtype}", Edited(Dtype, $"\"dtype\":{dtype},\"shape\":[3,4]"));
        }
        yield return ("no dtype", Edited(Dtype, "\"shape\":[3,4]"));
        yield return ("unknown field in an entry", Edited(Dtype, "\"dtype\":\"F32\",\"extra\":1,\"shape\":[3,4]"));
        yield return ("dtype given twice", Edited(Dtype, "\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[3,4]"));
        yield return ("an entry that is an array", Edited("\"dense_0/kernel\":{" + Dtype + ",\"data_offsets\":[0,48]}", "\"dense_0/kernel\":[0,48]"));

        const string Bias = "\"dense_1/bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[96,104]}";
        yield return ("a tensor key twice", Edited(Bias, Bias + "," + Bias));
        yield return ("__metadata__ twice", Edited("{\"__metadata__\":", "{\"__metadata__\":{},\"__metadata__\":"));
        yield return ("a metadata key twice", Edited("{\"format\":", "{\"model\":\"x\",\"format\":"));
        yield return ("an unknown tensor", Edited(Bias, Bias + ",\"dense_2/bias\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[104,104]}"));
        yield return ("a tensor missing", Edited("," + Bias, ""));
        yield return ("metadata an array", Edited("{\"__metadata__\":{", "{\"__metadata__\":[],\"x\":{"));
        yield return ("a metadata number", Edited("\"inputs\":\"3\"", "\"inputs\":3"));
        yield return ("a metadata null", Edited("\"inputs\":\"3\"", "\"inputs\":null"));
        yield return ("a metadata object", Edited("\"inputs\":\"3\"", "\"inputs\":{\"a\":\"b\"}"));
        yield return ("other activations", Edited("Dense(4,tanh)", "Dense(4,relu)"));
        yield return ("another input width", Edited("\"inputs\":\"3\"", "\"inputs\":\"4\""));
        yield return ("no input width", Edited("\"inputs\":\"3\",", ""));
        yield return ("no layers", Edited("\"layers\":", "\"layers_\":"));

        foreach (string root in new[] { "[]", "[{}]", "123", "\"str\"", "null", "true", " {}", "\uFEFF{}", "{", "}", "{}", "{\"__metadata__\":{}}", "{,}", "{\"a\"}", "{'a':1}",
                     "{\"dense_0/kernel\":1}", "{/* comment */}" })
        {
            yield return ($"root {root}", Raw(Encoding.UTF8.GetBytes(root)));
        }
        yield return ("no bytes after an empty header", SafetensorsTestFile.Build([], [], pad: false));

        byte[] format = Encoding.UTF8.GetBytes("\"format\":\"fastdense-");
        foreach (byte[] bad in new byte[][] { [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0x80], [0xF8, 0x88, 0x80, 0x80, 0x80] })
        {
            byte[] bytes = Encoding.UTF8.GetBytes(header);
            int at = bytes.AsSpan().IndexOf(format) + format.Length;
            yield return ($"invalid UTF-8 {Convert.ToHexString(bad)}", Raw([.. bytes.AsSpan(0, at), .. bad, .. bytes.AsSpan(at)]));
        }
        yield return ("a lone surrogate escape in a key", Edited("\"dense_0/kernel\"", "\"dense_0/kernel\\uD800\""));
        yield return ("a control character in a string", Edited("\"inputs\":\"3\"", "\"inputs\":\"3\u0001\""));

        yield return ("a deeply nested metadata value", Edited("\"inputs\":\"3\"", "\"inputs\":" + new string('[', 100_000) + new string(']', 100_000)));
        yield return ("a deeply nested root", Raw(Encoding.UTF8.GetBytes(new string('[', 100_000) + new string(']', 100_000))));
        yield return ("a deeply nested shape", Edited("\"shape\":[3,4]", "\"shape\":" + new string('[', 1000) + new string(']', 1000)));

        yield return ("garbage after the object", SafetensorsTestFile.Build(header + " x", data));
        yield return ("a second object after the first", SafetensorsTestFile.Build(header + "{}", data));
        yield return ("NUL padding", Raw([.. Encoding.UTF8.GetBytes(header), 0, 0, 0]));
        yield return ("a comma after the object", SafetensorsTestFile.Build(header + ",", data));
        yield return ("a trailing comma inside", Edited("]}}", "]},}"));

        foreach ((int at, float value) in new[] { (0, float.NaN), (13 * 4, float.PositiveInfinity), (25 * 4, float.NegativeInfinity) })
        {
            byte[] damaged = (byte[])data.Clone();
            BinaryPrimitives.WriteSingleLittleEndian(damaged.AsSpan(at), value);
            yield return ($"{value} at data byte {at}", SafetensorsTestFile.Build(header, damaged));
        }

        if (!checkpoint)
        {
            yield break;
        }
        byte[] lastSlot = (byte[])data.Clone();
        BinaryPrimitives.WriteSingleLittleEndian(lastSlot.AsSpan(lastSlot.Length - 4), float.NaN);
        yield return ("NaN in the last optimizer slot", SafetensorsTestFile.Build(header, lastSlot));
        foreach ((string key, string value) in new[]
                 {
                     ("optimizer_slots", "1000000000"), ("optimizer_slots", "-1"), ("optimizer_slots", "3"), ("optimizer_slots", "1"), ("optimizer_slots", "x"),
                     ("optimizer_state", "maybe"), ("optimizer_state", "none"), ("iterations", "-5"), ("iterations", "abc"),
                     ("iterations", "99999999999999999999"), ("epoch", "-1"), ("epoch", "2147483648"), ("seed", "2147483648"), ("seed", "1.5"),
                     ("learning_rate", "NaN"), ("learning_rate", "0"), ("learning_rate", "-1"), ("learning_rate", "Infinity"), ("learning_rate", "1e999"),
                     ("optimizer", "FastDense.Sgd"), ("optimizer.beta1", "0.5"), ("format", "fastdense-weights"), ("format", "np"),
                 })
        {
            int start = header.IndexOf($"\"{key}\":\"", StringComparison.Ordinal);
            Assert.True(start >= 0, key);
            int valueStart = start + key.Length + 4, valueEnd = header.IndexOf('"', valueStart);
            string edited = header.Substring(0, valueStart) + value + header.Substring(valueEnd);
            yield return ($"{key} = {value}", SafetensorsTestFile.Build(edited, data));
        }
        yield return ("an extra hyperparameter", Edited("\"optimizer_slots\":", "\"optimizer.momentum\":\"0.9\",\"optimizer_slots\":"));
        yield return ("a hyperparameter missing", Edited("\"optimizer.epsilon\":\"1E-07\",", ""));
        yield return ("no iterations", Edited("\"iterations\":", "\"iteration\":"));
        yield return ("no metadata", Raw(Encoding.UTF8.GetBytes("{" + header.Substring(header.IndexOf("},\"dense_0/kernel\"", StringComparison.Ordinal) + 2))));
    }

    /// <summary>One model loaded again and again, put back to its baseline after every load that succeeds.</summary>
    private sealed class Harness
    {
        private readonly TinyNet _model = new(seed: 99);
        private readonly float[] _parameters;
        private readonly float[]? _state;
        private readonly long _iterations;
        private readonly double _learningRate;

        public Harness(bool checkpoint)
        {
            Checkpoint = checkpoint;
            // A baseline with optimizer state of its own, so a failed checkpoint load has something to disturb.
            _model.Optimizer.Step(_model.Parameters, new float[_model.Parameters.Length]);
            _model.Optimizer.LearningRate = 0.5;
            _parameters = _model.Parameters.ToArray();
            _state = (float[])((float[])_model.Optimizer.State!).Clone();
            _iterations = _model.Optimizer.Iterations;
            _learningRate = _model.Optimizer.LearningRate;
        }

        public bool Checkpoint { get; }

        public int Tried { get; private set; }

        public int Rejected { get; private set; }

        public void MustLoad(byte[] file, string what) => Assert.True(Try(file, what, seekable: true), $"{what} was rejected");

        public void MustReject(byte[] file, string what, bool seekable = true) => Assert.False(Try(file, what, seekable), $"{what} was loaded");

        /// <summary>Loads the file; true when it loaded (and the model matched it), false when it was rejected cleanly.</summary>
        public bool Try(byte[] file, string what, bool seekable)
        {
            Tried++;
            Stream stream = seekable ? new MemoryStream(file, writable: false) : new ScriptedStream(file, maxPerRead: 61);
            try
            {
                if (Checkpoint) _model.LoadCheckpoint(stream);
                else _model.LoadWeights(stream);
            }
            catch (ModelFileException)
            {
                Rejected++;
                Assert.True(_model.Parameters.SequenceEqual(_parameters), $"{what}: rejected, but the parameters changed");
                Assert.Equal(_state, (float[]?)_model.Optimizer.State);
                Assert.Equal(_iterations, _model.Optimizer.Iterations);
                Assert.Equal(_learningRate, _model.Optimizer.LearningRate);
                return false;
            }
            catch (Exception error)
            {
                Assert.Fail($"{what}: {error.GetType().Name} instead of ModelFileException: {error.Message}");
            }
            MatchesFile(file, what);
            _parameters.CopyTo(_model.Parameters);
            _model.Optimizer.RestoreState((float[])_state!.Clone(), _iterations);
            _model.Optimizer.LearningRate = _learningRate;
            return true;
        }

        private void MatchesFile(byte[] bytes, string what)
        {
            var file = SafetensorsTestFile.Parse(bytes);
            float[] expected = new float[_parameters.Length];
            foreach (LayerDescription layer in _model.Description.Layers)
            {
                Place(file.Tensors[$"{layer.Name}/kernel"].Values, expected, layer.Tensor("kernel").Offset);
                Place(file.Tensors[$"{layer.Name}/bias"].Values, expected, layer.Tensor("bias").Offset);
            }
            Assert.True(MemoryMarshal.Cast<float, uint>(expected).SequenceEqual(MemoryMarshal.Cast<float, uint>(_model.Parameters)),
                $"{what}: loaded, but the parameters are not the file's");
            if (!Checkpoint)
            {
                Assert.Equal(_state, (float[]?)_model.Optimizer.State);
                return;
            }
            Assert.Equal(long.Parse(file.Metadata["iterations"], CultureInfo.InvariantCulture), _model.Optimizer.Iterations);
            Assert.Equal(double.Parse(file.Metadata["learning_rate"], CultureInfo.InvariantCulture), _model.Optimizer.LearningRate);
            float[] state = new float[2 * _parameters.Length];
            foreach (LayerDescription layer in _model.Description.Layers)
            {
                for (int slot = 0; slot < 2; slot++)
                {
                    Place(file.Tensors[$"optimizer/slot{slot}/{layer.Name}/kernel"].Values, state, slot * _parameters.Length + layer.Tensor("kernel").Offset);
                    Place(file.Tensors[$"optimizer/slot{slot}/{layer.Name}/bias"].Values, state, slot * _parameters.Length + layer.Tensor("bias").Offset);
                }
            }
            Assert.Equal(state, (float[])_model.Optimizer.State!);
        }

        private static void Place(double[] values, float[] destination, int offset)
        {
            for (int i = 0; i < values.Length; i++) destination[offset + i] = (float)values[i];
        }
    }
}
