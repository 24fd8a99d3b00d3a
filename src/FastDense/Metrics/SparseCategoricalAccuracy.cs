using System.Numerics;
using FastDense.Metrics;

namespace FastDense;

/// <summary>
/// Keras's <c>SparseCategoricalAccuracy</c> (keras/src/metrics/accuracy_metrics.py, <c>sparse_categorical_accuracy</c>):
/// the fraction of rows whose largest output (the first one on ties, Keras's <c>argmax</c>) is at the row's class index.
/// Its targets are class indices, one a row: a model trained on <see cref="Loss.SparseCategoricalCrossentropy"/>.
/// </summary>
public sealed class SparseCategoricalAccuracy : MeanMetric
{
    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Up;

    /// <summary>Creates the metric.</summary>
    /// <param name="name">Its key (Keras's default: <c>sparse_categorical_accuracy</c>).</param>
    public SparseCategoricalAccuracy(string name = "sparse_categorical_accuracy") : base(name)
    {
    }

    /// <summary>True: its targets are class indices.</summary>
    public override bool ReadsClassIndices => true;

    /// <inheritdoc />
    public override string? Misfit(Loss loss, int outputs)
        => MetricNames.Misfit("sparse_categorical_accuracy", outputs, Losses.LossTargets.Width(loss, outputs) != outputs);

    /// <inheritdoc />
    protected override double RowSum<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
        => throw new NotSupportedException($"The metric '{Name}' reads class indices: give them to UpdateSparse.");

    /// <inheritdoc />
    protected override double SparseRowSum<T>(ReadOnlySpan<T> labels, ReadOnlySpan<T> yPred, int rows, int outputs)
        => Matches(labels, yPred, rows, outputs);

    /// <summary>How many rows' first largest output is at their label (a label is compared as a value: 2.5 never matches).</summary>
    internal static double Matches<T>(ReadOnlySpan<T> labels, ReadOnlySpan<T> yPred, int rows, int outputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int matches = 0;
        for (int r = 0; r < rows; r++)
        {
            if (T.CreateTruncating(CategoricalAccuracy.ArgMax(yPred.Slice(r * outputs, outputs))) == labels[r]) matches++;
        }
        return matches;
    }
}
