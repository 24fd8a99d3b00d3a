using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Data;
using FastDense.Kernels;
using FastDense.Losses;

namespace FastDense.__Internals;

/// <summary>
/// Keras's <c>categorical_crossentropy</c> on a softmax output, computed from the logits as the TensorFlow backend does
/// (keras/src/backend/tensorflow/nn.py, <c>categorical_crossentropy</c>: <c>softmax_cross_entropy_with_logits</c>): a row's
/// loss is <c>Σ y · (logsumexp(z) − z)</c>; targets are probability rows (one-hot or soft). Fused with softmax, the
/// gradient with respect to the logits of the batch's mean is <c>(p − y) / rows</c>. Keras's <c>label_smoothing</c> s
/// squeezes the targets to <c>y(1 − s) + s/K</c> over K classes first (keras/src/losses/losses.py); with
/// <c>from_logits</c> the output is linear (the logits themselves) and the gradient is <c>(softmax(z) − y) / rows</c>.
/// The parser (FD0006) allows it only on a softmax output, or a linear one with <c>FromLogits</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct CategoricalCrossentropyLoss : ILossOperator, ILossDefinition<CategoricalCrossentropyLoss>
{
    private readonly bool _fromLogits;
    private readonly double _labelSmoothing;

    /// <summary>Categorical cross-entropy with Keras's arguments (<c>default</c> is Keras's defaults: false, 0).</summary>
    /// <param name="fromLogits">Whether the output is the logits (a linear last layer).</param>
    /// <param name="labelSmoothing">s in [0, 1]: targets become <c>y(1 − s) + s/K</c>.</param>
    public CategoricalCrossentropyLoss(bool fromLogits, double labelSmoothing)
    {
        _fromLogits = fromLogits;
        _labelSmoothing = labelSmoothing;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T, TActivation>(ReadOnlySpan<T> output, ReadOnlySpan<T> y, Span<T> delta, int rows, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
    {
        bool logitsOut = typeof(TActivation) == typeof(LinearActivation) && _fromLogits;
        if (typeof(TActivation) != typeof(SoftmaxActivation) && !logitsOut)
        {
            throw new NotSupportedException("categorical cross-entropy is trained only on a softmax output, or a linear one from logits (FD0006).");
        }
        T scale = T.One / T.CreateTruncating(rows);
        if (_labelSmoothing == 0 && !logitsOut)
        {
            LossGradients.ScaledDifference(output, y, delta, scale);
            return;
        }
        int columns = output.Length / rows;
        if (logitsOut) SoftmaxOperator.ForwardRows(output, delta, columns);
        else output.CopyTo(delta);
        T keep = T.CreateTruncating(1 - _labelSmoothing), share = T.CreateTruncating(_labelSmoothing / columns);
        for (int i = 0; i < output.Length; i++) delta[i] = (delta[i] - (y[i] * keep + share)) * scale;
    }

    static Loss ILossDefinition<CategoricalCrossentropyLoss>.Kind => Loss.CategoricalCrossentropy;

    static string ILossDefinition<CategoricalCrossentropyLoss>.KerasName => "categorical_crossentropy";

    static bool ILossDefinition<CategoricalCrossentropyLoss>.ReadsLogits => true;

    static string ILossDefinition<CategoricalCrossentropyLoss>.DefaultMetric => "accuracy";

    static CategoricalCrossentropyLoss ILossDefinition<CategoricalCrossentropyLoss>.Create(LossArguments arguments) => new(arguments.FromLogits, arguments.LabelSmoothing);

    double ILossDefinition<CategoricalCrossentropyLoss>.RowValue<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y) => RowValue(lossInput, y, _labelSmoothing);

    void ILossDefinition<CategoricalCrossentropyLoss>.CheckTargets<T>(T[] y, string name, int width)
    {
        LossTargets.Probabilities(y, name, width, Loss.CategoricalCrossentropy);
        DataChecks.CheckProbabilityRows<T>(y, name, width);
    }

    /// <summary>
    /// One row's loss from its logits <paramref name="z"/>: <c>Σ y (logsumexp(z) − z)</c>, terms with y = 0 skipped, the
    /// targets smoothed by <paramref name="labelSmoothing"/> first.
    /// </summary>
    internal static double RowValue<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> y, double labelSmoothing = 0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double logSumExp = LogSumExp(z), share = labelSmoothing / z.Length;
        double loss = 0;
        for (int i = 0; i < z.Length; i++)
        {
            double target = double.CreateTruncating(y[i]) * (1 - labelSmoothing) + share;
            if (target != 0) loss += target * (logSumExp - double.CreateTruncating(z[i]));
        }
        return loss;
    }

    /// <summary>
    /// <c>log Σ e^z</c>, shifted by the maximum so that it never overflows; NaN when any logit is NaN or infinite
    /// (TensorFlow's <c>0 · inf</c> makes such a row NaN whatever its targets).
    /// </summary>
    internal static double LogSumExp<T>(ReadOnlySpan<T> z)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double max = double.NegativeInfinity;
        foreach (T value in z)
        {
            if (!T.IsFinite(value)) return double.NaN;
            max = Math.Max(max, double.CreateTruncating(value));
        }
        double sum = 0;
        foreach (T value in z) sum += Math.Exp(double.CreateTruncating(value) - max);
        return max + Math.Log(sum);
    }
}
