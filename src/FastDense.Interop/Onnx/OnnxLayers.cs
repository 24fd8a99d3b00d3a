using System.Numerics;

namespace FastDense.Interop.Onnx;

/// <summary>
/// Each <see cref="LayerKind"/> as opset-17 operators, at inference (Keras's <c>training=False</c>, what
/// <c>Predict</c> runs): the layer's tensors become initializers named as the model names them (<c>dense_0/kernel</c>),
/// read from the parameter buffer (trainable) or the state buffer (the rest).
/// </summary>
internal static class OnnxLayers
{
    /// <summary>Adds the nodes of <paramref name="layer"/> applied to <paramref name="x"/>, (batch, layer.Inputs).</summary>
    /// <returns>The layer's output, (batch, layer.Outputs); <paramref name="x"/> itself for a layer that is the identity at inference.</returns>
    /// <exception cref="NotSupportedException">A layer kind or activation this exporter does not know.</exception>
    public static string Emit<T>(OnnxGraph graph, LayerDescription layer, string x, ReadOnlySpan<T> parameters, ReadOnlySpan<T> state)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var weights = new LayerWeights<T>(graph, layer, parameters, state);
        return layer.Kind switch
        {
            LayerKind.Dense => Dense(graph, layer, x, weights),
            LayerKind.Normalization => Normalization(graph, layer, x, weights),
            LayerKind.BatchNormalization => BatchNormalization(graph, layer, x, weights),
            LayerKind.LayerNormalization => LayerNormalization(graph, layer, x, weights),
            // The layers over one activation: that activation's nodes, as after a Dense layer's Gemm.
            LayerKind.Activation or LayerKind.ReLU or LayerKind.LeakyReLU or LayerKind.ELU or LayerKind.Softmax => OnnxActivations.Emit(graph, layer, x),
            LayerKind.PReLU => PRelu(graph, layer, x, weights),
            // Identities at inference: Keras's call returns its input unless training=True (Identity's always does).
            LayerKind.Dropout or LayerKind.GaussianNoise or LayerKind.GaussianDropout or LayerKind.ActivityRegularization
                or LayerKind.AlphaDropout or LayerKind.Identity => x,
            _ => throw new NotSupportedException($"Layer {layer.Name}: layer kind {layer.Kind} ({(int)layer.Kind}) has no ONNX export."),
        };
    }

    /// <summary>
    /// <c>activation(x · kernel + bias)</c> as <c>Gemm</c> (A = x (batch, inputs), B = kernel (inputs, units) as the
    /// model stores it, C = bias (units) broadcast over the rows), then the activation's nodes. A layer without a bias
    /// (Keras's <c>use_bias=False</c>) leaves out Gemm's optional C.
    /// </summary>
    private static string Dense<T>(OnnxGraph graph, LayerDescription layer, string x, LayerWeights<T> weights)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string[] inputs = weights.Has("bias") ? [x, weights.Initializer("kernel"), weights.Initializer("bias")] : [x, weights.Initializer("kernel")];
        string z = graph.AddNode("Gemm", $"{layer.Name}/gemm", inputs);
        return OnnxActivations.Emit(graph, layer, z);
    }

    /// <summary>
    /// Keras's PReLU as ONNX's <c>PRelu</c>: <c>x</c> where positive, <c>slope · x</c> elsewhere, slope = alpha of shape
    /// (width) or (1), broadcast over the rows (unidirectionally, as the operator allows).
    /// </summary>
    private static string PRelu<T>(OnnxGraph graph, LayerDescription layer, string x, LayerWeights<T> weights)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => graph.AddNode("PRelu", $"{layer.Name}/prelu", [x, weights.Initializer("alpha")]);

    /// <summary>
    /// Keras's Normalization as NormalizationMath computes it: <c>(x − mean) / max(√variance, 1e-7)</c>, or
    /// <c>mean + x · max(√variance, 1e-7)</c> inverted, mean and variance of shape (width) or (1) broadcast over the rows.
    /// The scale is computed in the graph from the stored variance, so the file holds the layer's state as it is.
    /// </summary>
    private static string Normalization<T>(OnnxGraph graph, LayerDescription layer, string x, LayerWeights<T> weights)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string mean = weights.Initializer("mean");
        string root = graph.AddNode("Sqrt", $"{layer.Name}/sqrt", [weights.Initializer("variance")]);
        string scale = graph.AddNode("Max", $"{layer.Name}/scale", [root, graph.AddScalar($"{layer.Name}/epsilon", Layers.NormalizationMath.Epsilon)]);
        if (layer.Argument("invert", 0) != 0)
        {
            return graph.AddNode("Add", $"{layer.Name}/add", [mean, graph.AddNode("Mul", $"{layer.Name}/mul", [x, scale])]);
        }
        return graph.AddNode("Div", $"{layer.Name}/div", [graph.AddNode("Sub", $"{layer.Name}/sub", [x, mean]), scale]);
    }

    /// <summary>
    /// Keras's BatchNormalization at inference as ONNX's <c>BatchNormalization</c> (inference mode, opset 15's
    /// signature): <c>gamma · (x − moving_mean) / √(moving_variance + epsilon) + beta</c> per column. A layer without
    /// gamma (scale = false) or beta (center = false) gets ones or zeros, which the operator requires.
    /// </summary>
    private static string BatchNormalization<T>(OnnxGraph graph, LayerDescription layer, string x, LayerWeights<T> weights)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string gamma = weights.InitializerOr("gamma", T.One);
        string beta = weights.InitializerOr("beta", T.Zero);
        return graph.AddNode("BatchNormalization", $"{layer.Name}/batch_normalization",
            [x, gamma, beta, weights.Initializer("moving_mean"), weights.Initializer("moving_variance")],
            OnnxAttribute.Float("epsilon", Epsilon(layer)));
    }

    /// <summary>
    /// Keras's LayerNormalization (axis −1) as ONNX's <c>LayerNormalization</c> (opset 17): each row by its own mean and
    /// variance, then <c>gamma ⊙ x̂ + beta</c>. Without gamma the required scale input is ones; without beta the
    /// optional bias input is left out.
    /// </summary>
    private static string LayerNormalization<T>(OnnxGraph graph, LayerDescription layer, string x, LayerWeights<T> weights)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string gamma = weights.InitializerOr("gamma", T.One);
        string[] inputs = weights.Has("beta") ? [x, gamma, weights.Initializer("beta")] : [x, gamma];
        return graph.AddNode("LayerNormalization", $"{layer.Name}/layer_normalization", inputs,
            OnnxAttribute.Int("axis", -1), OnnxAttribute.Float("epsilon", Epsilon(layer)));
    }

    // Keras's default for both normalization layers; the description always carries the declared value.
    private static double Epsilon(LayerDescription layer) => layer.Argument("epsilon", 1e-3);

    /// <summary>A layer's tensors as initializers, from the buffer that holds each.</summary>
    private readonly ref struct LayerWeights<T>(OnnxGraph graph, LayerDescription layer, ReadOnlySpan<T> parameters, ReadOnlySpan<T> state)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly ReadOnlySpan<T> _parameters = parameters;
        private readonly ReadOnlySpan<T> _state = state;

        /// <summary>Whether the layer has the tensor <c>{layer}/{shortName}</c>.</summary>
        public bool Has(string shortName)
        {
            string name = $"{layer.Name}/{shortName}";
            foreach (TensorDescription tensor in layer.Tensors)
            {
                if (tensor.Name == name) return true;
            }
            return false;
        }

        /// <summary>The tensor <c>{layer}/{shortName}</c> as an initializer of its own name and shape.</summary>
        public string Initializer(string shortName)
        {
            TensorDescription tensor = layer.Tensor(shortName);
            ReadOnlySpan<T> buffer = tensor.Trainable ? _parameters : _state;
            if ((uint)tensor.Offset > (uint)buffer.Length || tensor.Length > buffer.Length - tensor.Offset)
            {
                throw new InvalidOperationException(
                    $"Tensor {tensor.Name} at {tensor.Offset} ({tensor.Length} values) lies outside the {(tensor.Trainable ? "parameter" : "state")} buffer of {buffer.Length} values.");
            }
            return graph.AddInitializer(tensor.Name, buffer.Slice(tensor.Offset, tensor.Length), tensor.Shape);
        }

        /// <summary>The tensor as <see cref="Initializer"/>, or, when the layer has none, a vector of <paramref name="fill"/> of the layer's width.</summary>
        public string InitializerOr(string shortName, T fill)
        {
            if (Has(shortName)) return Initializer(shortName);
            var values = new T[layer.Outputs];
            values.AsSpan().Fill(fill);
            return graph.AddInitializer<T>($"{layer.Name}/{shortName}", values, [layer.Outputs]);
        }
    }
}
