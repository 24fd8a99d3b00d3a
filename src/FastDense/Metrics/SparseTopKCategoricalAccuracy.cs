using System.Numerics;
using FastDense.Metrics;

namespace FastDense;

/// <summary>
/// Keras's <c>SparseTopKCategoricalAccuracy</c> (keras/src/metrics/accuracy_metrics.py,
/// <c>sparse_top_k_categorical_accuracy</c>): the fraction of rows whose class index is among the <see cref="K"/> largest
/// outputs, with TensorFlow's <c>in_top_k</c> ties as <see cref="TopKCategoricalAccuracy"/> has them. Its targets are
/// class indices, one a row: a model trained on <see cref="Loss.SparseCategoricalCrossentropy"/>.
/// </summary>
public sealed class SparseTopKCategoricalAccuracy : MeanMetric
{
    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Up;

    /// <summary>Creates the metric.</summary>
    /// <param name="k">How many of the largest outputs count (Keras's default 5).</param>
    /// <param name="name">Its key (Keras's default: <c>sparse_top_k_categorical_accuracy</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is less than 1 (such a metric is always 0).</exception>
    public SparseTopKCategoricalAccuracy(int k = 5, string name = "sparse_top_k_categorical_accuracy") : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        K = k;
    }

    /// <summary>How many of the largest outputs count.</summary>
    public int K { get; }

    /// <summary>True: its targets are class indices.</summary>
    public override bool ReadsClassIndices => true;

    /// <inheritdoc />
    public override string? Misfit(Loss loss, int outputs)
        => MetricNames.Misfit("sparse_top_k_categorical_accuracy", outputs, Losses.LossTargets.Width(loss, outputs) != outputs);

    /// <inheritdoc />
    protected override double RowSum<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
        => throw new NotSupportedException($"The metric '{Name}' reads class indices: give them to UpdateSparse.");

    /// <inheritdoc />
    protected override double SparseRowSum<T>(ReadOnlySpan<T> labels, ReadOnlySpan<T> yPred, int rows, int outputs)
    {
        int matches = 0;
        for (int r = 0; r < rows; r++)
        {
            int label = int.CreateTruncating(labels[r]);
            // A label outside the classes, or not an integer, is in no row's top k.
            if ((uint)label >= (uint)outputs || T.CreateTruncating(label) != labels[r]) continue;
            if (TopKCategoricalAccuracy.InTopK(yPred.Slice(r * outputs, outputs), label, K)) matches++;
        }
        return matches;
    }
}
