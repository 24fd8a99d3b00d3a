using System.Globalization;
using System.Text;

namespace FastDense;

/// <summary>
/// A model as data: input width, loss, element type and each layer's shape and parameter offsets. The generator
/// emits one per model (<c>MyModel.Kernel.Description</c>); summaries, persistence and export read it.
/// </summary>
public sealed class ModelDescription
{
    /// <summary>Creates a description. Offsets must match the model's flat parameter layout.</summary>
    /// <param name="name">The model's full type name.</param>
    /// <param name="inputs">The width of one input row.</param>
    /// <param name="loss">The model's loss.</param>
    /// <param name="elementType">The element type, <see cref="float"/> or <see cref="double"/>.</param>
    /// <param name="layers">The layers in order.</param>
    public ModelDescription(string name, int inputs, Loss loss, Type elementType, LayerDescription[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        Name = name;
        Inputs = inputs;
        Loss = loss;
        ElementType = elementType;
        Layers = Array.AsReadOnly((LayerDescription[])layers.Clone());
        int count = 0;
        foreach (LayerDescription layer in layers) count += layer.ParameterCount;
        ParameterCount = count;
    }

    /// <summary>The model's full type name.</summary>
    public string Name { get; }

    /// <summary>The width of one input row.</summary>
    public int Inputs { get; }

    /// <summary>The model's loss.</summary>
    public Loss Loss { get; }

    /// <summary>The element type of parameters and data.</summary>
    public Type ElementType { get; }

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<LayerDescription> Layers { get; }

    /// <summary>The total number of trainable parameters.</summary>
    public int ParameterCount { get; }

    /// <summary>A Keras-style summary table: one row per layer with its output shape and parameter count.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Model: \"{Name}\"\n");
        text.Append("Layer (activation)           Output Shape          Param #\n");
        foreach (LayerDescription layer in Layers)
        {
            string title = $"{layer.Name} ({layer.Activation.ToString().ToLowerInvariant()})";
            text.Append(CultureInfo.InvariantCulture, $"{title,-28} {$"(None, {layer.Units})",-20} {layer.ParameterCount,8:N0}\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"Total params: {ParameterCount:N0}\n");
        return text.ToString();
    }
}

/// <summary>One Dense layer of a <see cref="ModelDescription"/>.</summary>
/// <param name="Name">Keras-style name: <c>dense_0</c>, <c>dense_1</c>...; tensors are <c>{Name}/kernel</c> and <c>{Name}/bias</c>.</param>
/// <param name="Inputs">The layer's input width.</param>
/// <param name="Units">The layer's output width.</param>
/// <param name="Activation">The layer's activation.</param>
/// <param name="KernelOffset">Where the <c>[Inputs, Units]</c> kernel starts in the parameter buffer.</param>
/// <param name="BiasOffset">Where the <c>[Units]</c> bias starts in the parameter buffer.</param>
public sealed record LayerDescription(string Name, int Inputs, int Units, Activation Activation, int KernelOffset, int BiasOffset)
{
    /// <summary><c>Inputs · Units + Units</c>.</summary>
    public int ParameterCount => Inputs * Units + Units;
}
