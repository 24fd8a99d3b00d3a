using System.Numerics;
using FastDense.Metrics;

namespace FastDense;

/// <summary>
/// Keras's <c>TopKCategoricalAccuracy</c> (keras/src/metrics/accuracy_metrics.py, <c>top_k_categorical_accuracy</c>):
/// the fraction of rows whose target class (the first position of the row's largest target, Keras's <c>argmax</c>) is
/// among the <see cref="K"/> largest outputs. Ties are TensorFlow's <c>in_top_k</c> (Keras's TensorFlow backend):
/// a row matches when fewer than k outputs are strictly greater than the target class's, so every class tied at the
/// k-th value counts as in the top k; a row with a NaN or infinite output never matches.
/// </summary>
public sealed class TopKCategoricalAccuracy : MeanMetric
{
    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Up;

    /// <summary>Creates the metric.</summary>
    /// <param name="k">How many of the largest outputs count (Keras's default 5).</param>
    /// <param name="name">Its key (Keras's default: <c>top_k_categorical_accuracy</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is less than 1 (such a metric is always 0).</exception>
    public TopKCategoricalAccuracy(int k = 5, string name = "top_k_categorical_accuracy") : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        K = k;
    }

    /// <summary>How many of the largest outputs count.</summary>
    public int K { get; }

    /// <inheritdoc />
    public override string? Misfit(Loss loss, int outputs)
        => MetricNames.Misfit("top_k_categorical_accuracy", outputs);

    /// <inheritdoc />
    protected override double RowSum<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
    {
        int matches = 0;
        for (int r = 0; r < rows; r++)
        {
            if (InTopK(yPred.Slice(r * outputs, outputs), CategoricalAccuracy.ArgMax(yTrue.Slice(r * outputs, outputs)), K)) matches++;
        }
        return matches;
    }

    /// <summary>TensorFlow's <c>InTopK</c> kernel (tensorflow/core/kernels/in_topk_op.h) for one row.</summary>
    internal static bool InTopK<T>(ReadOnlySpan<T> predictions, int target, int k)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T targetPrediction = predictions[target];
        if (!T.IsFinite(targetPrediction)) return false;
        int moreProbable = 0;
        foreach (T prediction in predictions)
        {
            if (!T.IsFinite(prediction)) return false;
            if (prediction > targetPrediction) moreProbable++;
        }
        return moreProbable < k;
    }
}
