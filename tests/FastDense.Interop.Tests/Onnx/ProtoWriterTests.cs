using FastDense.Interop.Onnx;
using FastDense.Interop.Onnx.Protobuf;

namespace FastDense.Interop.Tests.Onnx;

/// <summary>
/// The protobuf writer against bytes computed by hand from protobuf's encoding guide (protobuf.dev, "Encoding"): its
/// worked examples (150 → 08 96 01, "testing", the embedded message, the packed 3, 270, 86942) and the ONNX messages
/// the exporter writes, field numbers from onnx/onnx.proto3.
/// </summary>
public sealed class ProtoWriterTests
{
    [Theory]
    [InlineData(0UL, new byte[] { 0x00 })]
    [InlineData(1UL, new byte[] { 0x01 })]
    [InlineData(127UL, new byte[] { 0x7F })]
    [InlineData(128UL, new byte[] { 0x80, 0x01 })]
    [InlineData(150UL, new byte[] { 0x96, 0x01 })]
    [InlineData(300UL, new byte[] { 0xAC, 0x02 })]
    [InlineData(16384UL, new byte[] { 0x80, 0x80, 0x01 })]
    [InlineData(ulong.MaxValue, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void Varints_are_base_128_least_significant_group_first(ulong value, byte[] expected)
    {
        Assert.Equal(expected, Written(w => w.WriteVarint(value)));
        Assert.Equal(expected.Length, ProtoWriter.VarintLength(value));
    }

    [Fact]
    public void A_negative_int64_takes_ten_bytes()
    {
        // -1 as int64 is 64 one bits: nine groups of seven with the continuation bit, then the last bit.
        byte[] bytes = new ProtoMessage().AddVarint(3, -1).ToArray();
        Assert.Equal(new byte[] { 0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, bytes);
    }

    [Theory]
    [InlineData(1, 0, new byte[] { 0x08 })]
    [InlineData(2, 2, new byte[] { 0x12 })]
    [InlineData(2, 5, new byte[] { 0x15 })]
    [InlineData(15, 2, new byte[] { 0x7A })]
    [InlineData(16, 0, new byte[] { 0x80, 0x01 })]
    [InlineData(20, 0, new byte[] { 0xA0, 0x01 })]
    public void Tags_are_the_field_number_shifted_over_the_wire_type(int field, int wireType, byte[] expected)
    {
        Assert.Equal(expected, Written(w => w.WriteTag(field, (WireType)wireType)));
        Assert.Equal(expected.Length, ProtoWriter.TagLength(field));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1 << 29)]
    public void Field_numbers_outside_protobufs_range_are_refused(int field)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ProtoMessage().AddVarint(field, 1));
        Assert.Equal("field", error.ParamName);
    }

    [Fact]
    public void The_encoding_guides_examples()
    {
        Assert.Equal(new byte[] { 0x08, 0x96, 0x01 }, new ProtoMessage().AddVarint(1, 150).ToArray());
        Assert.Equal(new byte[] { 0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6E, 0x67 }, new ProtoMessage().AddString(2, "testing").ToArray());
        Assert.Equal(new byte[] { 0x1A, 0x03, 0x08, 0x96, 0x01 }, new ProtoMessage().AddMessage(3, new ProtoMessage().AddVarint(1, 150)).ToArray());
        Assert.Equal(new byte[] { 0x22, 0x06, 0x03, 0x8E, 0x02, 0x9E, 0xA7, 0x05 }, new ProtoMessage().AddPackedVarints(4, [3, 270, 86942]).ToArray());
    }

    [Fact]
    public void Floats_are_four_little_endian_bytes_and_strings_utf8()
    {
        Assert.Equal(new byte[] { 0x15, 0x00, 0x00, 0x80, 0x3F }, new ProtoMessage().AddFloat(2, 1f).ToArray());
        Assert.Equal(new byte[] { 0x15, 0x00, 0x00, 0x00, 0xBF }, new ProtoMessage().AddFloat(2, -0.5f).ToArray());
        // "é" is two bytes in UTF-8: the length counts bytes, not chars.
        Assert.Equal(new byte[] { 0x0A, 0x02, 0xC3, 0xA9 }, new ProtoMessage().AddString(1, "é").ToArray());
    }

