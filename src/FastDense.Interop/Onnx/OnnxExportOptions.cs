namespace FastDense.Interop;

/// <summary>
/// How <see cref="OnnxExport.ExportOnnx{TKernel, T}(Model{TKernel, T}, string, OnnxExportOptions?)"/> writes a model:
/// the element type, the names of the graph's input, output and batch dimension, and the model version. Each property
/// checks its value when it is set.
/// </summary>
public sealed class OnnxExportOptions
{
    private readonly OnnxElementType _elementType = OnnxElementType.Float;
    private readonly string _inputName = "input";
    private readonly string _outputName = "output";
    private readonly string _batchDimension = "batch";
    private readonly long _modelVersion;

    /// <summary>
    /// The element type of the input, the output and the weights: <see cref="OnnxElementType.Float"/> (the default, for
    /// float and double models alike) or <see cref="OnnxElementType.Double"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a member of <see cref="OnnxElementType"/>.</exception>
    public OnnxElementType ElementType
    {
        get => _elementType;
        init => _elementType = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ElementType), value, $"ElementType must be OnnxElementType.Float or OnnxElementType.Double, not {(int)value}.");
    }

    /// <summary>The name of the graph's input, (batch, inputs): <c>"input"</c> by default.</summary>
    /// <exception cref="ArgumentException">Null, empty or only white space.</exception>
    public string InputName
    {
        get => _inputName;
        init => _inputName = Name(value, nameof(InputName));
    }

    /// <summary>The name of the graph's output, (batch, outputs): <c>"output"</c> by default. It must differ from <see cref="InputName"/>.</summary>
    /// <exception cref="ArgumentException">Null, empty or only white space.</exception>
    public string OutputName
    {
        get => _outputName;
        init => _outputName = Name(value, nameof(OutputName));
    }

    /// <summary>The symbolic name of the first (row) dimension of the input and the output: <c>"batch"</c> by default.</summary>
    /// <exception cref="ArgumentException">Null, empty or only white space.</exception>
    public string BatchDimension
    {
        get => _batchDimension;
        init => _batchDimension = Name(value, nameof(BatchDimension));
    }

    /// <summary>ONNX's <c>model_version</c>, for the serving side's bookkeeping: 0 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public long ModelVersion
    {
        get => _modelVersion;
        init => _modelVersion = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(ModelVersion), value, "ModelVersion must not be negative.");
    }

    private static string Name(string? value, string property)
    {
        if (value is null) throw new ArgumentNullException(property, $"{property} must be a name, not null.");
        if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"{property} must be a name, but is \"{value}\".", property);
        return value;
    }
}
