namespace FastDense.Interop.Onnx;

/// <summary>One attribute of an ONNX node: a float (<c>alpha</c>, <c>epsilon</c>) or an int (<c>axis</c>).</summary>
internal readonly record struct OnnxAttribute
{
    private OnnxAttribute(string name, int type, float floatValue, long intValue)
    {
        Name = name;
        Type = type;
        FloatValue = floatValue;
        IntValue = intValue;
    }

    /// <summary>The attribute's name in the operator's spec.</summary>
    public string Name { get; }

    /// <summary>onnx.proto's <c>AttributeType</c>: <see cref="OnnxFields.Attribute.TypeFloat"/> or <see cref="OnnxFields.Attribute.TypeInt"/>.</summary>
    public int Type { get; }

    /// <summary>The value of a float attribute (ONNX's float attributes are 32-bit).</summary>
    public float FloatValue { get; }

    /// <summary>The value of an int attribute.</summary>
    public long IntValue { get; }

    /// <summary>A float attribute; <paramref name="value"/> is rounded to the nearest float.</summary>
    public static OnnxAttribute Float(string name, double value) => new(name, OnnxFields.Attribute.TypeFloat, (float)value, 0);

    /// <summary>An int attribute.</summary>
    public static OnnxAttribute Int(string name, long value) => new(name, OnnxFields.Attribute.TypeInt, 0, value);
}
