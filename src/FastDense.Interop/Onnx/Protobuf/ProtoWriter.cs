using System.Buffers.Binary;
using System.Text;

namespace FastDense.Interop.Onnx.Protobuf;

/// <summary>
/// Writes protobuf's wire format to a stream (protobuf's encoding guide): tags, base-128 varints, little-endian
/// fixed32, and length-delimited bytes. It knows nothing of messages; <see cref="ProtoMessage"/> decides what to write
/// and computes the lengths first, so each byte is written once, in order, without seeking.
/// </summary>
internal sealed class ProtoWriter
{
    /// <summary>The longest varint: a 64-bit value in groups of 7 bits.</summary>
    public const int MaxVarintLength = 10;

    private readonly Stream _stream;

    // Small values are gathered here so that the stream sees a few large writes, not one per byte.
    private readonly byte[] _buffer = new byte[4096];
    private int _used;

    /// <summary>Writes to <paramref name="stream"/>; call <see cref="Flush"/> at the end.</summary>
    public ProtoWriter(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
    }

    /// <summary>The bytes a varint of <paramref name="value"/> takes: 1 for 0 to 127, 10 for a negative int64.</summary>
    public static int VarintLength(ulong value)
    {
        int length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }
        return length;
    }

    /// <summary>A field's tag: <c>(field &lt;&lt; 3) | wire type</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The field number is outside protobuf's 1 to 2^29 − 1.</exception>
    public static uint Tag(int field, WireType type)
    {
        if (field is < 1 or > (1 << 29) - 1) throw new ArgumentOutOfRangeException(nameof(field), field, "A protobuf field number is from 1 to 2^29 - 1.");
        return ((uint)field << 3) | (uint)type;
    }

    /// <summary>The bytes a tag of <paramref name="field"/> takes.</summary>
    public static int TagLength(int field) => VarintLength(Tag(field, WireType.Varint));

    /// <summary>The UTF-8 length of <paramref name="text"/>, as a string field stores it.</summary>
    public static int Utf8Length(string text) => Encoding.UTF8.GetByteCount(text);

    /// <summary>A field's tag.</summary>
    public void WriteTag(int field, WireType type) => WriteVarint(Tag(field, type));

    /// <summary>
    /// A base-128 varint, least significant group first, the high bit set on every byte but the last. A negative int64
    /// is written as its two's-complement 64 bits (ten bytes), as protobuf writes int64.
    /// </summary>
    public void WriteVarint(ulong value)
    {
        Reserve(MaxVarintLength);
        while (value >= 0x80)
        {
            _buffer[_used++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[_used++] = (byte)value;
    }

    /// <summary>A float's four bytes, little-endian (a <c>float</c> field, wire type 5).</summary>
    public void WriteFloat(float value)
    {
        Reserve(4);
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.AsSpan(_used), value);
        _used += 4;
    }

    /// <summary>Raw bytes, without a length (the caller wrote it).</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= _buffer.Length - _used)
        {
            bytes.CopyTo(_buffer.AsSpan(_used));
            _used += bytes.Length;
            return;
        }
        Flush();
        if (bytes.Length < _buffer.Length)
        {
            bytes.CopyTo(_buffer);
            _used = bytes.Length;
        }
        else
        {
            _stream.Write(bytes);
        }
    }

    /// <summary>A string's UTF-8 bytes, without a length.</summary>
    public void WriteUtf8(string text)
    {
        int length = Utf8Length(text);
        if (length <= _buffer.Length)
        {
            Reserve(length);
            _used += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_used));
        }
        else
        {
            WriteRaw(Encoding.UTF8.GetBytes(text));
        }
    }

    /// <summary>Hands the gathered bytes to the stream.</summary>
    public void Flush()
    {
        if (_used == 0) return;
        _stream.Write(_buffer, 0, _used);
        _used = 0;
    }

    private void Reserve(int bytes)
    {
        if (_buffer.Length - _used < bytes) Flush();
    }
}
