namespace FastDense.Interop.Onnx;

/// <summary>
/// The field numbers of the onnx.proto messages the exporter writes (onnx/onnx.proto3 in the ONNX repository; the same
/// numbers as onnx.proto), and the enum values it uses. Only the fields FastDense writes are listed.
/// </summary>
internal static class OnnxFields
{
    /// <summary><c>ModelProto</c>.</summary>
    public static class Model
    {
        public const int IrVersion = 1;
        public const int ProducerName = 2;
        public const int ProducerVersion = 3;
        public const int Domain = 4;
        public const int ModelVersion = 5;
        public const int DocString = 6;
        public const int Graph = 7;
        public const int OpsetImport = 8;
    }

    /// <summary><c>OperatorSetIdProto</c>.</summary>
    public static class OperatorSetId
    {
        public const int Domain = 1;
        public const int Version = 2;
    }

    /// <summary><c>GraphProto</c>.</summary>
    public static class Graph
    {
        public const int Node = 1;
        public const int Name = 2;
        public const int Initializer = 5;
        public const int DocString = 10;
        public const int Input = 11;
        public const int Output = 12;
    }

    /// <summary><c>NodeProto</c>.</summary>
    public static class Node
    {
        public const int Input = 1;
        public const int Output = 2;
        public const int Name = 3;
        public const int OpType = 4;
        public const int Attribute = 5;
    }

    /// <summary><c>AttributeProto</c> and its <c>AttributeType</c> values.</summary>
    public static class Attribute
    {
        public const int Name = 1;
        public const int F = 2;
        public const int I = 3;
        public const int Type = 20;

        public const int TypeFloat = 1;
        public const int TypeInt = 2;
    }

    /// <summary><c>TensorProto</c>.</summary>
    public static class Tensor
    {
        public const int Dims = 1;
        public const int DataType = 2;
        public const int Name = 8;
        public const int RawData = 9;
    }

    /// <summary><c>ValueInfoProto</c>.</summary>
    public static class ValueInfo
    {
        public const int Name = 1;
        public const int Type = 2;
    }

    /// <summary><c>TypeProto</c> (its <c>tensor_type</c> member of the <c>value</c> oneof) and <c>TypeProto.Tensor</c>.</summary>
    public static class Type
    {
        public const int TensorType = 1;

        public const int TensorElemType = 1;
        public const int TensorShape = 2;
    }

    /// <summary><c>TensorShapeProto</c> and <c>TensorShapeProto.Dimension</c>.</summary>
    public static class TensorShape
    {
        public const int Dim = 1;

        public const int DimValue = 1;
        public const int DimParam = 2;
    }
}
