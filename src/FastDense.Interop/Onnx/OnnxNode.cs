namespace FastDense.Interop.Onnx;

/// <summary>
/// One node of the exported graph: an operator of the default domain (<c>ai.onnx</c>), its inputs by value name
/// (an empty name skips an optional input), its first output and any further ones (Split's second half, TopK's
/// indices), and its attributes.
/// </summary>
internal sealed class OnnxNode(string opType, string name, IReadOnlyList<string> inputs, string output, IReadOnlyList<OnnxAttribute> attributes, IReadOnlyList<string>? moreOutputs = null)
{
    /// <summary>The operator, as the ONNX spec names it (<c>Gemm</c>, <c>Relu</c>).</summary>
    public string OpType { get; } = opType;

    /// <summary>The node's name, unique in the graph: <c>{layer}/{what}</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The values it reads.</summary>
    public IReadOnlyList<string> Inputs { get; } = inputs;

    /// <summary>The value it writes first; the last node's is renamed to the graph's output name.</summary>
    public string Output { get; set; } = output;

    /// <summary>The values it writes after <see cref="Output"/>, in the operator's order of outputs.</summary>
    public IReadOnlyList<string> MoreOutputs { get; } = moreOutputs ?? [];

    /// <summary>Its attributes.</summary>
    public IReadOnlyList<OnnxAttribute> Attributes { get; } = attributes;
}
