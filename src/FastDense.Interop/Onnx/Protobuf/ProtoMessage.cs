namespace FastDense.Interop.Onnx.Protobuf;

/// <summary>
/// A protobuf message under construction: its fields in the order they are added, each written as protobuf's encoding
/// guide says (a tag, then a varint, four float bytes, or a length and the bytes). Embedded messages are held as
/// objects and their lengths computed when the parent is written, so a tensor's bytes are referenced, never copied
/// into a parent's buffer.
/// </summary>
internal sealed class ProtoMessage
{
    private readonly List<Field> _fields = [];

    /// <summary>An int32, int64, enum or bool field. A negative value takes ten bytes, as protobuf writes int64.</summary>
    public ProtoMessage AddVarint(int field, long value)
    {
        _fields.Add(new Field(FieldKind.Varint, field) { Value = value });
        return this;
    }

    /// <summary>A float field (wire type 5).</summary>
    public ProtoMessage AddFloat(int field, float value)
    {
        _fields.Add(new Field(FieldKind.Float, field) { Value = BitConverter.SingleToInt32Bits(value) });
        return this;
    }

    /// <summary>A string field, UTF-8.</summary>
    public ProtoMessage AddString(int field, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _fields.Add(new Field(FieldKind.String, field) { Text = value });
        return this;
    }

    /// <summary>A bytes field; the memory is read when the message is written, not now.</summary>
    public ProtoMessage AddBytes(int field, ReadOnlyMemory<byte> value)
    {
        _fields.Add(new Field(FieldKind.Bytes, field) { Bytes = value });
        return this;
    }

    /// <summary>An embedded message field.</summary>
    public ProtoMessage AddMessage(int field, ProtoMessage value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (ReferenceEquals(value, this)) throw new ArgumentException("A message cannot contain itself.", nameof(value));
        _fields.Add(new Field(FieldKind.Message, field) { Message = value });
        return this;
    }

    /// <summary>
    /// A repeated int64 field, packed: one tag, the total length, then the varints. Nothing is written for no values
    /// (an empty repeated field is absent on the wire).
    /// </summary>
    public ProtoMessage AddPackedVarints(int field, IReadOnlyList<long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count > 0) _fields.Add(new Field(FieldKind.PackedVarints, field) { Packed = values.ToArray() });
        return this;
    }

    /// <summary>The message's encoded length, without a tag or length of its own.</summary>
    public long Length
    {
        get
        {
            long length = 0;
            foreach (Field entry in _fields)
            {
                length += ProtoWriter.TagLength(entry.Number) + entry.Kind switch
                {
                    FieldKind.Varint => ProtoWriter.VarintLength((ulong)entry.Value),
                    FieldKind.Float => 4,
                    _ => Delimited(PayloadLength(entry)),
                };
            }
            return length;
        }
    }

    /// <summary>The message's fields, without a tag or length of its own.</summary>
    public void WriteTo(ProtoWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (Field field in _fields)
        {
            switch (field.Kind)
            {
                case FieldKind.Varint:
                    writer.WriteTag(field.Number, WireType.Varint);
                    writer.WriteVarint((ulong)field.Value);
                    break;
                case FieldKind.Float:
                    writer.WriteTag(field.Number, WireType.Fixed32);
                    writer.WriteFloat(BitConverter.Int32BitsToSingle((int)field.Value));
                    break;
                default:
                    writer.WriteTag(field.Number, WireType.LengthDelimited);
                    writer.WriteVarint((ulong)PayloadLength(field));
                    WritePayload(writer, field);
                    break;
            }
        }
    }

    /// <summary>The encoded message (tests, and callers that want the bytes in memory).</summary>
    public byte[] ToArray()
    {
        using var buffer = new MemoryStream(checked((int)Length));
        var writer = new ProtoWriter(buffer);
        WriteTo(writer);
        writer.Flush();
        return buffer.ToArray();
    }

    private static long Delimited(long payload) => ProtoWriter.VarintLength((ulong)payload) + payload;

    private static long PayloadLength(Field field) => field.Kind switch
    {
        FieldKind.String => ProtoWriter.Utf8Length(field.Text!),
        FieldKind.Bytes => field.Bytes.Length,
        FieldKind.Message => field.Message!.Length,
        FieldKind.PackedVarints => field.Packed!.Sum(v => (long)ProtoWriter.VarintLength((ulong)v)),
        _ => throw new InvalidOperationException($"Field {field.Number} of kind {field.Kind} has no length."),
    };

    private static void WritePayload(ProtoWriter writer, Field field)
    {
        switch (field.Kind)
        {
            case FieldKind.String:
                writer.WriteUtf8(field.Text!);
                break;
            case FieldKind.Bytes:
                writer.WriteRaw(field.Bytes.Span);
                break;
            case FieldKind.Message:
                field.Message!.WriteTo(writer);
                break;
            case FieldKind.PackedVarints:
                foreach (long value in field.Packed!) writer.WriteVarint((ulong)value);
                break;
        }
    }

    private enum FieldKind
    {
        Varint,
        Float,
        String,
        Bytes,
        Message,
        PackedVarints,
    }

    /// <summary>One field: its kind and number (the tag is checked when the field is added), and its value.</summary>
    private readonly record struct Field
    {
        public Field(FieldKind kind, int number)
        {
            ProtoWriter.Tag(number, WireType.Varint);
            Kind = kind;
            Number = number;
        }

        public FieldKind Kind { get; }

        public int Number { get; }

        /// <summary>A varint's value, or a float's bits.</summary>
        public long Value { get; init; }

        public string? Text { get; init; }

        public ReadOnlyMemory<byte> Bytes { get; init; }

        public ProtoMessage? Message { get; init; }

        public long[]? Packed { get; init; }
    }
}
