using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text.Encodings.Web;
using System.Text.Json;
using FastDense.Interop.Keras;

namespace FastDense.Interop.PyTorch;

/// <summary>
/// Writes the state_dict of the equivalent <c>nn.Sequential</c> (<see cref="TorchModules"/>) as a safetensors file
/// (the format of docs/persistence.md: 8-byte little-endian header length, JSON header padded with spaces to a
/// multiple of 8, then each tensor's little-endian bytes back to back in header order). Floating tensors are F32 for a
/// float model, F64 for a double one; <c>num_batches_tracked</c> is I64, as PyTorch keeps it. The metadata holds
/// <c>format: pt</c> (what PyTorch-side tools write) and <c>fastdense_modules</c>, the module list, checked on load.
/// </summary>
internal static class TorchStateDictWriter
{
    /// <summary>The metadata key holding the module list.</summary>
    public const string ModulesKey = "fastdense_modules";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The whole file.</summary>
    public static byte[] Build<T>(ModelDescription description, ModelValues<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TorchModule[] modules = TorchModules.Of(description);
        TorchTensor[] tensors = modules.SelectMany(m => m.Tensors).ToArray();
        int floatSize = typeof(T) == typeof(double) ? 8 : 4;
        var json = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(json, Options))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("__metadata__");
            writer.WriteString("format", "pt");
            writer.WriteString(ModulesKey, TorchModules.Describe(modules));
            writer.WriteEndObject();
            long offset = 0;
            foreach (TorchTensor tensor in tensors)
            {
                long end = offset + (long)tensor.Length * (tensor.Kind == TorchTensorKind.BatchCount ? 8 : floatSize);
                writer.WriteStartObject(tensor.Key);
                writer.WriteString("dtype", tensor.Kind == TorchTensorKind.BatchCount ? "I64" : floatSize == 8 ? "F64" : "F32");
                writer.WriteStartArray("shape");
                foreach (int dimension in tensor.Shape) writer.WriteNumberValue(dimension);
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(end);
                writer.WriteEndArray();
                writer.WriteEndObject();
                offset = end;
            }
            writer.WriteEndObject();
        }
        int headerLength = (json.WrittenCount + 7) / 8 * 8;
        using var file = new MemoryStream();
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)headerLength);
        file.Write(prefix);
        file.Write(json.WrittenSpan);
        for (int i = json.WrittenCount; i < headerLength; i++) file.WriteByte((byte)' ');
        byte[] element = new byte[8];
        foreach (TorchTensor tensor in tensors)
        {
            switch (tensor.Kind)
            {
                case TorchTensorKind.BatchCount:
                    file.Write(new byte[8]);
                    break;
                case TorchTensorKind.Identity:
                    for (int i = 0; i < tensor.Length; i++) WriteFloat(file, element, floatSize, tensor.Fill);
                    break;
                default:
                    ReadOnlySpan<T> source = values.Of(tensor.Source!);
                    if (tensor.Transposed)
                    {
                        // The kernel is (in, out) row-major; the weight (out, in): element [o, i] is kernel[i, o].
                        int rows = tensor.Shape[0], columns = tensor.Shape[1];
                        for (int o = 0; o < rows; o++)
                        {
                            for (int i = 0; i < columns; i++) WriteFloat(file, element, floatSize, double.CreateTruncating(source[i * rows + o]));
                        }
                    }
                    else
                    {
                        foreach (T value in source) WriteFloat(file, element, floatSize, double.CreateTruncating(value));
                    }
                    break;
            }
        }
        return file.ToArray();
    }

    private static void WriteFloat(Stream stream, byte[] buffer, int size, double value)
    {
        if (size == 4) BinaryPrimitives.WriteSingleLittleEndian(buffer, (float)value);
        else BinaryPrimitives.WriteDoubleLittleEndian(buffer, value);
        stream.Write(buffer, 0, size);
    }
}
