namespace FastDense;

// Compiled into the runtime and, linked, into the generator: see Activation.cs.

/// <summary>The loss a model is trained on, named as in Keras. Every loss is averaged over the batch.</summary>
#if FASTDENSE_GENERATOR
internal // inside the generator the enum is an implementation detail, and must not clash with the runtime's
#else
public
#endif
enum Loss
{
    /// <summary>
    /// Keras <c>"categorical_crossentropy"</c> on one-hot targets: <c>-Σ_i y_i·log(p_i)</c> per row.
    /// Requires a <see cref="Activation.Softmax"/> output; the two share one fused backward, <c>(p - y) / rows</c>.
    /// </summary>
    CategoricalCrossentropy = 0,

    /// <summary>
    /// Keras <c>"binary_crossentropy"</c>: <c>-mean_i [y_i·log(p_i) + (1 - y_i)·log(1 - p_i)]</c> per row.
    /// Requires a <see cref="Activation.Sigmoid"/> output; fused backward <c>(p - y) / (rows·outputs)</c>.
    /// </summary>
    BinaryCrossentropy = 1,

    /// <summary>Keras <c>"mean_squared_error"</c>: <c>mean_i (p_i - y_i)²</c> per row. Any output activation but softmax.</summary>
    MeanSquaredError = 2,
}
