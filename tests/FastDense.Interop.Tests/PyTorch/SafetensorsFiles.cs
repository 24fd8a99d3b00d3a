using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace FastDense.Interop.Tests.PyTorch;

/// <summary>
/// Safetensors files taken apart and put together by hand, independent of the code under test: the 8-byte
/// little-endian header length, the JSON header, the data area.
/// </summary>
internal sealed class SafetensorsFile
{
    public required Dictionary<string, (string DType, long[] Shape, byte[] Data)> Tensors { get; init; }

    public Dictionary<string, string> Metadata { get; init; } = [];

    /// <summary>The file's tensors in header order (for order-sensitive checks).</summary>
    public List<string> Order { get; init; } = [];

    public static SafetensorsFile Parse(byte[] bytes)
    {
        long length = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        using JsonDocument header = JsonDocument.Parse(bytes.AsMemory(8, (int)length));
        var tensors = new Dictionary<string, (string, long[], byte[])>();
        var metadata = new Dictionary<string, string>();
        var order = new List<string>();
        foreach (JsonProperty property in header.RootElement.EnumerateObject())
        {
            if (property.Name == "__metadata__")
            {
                foreach (JsonProperty item in property.Value.EnumerateObject()) metadata[item.Name] = item.Value.GetString()!;
                continue;
            }
            long[] offsets = property.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            tensors[property.Name] = (
                property.Value.GetProperty("dtype").GetString()!,
                property.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray(),
                bytes[(int)(8 + length + offsets[0])..(int)(8 + length + offsets[1])]);
            order.Add(property.Name);
        }
        return new SafetensorsFile { Tensors = tensors, Metadata = metadata, Order = order };
    }

    /// <summary>Writes the tensors in <see cref="Order"/> (or the dictionary's order), back to back.</summary>
    public byte[] Write()
    {
        var header = new StringBuilder("{");
        if (Metadata.Count > 0)
        {
            header.Append("\"__metadata__\":").Append(JsonSerializer.Serialize(Metadata, SafetensorsJson.Default.DictionaryStringString)).Append(',');
        }
        long offset = 0;
        var data = new MemoryStream();
        IEnumerable<string> keys = Order.Count == Tensors.Count ? Order : Tensors.Keys;
        foreach (string key in keys)
        {
            (string dtype, long[] shape, byte[] bytes) = Tensors[key];
            header.Append($"\"{key}\":{{\"dtype\":\"{dtype}\",\"shape\":[{string.Join(",", shape)}],\"data_offsets\":[{offset},{offset + bytes.Length}]}},");
            offset += bytes.Length;
            data.Write(bytes);
        }
        header.Length--;
        header.Append('}');
        byte[] json = Encoding.UTF8.GetBytes(header.ToString());
        var file = new MemoryStream();
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)json.Length);
        file.Write(prefix);
        file.Write(json);
        file.Write(data.ToArray());
        return file.ToArray();
    }

    public static float[] Floats(byte[] data)
    {
        var values = new float[data.Length / 4];
        for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan(4 * i));
        return values;
    }

    public static byte[] Bytes(float[] values)
    {
        var data = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4 * i), values[i]);
        return data;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class SafetensorsJson : System.Text.Json.Serialization.JsonSerializerContext;
