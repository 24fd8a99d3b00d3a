namespace FastDense;

/// <summary>
/// A BatchNormalization layer (Keras's <c>keras.layers.BatchNormalization(axis=-1, momentum=0.99, epsilon=1e-3,
/// center=True, scale=True)</c>): in training, each feature is normalized by the batch's mean and (population) variance,
/// <c>γ · (x − μ_B) / sqrt(σ²_B + ε) + β</c>, and the moving mean and variance move toward them by
/// <c>moving · momentum + batch · (1 − momentum)</c>; in inference (evaluation, prediction, validation) the moving
/// statistics are used. γ (<c>gamma</c>, ones) and β (<c>beta</c>, zeros) train; the moving statistics
/// (<c>moving_mean</c> zeros, <c>moving_variance</c> ones) are the model's non-trainable state. A model with a
/// BatchNormalization trains each batch on one thread (the statistics are the whole batch's, as Keras's).
/// Not supported: <c>renorm</c>, <c>synchronized</c>, other initializers, regularizers and constraints.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BatchNormalizationAttribute : Attribute
{
    /// <summary>Keras's <c>momentum</c>: how much of the moving statistics each step keeps, in [0, 1] (FD0019). Default 0.99.</summary>
    public double Momentum { get; set; } = 0.99;

    /// <summary>Keras's <c>epsilon</c>: added to the variance, positive (FD0019). Default 1e-3.</summary>
    public double Epsilon { get; set; } = 1e-3;

    /// <summary>Keras's <c>center</c>: whether the layer has the offset β. Default true.</summary>
    public bool Center { get; set; } = true;

    /// <summary>Keras's <c>scale</c>: whether the layer has the scale γ. Default true.</summary>
    public bool Scale { get; set; } = true;
}
