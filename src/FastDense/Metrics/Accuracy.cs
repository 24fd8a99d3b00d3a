using System.Numerics;

namespace FastDense;

/// <summary>
/// Keras's <c>"accuracy"</c> as <c>compile(metrics=["accuracy"])</c> resolves it (keras/src/trainers/compile_utils.py,
/// <c>get_metric</c>): <see cref="BinaryAccuracy"/> (threshold 0.5) for a model with one output,
/// <see cref="CategoricalAccuracy"/> for one-hot targets over several outputs, <see cref="SparseCategoricalAccuracy"/> for
/// class-index targets (sparse categorical cross-entropy).
/// </summary>
public sealed class Accuracy : MeanMetric
{
    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Up;

    /// <summary>Creates the metric.</summary>
    /// <param name="name">Its key (<c>accuracy</c>).</param>
    public Accuracy(string name = "accuracy") : base(name)
    {
    }

    /// <summary>
    /// Whether the trainer's fused score already counted this metric's rows: categorical cross-entropy (one-hot or
    /// sparse) over several outputs scores the batch's first-argmax matches in the same pass as its loss (<c>BatchScore</c>), which is this
    /// metric's definition there. (Binary cross-entropy's fused score thresholds the targets too, which differs from
    /// Keras's for soft targets, so it is not used.)
    /// </summary>
    internal static bool IsScoredWithTheLoss(Loss loss, int outputs)
        => (loss == Loss.CategoricalCrossentropy || loss == Loss.SparseCategoricalCrossentropy) && outputs > 1;

    /// <summary>True: under sparse categorical cross-entropy, <c>accuracy</c> is Keras's <see cref="SparseCategoricalAccuracy"/>.</summary>
    public override bool ReadsClassIndices => true;

    /// <inheritdoc />
    protected override double SparseRowSum<T>(ReadOnlySpan<T> labels, ReadOnlySpan<T> yPred, int rows, int outputs)
        => SparseCategoricalAccuracy.Matches(labels, yPred, rows, outputs);

    /// <inheritdoc />
    protected override double RowSum<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
        => outputs == 1
            ? BinaryAccuracy.Matches(yTrue, yPred, rows, outputs, 0.5)
            : CategoricalAccuracy.Matches(yTrue, yPred, rows, outputs);
}