    [Fact]
    public void An_empty_packed_field_is_absent_and_fields_keep_their_order()
    {
        ProtoMessage message = new ProtoMessage().AddVarint(2, 1).AddPackedVarints(1, []).AddBytes(9, new byte[] { 0xAB }).AddVarint(1, 0);
        Assert.Equal(new byte[] { 0x10, 0x01, 0x4A, 0x01, 0xAB, 0x08, 0x00 }, message.ToArray());
        Assert.Equal(7, message.Length);
    }

    [Fact]
    public void Long_payloads_pass_through_the_buffer_whole()
    {
        // Longer than the writer's 4,096-byte buffer, and a length of three varint bytes (5,000 = 0x88 0x27).
        byte[] payload = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray();
        ProtoMessage message = new ProtoMessage().AddString(1, "x").AddBytes(2, payload).AddVarint(3, 5);
        byte[] bytes = message.ToArray();
        Assert.Equal(message.Length, bytes.Length);
        Assert.Equal(new byte[] { 0x0A, 0x01, 0x78, 0x12, 0x88, 0x27 }, bytes[..6]);
        Assert.Equal(payload, bytes[6..5006]);
        Assert.Equal(new byte[] { 0x18, 0x05 }, bytes[5006..]);
    }

    [Fact]
    public void A_graph_of_one_node_with_an_initializer_and_an_attribute()
    {
        var graph = new OnnxGraph(OnnxElementType.Float, "x");
        string w = graph.AddInitializer<float>("w", [1f, -2f], [2]);
        graph.AddNode("LeakyRelu", "r", [graph.AddNode("Mul", "m", ["x", w])], OnnxAttribute.Float("alpha", 0.5));
        graph.SetOutput("r", "y");
        byte[] bytes = graph.ToProto("g", "", "y", "N", 2, 2).ToArray();

        byte[] mul = [0x0A, 0x01, 0x78, 0x0A, 0x01, 0x77, 0x12, 0x01, 0x6D, 0x1A, 0x01, 0x6D, 0x22, 0x03, 0x4D, 0x75, 0x6C];
        // AttributeProto: name "alpha" (1), f 0.5 (2, fixed32), type FLOAT = 1 (20).
        byte[] alpha = [0x0A, 0x05, 0x61, 0x6C, 0x70, 0x68, 0x61, 0x15, 0x00, 0x00, 0x00, 0x3F, 0xA0, 0x01, 0x01];
        // NodeProto: input "m", output "y" (renamed from "r"), name "r", op_type "LeakyRelu", attribute (5).
        byte[] leaky = [0x0A, 0x01, 0x6D, 0x12, 0x01, 0x79, 0x1A, 0x01, 0x72, 0x22, 0x09, .."LeakyRelu"u8, 0x2A, (byte)alpha.Length, .. alpha];
        // TensorProto: dims [2] packed (1), data_type FLOAT (2), name "w" (8), raw_data 1f, -2f little-endian (9).
        byte[] tensor = [0x0A, 0x01, 0x02, 0x10, 0x01, 0x42, 0x01, 0x77, 0x4A, 0x08, 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0];
        // TensorShapeProto: dim { dim_param "N" }, dim { dim_value 2 }; TypeProto.Tensor: elem_type FLOAT, shape.
        byte[] shape = [0x0A, 0x03, 0x12, 0x01, 0x4E, 0x0A, 0x02, 0x08, 0x02];
        byte[] type = [0x0A, 0x0D, 0x08, 0x01, 0x12, 0x09, .. shape];
        byte[] input = [0x0A, 0x01, 0x78, 0x12, (byte)type.Length, .. type];
        byte[] output = [0x0A, 0x01, 0x79, 0x12, (byte)type.Length, .. type];
        byte[] expected =
        [
            0x0A, (byte)mul.Length, .. mul, 0x0A, (byte)leaky.Length, .. leaky,  // node (1), twice
            0x12, 0x01, 0x67,                                                     // name "g" (2)
            0x2A, (byte)tensor.Length, .. tensor,                                 // initializer (5)
            0x5A, (byte)input.Length, .. input,                                   // input (11)
            0x62, (byte)output.Length, .. output,                                 // output (12)
        ];
        Assert.Equal(expected, bytes);
    }

    private static byte[] Written(Action<ProtoWriter> write)
    {
        var stream = new MemoryStream();
        var writer = new ProtoWriter(stream);
        write(writer);
        writer.Flush();
        return stream.ToArray();
    }
}
