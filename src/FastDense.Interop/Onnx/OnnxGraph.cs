using System.Buffers.Binary;
using System.Numerics;
using FastDense.Interop.Onnx.Protobuf;

namespace FastDense.Interop.Onnx;

/// <summary>
/// The inference graph under construction: nodes in execution order (ONNX requires a topological order; a sequential
/// model's order is one), initializers (the weights, and the scalar constants the operators take as inputs) and the
/// names of all values, which must be unique. <see cref="ToProto"/> turns it into a <c>GraphProto</c>.
/// </summary>
internal sealed class OnnxGraph
{
    private readonly List<OnnxNode> _nodes = [];
    private readonly List<ProtoMessage> _initializers = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly string _inputName;

    /// <summary>A graph whose input is <paramref name="inputName"/> and whose tensors are of <paramref name="elementType"/>.</summary>
    public OnnxGraph(OnnxElementType elementType, string inputName)
    {
        ElementType = elementType;
        _inputName = inputName;
        _names.Add(inputName);
    }

    /// <summary>The element type of the input, the output and every initializer.</summary>
    public OnnxElementType ElementType { get; }

    /// <summary>The graph's input value.</summary>
    public string Input => _inputName;

    /// <summary>The nodes so far, in execution order.</summary>
    public IReadOnlyList<OnnxNode> Nodes => _nodes;

    /// <summary>Whether a value of this name exists.</summary>
    public bool Contains(string name) => _names.Contains(name);

