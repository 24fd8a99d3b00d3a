namespace FastDense.Interop;

/// <summary>
/// The element type of an exported ONNX model's input, output and weights. The values are onnx.proto's
/// <c>TensorProto.DataType</c> codes.
/// </summary>
public enum OnnxElementType
{
    /// <summary>
    /// 32-bit float (<c>tensor(float)</c>), the default for float and double models: every ONNX runtime runs every
    /// operator in float. A double model's weights are rounded to the nearest float.
    /// </summary>
    Float = 1,

    /// <summary>
    /// 64-bit float (<c>tensor(double)</c>): a double model's weights as they are. Valid ONNX for every layer and
    /// activation, but ONNX Runtime's CPU provider has no double kernel for some of the operators the activations use
    /// (docs/onnx.md lists what it runs).
    /// </summary>
    Double = 11,
}
