using System.Globalization;

namespace FastDense.Interop.Keras;

/// <summary>
/// Where a Keras 3 weights file (<c>.weights.h5</c>, and <c>model.weights.h5</c> inside a <c>.keras</c> archive) keeps
/// each of the model's tensors. From keras/src/saving/saving_lib.py: <c>_save_state</c> visits the model, then its
/// <c>layers</c> list (Sequential's <c>layers</c> leaves out the InputLayer), and each object's
/// <c>save_own_variables</c> writes into <c>H5IOStore.make(path)</c>, the group <c>{path}/vars</c> (the model's own is
/// the root's <c>vars</c>); that group carries the attribute <c>name</c> (the object's <c>name</c>). Layer's
/// <c>save_own_variables</c> (keras/src/layers/layer.py) stores <c>_trainable_variables + _non_trainable_variables</c>
/// under the keys <c>"0"</c>, <c>"1"</c>…, so:
/// <list type="bullet">
/// <item>Dense: 0 kernel (in, out), 1 bias (out); the kernel alone with <c>use_bias=False</c>.</item>
/// <item>BatchNormalization: gamma, beta (each only when <c>scale</c> / <c>center</c>), then moving_mean, moving_variance,
/// and with <c>renorm</c> moving_stddev, renorm_mean, renorm_stddev, numbered consecutively (batch_normalization.py
/// builds them in that order).</item>
/// <item>LayerNormalization: gamma, beta, each only when <c>scale</c> / <c>center</c>.</item>
/// <item>Normalization (adapted, <c>mean=None</c>): 0 mean, 1 variance (shape (features,), or () with <c>axis=None</c>),
/// 2 count, an integer scalar kept "for backwards compatibility" (preprocessing/normalization.py).</item>
/// <item>Dropout, GaussianNoise, GaussianDropout: no datasets (their seed generators are not saved).</item>
/// </list>
/// </summary>
internal static class KerasWeightsLayout
{
    /// <summary>The group holding one group per layer.</summary>
    public const string LayersGroup = "layers";

    /// <summary>The group inside each object's group that holds its datasets.</summary>
    public const string VarsGroup = "vars";

    /// <summary>The attribute H5IOStore sets on a <c>vars</c> group: the object's <c>name</c>.</summary>
    public const string NameAttribute = "name";

    /// <summary>The name Keras gives a Sequential model's first instance; written as the root <c>vars</c> group's name.</summary>
    public const string ModelName = "sequential";

    /// <summary>The model's layers with their Keras names and datasets, in order.</summary>
    public static KerasLayerVariables[] Of(ModelDescription description)
    {
        string[] names = KerasLayerNames.Of(description);
        var layers = new KerasLayerVariables[names.Length];
        for (int i = 0; i < layers.Length; i++)
        {
            LayerDescription layer = description.Layers[i];
            string vars = $"{LayersGroup}/{names[i]}/{VarsGroup}";
            var variables = new List<KerasVariable>();
            foreach (TensorDescription tensor in layer.Tensors)
            {
                variables.Add(new KerasVariable($"{vars}/{variables.Count}", variables.Count.ToString(CultureInfo.InvariantCulture), KerasShape(layer, tensor), tensor, layer.Kind));
            }
            if (layer.Kind == LayerKind.Normalization)
            {
                variables.Add(new KerasVariable($"{vars}/{variables.Count}", variables.Count.ToString(CultureInfo.InvariantCulture), [], null, layer.Kind));
            }
            layers[i] = new KerasLayerVariables(layer, names[i], variables.ToArray());
        }
        return layers;
    }

    /// <summary>
    /// Whether a Normalization layer normalizes over everything (Keras's <c>axis=None</c>): its mean is one value for an
    /// input wider than one. (With one input feature the two are the same layer.)
    /// </summary>
    public static bool NormalizesOverAll(LayerDescription layer)
        => layer.Kind == LayerKind.Normalization && layer.Tensors[0].Length == 1 && layer.Inputs > 1;

    /// <summary>The shape Keras gives a tensor: ours, except a Normalization over everything, whose mean and variance are scalars.</summary>
    private static ulong[] KerasShape(LayerDescription layer, TensorDescription tensor)
        => NormalizesOverAll(layer) ? [] : tensor.Shape.Select(d => (ulong)d).ToArray();

    /// <summary>A shape as Python prints it: <c>(64, 10)</c>, <c>(10,)</c>, <c>()</c>.</summary>
    public static string ShapeText(IReadOnlyList<ulong> shape)
        => shape.Count == 1
            ? $"({shape[0].ToString(CultureInfo.InvariantCulture)},)"
            : $"({string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))})";
}
