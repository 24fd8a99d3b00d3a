using System.Globalization;
using System.Reflection;

namespace FastDense.Persistence;

/// <summary>
/// The keys and values of the header's <c>__metadata__</c> object (safetensors allows only string values there), and
/// the architecture checks a FastDense file's metadata must pass.
/// </summary>
internal static class FileMetadata
{
    /// <summary>What the file holds: <see cref="WeightsFormat"/> or <see cref="CheckpointFormat"/>.</summary>
    public const string Format = "format";

    /// <summary>The <see cref="Format"/> of a weights file.</summary>
    public const string WeightsFormat = "fastdense-weights";

    /// <summary>The <see cref="Format"/> of a training checkpoint.</summary>
    public const string CheckpointFormat = "fastdense-checkpoint";

    /// <summary>Every FastDense format starts with this; a file whose format does not is read as foreign weights.</summary>
    public const string FormatPrefix = "fastdense-";

    /// <summary>The model class's full name (<see cref="ModelDescription.Name"/>); informative, not checked.</summary>
    public const string Model = "model";

    /// <summary>The layer list, e.g. <c>dense_0:Dense(64,relu);dense_1:Dense(10,softmax)</c>; checked on load.</summary>
    public const string Layers = "layers";

    /// <summary>The width of an input row; checked on load.</summary>
    public const string Inputs = "inputs";

    /// <summary>The loss's <see cref="FastDense.Loss"/> name; informative, not checked.</summary>
    public const string Loss = "loss";

    /// <summary>The writing library's informational version.</summary>
    public const string Version = "fastdense_version";

    /// <summary>Checkpoint: the optimizer's full type name, e.g. <c>FastDense.Adam</c>.</summary>
    public const string Optimizer = "optimizer";

    /// <summary>Checkpoint: the learning rate, round-trip formatted.</summary>
    public const string LearningRate = "learning_rate";

    /// <summary>
    /// Checkpoint, only when the learning rate follows a schedule: the schedule's full type name, e.g.
    /// <c>FastDense.CosineDecay</c>. A schedule is code: the file names it and gives its parameters, and the rate at
    /// each step follows from <see cref="Iterations"/>; <see cref="LearningRate"/> is then the rate of the next step,
    /// informative only.
    /// </summary>
    public const string LearningRateSchedule = "learning_rate_schedule";

    /// <summary>Checkpoint: the prefix of each schedule parameter's key, e.g. <c>learning_rate_schedule.decay_steps</c>.</summary>
    public const string SchedulePrefix = "learning_rate_schedule.";

    /// <summary>Checkpoint: the prefix of each other hyperparameter's key, e.g. <c>optimizer.beta1</c>.</summary>
    public const string HyperparameterPrefix = "optimizer.";

    /// <summary>Checkpoint: the optimizer's number of state slots (Adam 2, SGD 0).</summary>
    public const string OptimizerSlots = "optimizer_slots";

    /// <summary>Checkpoint: <see cref="StateSaved"/> when the optimizer had state (it had taken a step), else <see cref="StateNone"/>.</summary>
    public const string OptimizerState = "optimizer_state";

    /// <summary>The <see cref="OptimizerState"/> of an optimizer with state: one tensor per slot and model tensor follows.</summary>
    public const string StateSaved = "saved";

    /// <summary>The <see cref="OptimizerState"/> of an optimizer without state yet: no slot tensors.</summary>
    public const string StateNone = "none";

    /// <summary>Checkpoint: the optimizer's step count.</summary>
    public const string Iterations = "iterations";

    /// <summary>Checkpoint: the epochs trained.</summary>
    public const string Epoch = "epoch";

    /// <summary>Checkpoint: the run's shuffling seed.</summary>
    public const string Seed = "seed";

