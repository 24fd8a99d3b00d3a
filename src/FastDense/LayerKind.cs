namespace FastDense;

/// <summary>The kinds of layer a model can declare, named as Keras's layer classes.</summary>
public enum LayerKind
{
    /// <summary><c>keras.layers.Dense</c>: <c>activation(x · kernel + bias)</c>. Declared with <see cref="DenseAttribute"/>.</summary>
    Dense = 0,

    /// <summary>
    /// <c>keras.layers.Dropout</c>: in training, each input is zeroed with probability <c>rate</c> and the others are scaled by
    /// <c>1 / (1 - rate)</c>; in inference the input passes unchanged. Declared with <see cref="DropoutAttribute"/>.
    /// </summary>
    Dropout = 1,

    /// <summary>
    /// <c>keras.layers.Normalization</c>: <c>(x − mean) / max(sqrt(variance), 1e-7)</c> with the mean and variance as
    /// non-trainable state, set by <c>Adapt</c>. Declared with <see cref="NormalizationAttribute"/>.
    /// </summary>
    Normalization = 2,

    /// <summary>
    /// <c>keras.layers.BatchNormalization</c>: in training, <c>gamma · (x − mean) / sqrt(variance + epsilon) + beta</c>
    /// with the batch's mean and variance, the moving averages moved toward them by <c>momentum</c>; in inference, with
    /// the moving averages. Declared with <see cref="BatchNormalizationAttribute"/>.
    /// </summary>
    BatchNormalization = 3,

    /// <summary><c>keras.layers.LayerNormalization</c>: each row by its own statistics. Declared with <see cref="LayerNormalizationAttribute"/>.</summary>
    LayerNormalization = 4,

    /// <summary><c>keras.layers.GaussianNoise</c>: additive noise in training. Declared with <see cref="GaussianNoiseAttribute"/>.</summary>
    GaussianNoise = 5,

    /// <summary><c>keras.layers.GaussianDropout</c>: multiplicative noise in training. Declared with <see cref="GaussianDropoutAttribute"/>.</summary>
    GaussianDropout = 6,

    /// <summary>
    /// <c>keras.layers.ActivityRegularization</c>: passes its input through and adds an L1/L2 penalty on it to the loss.
    /// Declared with <see cref="ActivityRegularizationAttribute"/>.
    /// </summary>
    ActivityRegularization = 7,

    /// <summary>
    /// <c>keras.layers.Activation</c>: applies an <see cref="FastDense.Activation"/> (with its arguments) to its input, element
    /// by element (softmax and log_softmax row by row). Declared with <see cref="ActivationAttribute"/>.
    /// </summary>
    Activation = 8,

    /// <summary>
    /// <c>keras.layers.ReLU</c>: <see cref="FastDense.Activation.Relu"/> with the layer's <c>max_value</c>, <c>negative_slope</c> and
    /// <c>threshold</c>. Declared with <see cref="ReLUAttribute"/>.
    /// </summary>
    ReLU = 9,

    /// <summary>
    /// <c>keras.layers.LeakyReLU</c>: <see cref="FastDense.Activation.LeakyRelu"/> with the layer's <c>negative_slope</c>
    /// (default 0.3). Declared with <see cref="LeakyReLUAttribute"/>.
    /// </summary>
    LeakyReLU = 10,

    /// <summary><c>keras.layers.ELU</c>: <see cref="FastDense.Activation.Elu"/> with the layer's <c>alpha</c>. Declared with <see cref="ELUAttribute"/>.</summary>
    ELU = 11,

    /// <summary><c>keras.layers.Softmax</c>: <see cref="FastDense.Activation.Softmax"/> over each row. Declared with <see cref="SoftmaxAttribute"/>.</summary>
    Softmax = 12,

    /// <summary>
    /// <c>keras.layers.PReLU</c>: <c>max(0, x) + alpha · min(0, x)</c> with a trainable <c>alpha</c> per feature (or one shared
    /// by every feature). Declared with <see cref="PReLUAttribute"/>.
    /// </summary>
    PReLU = 13,

    /// <summary>
    /// <c>keras.layers.AlphaDropout</c>: in training, dropped inputs are set to selu's negative saturation and the result
    /// is scaled and shifted back to the input's mean and variance; in inference the input passes unchanged. Declared
    /// with <see cref="AlphaDropoutAttribute"/>.
    /// </summary>
    AlphaDropout = 14,

    /// <summary><c>keras.layers.Identity</c>: passes its input through. Declared with <see cref="IdentityAttribute"/>.</summary>
    Identity = 15,
}
