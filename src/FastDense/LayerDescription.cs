namespace FastDense;

/// <summary>One layer of a model as data: its kind, Keras-style name, widths, activation and named tensors.</summary>
public sealed class LayerDescription
{
    /// <summary>Creates a layer description.</summary>
    /// <param name="kind">What kind of layer it is.</param>
    /// <param name="name">Its name, Keras-style: the kind in snake case and its index among the model's layers of that kind (<c>dense_0</c>, <c>dropout_0</c>).</param>
    /// <param name="inputs">The width of one input row.</param>
    /// <param name="outputs">The width of one output row (a Dense layer's units, half of them under glu; the input width for a layer that keeps it).</param>
    /// <param name="activation">The activation the layer applies (<see cref="Activation.Linear"/> for a layer without one).</param>
    /// <param name="tensors">The layer's tensors, in the order Keras stores them (a Dense layer: kernel, bias).</param>
    public LayerDescription(LayerKind kind, string name, int inputs, int outputs, Activation activation, TensorDescription[] tensors)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(tensors);
        Kind = kind;
        Name = name;
        Inputs = inputs;
        Outputs = outputs;
        Activation = activation;
        Tensors = Array.AsReadOnly((TensorDescription[])tensors.Clone());
        int count = 0;
        foreach (TensorDescription tensor in tensors)
        {
            ArgumentNullException.ThrowIfNull(tensor, nameof(tensors));
            if (tensor.Trainable) count += tensor.Length;
        }
        ParameterCount = count;
    }

    /// <summary>What kind of layer it is.</summary>
    public LayerKind Kind { get; }

    /// <summary>The layer's class name in Keras (<c>Dense</c>, <c>Dropout</c>).</summary>
    public string KerasClassName => Kind.ToString();

    /// <summary>The layer's name: <c>dense_0</c>, <c>dropout_0</c>, <c>dense_1</c>…</summary>
    public string Name { get; }

    /// <summary>The width of one input row.</summary>
    public int Inputs { get; }

    /// <summary>The width of one output row: a Dense layer's units, or half of them when its activation is glu.</summary>
    public int Outputs { get; }

    /// <summary>
    /// A Dense layer's units, Keras's argument and its kernel's and bias's width: <see cref="Outputs"/>, or twice it under
    /// glu. Other layers' output width.
    /// </summary>
    internal int Units => Kind == LayerKind.Dense && Activation.HalvesWidth() ? 2 * Outputs : Outputs;

    /// <summary>
    /// The activation applied to the layer's output (<see cref="Activation.Linear"/> for a layer without one). A layer
    /// that only applies an activation (Activation, ReLU, LeakyReLU, ELU, Softmax) reports the one it applies, with its
    /// arguments in <see cref="ActivationArguments"/>: a <c>LeakyReLU</c> layer is <see cref="Activation.LeakyRelu"/> with
    /// <c>negative_slope</c> 0.3, the layer's default.
    /// </summary>
    public Activation Activation { get; }

    /// <summary>
    /// The activation's arguments that differ from Keras's defaults, by Keras's names (<c>negative_slope</c>,
    /// <c>max_value</c>, <c>threshold</c>, <c>alpha</c>, <c>approximate</c> as 1 or 0, <c>b</c>, <c>default_value</c>), in the
    /// order of Keras's signature; empty when the activation runs with its defaults.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, double>> ActivationArguments
    {
        get => _activationArguments;
        init => _activationArguments = Array.AsReadOnly((value ?? throw new ArgumentNullException(nameof(value))).ToArray());
    }

    private readonly IReadOnlyList<KeyValuePair<string, double>> _activationArguments = Array.Empty<KeyValuePair<string, double>>();

    /// <summary>
    /// The layer's own arguments by Keras's names, every one the declaration fixes, in the order of Keras's signature:
    /// Dropout's <c>rate</c> (and <c>seed</c> when declared), BatchNormalization's <c>momentum</c>, <c>epsilon</c>,
    /// <c>center</c> and <c>scale</c> (1 or 0) (with <c>Renorm</c> then <c>renorm</c> 1, the <c>renorm_clipping.rmax</c>,
    /// <c>.rmin</c>, <c>.dmax</c> that clip and <c>renorm_momentum</c>, after the constraints, and <c>synchronized</c> 1
    /// when declared), LayerNormalization's <c>epsilon</c>, <c>center</c>, <c>scale</c>,
    /// Normalization's <c>invert</c>, GaussianNoise's <c>stddev</c>, GaussianDropout's <c>rate</c>, AlphaDropout's <c>rate</c>
    /// (<c>seed</c>, <c>noise_shape.0</c> and <c>noise_shape.1</c> as Dropout's), PReLU's <c>shared_axes.0</c> (1 when one alpha
    /// is shared by every feature) and its declared alpha initializer, regularizer and constraint; for Dense (whose width
    /// and <see cref="Activation"/> are properties of their own) those that differ from Keras's defaults: <c>use_bias</c>
    /// (0), <c>kernel_initializer</c> and <c>bias_initializer</c> (the <see cref="Initializer"/> member's value, then
    /// <c>.value</c>, <c>.mean</c>, <c>.stddev</c>, <c>.minval</c>, <c>.maxval</c>, <c>.gain</c>, <c>.scale</c>, <c>.mode</c>,
    /// <c>.distribution</c>, <c>.seed</c>), the regularizers (<c>kernel_regularizer.l1</c>, <c>.l2</c>, or <c>.factor</c> and
    /// <c>.mode</c> for an <c>OrthogonalRegularizer</c>; <c>bias_regularizer.…</c>, <c>activity_regularizer.…</c>) and the
    /// constraints (<c>kernel_constraint</c>, <c>bias_constraint</c> and their arguments); for BatchNormalization and
    /// LayerNormalization the declared regularizers (<c>gamma_regularizer.l2</c>…), constraints and the initializers that
    /// differ from Keras's defaults (<c>gamma_initializer</c> as the <see cref="Initializer"/> member's value,
    /// <c>gamma_initializer.mean</c>…); for the layers that only apply an activation, that activation's arguments
    /// (<see cref="ActivationArguments"/>). Exporters read the layer's configuration from here.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, double>> Arguments
    {
        get => _arguments;
        init => _arguments = Array.AsReadOnly((value ?? throw new ArgumentNullException(nameof(value))).ToArray());
    }

    private readonly IReadOnlyList<KeyValuePair<string, double>> _arguments = Array.Empty<KeyValuePair<string, double>>();

    /// <summary>The argument named <paramref name="kerasName"/> (<see cref="Arguments"/>), or <paramref name="fallback"/> when the layer has none of that name.</summary>
    /// <param name="kerasName">The argument's Keras name: <c>epsilon</c>, <c>rate</c>…</param>
    /// <param name="fallback">What to return when the layer has no such argument.</param>
    public double Argument(string kerasName, double fallback)
    {
        ArgumentNullException.ThrowIfNull(kerasName);
        foreach (KeyValuePair<string, double> argument in _arguments)
        {
            if (argument.Key == kerasName) return argument.Value;
        }
        return fallback;
    }

    /// <summary>The activation's argument named <paramref name="kerasName"/>, or <paramref name="fallback"/> (the activation's default) when it has Keras's default.</summary>
    internal double ActivationArgument(string kerasName, double fallback)
    {
        foreach (KeyValuePair<string, double> argument in _activationArguments)
        {
            if (argument.Key == kerasName) return argument.Value;
        }
        return fallback;
    }

    /// <summary>The activation as Keras would print the call: <c>leaky_relu</c>, or <c>leaky_relu(negative_slope=0.1)</c> with arguments.</summary>
    internal string ActivationText
    {
        get
        {
            string name = Activation.KerasName();
            if (ActivationArguments.Count == 0) return name;
            IEnumerable<string> arguments = ActivationArguments.Select(a => a.Key == "approximate"
                ? $"{a.Key}={(a.Value != 0 ? "True" : "False")}"
                : $"{a.Key}={a.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
            return $"{name}({string.Join(", ", arguments)})";
        }
    }

    /// <summary>The layer's tensors, in the order Keras stores them.</summary>
    public IReadOnlyList<TensorDescription> Tensors { get; }

    /// <summary>The number of trainable parameters the layer holds (its non-trainable tensors are in the model's state).</summary>
    public int ParameterCount { get; }

    /// <summary>The tensor named <c>{Name}/{shortName}</c> (<c>"kernel"</c>, <c>"bias"</c>).</summary>
    /// <param name="shortName">The tensor's name within the layer.</param>
    /// <exception cref="KeyNotFoundException">The layer has no such tensor; the message lists the ones it has.</exception>
    public TensorDescription Tensor(string shortName)
    {
        ArgumentNullException.ThrowIfNull(shortName);
        foreach (TensorDescription tensor in Tensors)
        {
            if (tensor.Name.Length == Name.Length + 1 + shortName.Length &&
                tensor.Name.StartsWith(Name, StringComparison.Ordinal) && tensor.Name.EndsWith(shortName, StringComparison.Ordinal) &&
                tensor.Name[Name.Length] == '/')
            {
                return tensor;
            }
        }
        string have = Tensors.Count == 0 ? "none" : string.Join(", ", Tensors.Select(t => t.Name));
        throw new KeyNotFoundException($"Layer {Name} has no tensor named '{shortName}'; its tensors: {have}.");
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({KerasClassName}): {Inputs} -> {Outputs}, {ParameterCount} parameters";
}
