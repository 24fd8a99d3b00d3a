namespace FastDense.Interop.Tests.Onnx;

/// <summary>
/// Reads the top-level fields of a protobuf message, independently of the exporter's writer, so tests can check what
/// an exported file declares (IR version, opset) where ONNX Runtime's metadata does not show it.
/// </summary>
internal static class ProtoFields
{
    /// <summary>One field: its number, and its varint value or its bytes.</summary>
    public sealed record Field(int Number, ulong Varint, byte[] Bytes);

    /// <summary>The message's fields in file order (varint and length-delimited ones; a fixed32 field's 4 bytes as Bytes).</summary>
    public static List<Field> Read(byte[] message)
    {
        var fields = new List<Field>();
        int at = 0;
        while (at < message.Length)
        {
            ulong tag = Varint(message, ref at);
            int number = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0:
                    fields.Add(new Field(number, Varint(message, ref at), []));
                    break;
                case 2:
                    int length = checked((int)Varint(message, ref at));
                    fields.Add(new Field(number, 0, message[at..(at + length)]));
                    at += length;
                    break;
                case 5:
                    fields.Add(new Field(number, 0, message[at..(at + 4)]));
                    at += 4;
                    break;
                default:
                    throw new InvalidDataException($"Wire type {tag & 7} of field {number} at byte {at}.");
            }
        }
        return fields;
    }

    private static ulong Varint(byte[] bytes, ref int at)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }
}
