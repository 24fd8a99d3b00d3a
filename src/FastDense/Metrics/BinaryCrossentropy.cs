using System.Numerics;
using FastDense.__Internals;
using FastDense.Metrics;

#pragma warning disable CS0618 // the loss structs live in __Internals, [Obsolete] for users only.

namespace FastDense;

/// <summary>
/// Keras's <c>BinaryCrossentropy</c> metric (keras/src/metrics/probabilistic_metrics.py, on <c>binary_crossentropy</c> in
/// keras/src/losses/losses.py): the mean over rows of the mean over the row's outputs of
/// <c>−(y·log(p) + (1 − y)·log(1 − p))</c>, each output a probability.
/// </summary>
/// <remarks>
/// <para>
/// From probabilities (Keras's default), as its backends' <c>binary_crossentropy</c> computes them: p is clipped to
/// [ε, 1 − ε], ε = 1e-7, the bounds rounded to the element type as Keras's tensors hold them (for float, 1 − ε is
/// 0.99999988, so a confident wrong output costs 15.94). With <see cref="FromLogits"/> the outputs are logits and a row's
/// value is TensorFlow's <c>sigmoid_cross_entropy_with_logits</c>, <c>max(z, 0) − z·y + log(1 + e^−|z|)</c>. With
/// <see cref="LabelSmoothing"/> s the targets are <c>y·(1 − s) + s/2</c> first.
/// </para>
/// <para>
/// Keras's TensorFlow backend reads the logits behind a sigmoid output when the tensor carries them (its
/// <c>_get_logits</c>); a FastDense metric sees only the outputs, so it computes the probability form, which differs only
/// where an output is within ε of 0 or 1. The model's own loss is computed from the logits (see the reported loss).
/// </para>
/// </remarks>
public sealed class BinaryCrossentropy : MeanMetric
{
    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Down;

    /// <summary>Creates the metric.</summary>
    /// <param name="name">Its key (Keras's default: <c>binary_crossentropy</c>).</param>
    /// <param name="fromLogits">Whether the outputs are logits rather than probabilities (Keras's default false).</param>
    /// <param name="labelSmoothing">How far the targets are squeezed towards 0.5, in [0, 1] (Keras's default 0).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelSmoothing"/> is outside [0, 1].</exception>
    public BinaryCrossentropy(string name = "binary_crossentropy", bool fromLogits = false, double labelSmoothing = 0) : base(name)
    {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "labelSmoothing must be in [0, 1].");
        FromLogits = fromLogits;
        LabelSmoothing = labelSmoothing;
    }

    /// <summary>Whether the outputs are read as logits.</summary>
    public bool FromLogits { get; }

    /// <summary>How far the targets are squeezed towards 0.5.</summary>
    public double LabelSmoothing { get; }

    /// <inheritdoc />
    protected override double RowSum<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
    {
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> y = yTrue.Slice(r * outputs, outputs), p = yPred.Slice(r * outputs, outputs);
            total += FromLogits ? BinaryCrossentropyLoss.RowValue(p, y, LabelSmoothing) : FromProbabilities(p, y, LabelSmoothing);
        }
        return total;
    }

    /// <summary>One row's value from probabilities (outputs): the mean of each output's clipped cross-entropy.</summary>
    private static double FromProbabilities<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y, double labelSmoothing)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        (double low, double high) = MetricMath.ProbabilityBounds<T>();
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double target = double.CreateTruncating(y[i]) * (1 - labelSmoothing) + 0.5 * labelSmoothing;
            double prediction = MetricMath.Clip(double.CreateTruncating(p[i]), low, high);
            sum -= target * Math.Log(prediction) + (1 - target) * Math.Log(1 - prediction);
        }
        return sum / p.Length;
    }
}
