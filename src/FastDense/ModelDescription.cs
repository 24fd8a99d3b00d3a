using System.Globalization;
using System.Text;

namespace FastDense;

/// <summary>
/// A model as data: input width, loss, element type, and its layers with their kinds, Keras names and named tensors.
/// The generator emits one per model (<c>MyModel.Kernel.Description</c>); summaries, persistence and export read it.
/// </summary>
public sealed class ModelDescription
{
    /// <summary>Creates a description. Offsets must match the model's flat parameter layout.</summary>
    /// <param name="name">The model's full type name.</param>
    /// <param name="inputs">The width of one input row.</param>
    /// <param name="loss">The model's loss.</param>
    /// <param name="elementType">The element type, <see cref="float"/> or <see cref="double"/>.</param>
    /// <param name="layers">The layers in order.</param>
    /// <param name="metrics">The metrics the model declares by Keras name (<c>[Model(Metrics = …)]</c>), or null for none.</param>
    /// <param name="weightedMetrics">The weighted metrics it declares (<c>[Model(WeightedMetrics = …)]</c>), or null for none.</param>
    public ModelDescription(string name, int inputs, Loss loss, Type elementType, LayerDescription[] layers, string[]? metrics = null, string[]? weightedMetrics = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(elementType);
        ArgumentNullException.ThrowIfNull(layers);
        Name = name;
        Inputs = inputs;
        Loss = loss;
        ElementType = elementType;
        Layers = Array.AsReadOnly((LayerDescription[])layers.Clone());
        int count = 0, state = 0;
        var tensors = new List<TensorDescription>();
        foreach (LayerDescription layer in layers)
        {
            ArgumentNullException.ThrowIfNull(layer, nameof(layers));
            count += layer.ParameterCount;
            foreach (TensorDescription tensor in layer.Tensors) if (!tensor.Trainable) state += tensor.Length;
            tensors.AddRange(layer.Tensors);
        }
        ParameterCount = count;
        StateCount = state;
        Tensors = tensors.AsReadOnly();
        Metrics = Array.AsReadOnly(metrics is null ? [] : (string[])metrics.Clone());
        WeightedMetrics = Array.AsReadOnly(weightedMetrics is null ? [] : (string[])weightedMetrics.Clone());
    }

    /// <summary>The model's full type name.</summary>
    public string Name { get; }

    /// <summary>The width of one input row.</summary>
    public int Inputs { get; }

    /// <summary>The width of one output row: the last layer's output width.</summary>
    public int Outputs => Layers.Count == 0 ? Inputs : Layers[Layers.Count - 1].Outputs;

    /// <summary>The model's loss.</summary>
    public Loss Loss { get; }

    /// <summary>
    /// How many target values each row of <c>y</c> holds: <see cref="Outputs"/>, or 1 (the class index) for
    /// <see cref="Loss.SparseCategoricalCrossentropy"/>.
    /// </summary>
    public int TargetWidth => Losses.LossTargets.Width(Loss, Outputs);

    /// <summary>
    /// The arguments of <see cref="Loss"/> (<c>[Model(Delta = 2.0)]</c> for Huber, …), Keras's defaults where none were
    /// given. The reported loss and the target checks use them; the generated backward passes the same values to the
    /// loss's operator.
    /// </summary>
    public LossArguments LossArguments
    {
        get => _lossArguments;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _lossArguments = value;
            _lossFunction = null;
        }
    }

    private readonly LossArguments _lossArguments = LossArguments.Default;
    private Losses.LossFunction? _lossFunction;

    /// <summary>The loss with its arguments, as the runtime computes its value and checks its targets.</summary>
    internal Losses.LossFunction LossFunction => _lossFunction ??= Losses.LossFunction.For(Loss, _lossArguments);

    /// <summary>The element type, <see cref="float"/> or <see cref="double"/>.</summary>
    public Type ElementType { get; }

    /// <summary>The layers, in the order they were declared.</summary>
    public IReadOnlyList<LayerDescription> Layers { get; }

    /// <summary>Every layer's tensors, layer by layer, in the order of Keras's <c>get_weights()</c>.</summary>
    public IReadOnlyList<TensorDescription> Tensors { get; }

    /// <summary>The metrics the model declares, by Keras name; <c>Fit</c> and <c>Evaluate</c> report them unless given others.</summary>
    public IReadOnlyList<string> Metrics { get; }

    /// <summary>The weighted metrics the model declares, by Keras name; <c>Fit</c> and <c>Evaluate</c> report them unless given others.</summary>
    public IReadOnlyList<string> WeightedMetrics { get; }

    /// <summary>The number of trainable parameters: the length of the parameter buffer.</summary>
    public int ParameterCount { get; }

    /// <summary>The number of non-trainable values (a Normalization's mean and variance): the length of the state buffer.</summary>
    public int StateCount { get; }

    /// <summary>The model's layers and parameter counts, laid out like Keras's <c>model.summary()</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Model: \"{Name}\"\n");
        text.Append("Layer (type)                        Output Shape          Param #\n");   // Param # counts every weight, as Keras's
        foreach (LayerDescription layer in Layers)
        {
            string title = layer.Kind is LayerKind.Dense or LayerKind.Activation
                ? $"{layer.Name} ({layer.KerasClassName}, {layer.Activation.KerasName()})"
                : $"{layer.Name} ({layer.KerasClassName})";
            int weights = layer.Tensors.Sum(t => t.Length);
            text.Append(CultureInfo.InvariantCulture, $"{title,-35} {$"(None, {layer.Outputs})",-20} {weights,8:N0}\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"Total params: {ParameterCount + StateCount:N0}\n");
        if (StateCount > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"Trainable params: {ParameterCount:N0}\n");
            text.Append(CultureInfo.InvariantCulture, $"Non-trainable params: {StateCount:N0}\n");
        }
        return text.ToString();
    }
}
