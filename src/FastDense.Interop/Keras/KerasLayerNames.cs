using System.Text.RegularExpressions;

namespace FastDense.Interop.Keras;

/// <summary>
/// The names under which Keras 3 files address a Sequential model's layers. Keras does not use a layer's own name
/// (<c>layer.name</c>, which a user or the global name counter chooses) to place its weights: saving_lib's
/// <c>_save_container_state</c> and <c>_load_container_state</c> name each layer of <c>model.layers</c> by its class in
/// snake case, numbered per class in list order (<c>_get_unique_name</c>): the first Dense is <c>dense</c>, the second
/// <c>dense_1</c>, the first BatchNormalization <c>batch_normalization</c>. So the path of a layer's weights depends
/// only on the layer classes in order, and ours follow from our layer names: <c>dense_0</c> is <c>dense</c>,
/// <c>dense_k</c> (k ≥ 1) is <c>dense_k</c>.
/// </summary>
internal static class KerasLayerNames
{
    /// <summary>
    /// Keras's <c>naming.to_snake_case</c> of the layer's class (keras/src/utils/naming.py: an underscore before each capital
    /// that starts a lower-case run, then between a lower-case letter and a capital): <c>BatchNormalization</c> →
    /// <c>batch_normalization</c>, <c>ReLU</c> → <c>re_lu</c>, <c>PReLU</c> → <c>p_re_lu</c>, <c>ELU</c> → <c>elu</c>.
    /// </summary>
    public static string ClassInSnakeCase(LayerKind kind)
    {
        string name = kind.ToString();
        name = Regex.Replace(name, "(.)([A-Z][a-z]+)", "$1_$2", RegexOptions.CultureInvariant);
        return Regex.Replace(name, "([a-z])([A-Z])", "$1_$2", RegexOptions.CultureInvariant).ToLowerInvariant();
    }

    /// <summary>Each layer's Keras path name, in the model's order: <c>dense</c>, <c>dropout</c>, <c>dense_1</c>…</summary>
    public static string[] Of(ModelDescription description)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new string[description.Layers.Count];
        for (int i = 0; i < names.Length; i++)
        {
            string baseName = ClassInSnakeCase(description.Layers[i].Kind);
            // _get_unique_name: the first keeps the bare name, the n-th repeat gets "_n".
            if (counts.TryGetValue(baseName, out int seen))
            {
                counts[baseName] = seen + 1;
                names[i] = $"{baseName}_{seen + 1}";
            }
            else
            {
                counts[baseName] = 0;
                names[i] = baseName;
            }
        }
        return names;
    }
}
