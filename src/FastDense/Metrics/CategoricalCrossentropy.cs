using System.Numerics;
using FastDense.__Internals;
using FastDense.Metrics;

#pragma warning disable CS0618 // the loss structs live in __Internals, [Obsolete] for users only.

namespace FastDense;

/// <summary>
/// Keras's <c>CategoricalCrossentropy</c> metric (keras/src/metrics/probabilistic_metrics.py, on
/// <c>categorical_crossentropy</c> in keras/src/losses/losses.py): the mean over rows of <c>−Σ y·log(p)</c> over the
/// row's outputs, the targets a probability row (one-hot, usually) and the outputs a softmax's.
/// </summary>
/// <remarks>
/// <para>
/// From probabilities (Keras's default), as its backends' <c>categorical_crossentropy</c> computes them: each row of
/// outputs is divided by its sum, then clipped to [ε, 1 − ε], ε = 1e-7, the bounds rounded to the element type as
/// Keras's tensors hold them (a row summing to 0 is NaN, Keras's 0 / 0). With <see cref="FromLogits"/> the outputs are
/// logits and a row's value is TensorFlow's <c>softmax_cross_entropy_with_logits</c>, <c>Σ y·(logsumexp(z) − z)</c>.
/// With <see cref="LabelSmoothing"/> s the targets of a row of K outputs are <c>y·(1 − s) + s/K</c> first.
/// </para>
/// <para>
/// Keras's TensorFlow backend reads the logits behind a softmax output when the tensor carries them (its
/// <c>_get_logits</c>); a FastDense metric sees only the outputs, so it computes the probability form, which differs only
/// where an output is within ε of 0 or 1.
/// </para>
/// </remarks>
public sealed class CategoricalCrossentropy : MeanMetric
{
    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Down;

    /// <summary>Creates the metric.</summary>
    /// <param name="name">Its key (Keras's default: <c>categorical_crossentropy</c>).</param>
    /// <param name="fromLogits">Whether the outputs are logits rather than probabilities (Keras's default false).</param>
    /// <param name="labelSmoothing">How far the targets are smoothed towards 1/K, in [0, 1] (Keras's default 0).</param>
    /// <param name="axis">
    /// The axis the entropy is taken along (Keras's default −1): −1 or 1, the outputs of a row. The rows' axis (0) would
    /// make the value depend on how rows are split into batches and is not offered.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="labelSmoothing"/> is outside [0, 1], or <paramref name="axis"/> is neither −1 nor 1.
    /// </exception>
    public CategoricalCrossentropy(string name = "categorical_crossentropy", bool fromLogits = false, double labelSmoothing = 0, int axis = -1) : base(name)
    {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "labelSmoothing must be in [0, 1].");
        if (axis is not (-1 or 1)) throw new ArgumentOutOfRangeException(nameof(axis), axis, "axis must be -1 or 1, the outputs of a row.");
        FromLogits = fromLogits;
        LabelSmoothing = labelSmoothing;
        Axis = axis;
    }

    /// <summary>Whether the outputs are read as logits.</summary>
    public bool FromLogits { get; }

    /// <summary>How far the targets are smoothed towards 1/K.</summary>
    public double LabelSmoothing { get; }

    /// <summary>The axis the entropy is taken along (−1 or 1: the outputs of a row).</summary>
    public int Axis { get; }

    /// <inheritdoc />
    public override string? Misfit(Loss loss, int outputs) => MetricNames.Misfit("categorical_crossentropy", outputs);

    /// <inheritdoc />
    protected override double RowSum<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
    {
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> y = yTrue.Slice(r * outputs, outputs), p = yPred.Slice(r * outputs, outputs);
            total += FromLogits ? CategoricalCrossentropyLoss.RowValue(p, y, LabelSmoothing) : FromProbabilities(p, y, LabelSmoothing);
        }
        return total;
    }

    /// <summary>One row's value from probabilities (outputs): normalized by their sum, clipped, <c>−Σ y·log(p)</c>.</summary>
    private static double FromProbabilities<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y, double labelSmoothing)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        (double low, double high) = MetricMath.ProbabilityBounds<T>();
        double rowSum = 0;
        for (int i = 0; i < p.Length; i++) rowSum += double.CreateTruncating(p[i]);
        double share = labelSmoothing / p.Length, sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double target = double.CreateTruncating(y[i]) * (1 - labelSmoothing) + share;
            sum -= target * Math.Log(MetricMath.Clip(double.CreateTruncating(p[i]) / rowSum, low, high));
        }
        return sum;
    }
}
