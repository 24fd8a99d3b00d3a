using System.Numerics;
using FastDense.__Internals;
using FastDense.Metrics;

#pragma warning disable CS0618 // the loss structs live in __Internals, [Obsolete] for users only.

namespace FastDense;

/// <summary>
/// Keras's <c>SparseCategoricalCrossentropy</c> metric (keras/src/metrics/probabilistic_metrics.py, on
/// <c>sparse_categorical_crossentropy</c> in keras/src/losses/losses.py): the mean over rows of <c>−log(p_label)</c>. Its
/// targets are class indices, one a row: a model trained on <see cref="Loss.SparseCategoricalCrossentropy"/>.
/// </summary>
/// <remarks>
/// <para>
/// From probabilities (Keras's default), as its backends compute it: the outputs are clipped to [ε, 1 − ε], ε = 1e-7
/// (the bounds rounded to the element type), and their logarithms handed to TensorFlow's
/// <c>sparse_softmax_cross_entropy_with_logits</c>, so a row's value is <c>log(Σ clip(p)) − log(clip(p_label))</c> (the
/// clipped row renormalized). With <see cref="FromLogits"/> the outputs are logits: <c>logsumexp(z) − z_label</c>.
/// </para>
/// <para>
/// A label is truncated to an integer, as Keras casts it to int64; one outside [0, outputs) (or NaN) is refused, as
/// TensorFlow refuses it. With <see cref="IgnoreClass"/>, a row of that label has value 0; unweighted it still counts
/// as a row of the mean, weighted it weighs 0 (Keras's <c>Mean</c> applies the mask only to sample weights).
/// </para>
/// </remarks>
public sealed class SparseCategoricalCrossentropy : MeanMetric
{
    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Down;

    /// <summary>Creates the metric.</summary>
    /// <param name="name">Its key (Keras's default: <c>sparse_categorical_crossentropy</c>).</param>
    /// <param name="fromLogits">Whether the outputs are logits rather than probabilities (Keras's default false).</param>
    /// <param name="ignoreClass">A label whose rows count 0 (Keras's <c>ignore_class</c>; default null: none).</param>
    /// <param name="axis">The axis of the classes (Keras's default −1): −1 or 1, the outputs of a row.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is neither −1 nor 1.</exception>
    public SparseCategoricalCrossentropy(string name = "sparse_categorical_crossentropy", bool fromLogits = false, int? ignoreClass = null, int axis = -1) : base(name)
    {
        if (axis is not (-1 or 1)) throw new ArgumentOutOfRangeException(nameof(axis), axis, "axis must be -1 or 1, the outputs of a row.");
        FromLogits = fromLogits;
        IgnoreClass = ignoreClass;
        Axis = axis;
    }

    /// <summary>Whether the outputs are read as logits.</summary>
    public bool FromLogits { get; }

    /// <summary>The label whose rows count 0, or null.</summary>
    public int? IgnoreClass { get; }

    /// <summary>The axis of the classes (−1 or 1: the outputs of a row).</summary>
    public int Axis { get; }

    /// <summary>True: its targets are class indices.</summary>
    public override bool ReadsClassIndices => true;

    /// <inheritdoc />
    public override string? Misfit(Loss loss, int outputs)
        => MetricNames.Misfit("sparse_categorical_crossentropy", outputs, Losses.LossTargets.Width(loss, outputs) != outputs);

    /// <inheritdoc />
    protected override double RowSum<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
        => throw new NotSupportedException($"The metric '{Name}' reads class indices: give them to UpdateSparse.");

    /// <inheritdoc />
    private protected override bool IgnoresLabel<T>(T label) => IgnoreClass is int ignored && label == T.CreateTruncating(ignored);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A label (not <see cref="IgnoreClass"/>) is not a class of the outputs.</exception>
    protected override double SparseRowSum<T>(ReadOnlySpan<T> labels, ReadOnlySpan<T> yPred, int rows, int outputs)
    {
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            if (IgnoresLabel(labels[r])) continue;
            double label = Math.Truncate(double.CreateTruncating(labels[r]));
            if (!(label >= 0 && label < outputs))
            {
                throw new ArgumentException(
                    $"labels[{r}] is {double.CreateTruncating(labels[r]).ToString(System.Globalization.CultureInfo.InvariantCulture)}, which is not a class of rows of {outputs} outputs: a label must be in [0, {outputs}){(IgnoreClass is int ignored ? $" or {ignored}, the ignored class" : "")} (TensorFlow refuses it too).",
                    nameof(labels));
            }
            ReadOnlySpan<T> p = yPred.Slice(r * outputs, outputs);
            total += FromLogits
                ? SparseCategoricalCrossentropyLoss.RowValue(p, T.CreateTruncating(label))
                : FromProbabilities(p, (int)label);
        }
        return total;
    }

    /// <summary>One row's value from probabilities: <c>log(Σ clip(p)) − log(clip(p_label))</c>.</summary>
    private static double FromProbabilities<T>(ReadOnlySpan<T> p, int label)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        (double low, double high) = MetricMath.ProbabilityBounds<T>();
        double sum = 0;
        for (int i = 0; i < p.Length; i++) sum += MetricMath.Clip(double.CreateTruncating(p[i]), low, high);
        return Math.Log(sum) - Math.Log(MetricMath.Clip(double.CreateTruncating(p[label]), low, high));
    }
}
