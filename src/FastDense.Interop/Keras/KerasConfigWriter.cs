using System.Buffers;
using System.Text.Json;

namespace FastDense.Interop.Keras;

/// <summary>
/// Writes a <c>.keras</c> archive's <c>config.json</c>: the model as Keras's <c>serialize_keras_object(model)</c>
/// writes a <c>Sequential</c> (keras/src/saving/serialization_lib.py: each object as <c>module</c>,
/// <c>class_name</c>, <c>config</c>, <c>registered_name</c>, then <c>build_config</c>; keras/src/models/sequential.py's
/// <c>get_config</c>: <c>name</c>, <c>trainable</c>, <c>dtype</c>, <c>layers</c> starting with the InputLayer,
/// <c>build_input_shape</c>). Each layer's <c>config</c> holds the keys its <c>get_config</c> returns (base
/// Layer's <c>name</c>, <c>trainable</c>, <c>dtype</c>, then its own), limited to the ones every Keras release since
/// 3.5 accepts back (Keras refuses unknown constructor arguments): Dense's <c>quantization_config</c>, <c>lora_*</c>,
/// BatchNormalization's <c>renorm*</c> and the initializers' <c>input_axes</c> of later releases are left out, and
/// their defaults apply. Initializers are the declared ones (Dense's with their arguments and seeds; the loaded weights
/// replace what they would draw), and BatchNormalization's and LayerNormalization's regularizers and constraints too.
/// A BatchNormalization with renorm, which no release before 3.14 has, adds <c>renorm</c>, <c>renorm_clipping</c> and
/// <c>renorm_momentum</c> after <c>synchronized</c>, as 3.14's <c>get_config</c> does, so such an archive loads in
/// Keras 3.14 and later.
/// The layers over one activation (Activation, ReLU, LeakyReLU, ELU, Softmax) write the activation's arguments under
/// their own keys (keras/src/layers/activations/*.py); PReLU its declared initializer, regularizer and constraint.
/// </summary>
internal static class KerasConfigWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = false };

    /// <summary>The config of the model as a Keras Sequential.</summary>
    /// <exception cref="NotSupportedException">A Dense or Activation layer's activation has arguments (<c>leaky_relu(negative_slope=0.1)</c>): Keras's config names activations by a bare string. Or a Dense layer before the last uses glu, which Keras's Dense cannot pass on (<see cref="RefuseHiddenGlu"/>).</exception>
    public static byte[] Write(ModelDescription description)
    {
        string dtype = description.ElementType == typeof(double) ? "float64" : "float32";
        string[] names = KerasLayerNames.Of(description);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            Header(json, "keras", "Sequential");
            json.WriteStartObject("config");
            json.WriteString("name", KerasWeightsLayout.ModelName);
            json.WriteBoolean("trainable", true);
            DTypePolicy(json, dtype);
            RefuseHiddenGlu(description);
            json.WriteStartArray("layers");
            InputLayer(json, description.Inputs, dtype);
            for (int i = 0; i < names.Length; i++) Layer(json, description.Layers[i], names[i], dtype);
            json.WriteEndArray();
            Shape(json, "build_input_shape", description.Inputs);
            json.WriteEndObject();
            json.WriteNull("registered_name");
            BuildConfig(json, description.Inputs);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Keras's Dense reports its output as <c>units</c> wide whatever its activation (keras/src/layers/core/dense.py,
    /// <c>compute_output_shape</c>), so a Sequential builds the layer after a glu Dense on <c>units</c> features where glu
    /// gives <c>units / 2</c>: <c>load_model</c> could not load that layer's kernel. A glu output layer has nothing after it.
    /// </summary>
    /// <exception cref="NotSupportedException">A Dense layer other than the last uses glu.</exception>
    private static void RefuseHiddenGlu(ModelDescription description)
    {
        for (int i = 0; i < description.Layers.Count - 1; i++)
        {
            LayerDescription layer = description.Layers[i];
            if (layer.Kind != LayerKind.Dense || layer.Activation != Activation.Glu) continue;
            throw new NotSupportedException(
                $"Layer {layer.Name} applies glu before other layers: Keras's Dense reports its output as units = {layer.Units} wide (compute_output_shape), so a .keras Sequential would build the next layer on {layer.Units} features where glu gives {layer.Outputs}, and Keras could not load its weights. Save the weights alone (SaveKerasWeights) and build the model in Python with keras.layers.Dense({layer.Units}) followed by keras.layers.Lambda(keras.activations.glu), whose output Keras infers as {layer.Outputs} wide.");
        }
    }

    private static void InputLayer(Utf8JsonWriter json, int inputs, string dtype)
    {
        json.WriteStartObject();
        Header(json, "keras.layers", "InputLayer");
        json.WriteStartObject("config");
        Shape(json, "batch_shape", inputs);
        json.WriteString("dtype", dtype);
        json.WriteBoolean("sparse", false);
        json.WriteBoolean("ragged", false);
        json.WriteString("name", "input_layer");
        json.WriteBoolean("optional", false);
        json.WriteEndObject();
        json.WriteNull("registered_name");
        json.WriteEndObject();
    }

    private static void Layer(Utf8JsonWriter json, LayerDescription layer, string name, string dtype)
    {
        json.WriteStartObject();
        Header(json, "keras.layers", layer.KerasClassName);
        json.WriteStartObject("config");
        json.WriteString("name", name);
        json.WriteBoolean("trainable", true);
        DTypePolicy(json, dtype);
        // Keras's base Layer.get_config adds activity_regularizer after dtype, and only when the layer has one.
        if (layer.Argument("activity_regularizer.l1", 0) != 0 || layer.Argument("activity_regularizer.l2", 0) != 0)
        {
            Regularizer(json, "activity_regularizer", layer);
        }
        switch (layer.Kind)
        {
            case LayerKind.Dense:
                if (layer.ActivationArguments.Count > 0)
                {
                    throw new NotSupportedException(
                        $"Layer {layer.Name} uses {layer.ActivationText}: a .keras config names a Dense layer's activation by a bare string, which takes Keras's default arguments. Save the weights alone (SaveKerasWeights) and build the model in Python with activation=keras.layers.{ActivationLayerHint(layer)}.");
                }
                // Keras's argument: the kernel's width, twice the output under glu.
                json.WriteNumber("units", layer.Units);
                json.WriteString("activation", layer.Activation.KerasName());
                // use_bias=False: Keras still writes the bias's (default) initializer, regularizer and constraint, unread.
                json.WriteBoolean("use_bias", layer.Argument("use_bias", 1) != 0);
                DeclaredInitializer(json, "kernel_initializer", layer, FastDense.Initializer.GlorotUniform);
                DeclaredInitializer(json, "bias_initializer", layer, FastDense.Initializer.Zeros);
                Regularizer(json, "kernel_regularizer", layer);
                Regularizer(json, "bias_regularizer", layer);
                ConstraintConfig(json, "kernel_constraint", layer);
                ConstraintConfig(json, "bias_constraint", layer);
                break;
            case LayerKind.Dropout:
            case LayerKind.AlphaDropout:
                json.WriteNumber("rate", layer.Argument("rate", 0));
                Seed(json, layer);
                NoiseShape(json, layer);
                break;
            case LayerKind.GaussianNoise:
                json.WriteNumber("stddev", layer.Argument("stddev", 0));
                Seed(json, layer);
                break;
            case LayerKind.GaussianDropout:
                json.WriteNumber("rate", layer.Argument("rate", 0));
                Seed(json, layer);
                break;
            case LayerKind.ActivityRegularization:
                json.WriteNumber("l1", layer.Argument("l1", 0));
                json.WriteNumber("l2", layer.Argument("l2", 0));
                break;
            case LayerKind.BatchNormalization:
                json.WriteNumber("axis", -1);
                json.WriteNumber("momentum", layer.Argument("momentum", 0.99));
                json.WriteNumber("epsilon", layer.Argument("epsilon", 1e-3));
                json.WriteBoolean("center", layer.Argument("center", 1) != 0);
                json.WriteBoolean("scale", layer.Argument("scale", 1) != 0);
                DeclaredInitializer(json, "beta_initializer", layer, FastDense.Initializer.Zeros);
                DeclaredInitializer(json, "gamma_initializer", layer, FastDense.Initializer.Ones);
                DeclaredInitializer(json, "moving_mean_initializer", layer, FastDense.Initializer.Zeros);
                DeclaredInitializer(json, "moving_variance_initializer", layer, FastDense.Initializer.Ones);
                Regularizer(json, "beta_regularizer", layer);
                Regularizer(json, "gamma_regularizer", layer);
                ConstraintConfig(json, "beta_constraint", layer);
                ConstraintConfig(json, "gamma_constraint", layer);
                json.WriteBoolean("synchronized", layer.Argument("synchronized", 0) != 0);
                if (layer.Argument("renorm", 0) != 0) Renorm(json, layer);
                break;
            case LayerKind.LayerNormalization:
                json.WriteNumber("axis", -1);
                json.WriteNumber("epsilon", layer.Argument("epsilon", 1e-3));
                json.WriteBoolean("center", layer.Argument("center", 1) != 0);
                json.WriteBoolean("scale", layer.Argument("scale", 1) != 0);
                json.WriteBoolean("rms_scaling", false);
                DeclaredInitializer(json, "beta_initializer", layer, FastDense.Initializer.Zeros);
                DeclaredInitializer(json, "gamma_initializer", layer, FastDense.Initializer.Ones);
                Regularizer(json, "beta_regularizer", layer);
                Regularizer(json, "gamma_regularizer", layer);
                ConstraintConfig(json, "beta_constraint", layer);
                ConstraintConfig(json, "gamma_constraint", layer);
                break;
            case LayerKind.Normalization:
                // Keras keeps axis as a tuple: (-1,) per feature, () for axis=None; JSON has lists.
                json.WriteStartArray("axis");
                if (!KerasWeightsLayout.NormalizesOverAll(layer)) json.WriteNumberValue(-1);
                json.WriteEndArray();
                json.WriteBoolean("invert", layer.Argument("invert", 0) != 0);
                // mean=None, variance=None: the adapted form, whose statistics are weights (mean, variance, count).
                json.WriteNull("mean");
                json.WriteNull("variance");
                break;
            case LayerKind.Activation:
                if (layer.ActivationArguments.Count > 0)
                {
                    throw new NotSupportedException(
                        $"Layer {layer.Name} applies {layer.ActivationText}: a .keras config names an Activation layer's activation by a bare string, which takes Keras's default arguments. Save the weights alone (SaveKerasWeights) and build the model in Python with keras.layers.{ActivationLayerHint(layer)}.");
                }
                json.WriteString("activation", layer.Activation.KerasName());
                break;
            // The layers over one activation: their arguments are the activation's (the function's defaults when absent).
            case LayerKind.ReLU:
                double maxValue = layer.ActivationArgument("max_value", double.PositiveInfinity);
                if (double.IsPositiveInfinity(maxValue)) json.WriteNull("max_value");
                else json.WriteNumber("max_value", maxValue);
                json.WriteNumber("negative_slope", layer.ActivationArgument("negative_slope", 0));
                json.WriteNumber("threshold", layer.ActivationArgument("threshold", 0));
                break;
            case LayerKind.LeakyReLU:
                json.WriteNumber("negative_slope", layer.ActivationArgument("negative_slope", 0.2));
                break;
            case LayerKind.ELU:
                // ELU has no get_config of its own: Keras's automatic config holds its constructor's alpha.
                json.WriteNumber("alpha", layer.ActivationArgument("alpha", 1));
                break;
            case LayerKind.Softmax:
                json.WriteNumber("axis", -1);
                break;
            case LayerKind.PReLU:
                DeclaredInitializer(json, "alpha_initializer", layer, FastDense.Initializer.Zeros);
                Regularizer(json, "alpha_regularizer", layer);
                ConstraintConfig(json, "alpha_constraint", layer);
                if (layer.Argument("shared_axes.0", 0) == 1)
                {
                    json.WriteStartArray("shared_axes");
                    json.WriteNumberValue(1);
                    json.WriteEndArray();
                }
                else
                {
                    json.WriteNull("shared_axes");
                }
                break;
            case LayerKind.Identity:
                break;
            default:
                throw new NotSupportedException($"Layer {layer.Name} is a {layer.KerasClassName}, which has no Keras config writer.");
        }
        json.WriteEndObject();
        json.WriteNull("registered_name");
        BuildConfig(json, layer.Inputs);
        json.WriteEndObject();
    }

    /// <summary>
    /// A renormalizing BatchNormalization's last keys, as its <c>get_config</c> writes them: <c>renorm</c> true, then
    /// <c>renorm_clipping</c>, the dict Keras keeps (<c>{}</c> when none was given: its constructor replaces None by an
    /// empty dict under renorm) with the keys that clip, in Keras's order rmax, rmin, dmax (an unwritten rmax or dmax is
    /// +∞ and an unwritten rmin 0 here, which is what Keras makes of a missing key), then <c>renorm_momentum</c>.
    /// </summary>
    private static void Renorm(Utf8JsonWriter json, LayerDescription layer)
    {
        json.WriteBoolean("renorm", true);
        json.WriteStartObject("renorm_clipping");
        foreach (string key in new[] { "rmax", "rmin", "dmax" })
        {
            double value = layer.Argument("renorm_clipping." + key, double.NaN);
            if (!double.IsNaN(value)) json.WriteNumber(key, value);
        }
        json.WriteEndObject();
        json.WriteNumber("renorm_momentum", layer.Argument("renorm_momentum", 0.99));
    }

    /// <summary>
    /// The Keras layer that applies an activation with arguments, for the error's hint (in FastDense too: <c>[ReLU]</c>,
    /// <c>[LeakyReLU]</c> and <c>[ELU]</c> after a linear Dense save their arguments).
    /// </summary>
    private static string ActivationLayerHint(LayerDescription layer) => layer.Activation switch
    {
        Activation.LeakyRelu => "LeakyReLU(...) after a linear Dense ([LeakyReLU] in FastDense)",
        Activation.Relu => "ReLU(...) after a linear Dense ([ReLU] in FastDense)",
        Activation.Elu => "ELU(...) after a linear Dense ([ELU] in FastDense)",
        _ => $"Activation(...) wrapping keras.activations.{layer.Activation.KerasName()} with its arguments",
    };

    private static void Header(Utf8JsonWriter json, string module, string className)
    {
        json.WriteString("module", module);
        json.WriteString("class_name", className);
    }

    private static void DTypePolicy(Utf8JsonWriter json, string dtype)
    {
        json.WriteStartObject("dtype");
        Header(json, "keras", "DTypePolicy");
        json.WriteStartObject("config");
        json.WriteString("name", dtype);
        json.WriteEndObject();
        json.WriteNull("registered_name");
        json.WriteEndObject();
    }

    /// <summary><c>{key}</c>: an initializer without arguments (Zeros, Ones), as the normalization layers' defaults.</summary>
    private static void Initializer(Utf8JsonWriter json, string key, string className)
    {
        json.WriteStartObject(key);
        Header(json, "keras.initializers", className);
        json.WriteStartObject("config");
        json.WriteEndObject();
        json.WriteNull("registered_name");
        json.WriteEndObject();
    }

    /// <summary>
    /// <c>{key}</c>: a layer's initializer as Keras serializes it (keras/src/initializers/random_initializers.py and
    /// constant_initializers.py, <c>get_config</c>): the declared initializer from the layer's <c>{key}</c> argument
    /// (<paramref name="fallback"/>, Keras's default, when it has none), its arguments, and for one that draws, its
    /// <c>seed</c> (null unless declared). Keras's class names are the <see cref="FastDense.Initializer"/> members' names.
    /// Identity writes its <c>gain</c>, which its constructor takes back (Keras's own <c>get_config</c> leaves it out).
    /// </summary>
    private static void DeclaredInitializer(Utf8JsonWriter json, string key, LayerDescription layer, FastDense.Initializer fallback)
    {
        var kind = (FastDense.Initializer)(int)layer.Argument(key, (int)fallback);
        double Argument(string name, double keras) => layer.Argument($"{key}.{name}", keras);
        json.WriteStartObject(key);
        Header(json, "keras.initializers", kind.ToString());
        json.WriteStartObject("config");
        // The random initializers' get_config starts with the seed (RandomInitializer's base config), then their own
        // arguments; Zeros, Ones, Constant and Identity take no seed (their constructors would refuse one).
        if (kind is not (FastDense.Initializer.Zeros or FastDense.Initializer.Ones or FastDense.Initializer.Constant or FastDense.Initializer.Identity))
        {
            double seed = Argument("seed", double.NaN);
            if (double.IsNaN(seed)) json.WriteNull("seed");
            else json.WriteNumber("seed", (long)seed);
        }
        switch (kind)
        {
            case FastDense.Initializer.Constant:
                json.WriteNumber("value", Argument("value", 0));
                break;
            case FastDense.Initializer.RandomNormal or FastDense.Initializer.TruncatedNormal:
                json.WriteNumber("mean", Argument("mean", 0));
                json.WriteNumber("stddev", Argument("stddev", 0.05));
                break;
            case FastDense.Initializer.RandomUniform:
                json.WriteNumber("minval", Argument("minval", -0.05));
                json.WriteNumber("maxval", Argument("maxval", 0.05));
                break;
            case FastDense.Initializer.Orthogonal or FastDense.Initializer.Identity:
                json.WriteNumber("gain", Argument("gain", 1));
                break;
            case FastDense.Initializer.VarianceScaling:
                json.WriteNumber("scale", Argument("scale", 1));
                json.WriteString("mode", (VarianceScalingMode)(int)Argument("mode", 0) switch
                {
                    VarianceScalingMode.FanOut => "fan_out",
                    VarianceScalingMode.FanAvg => "fan_avg",
                    _ => "fan_in",
                });
                json.WriteString("distribution", (VarianceScalingDistribution)(int)Argument("distribution", 0) switch
                {
                    VarianceScalingDistribution.UntruncatedNormal => "untruncated_normal",
                    VarianceScalingDistribution.Uniform => "uniform",
                    _ => "truncated_normal",
                });
                break;
        }
        json.WriteEndObject();
        json.WriteNull("registered_name");
        json.WriteEndObject();
    }

    /// <summary>
    /// <c>{key}</c>: Keras's <c>OrthogonalRegularizer(factor, mode)</c> from <c>{key}.factor</c> and <c>{key}.mode</c>, else
    /// <c>L1L2(l1, l2)</c> from the layer's <c>{key}.l1</c> and <c>{key}.l2</c> arguments, or null when none is set
    /// (keras/src/regularizers/regularizers.py; L1L2 covers L1 and L2 with the other factor 0).
    /// </summary>
    private static void Regularizer(Utf8JsonWriter json, string key, LayerDescription layer)
    {
        double factor = layer.Argument(key + ".factor", 0);
        if (factor != 0)
        {
            // OrthogonalRegularizer.get_config: {"factor": float, "mode": "rows" | "columns"}.
            json.WriteStartObject(key);
            Header(json, "keras.regularizers", "OrthogonalRegularizer");
            json.WriteStartObject("config");
            json.WriteNumber("factor", factor);
            json.WriteString("mode", (OrthogonalRegularizerMode)(int)layer.Argument(key + ".mode", 0) == OrthogonalRegularizerMode.Columns ? "columns" : "rows");
            json.WriteEndObject();
            json.WriteNull("registered_name");
            json.WriteEndObject();
            return;
        }
        double l1 = layer.Argument(key + ".l1", 0), l2 = layer.Argument(key + ".l2", 0);
        if (l1 == 0 && l2 == 0)
        {
            json.WriteNull(key);
            return;
        }
        json.WriteStartObject(key);
        Header(json, "keras.regularizers", "L1L2");
        json.WriteStartObject("config");
        json.WriteNumber("l1", l1);
        json.WriteNumber("l2", l2);
        json.WriteEndObject();
        json.WriteNull("registered_name");
        json.WriteEndObject();
    }

    /// <summary>
    /// <c>{key}</c>: the layer's constraint as Keras serializes it (keras/src/constraints/constraints.py get_config:
    /// MaxNorm max_value and axis, UnitNorm axis, MinMaxNorm min_value, max_value, rate and axis, NonNeg none), or null.
    /// A bias's, γ's or β's norm is its whole vector's, Keras's axis 0 for a 1-D weight.
    /// </summary>
    private static void ConstraintConfig(Utf8JsonWriter json, string key, LayerDescription layer)
    {
        var kind = (Constraint)(int)layer.Argument(key, 0);
        if (kind == Constraint.None)
        {
            json.WriteNull(key);
            return;
        }
        json.WriteStartObject(key);
        Header(json, "keras.constraints", kind.ToString());
        json.WriteStartObject("config");
        int axis = (int)layer.Argument(key + ".axis", 0);
        switch (kind)
        {
            case Constraint.MaxNorm:
                json.WriteNumber("max_value", layer.Argument(key + ".max_value", 2));
                json.WriteNumber("axis", axis);
                break;
            case Constraint.UnitNorm:
                json.WriteNumber("axis", axis);
                break;
            case Constraint.MinMaxNorm:
                json.WriteNumber("min_value", layer.Argument(key + ".min_value", 0));
                json.WriteNumber("max_value", layer.Argument(key + ".max_value", 1));
                json.WriteNumber("rate", layer.Argument(key + ".rate", 1));
                json.WriteNumber("axis", axis);
                break;
        }
        json.WriteEndObject();
        json.WriteNull("registered_name");
        json.WriteEndObject();
    }

    /// <summary>Dropout's and AlphaDropout's <c>noise_shape</c>: null, or <c>[null or 1, null or 1]</c> with 1 on each shared axis.</summary>
    private static void NoiseShape(Utf8JsonWriter json, LayerDescription layer)
    {
        bool rows = layer.Argument("noise_shape.0", 0) == 1, columns = layer.Argument("noise_shape.1", 0) == 1;
        if (!rows && !columns)
        {
            json.WriteNull("noise_shape");
            return;
        }
        json.WriteStartArray("noise_shape");
        if (rows) json.WriteNumberValue(1); else json.WriteNullValue();
        if (columns) json.WriteNumberValue(1); else json.WriteNullValue();
        json.WriteEndArray();
    }

    /// <summary>The layer's declared seed, or null: Keras then draws one, as FastDense keys an undeclared layer by its position.</summary>
    private static void Seed(Utf8JsonWriter json, LayerDescription layer)
    {
        double seed = layer.Argument("seed", double.NaN);
        if (double.IsNaN(seed)) json.WriteNull("seed");
        else json.WriteNumber("seed", (long)seed);
    }

    /// <summary><c>[null, width]</c>: a batch of any size.</summary>
    private static void Shape(Utf8JsonWriter json, string key, int width)
    {
        json.WriteStartArray(key);
        json.WriteNullValue();
        json.WriteNumberValue(width);
        json.WriteEndArray();
    }

    private static void BuildConfig(Utf8JsonWriter json, int inputs)
    {
        json.WriteStartObject("build_config");
        Shape(json, "input_shape", inputs);
        json.WriteEndObject();
    }
}
