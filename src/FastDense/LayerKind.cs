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
}
