using System.Globalization;
using System.Text.Json;

namespace FastDense.Interop.Keras;

/// <summary>
/// Checks a <c>.keras</c> archive's <c>config.json</c> against the model, layer by layer, before its weights are
/// read: a Sequential whose InputLayer has the model's input width and whose layers are, in order, the model's kinds
/// with the model's arguments (Dense: units, activation, use_bias; Dropout, GaussianDropout and AlphaDropout: rate;
/// GaussianNoise: stddev; BatchNormalization: axis, momentum, epsilon, center, scale, synchronized, renorm, and with
/// renorm renorm_clipping's rmax, rmin, dmax and renorm_momentum; LayerNormalization: axis, epsilon, center, scale;
/// Normalization: axis, invert; Activation: activation; ReLU: max_value, negative_slope, threshold; LeakyReLU:
/// negative_slope; ELU: alpha; Softmax: axis; PReLU: shared_axes). The first difference is reported with what each side
/// has. Keys that do not change what the layer computes (names, initializers, regularizers, constraints, dtype, seeds)
/// are not compared, nor are renorm_clipping and renorm_momentum without renorm (Keras ignores them then). An absent key
/// has Keras's default.
/// </summary>
internal static class KerasConfigReader
{
    /// <summary>Throws unless <paramref name="json"/> describes the model.</summary>
    /// <exception cref="ModelFileException">The config is not JSON, not a Sequential, or differs from the model.</exception>
    public static void Check(byte[] json, ModelDescription description)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new ModelFileException($"The archive's config.json is not valid JSON: {e.Message}", null, e);
        }
        using (document)
        {
            JsonElement root = document.RootElement;
            string className = Text(root, "class_name") ?? "(no class_name)";
            if (className != "Sequential")
            {
                throw new ModelFileException($"The archive's config.json describes a {className}; LoadKeras reads Sequential models of Dense and normalization layers.");
            }
            JsonElement config = Object(root, "config", "the Sequential");
            if (!config.TryGetProperty("layers", out JsonElement layers) || layers.ValueKind != JsonValueKind.Array)
            {
                throw new ModelFileException("The archive's config.json has no 'layers' list in the Sequential's config.");
            }
            CheckLayers(layers.EnumerateArray().ToArray(), description);
        }
    }

    private static void CheckLayers(JsonElement[] layers, ModelDescription description)
    {
        int start = 0;
        if (layers.Length > 0 && Text(layers[0], "class_name") == "InputLayer")
        {
            JsonElement input = Object(layers[0], "config", "the InputLayer");
            if ((Width(input, "batch_shape") ?? Width(input, "batch_input_shape")) is int width && width != description.Inputs)
            {
                throw new ModelFileException(
                    $"config.json's InputLayer takes {width} features; the model takes {description.Inputs}.");
            }
            start = 1;
        }
        int count = layers.Length - start;
        for (int i = 0; i < Math.Min(count, description.Layers.Count); i++)
        {
            CheckLayer(layers[start + i], i, description.Layers[i]);
        }
        if (count != description.Layers.Count)
        {
            string detail = count > description.Layers.Count
                ? $"its layer {description.Layers.Count + 1} is {Describe(layers[start + description.Layers.Count])}, which the model lacks"
                : $"the model's layer {count + 1}, {Ours(description.Layers[count])}, is not in the file";
            throw new ModelFileException(
                $"config.json's Sequential has {count} layers after its InputLayer; the model has {description.Layers.Count}: {detail}.");
        }
    }

    private static void CheckLayer(JsonElement layer, int index, LayerDescription ours)
    {
        string className = Text(layer, "class_name") ?? "(no class_name)";
        string position = $"Layer {index + 1} of config.json, {Describe(layer)},";
        if (className != ours.KerasClassName)
        {
            throw new ModelFileException($"{position} is a {className}; the model's layer {index + 1} is {Ours(ours)}.");
        }
        JsonElement config = Object(layer, "config", $"layer {index + 1}");
        void Same(string key, string seen, string expected)
        {
            if (seen != expected)
            {
                throw new ModelFileException($"{position} has {key} = {seen}; the model's {ours.Name} has {key} = {expected}.");
            }
        }
        switch (ours.Kind)
        {
            case LayerKind.Dense:
                Same("units", Value(config, "units"), ours.Units.ToString(CultureInfo.InvariantCulture));
                Same("activation", Activation(config), ours.ActivationText);
                Same("use_bias", Value(config, "use_bias", "true"), Flag(ours.Argument("use_bias", 1)));
                break;
            case LayerKind.Dropout:
            case LayerKind.GaussianDropout:
            case LayerKind.AlphaDropout:
                Same("rate", Value(config, "rate"), Number(ours.Argument("rate", 0)));
                break;
            case LayerKind.GaussianNoise:
                Same("stddev", Value(config, "stddev"), Number(ours.Argument("stddev", 0)));
                break;
            case LayerKind.ActivityRegularization:
                Same("l1", Value(config, "l1", "0"), Number(ours.Argument("l1", 0)));
                Same("l2", Value(config, "l2", "0"), Number(ours.Argument("l2", 0)));
                break;
            case LayerKind.BatchNormalization:
                Same("axis", Axis(config, "-1"), "-1");
                Same("momentum", Value(config, "momentum", "0.99"), Number(ours.Argument("momentum", 0.99)));
                Same("epsilon", Value(config, "epsilon", "0.001"), Number(ours.Argument("epsilon", 1e-3)));
                Same("center", Value(config, "center", "true"), Flag(ours.Argument("center", 1)));
                Same("scale", Value(config, "scale", "true"), Flag(ours.Argument("scale", 1)));
                Same("synchronized", Value(config, "synchronized", "false"), Flag(ours.Argument("synchronized", 0)));
                Same("renorm", Value(config, "renorm", "false"), Flag(ours.Argument("renorm", 0)));
                if (ours.Argument("renorm", 0) == 0) break;
                // renorm_clipping: a missing dict or key clips nothing (rmax, dmax +∞; rmin 0, below any r).
                JsonElement? clipping = config.TryGetProperty("renorm_clipping", out JsonElement c) && c.ValueKind != JsonValueKind.Null ? c : null;
                if (clipping is JsonElement dict)
                {
                    if (dict.ValueKind != JsonValueKind.Object)
                    {
                        throw new ModelFileException($"{position} has renorm_clipping = {dict.GetRawText()}; Keras's renorm_clipping is a dict of rmax, rmin and dmax.");
                    }
                    foreach (JsonProperty key in dict.EnumerateObject())
                    {
                        if (key.Name is not ("rmax" or "rmin" or "dmax"))
                        {
                            throw new ModelFileException($"{position} has renorm_clipping key '{key.Name}'; Keras's renorm_clipping takes rmax, rmin and dmax.");
                        }
                    }
                }
                Same("renorm_clipping.rmax", Clip(clipping, "rmax", "inf"), Number(ours.Argument("renorm_clipping.rmax", double.PositiveInfinity)));
                Same("renorm_clipping.rmin", Clip(clipping, "rmin", "0"), Number(ours.Argument("renorm_clipping.rmin", 0)));
                Same("renorm_clipping.dmax", Clip(clipping, "dmax", "inf"), Number(ours.Argument("renorm_clipping.dmax", double.PositiveInfinity)));
                Same("renorm_momentum", Value(config, "renorm_momentum", "0.99"), Number(ours.Argument("renorm_momentum", 0.99)));
                break;
            case LayerKind.LayerNormalization:
                Same("axis", Axis(config, "-1"), "-1");
                Same("epsilon", Value(config, "epsilon", "0.001"), Number(ours.Argument("epsilon", 1e-3)));
                Same("center", Value(config, "center", "true"), Flag(ours.Argument("center", 1)));
                Same("scale", Value(config, "scale", "true"), Flag(ours.Argument("scale", 1)));
                Same("rms_scaling", Value(config, "rms_scaling", "false"), "false");
                break;
            case LayerKind.Activation:
                Same("activation", Activation(config), ours.ActivationText);
                break;
            // The layers over one activation: each Keras argument against the model's activation argument (its
            // function's default when the description leaves it out), absent ones at the Keras layer's default.
            case LayerKind.ReLU:
                Same("max_value", Value(config, "max_value", "null"), MaxValue(ours.ActivationArgument("max_value", double.PositiveInfinity)));
                Same("negative_slope", Value(config, "negative_slope", "0"), Number(ours.ActivationArgument("negative_slope", 0)));
                Same("threshold", Value(config, "threshold", "0"), Number(ours.ActivationArgument("threshold", 0)));
                break;
            case LayerKind.LeakyReLU:
                Same("negative_slope", Value(config, "negative_slope", "0.3"), Number(ours.ActivationArgument("negative_slope", 0.2)));
                break;
            case LayerKind.ELU:
                Same("alpha", Value(config, "alpha", "1"), Number(ours.ActivationArgument("alpha", 1)));
                break;
            case LayerKind.Softmax:
                Same("axis", Axis(config, "-1"), "-1");
                break;
            case LayerKind.PReLU:
                Same("shared_axes", SharedAxes(config), ours.Argument("shared_axes.0", 0) == 1 ? "[1]" : "None");
                break;
            case LayerKind.Normalization:
                string axis = Axis(config, "-1");
                // With one input feature, per feature and over everything are the same layer.
                if (ours.Inputs > 1 || axis is not ("-1" or "None")) Same("axis", axis, KerasWeightsLayout.NormalizesOverAll(ours) ? "None" : "-1");
                Same("invert", Value(config, "invert", "false"), Flag(ours.Argument("invert", 0)));
                if (Value(config, "mean", "null") != "null")
                {
                    throw new ModelFileException(
                        $"{position} has its mean and variance in its config (Normalization(mean=..., variance=...)), which keeps no weights; LoadKeras reads adapted Normalization layers, whose statistics are in the weights file.");
                }
                break;
        }
    }

    /// <summary>A Dense config's activation as FastDense names it: <c>linear</c> for None, aliases resolved.</summary>
    private static string Activation(JsonElement config)
    {
        if (!config.TryGetProperty("activation", out JsonElement activation) || activation.ValueKind == JsonValueKind.Null) return "linear";
        if (activation.ValueKind != JsonValueKind.String)
        {
            return activation.ValueKind == JsonValueKind.Object && Text(activation, "class_name") is string name
                ? $"a {name} object (not a built-in activation's name)"
                : activation.GetRawText();
        }
        return activation.GetString() switch
        {
            "swish" => "silu",
            "hard_swish" => "hard_silu",
            var other => other!,
        };
    }

    /// <summary>ReLU's <c>max_value</c> as a config holds it: <c>null</c> for Keras's None (+∞ here), else the number.</summary>
    private static string MaxValue(double value) => double.IsPositiveInfinity(value) ? "null" : Number(value);

    /// <summary>PReLU's <c>shared_axes</c> as text: <c>None</c> for null or [] (an alpha per feature), <c>[1]</c> for 1 or [1], else as written.</summary>
    private static string SharedAxes(JsonElement config)
    {
        if (!config.TryGetProperty("shared_axes", out JsonElement axes) || axes.ValueKind == JsonValueKind.Null) return "None";
        if (axes.ValueKind == JsonValueKind.Number) return axes.TryGetInt32(out int one) && one == 1 ? "[1]" : axes.GetRawText();
        if (axes.ValueKind != JsonValueKind.Array) return axes.GetRawText();
        JsonElement[] items = axes.EnumerateArray().ToArray();
        if (items.Length == 0) return "None";
        return items.Length == 1 && items[0].ValueKind == JsonValueKind.Number && items[0].TryGetInt32(out int axis) && axis == 1 ? "[1]" : axes.GetRawText();
    }

    /// <summary>The axis as text: <c>-1</c> for -1, [-1] (and the 2-D input's 1); <c>None</c> for null or [].</summary>
    private static string Axis(JsonElement config, string absent)
    {
        if (!config.TryGetProperty("axis", out JsonElement axis)) return absent;
        if (axis.ValueKind == JsonValueKind.Null) return "None";
        if (axis.ValueKind == JsonValueKind.Array)
        {
            JsonElement[] items = axis.EnumerateArray().ToArray();
            if (items.Length == 0) return "None";
            if (items.Length == 1) axis = items[0];
            else return axis.GetRawText();
        }
        // On (batch, features) input, axis 1 is axis -1.
        return axis.ValueKind == JsonValueKind.Number && axis.TryGetInt32(out int value) && value is -1 or 1 ? "-1" : axis.GetRawText();
    }

    /// <summary>A value as comparable text: numbers in round-trip form, booleans and null as JSON spells them.</summary>
    private static string Value(JsonElement config, string key, string? absent = null)
    {
        if (!config.TryGetProperty(key, out JsonElement value)) return absent ?? "(absent)";
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDouble(out double number) ? Number(number) : value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null => "null",
            _ => value.GetRawText(),
        };
    }

    /// <summary>A renorm_clipping key as comparable text; <paramref name="absent"/> for a missing dict, key or None.</summary>
    private static string Clip(JsonElement? clipping, string key, string absent)
    {
        if (clipping is not JsonElement dict) return absent;
        string value = Value(dict, key, absent);
        return value == "null" ? absent : value;
    }

    /// <summary>A number as comparable text: round-trip form, <c>inf</c> for +∞ (as Python prints it).</summary>
    private static string Number(double value) => double.IsPositiveInfinity(value) ? "inf" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Flag(double value) => value != 0 ? "true" : "false";

    private static int? Width(JsonElement config, string key)
    {
        if (!config.TryGetProperty(key, out JsonElement shape) || shape.ValueKind != JsonValueKind.Array) return null;
        JsonElement[] dimensions = shape.EnumerateArray().ToArray();
        if (dimensions.Length != 2 || !dimensions[1].TryGetInt32(out int width))
        {
            throw new ModelFileException($"config.json's InputLayer has {key} {shape.GetRawText()}; FastDense models take rows of features, [null, features].");
        }
        return width;
    }

    private static string? Text(JsonElement element, string key)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(key, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static JsonElement Object(JsonElement element, string key, string what)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(key, out JsonElement value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new ModelFileException($"config.json has no '{key}' object for {what}.");

    /// <summary>A file layer for messages: <c>Dense 'dense_1' (units 10, softmax)</c>, <c>Activation 'activation' (relu)</c>.</summary>
    private static string Describe(JsonElement layer)
    {
        string className = Text(layer, "class_name") ?? "(no class_name)";
        if (layer.ValueKind != JsonValueKind.Object || !layer.TryGetProperty("config", out JsonElement config) || config.ValueKind != JsonValueKind.Object)
        {
            return className;
        }
        string name = Text(config, "name") is string n ? $" '{n}'" : "";
        return className switch
        {
            "Dense" => $"Dense{name} ({Value(config, "units")} units, {Activation(config)})",
            "Activation" => $"Activation{name} ({Activation(config)})",
            _ => $"{className}{name}",
        };
    }

    /// <summary>A model layer for messages: <c>dense_1 (Dense, 10 units, softmax)</c>, <c>activation_0 (Activation, relu)</c>.</summary>
    private static string Ours(LayerDescription layer) => layer.Kind switch
    {
        LayerKind.Dense => $"{layer.Name} (Dense, {layer.Units} units, {layer.ActivationText})",
        LayerKind.Activation => $"{layer.Name} (Activation, {layer.ActivationText})",
        _ => $"{layer.Name} ({layer.KerasClassName})",
    };
}
