namespace FastDense;

/// <summary>
/// A LayerNormalization layer (Keras's <c>keras.layers.LayerNormalization(axis=-1, epsilon=1e-3, center=True,
/// scale=True)</c>): each row normalized by its own mean and variance over its features,
/// <c>γ · (x − μ_row) / sqrt(σ²_row + ε) + β</c>, the same in training and inference; γ (<c>gamma</c>, ones) and β
/// (<c>beta</c>, zeros) train. Not supported: the deprecated <c>rms_scaling</c>, other initializers, regularizers and
/// constraints. <see cref="Epsilon"/> must be positive (FD0020); the layer cannot be the output (FD0015).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LayerNormalizationAttribute : Attribute
{
    /// <summary>Keras's <c>epsilon</c>, added to each row's variance. Default 1e-3.</summary>
    public double Epsilon { get; set; } = 1e-3;

    /// <summary>Keras's <c>center</c>: whether the layer has β. Default true.</summary>
    public bool Center { get; set; } = true;

    /// <summary>Keras's <c>scale</c>: whether the layer has γ. Default true.</summary>
    public bool Scale { get; set; } = true;
}
