using System.Numerics;
using System.Reflection;
using FastDense.Interop.Onnx.Protobuf;

namespace FastDense.Interop.Onnx;

/// <summary>
/// A model's description and weights as an ONNX <c>ModelProto</c> (IR version <see cref="OnnxExport.IrVersion"/>,
/// opset <see cref="OnnxExport.Opset"/> of the default domain): the inference graph, layer by layer, from the input
/// (batch, inputs) to the output (batch, outputs).
/// </summary>
internal static class OnnxModelBuilder
{
    /// <summary>Builds the model; nothing is written yet, so a layer that cannot be exported throws before any output.</summary>
    /// <exception cref="ArgumentException">The options' input and output names are equal, or one names a value inside the graph.</exception>
    /// <exception cref="NotSupportedException">A layer kind or activation the exporter does not know.</exception>
    public static ProtoMessage Build<T>(ModelDescription description, ReadOnlySpan<T> parameters, ReadOnlySpan<T> state, OnnxExportOptions options)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (options.InputName == options.OutputName)
        {
            throw new ArgumentException($"OnnxExportOptions.InputName and OutputName are both \"{options.InputName}\"; the graph's input and output need two names.", nameof(options));
        }
        if (parameters.Length != description.ParameterCount || state.Length != description.StateCount)
        {
            throw new InvalidOperationException(
                $"Model {description.Name} describes {description.ParameterCount} parameters and {description.StateCount} state values, but its buffers hold {parameters.Length} and {state.Length}.");
        }

        var graph = new OnnxGraph(options.ElementType, options.InputName);
        string current = graph.Input;
        foreach (LayerDescription layer in description.Layers) current = OnnxLayers.Emit(graph, layer, current, parameters, state);
        if (graph.Contains(options.OutputName) && options.OutputName != current)
        {
            throw new ArgumentException($"The output name \"{options.OutputName}\" (OnnxExportOptions.OutputName) is also the name of a value inside the exported graph; choose another.", nameof(options));
        }
        graph.SetOutput(current, options.OutputName);

        ProtoMessage proto = new ProtoMessage()
            .AddVarint(OnnxFields.Model.IrVersion, OnnxExport.IrVersion)
            .AddString(OnnxFields.Model.ProducerName, "FastDense")
            .AddString(OnnxFields.Model.ProducerVersion, ProducerVersion())
            .AddVarint(OnnxFields.Model.ModelVersion, options.ModelVersion)
            .AddString(OnnxFields.Model.DocString, description.ToString())
            .AddMessage(OnnxFields.Model.Graph, graph.ToProto(description.Name, "", options.OutputName, options.BatchDimension, description.Inputs, description.Outputs))
            // The default domain (ai.onnx) is the empty string, which proto3 leaves out.
            .AddMessage(OnnxFields.Model.OpsetImport, new ProtoMessage().AddVarint(OnnxFields.OperatorSetId.Version, OnnxExport.Opset));
        return proto;
    }

    /// <summary>The runtime's version, without the commit that SourceLink appends (<c>0.1.0</c>).</summary>
    private static string ProducerVersion()
    {
        Assembly runtime = typeof(ModelDescription).Assembly;
        string? version = runtime.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? runtime.GetName().Version?.ToString();
        if (version is null) return "";
        int metadata = version.IndexOf('+', StringComparison.Ordinal);
        return metadata < 0 ? version : version[..metadata];
    }
}
