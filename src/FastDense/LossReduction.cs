namespace FastDense;

// Compiled into the runtime and, linked, into the generator: see Activation.cs.

/// <summary>
/// Keras's <c>reduction</c> of a loss (keras/src/losses/loss.py, <c>reduce_values</c>): how a batch's per-row losses,
/// each times its sample weight, become the batch's loss, which is trained and reported. Set by
/// <c>[Model(Reduction = …)]</c>; <see cref="LossArguments.Reduction"/> carries it.
/// </summary>
/// <remarks>
/// Keras's <c>"mean"</c> computes the same as <c>"sum_over_batch_size"</c>. Keras's <c>None</c>/<c>"none"</c> leaves one
/// loss a row, which a training step cannot follow: FastDense does not offer it.
/// </remarks>
#if FASTDENSE_GENERATOR
internal
#else
public
#endif
enum LossReduction
{
    /// <summary>Keras's <c>"sum_over_batch_size"</c> (the default): <c>Σ w·loss / rows</c>.</summary>
    SumOverBatchSize = 0,

    /// <summary>Keras's <c>"sum"</c>: <c>Σ w·loss</c>, the batch's total.</summary>
    Sum = 1,

    /// <summary>
    /// Keras's <c>"mean_with_sample_weight"</c>: <c>Σ w·loss / Σ w</c> (0 when every weight is 0), the weighted mean;
    /// without sample weights (or an <c>ignore_class</c> mask) the same as <see cref="SumOverBatchSize"/>.
    /// </summary>
    MeanWithSampleWeight = 2,
}
