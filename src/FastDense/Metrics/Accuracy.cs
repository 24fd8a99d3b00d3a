using System.Numerics;

namespace FastDense;

/// <summary>
/// Keras's <c>"accuracy"</c> as <c>compile(metrics=["accuracy"])</c> resolves it (keras/src/trainers/compile_utils.py,
/// <c>get_metric</c>): <see cref="BinaryAccuracy"/> (threshold 0.5) for a model with one output,
/// <see cref="CategoricalAccuracy"/> for one-hot targets over several outputs.
/// </summary>
public sealed class Accuracy : MeanMetric
{
    /// <summary>Creates the metric.</summary>
    /// <param name="name">Its key (<c>accuracy</c>).</param>
    public Accuracy(string name = "accuracy") : base(name)
    {
    }

    /// <inheritdoc />
    protected override double RowSum<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
        => outputs == 1
            ? BinaryAccuracy.Matches(yTrue, yPred, rows, outputs, 0.5)
            : CategoricalAccuracy.Matches(yTrue, yPred, rows, outputs);
}