    /// <summary>This assembly's informational version, as written to <see cref="Version"/>.</summary>
    public static string FastDenseVersion { get; } =
        typeof(FileMetadata).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The metadata every FastDense file starts with, in the order written.</summary>
    public static List<KeyValuePair<string, string>> ForModel(ModelDescription description, string format) =>
    [
        new(Format, format),
        new(Model, description.Name),
        new(Layers, LayerList(description)),
        new(Inputs, description.Inputs.ToString(CultureInfo.InvariantCulture)),
        new(Loss, description.Loss.ToString()),
        new(Version, FastDenseVersion),
    ];

    /// <summary>
    /// <c>{name}:Dense({units},{activation})</c> for a Dense layer (<c>…,use_bias=False)</c> for one without a bias), <c>{name}:{Kind}({activation})</c> for a layer that only
    /// applies an activation (<c>activation_0:Activation(relu)</c>, <c>leaky_re_lu_0:LeakyReLU(leaky_relu(negative_slope=0.3))</c>:
    /// the activation changes what the model computes with the same tensors) and <c>{name}:{Kind}</c> for a layer whose
    /// arguments do not change what its tensors mean (a Dropout's rate), joined by ';', activations by Keras's name with the
    /// arguments that differ from Keras's defaults (<c>leaky_relu(negative_slope=0.1)</c>).
    /// </summary>
    public static string LayerList(ModelDescription description)
        => string.Join(';', description.Layers.Select(
            layer => layer.Kind == LayerKind.Dense
                ? string.Create(CultureInfo.InvariantCulture, $"{layer.Name}:Dense({layer.Units},{layer.ActivationText}{(layer.Argument("use_bias", 1) == 0 ? ",use_bias=False" : "")})")
                : layer.Activation != Activation.Linear || layer.ActivationArguments.Count > 0
                    ? $"{layer.Name}:{layer.KerasClassName}({layer.ActivationText})"
                    : $"{layer.Name}:{layer.KerasClassName}"));

    /// <summary>
    /// The layers and input width of a FastDense file must be the model's: tensors of the right shapes in a model
    /// whose activations differ would load and compute something else.
    /// </summary>
    public static void CheckArchitecture(IReadOnlyDictionary<string, string> metadata, ModelDescription description)
    {
        string layers = LayerList(description);
        string inputs = description.Inputs.ToString(CultureInfo.InvariantCulture);
        if (!metadata.TryGetValue(Layers, out string? fileLayers))
        {
            throw new ModelFileException($"The metadata has no \"{Layers}\" entry; a FastDense file names its layers (this model: \"{layers}\").");
        }
        if (fileLayers != layers)
        {
            throw new ModelFileException($"The file's layers are \"{Shorten(fileLayers)}\" but this model's are \"{layers}\".");
        }
        if (!metadata.TryGetValue(Inputs, out string? fileInputs) || fileInputs != inputs)
        {
            throw new ModelFileException(
                $"The file's input width is {(fileInputs is null ? "missing" : $"\"{Shorten(fileInputs)}\"")} but this model's is {inputs}.");
        }
    }

    /// <summary>The value of <paramref name="key"/>, required.</summary>
    public static string Required(IReadOnlyDictionary<string, string> metadata, string key)
        => metadata.TryGetValue(key, out string? value)
            ? value
            : throw new ModelFileException($"The checkpoint's metadata has no \"{key}\" entry.");

    /// <summary>The value of <paramref name="key"/> as a long in [min, max], written in invariant digits.</summary>
    public static long RequiredInteger(IReadOnlyDictionary<string, string> metadata, string key, long min, long max)
    {
        string text = Required(metadata, key);
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) || value < min || value > max)
        {
            throw new ModelFileException($"The metadata's \"{key}\" is \"{Shorten(text)}\"; expected an integer from {min} to {max}.");
        }
        return value;
    }

    /// <summary>A value shown in a message, cut to a readable length (a file's strings may be of any size).</summary>
    public static string Shorten(string text) => text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 120), "…");
}
