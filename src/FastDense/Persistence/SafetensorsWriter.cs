using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FastDense.Persistence;

/// <summary>One tensor to write: <paramref name="Length"/> values of <paramref name="Buffer"/> from <paramref name="Offset"/>.</summary>
/// <param name="Name">The key.</param>
/// <param name="Shape">The dimensions.</param>
/// <param name="Buffer">The values' array (a snapshot taken for the write).</param>
/// <param name="Offset">Where the tensor starts in it.</param>
/// <param name="Length">The element count.</param>
internal readonly record struct TensorSource<T>(string Name, int[] Shape, T[] Buffer, int Offset, int Length);

/// <summary>
/// A safetensors file ready to write: the header is built when this is created (so a failure comes before any file is
/// touched), and <see cref="WriteTo"/> writes the 8-byte little-endian header length, the header, then each tensor's
/// little-endian bytes in header order, back to back. The header is <c>{"__metadata__": {...}, name: {"dtype",
/// "shape", "data_offsets"}, ...}</c>, padded with spaces to a multiple of 8 bytes as the reference implementation
/// pads it, so the data area starts aligned.
/// </summary>
internal sealed class SafetensorsWriter<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    // Names and versions as written ('+' in a version, '<' in a generic name), not \u escapes: any JSON reader decodes both.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    private readonly byte[] _header;
    private readonly TensorSource<T>[] _tensors;

    /// <summary>Builds the header.</summary>
    /// <param name="metadata">The <c>__metadata__</c> entries, in order.</param>
    /// <param name="tensors">The tensors, in the order written.</param>
    public SafetensorsWriter(IReadOnlyList<KeyValuePair<string, string>> metadata, IReadOnlyList<TensorSource<T>> tensors)
    {
        _tensors = tensors.ToArray();
        TensorDType dtype = TensorDTypes.Of<T>();
        var json = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(json, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject(SafetensorsHeader.MetadataKey);
            foreach ((string key, string value) in metadata) writer.WriteString(key, value);
            writer.WriteEndObject();
            long offset = 0;
            foreach (TensorSource<T> tensor in _tensors)
            {
                long end = offset + (long)tensor.Length * TensorDTypes.Size(dtype);
                writer.WriteStartObject(tensor.Name);
                writer.WriteString("dtype", TensorDTypes.Name(dtype));
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
        int padded = (json.WrittenCount + 7) / 8 * 8;
        _header = new byte[padded];
        json.WrittenSpan.CopyTo(_header);
        _header.AsSpan(json.WrittenCount).Fill((byte)' ');
    }

    /// <summary>Writes the whole file at the stream's position.</summary>
    public void WriteTo(Stream stream)
    {
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)_header.Length);
        stream.Write(prefix);
        stream.Write(_header);
        byte[]? swapped = BitConverter.IsLittleEndian ? null : new byte[64 * 1024];
        foreach (TensorSource<T> tensor in _tensors)
        {
            ReadOnlySpan<T> values = tensor.Buffer.AsSpan(tensor.Offset, tensor.Length);
            if (swapped is null)
            {
                stream.Write(MemoryMarshal.AsBytes(values));
            }
            else
            {
                WriteSwapped(stream, values, swapped);
            }
        }
    }

    /// <summary>A big-endian machine writes the little-endian bytes the format requires through a buffer.</summary>
    private static void WriteSwapped(Stream stream, ReadOnlySpan<T> values, byte[] buffer)
    {
        int size = TensorDTypes.Size(TensorDTypes.Of<T>());
        int perChunk = buffer.Length / size;
        for (int start = 0; start < values.Length; start += perChunk)
        {
            int count = Math.Min(perChunk, values.Length - start);
            for (int i = 0; i < count; i++)
            {
                double value = double.CreateTruncating(values[start + i]);
                if (size == 4) BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(i * 4), (float)value);
                else BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(i * 8), value);
            }
            stream.Write(buffer, 0, count * size);
        }
    }
}
