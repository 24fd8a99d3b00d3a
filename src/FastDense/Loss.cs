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
    /// <c>-Σ_i y_i·log(p_i)</c> per row. Requires a <see cref="Activation.Softmax"/> output (a linear one with
    /// <c>FromLogits</c>). Computed from the logits z, as Keras's TensorFlow backend does: <c>Σ_i y_i (logsumexp(z) - z_i)</c>,
    /// so no probability is clipped and a row far in the tails reports its true loss; the gradient is that loss's,
    /// <c>(p - y) / rows</c> with respect to z. <c>LabelSmoothing</c> s makes the targets <c>y(1 - s) + s/K</c>.
    /// </summary>
    CategoricalCrossentropy = 0,

    /// <summary>
    /// Keras <c>"binary_crossentropy"</c>: <c>-mean_i [y_i·log(p_i) + (1 - y_i)·log(1 - p_i)]</c> per row.
    /// Requires a <see cref="Activation.Sigmoid"/> output (a linear one with <c>FromLogits</c>). Computed from the logits
    /// z, as Keras's TensorFlow backend does: <c>mean_i [max(z_i, 0) - z_i·y_i + log(1 + e^-|z_i|)]</c>; the gradient is
    /// <c>(p - y) / (rows·outputs)</c>. <c>LabelSmoothing</c> s makes the targets <c>y(1 - s) + s/2</c>.
    /// </summary>
    BinaryCrossentropy = 1,

    /// <summary>
    /// Keras <c>"mean_squared_error"</c>: <c>mean_i (p_i - y_i)²</c> per row. Any output activation (through softmax's
    /// Jacobian on a softmax output).
    /// </summary>
    MeanSquaredError = 2,

    /// <summary>Keras <c>"mean_absolute_error"</c>: <c>mean_i |y_i - p_i|</c> per row. Any output activation.</summary>
    MeanAbsoluteError = 3,

    /// <summary>
    /// Keras <c>"mean_absolute_percentage_error"</c>: <c>100 · mean_i |(y_i - p_i) / max(|y_i|, 1e-7)|</c> per row (a
    /// target of 0 divides by Keras's epsilon). Any output activation.
    /// </summary>
    MeanAbsolutePercentageError = 4,

    /// <summary>
    /// Keras <c>"mean_squared_logarithmic_error"</c>: <c>mean_i (log(max(p_i, ε) + 1) - log(max(y_i, ε) + 1))²</c> per
    /// row, ε = 1e-7. Any output activation; targets must be non-negative.
    /// </summary>
    MeanSquaredLogarithmicError = 5,

    /// <summary>
    /// Keras <c>"huber"</c> with <c>delta</c> (<see cref="ModelAttribute.Delta"/>, default 1.0): with e = p - y,
    /// <c>mean_i (|e_i| ≤ delta ? e_i²/2 : delta·|e_i| - delta²/2)</c> per row. Any output activation.
    /// </summary>
    Huber = 6,

    /// <summary>Keras <c>"log_cosh"</c>: <c>mean_i log(cosh(p_i - y_i))</c> per row. Any output activation.</summary>
    LogCosh = 7,

    /// <summary>
    /// Keras <c>"poisson"</c>: <c>mean_i (p_i - y_i·log(p_i + 1e-7))</c> per row. Requires an output that cannot be negative
    /// (<see cref="Activation.Relu"/>, <see cref="Activation.Sigmoid"/> or <see cref="Activation.Softmax"/>); targets must be non-negative.
    /// </summary>
    Poisson = 8,

    /// <summary>
    /// Keras <c>"kl_divergence"</c>: <c>Σ_i y_i·log(y_i / p_i)</c> per row, y and p clipped to [1e-7, 1]. Requires a
    /// <see cref="Activation.Softmax"/> or <see cref="Activation.Sigmoid"/> output; targets are probabilities in [0, 1].
    /// </summary>
    KLDivergence = 9,

    /// <summary>
    /// Keras <c>"cosine_similarity"</c> (<c>axis=-1</c>): <c>-Σ_i ŷ_i·p̂_i</c> per row, each l2-normalized (−1 when they point
    /// the same way). Any output activation.
    /// </summary>
    CosineSimilarity = 10,

    /// <summary>
    /// Keras <c>"hinge"</c>: <c>mean_i max(1 - y_i·p_i, 0)</c> per row. Targets are -1 or 1, or 0 or 1 (converted to -1
    /// and 1, as Keras converts them). Any output activation (usually linear or tanh).
    /// </summary>
    Hinge = 11,

    /// <summary>Keras <c>"squared_hinge"</c>: <c>mean_i max(1 - y_i·p_i, 0)²</c> per row; targets as <see cref="Hinge"/>'s. Any output activation.</summary>
    SquaredHinge = 12,

    /// <summary>
    /// Keras <c>"categorical_hinge"</c>: <c>max(max_i (1 - y_i)·p_i - Σ_i y_i·p_i + 1, 0)</c> per row; targets are one-hot
    /// rows (0 and 1, or -1 and 1). Any output activation.
    /// </summary>
    CategoricalHinge = 13,

    /// <summary>
    /// Keras <c>"binary_focal_crossentropy"</c> with <c>apply_class_balancing</c>, <c>alpha</c>, <c>gamma</c>,
    /// <c>from_logits</c> and <c>label_smoothing</c> (<see cref="ModelAttribute"/>'s properties; defaults false, 0.25, 2.0,
    /// false, 0): <c>mean_i w_i·(1 - p_t,i)^gamma·bce_i</c> per row, with <c>p_t = y·p + (1 - y)(1 - p)</c>, bce the binary
    /// cross-entropy (from the logits, as Keras's TensorFlow backend computes it) and <c>w = y·alpha + (1 - y)(1 - alpha)</c>
    /// under class balancing, else 1. Requires a <see cref="Activation.Sigmoid"/> output (a linear one with
    /// <c>FromLogits</c>); targets are probabilities in [0, 1].
    /// </summary>
    BinaryFocalCrossentropy = 14,

    /// <summary>
    /// Keras <c>"categorical_focal_crossentropy"</c> with <c>alpha</c>, <c>gamma</c>, <c>from_logits</c> and
    /// <c>label_smoothing</c> (defaults 0.25, 2.0, false, 0): <c>-Σ_i alpha·(1 - q_i)^gamma·y_i·log(q_i)</c> per row, with q
    /// the probabilities clipped to [1e-7, 1 - 1e-7] as Keras does. Requires a <see cref="Activation.Softmax"/> output (a
    /// linear one with <c>FromLogits</c>); targets are probability rows.
    /// </summary>
    CategoricalFocalCrossentropy = 15,

    /// <summary>
    /// Keras <c>"sparse_categorical_crossentropy"</c> with <c>from_logits</c>: categorical cross-entropy whose target is
    /// the class index, one value per row (<c>y</c> is (rows), or an <c>int[]</c> given to <c>Fit</c>, <c>Evaluate</c> and
    /// <c>TrainTestSplit</c>): <c>logsumexp(z) − z_label</c> per row, from the logits as Keras's TensorFlow backend computes it
    /// (<c>sparse_softmax_cross_entropy_with_logits</c>). Requires a <see cref="Activation.Softmax"/> output (a linear one
    /// with <c>FromLogits</c>); each label must be an integer in [0, outputs). The gradient is <c>(p − onehot(label)) / rows</c>.
    /// </summary>
    SparseCategoricalCrossentropy = 16,
}
