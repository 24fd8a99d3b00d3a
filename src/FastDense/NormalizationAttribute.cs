namespace FastDense;

/// <summary>
/// A Normalization layer (Keras's <c>keras.layers.Normalization(axis=-1, mean=None, variance=None, invert=False)</c>):
/// <c>(x − mean) / max(sqrt(variance), 1e-7)</c>, with the mean and variance held as the model's non-trainable state
/// (<see cref="Model{TKernel, T}.State"/>: tensors <c>normalization_0/mean</c> and <c>normalization_0/variance</c>),
/// set from data by <see cref="Model{TKernel, T}.Adapt(T[], string?)"/> (Keras's <c>adapt</c>) or given here. Until
/// then they are 0 and 1, and the layer passes its input through, as Keras's does. Layers run in the order the
/// attributes are written; a Normalization cannot be the output (FD0015).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class NormalizationAttribute : Attribute
{
    /// <summary>
    /// Whether each feature has its own mean and variance (Keras's default <c>axis=-1</c>: true) or one mean and variance
    /// serve every feature (Keras's <c>axis=None</c>: false).
    /// </summary>
    public bool PerFeature { get; set; } = true;

    /// <summary>Keras's <c>invert</c>: map normalized values back, <c>mean + x · max(sqrt(variance), 1e-7)</c>.</summary>
    public bool Invert { get; set; }

    /// <summary>
    /// Keras's <c>mean</c>: the initial mean, one value per feature (or one value when not <see cref="PerFeature"/>),
    /// given with <see cref="Variance"/> (FD0018). <see cref="Model{TKernel, T}.Adapt(T[], string?)"/> can still replace it.
    /// </summary>
    public double[]? Mean { get; set; }

    /// <summary>Keras's <c>variance</c>: the initial variance, non-negative, the shape of <see cref="Mean"/>.</summary>
    public double[]? Variance { get; set; }
}
