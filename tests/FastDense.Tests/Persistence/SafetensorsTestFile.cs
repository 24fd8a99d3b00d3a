using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace FastDense.Tests.Persistence;

/// <summary>
/// A minimal safetensors reader and writer for the tests, written from the spec
/// (https://github.com/huggingface/safetensors, README "Format"): 8 bytes of little-endian u64 header length N, N
/// bytes of JSON header, then the data area that the header's data_offsets index. It shares no code with the
/// library, so the library's files are checked by a second reading of the spec.
/// </summary>
internal sealed class SafetensorsTestFile
{
    private SafetensorsTestFile(ulong headerLength, string headerJson, byte[] data, List<string> keys,
        Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata)
    {
        HeaderLength = headerLength;
        HeaderJson = headerJson;
        Data = data;
        Keys = keys;
        Tensors = tensors;
        Metadata = metadata;
    }

    /// <summary>N, as written in the first 8 bytes.</summary>
    public ulong HeaderLength { get; }

    /// <summary>The header's text, padding included.</summary>
    public string HeaderJson { get; }

    /// <summary>The bytes after the header.</summary>
    public byte[] Data { get; }

    /// <summary>The header's keys in order, <c>__metadata__</c> included.</summary>
    public List<string> Keys { get; }

    /// <summary>The tensors by name.</summary>
    public Dictionary<string, Tensor> Tensors { get; }

    /// <summary>The metadata (empty when there is none).</summary>
    public Dictionary<string, string> Metadata { get; }

    /// <summary>One tensor: its entry and its values, widened to double.</summary>
    public sealed record Tensor(string DType, long[] Shape, long Begin, long End, double[] Values);

    /// <summary>Reads a file; throws on anything unexpected (the tests only parse files they expect to be valid).</summary>
    public static SafetensorsTestFile Parse(byte[] file)
    {
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(file);
        string json = Encoding.UTF8.GetString(file, 8, checked((int)n));
        byte[] data = file.AsSpan(8 + (int)n).ToArray();
        using JsonDocument document = JsonDocument.Parse(json);
        var keys = new List<string>();
        var tensors = new Dictionary<string, Tensor>();
        var metadata = new Dictionary<string, string>();
        foreach (JsonProperty property in document.RootElement.EnumerateObject())
        {
            keys.Add(property.Name);
            if (property.Name == "__metadata__")
            {
                foreach (JsonProperty entry in property.Value.EnumerateObject()) metadata[entry.Name] = entry.Value.GetString()!;
                continue;
            }
            string dtype = property.Value.GetProperty("dtype").GetString()!;
            long[] shape = property.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            long[] offsets = property.Value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            int size = dtype == "F32" ? 4 : 8;
            var values = new double[(offsets[1] - offsets[0]) / size];
            for (int i = 0; i < values.Length; i++)
            {
                ReadOnlySpan<byte> at = data.AsSpan((int)offsets[0] + i * size);
                values[i] = size == 4 ? BinaryPrimitives.ReadSingleLittleEndian(at) : BinaryPrimitives.ReadDoubleLittleEndian(at);
            }
            tensors[property.Name] = new Tensor(dtype, shape, offsets[0], offsets[1], values);
        }
        return new SafetensorsTestFile(n, json, data, keys, tensors, metadata);
    }

    /// <summary>A file with the given header text (padded with spaces to a multiple of 8) and data.</summary>
    public static byte[] Build(string headerJson, byte[] data) => Build(Encoding.UTF8.GetBytes(headerJson), data, pad: true);

    /// <summary>A file with the given header bytes, padded or not, and data.</summary>
    public static byte[] Build(byte[] header, byte[] data, bool pad)
    {
        int length = pad ? (header.Length + 7) / 8 * 8 : header.Length;
        var file = new byte[8 + length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)length);
        header.CopyTo(file, 8);
        file.AsSpan(8 + header.Length, length - header.Length).Fill((byte)' ');
        data.CopyTo(file, 8 + length);
        return file;
    }

    /// <summary>The header text without its padding.</summary>
    public string TrimmedHeader => HeaderJson.TrimEnd(' ');
}