    /// <summary>Adds <paramref name="values"/> as an initializer of shape <paramref name="dims"/>, converted to <see cref="ElementType"/>.</summary>
    /// <returns>The initializer's name, <paramref name="name"/>.</returns>
    public string AddInitializer<T>(string name, ReadOnlySpan<T> values, IReadOnlyList<int> dims)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        long count = 1;
        foreach (int dim in dims) count *= dim;
        if (count != values.Length) throw new InvalidOperationException($"Initializer {name}: shape [{string.Join(", ", dims)}] holds {count} values, but {values.Length} were given.");
        Claim(name);
        _initializers.Add(new ProtoMessage()
            .AddPackedVarints(OnnxFields.Tensor.Dims, dims.Select(d => (long)d).ToArray())
            .AddVarint(OnnxFields.Tensor.DataType, (long)ElementType)
            .AddString(OnnxFields.Tensor.Name, name)
            .AddBytes(OnnxFields.Tensor.RawData, RawData(values, ElementType)));
        return name;
    }

    /// <summary>Adds a scalar (rank 0) initializer: a constant an operator takes as an input (Clip's bounds, an epsilon).</summary>
    public string AddScalar(string name, double value)
        => AddInitializer<double>(name, [value], []);

    /// <summary>Adds an int64 initializer of shape <paramref name="dims"/>: an operator's integer input (TopK's k, an axis, ReduceSum's axes, Gather's indices).</summary>
    /// <returns>The initializer's name, <paramref name="name"/>.</returns>
    public string AddInt64(string name, long[] values, IReadOnlyList<int> dims)
    {
        long count = 1;
        foreach (int dim in dims) count *= dim;
        if (count != values.Length) throw new InvalidOperationException($"Initializer {name}: shape [{string.Join(", ", dims)}] holds {count} values, but {values.Length} were given.");
        Claim(name);
        var bytes = new byte[checked(values.Length * sizeof(long))];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), values[i]);
        _initializers.Add(new ProtoMessage()
            .AddPackedVarints(OnnxFields.Tensor.Dims, dims.Select(d => (long)d).ToArray())
            .AddVarint(OnnxFields.Tensor.DataType, Int64DataType)
            .AddString(OnnxFields.Tensor.Name, name)
            .AddBytes(OnnxFields.Tensor.RawData, bytes));
        return name;
    }

    /// <summary>onnx.proto's <c>TensorProto.DataType</c> code of int64.</summary>
    private const long Int64DataType = 7;

    /// <summary>Adds a node of the default domain whose output is named as the node.</summary>
    /// <returns>The node's output, <paramref name="name"/>.</returns>
    public string AddNode(string opType, string name, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes)
    {
        foreach (string input in inputs)
        {
            if (input.Length != 0 && !_names.Contains(input)) throw new InvalidOperationException($"Node {name} reads {input}, which no node or initializer defines yet.");
        }
        Claim(name);
        _nodes.Add(new OnnxNode(opType, name, inputs.ToArray(), name, attributes));
        return name;
    }

    /// <summary>
    /// Adds a node of the default domain with several outputs (Split, TopK), named <paramref name="outputs"/> in the
    /// operator's order; the node is named <paramref name="name"/>, which no value may take afterwards.
    /// </summary>
    /// <returns>The node's outputs, <paramref name="outputs"/>.</returns>
    public string[] AddNode(string opType, string name, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, params OnnxAttribute[] attributes)
    {
        foreach (string input in inputs)
        {
            if (input.Length != 0 && !_names.Contains(input)) throw new InvalidOperationException($"Node {name} reads {input}, which no node or initializer defines yet.");
        }
        Claim(name);
        foreach (string output in outputs) Claim(output);
        _nodes.Add(new OnnxNode(opType, name, inputs.ToArray(), outputs[0], attributes, outputs.Skip(1).ToArray()));
        return outputs.ToArray();
    }

    /// <summary>
    /// Makes <paramref name="result"/> the graph's output, named <paramref name="outputName"/>: the last node's output is
    /// renamed when it is the result, otherwise (the result is the input or a value read again later) an
    /// <c>Identity</c> node copies it.
    /// </summary>
    public void SetOutput(string result, string outputName)
    {
        OnnxNode? last = _nodes.Count == 0 ? null : _nodes[^1];
        if (last is not null && last.Output == result && last.MoreOutputs.Count == 0 && !_nodes.Any(n => n.Inputs.Contains(result)))
        {
            _names.Remove(result);
            Claim(outputName);
            last.Output = outputName;
        }
        else
        {
            Claim(outputName);
            _nodes.Add(new OnnxNode("Identity", outputName, [result], outputName, []));
        }
    }

    /// <summary>The <c>GraphProto</c>: nodes, name, initializers, the input and output of shape (batch, width).</summary>
    public ProtoMessage ToProto(string name, string docString, string outputName, string batchDimension, int inputWidth, int outputWidth)
    {
        var graph = new ProtoMessage();
        foreach (OnnxNode node in _nodes) graph.AddMessage(OnnxFields.Graph.Node, NodeProto(node));
        graph.AddString(OnnxFields.Graph.Name, name);
        foreach (ProtoMessage initializer in _initializers) graph.AddMessage(OnnxFields.Graph.Initializer, initializer);
        if (docString.Length > 0) graph.AddString(OnnxFields.Graph.DocString, docString);
        graph.AddMessage(OnnxFields.Graph.Input, ValueInfo(_inputName, batchDimension, inputWidth));
        graph.AddMessage(OnnxFields.Graph.Output, ValueInfo(outputName, batchDimension, outputWidth));
        return graph;
    }

    private void Claim(string name)
    {
        if (_names.Add(name)) return;
        if (name == _inputName)
        {
            throw new ArgumentException($"The input name \"{name}\" (OnnxExportOptions.InputName) is also the name of a value inside the exported graph; choose another.", "options");
        }
        throw new InvalidOperationException($"The exported graph would hold two values named \"{name}\".");
    }

    private ProtoMessage ValueInfo(string name, string batchDimension, int width)
    {
        ProtoMessage shape = new ProtoMessage()
            .AddMessage(OnnxFields.TensorShape.Dim, new ProtoMessage().AddString(OnnxFields.TensorShape.DimParam, batchDimension))
            .AddMessage(OnnxFields.TensorShape.Dim, new ProtoMessage().AddVarint(OnnxFields.TensorShape.DimValue, width));
        ProtoMessage tensor = new ProtoMessage()
            .AddVarint(OnnxFields.Type.TensorElemType, (long)ElementType)
            .AddMessage(OnnxFields.Type.TensorShape, shape);
        return new ProtoMessage()
            .AddString(OnnxFields.ValueInfo.Name, name)
            .AddMessage(OnnxFields.ValueInfo.Type, new ProtoMessage().AddMessage(OnnxFields.Type.TensorType, tensor));
    }

    private static ProtoMessage NodeProto(OnnxNode node)
    {
        var proto = new ProtoMessage();
        foreach (string input in node.Inputs) proto.AddString(OnnxFields.Node.Input, input);
        proto.AddString(OnnxFields.Node.Output, node.Output);
        foreach (string output in node.MoreOutputs) proto.AddString(OnnxFields.Node.Output, output);
        proto.AddString(OnnxFields.Node.Name, node.Name);
        proto.AddString(OnnxFields.Node.OpType, node.OpType);
        foreach (OnnxAttribute attribute in node.Attributes)
        {
            var entry = new ProtoMessage().AddString(OnnxFields.Attribute.Name, attribute.Name);
            if (attribute.Type == OnnxFields.Attribute.TypeFloat) entry.AddFloat(OnnxFields.Attribute.F, attribute.FloatValue);
            else entry.AddVarint(OnnxFields.Attribute.I, attribute.IntValue);
            entry.AddVarint(OnnxFields.Attribute.Type, attribute.Type);
            proto.AddMessage(OnnxFields.Node.Attribute, entry);
        }
        return proto;
    }

    /// <summary>The values as little-endian floats or doubles (TensorProto's <c>raw_data</c> is little-endian whatever the machine).</summary>
    private static byte[] RawData<T>(ReadOnlySpan<T> values, OnnxElementType type)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (type == OnnxElementType.Float)
        {
            var bytes = new byte[checked(values.Length * sizeof(float))];
            for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), float.CreateTruncating(values[i]));
            return bytes;
        }
        var wide = new byte[checked(values.Length * sizeof(double))];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(wide.AsSpan(i * sizeof(double)), double.CreateTruncating(values[i]));
        return wide;
    }
}
