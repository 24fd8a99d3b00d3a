using System.Numerics;
using FastDense.Metrics;

namespace FastDense;

/// <summary>
/// Keras's <c>CategoricalAccuracy</c> (keras/src/metrics/accuracy_metrics.py, <c>categorical_accuracy</c>): the fraction of
/// rows whose largest output is at the position of the largest target (the first one on ties), for one-hot targets.
/// </summary>
public sealed class CategoricalAccuracy : MeanMetric
{
    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Up;

    /// <summary>Creates the metric.</summary>
    /// <param name="name">Its key (Keras's default: <c>categorical_accuracy</c>).</param>
    public CategoricalAccuracy(string name = "categorical_accuracy") : base(name)
    {
    }

    /// <inheritdoc />
    public override string? Misfit(Loss loss, int outputs) => MetricNames.Misfit("categorical_accuracy", outputs);

    /// <inheritdoc />
    protected override double RowSum<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs) => Matches(yTrue, yPred, rows, outputs);

    internal static double Matches<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int matches = 0;
        for (int r = 0; r < rows; r++)
        {
            if (ArgMax(yTrue.Slice(r * outputs, outputs)) == ArgMax(yPred.Slice(r * outputs, outputs))) matches++;
        }
        return matches;
    }

    /// <summary>The first position of the largest value (NaN never wins).</summary>
    internal static int ArgMax<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best]) best = i;
        }
        return best;
    }
}
