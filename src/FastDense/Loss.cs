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
    /// Keras <c>"categorical_crossentropy"</c> on probability rows (one-hot or soft; each must sum to 1):
    /// <c>-Σ_i y_i·log(p_i)</c> per row. Requires a <see cref="Activation.Softmax"/> output. Computed from the logits z,
    /// as Keras's TensorFlow backend does: <c>Σ_i y_i (logsumexp(z) - z_i)</c>, so no probability is clipped and a row
    /// far in the tails reports its true loss; the gradient is that loss's, <c>(p - y) / rows</c> with respect to z.
    /// </summary>
    CategoricalCrossentropy = 0,

    /// <summary>
    /// Keras <c>"binary_crossentropy"</c>: <c>-mean_i [y_i·log(p_i) + (1 - y_i)·log(1 - p_i)]</c> per row.
    /// Requires a <see cref="Activation.Sigmoid"/> output. Computed from the logits z, as Keras's TensorFlow backend
    /// does: <c>mean_i [max(z_i, 0) - z_i·y_i + log(1 + e^-|z_i|)]</c>; the gradient is <c>(p - y) / (rows·outputs)</c>.
    /// </summary>
    BinaryCrossentropy = 1,

    /// <summary>Keras <c>"mean_squared_error"</c>: <c>mean_i (p_i - y_i)²</c> per row. Any output activation but softmax.</summary>
    MeanSquaredError = 2,
}
