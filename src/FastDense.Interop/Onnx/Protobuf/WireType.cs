namespace FastDense.Interop.Onnx.Protobuf;

/// <summary>
/// The protobuf wire types a field's tag announces (protobuf's encoding guide, "Message Structure"): the low three bits
/// of the tag, the field number above them.
/// </summary>
internal enum WireType
{
    /// <summary>A base-128 varint: int32, int64, uint64, bool, enum.</summary>
    Varint = 0,

    /// <summary>Eight little-endian bytes: fixed64, double.</summary>
    Fixed64 = 1,

    /// <summary>A varint length, then that many bytes: string, bytes, an embedded message, a packed repeated field.</summary>
    LengthDelimited = 2,

    /// <summary>Four little-endian bytes: fixed32, float.</summary>
    Fixed32 = 5,
}
