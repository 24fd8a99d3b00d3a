using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;
using FastDense.Losses;

namespace FastDense.__Internals;

/// <summary>
/// Keras's <c>binary_crossentropy</c> on a sigmoid output, computed from the logits as the TensorFlow backend does
/// (keras/src/backend/tensorflow/nn.py, <c>binary_crossentropy</c>: <c>sigmoid_cross_entropy_with_logits</c>): each output's
/// loss is <c>max(z, 0) − z·y + log(1 + e^−|z|)</c> and a row's loss their mean; targets are probabilities in [0, 1].
/// Fused with sigmoid, the gradient with respect to the logits of the batch's mean is <c>(p − y) / (rows · columns)</c>.
/// Keras's <c>label_smoothing</c> s squeezes the targets to <c>y(1 − s) + s/2</c> first (keras/src/losses/losses.py);
/// with <c>from_logits</c> the output is linear (the logits themselves) and the gradient is <c>(σ(z) − y) / (rows · columns)</c>.
/// The parser (FD0006) allows it only on a sigmoid output, or a linear one with <c>FromLogits</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct BinaryCrossentropyLoss : ILossOperator, ILossDefinition<BinaryCrossentropyLoss>
{
    private readonly bool _fromLogits;
    private readonly double _labelSmoothing;

    /// <summary>Binary cross-entropy with Keras's arguments (<c>default</c> is Keras's defaults: false, 0).</summary>
    /// <param name="fromLogits">Whether the output is the logits (a linear last layer).</param>
    /// <param name="labelSmoothing">s in [0, 1]: targets become <c>y(1 − s) + s/2</c>.</param>
    public BinaryCrossentropyLoss(bool fromLogits, double labelSmoothing)
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
        if (typeof(TActivation) != typeof(SigmoidActivation) && !logitsOut)
        {
            throw new NotSupportedException("binary cross-entropy is trained only on a sigmoid output, or a linear one from logits (FD0006).");
        }
        T scale = T.One / T.CreateTruncating(output.Length);
        if (_labelSmoothing == 0 && !logitsOut)
        {
            LossGradients.ScaledDifference(output, y, delta, scale);
            return;
        }
        T keep = T.CreateTruncating(1 - _labelSmoothing), half = T.CreateTruncating(_labelSmoothing / 2);
        for (int i = 0; i < output.Length; i++)
        {
            T p = logitsOut ? T.One / (T.One + T.Exp(-output[i])) : output[i];
            delta[i] = (p - (y[i] * keep + half)) * scale;
        }
    }

    static Loss ILossDefinition<BinaryCrossentropyLoss>.Kind => Loss.BinaryCrossentropy;

    static string ILossDefinition<BinaryCrossentropyLoss>.KerasName => "binary_crossentropy";

    static bool ILossDefinition<BinaryCrossentropyLoss>.ReadsLogits => true;

    static string ILossDefinition<BinaryCrossentropyLoss>.DefaultMetric => "accuracy";

    static BinaryCrossentropyLoss ILossDefinition<BinaryCrossentropyLoss>.Create(LossArguments arguments) => new(arguments.FromLogits, arguments.LabelSmoothing);

    double ILossDefinition<BinaryCrossentropyLoss>.RowValue<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y) => RowValue(lossInput, y, _labelSmoothing);

    void ILossDefinition<BinaryCrossentropyLoss>.CheckTargets<T>(T[] y, string name, int width) => LossTargets.Probabilities(y, name, width, Loss.BinaryCrossentropy);

    /// <summary>
    /// One row's loss from its logits: the mean over its outputs of <c>max(z, 0) − z·y + log(1 + e^−|z|)</c>, the targets
    /// smoothed by <paramref name="labelSmoothing"/> first.
    /// </summary>
    internal static double RowValue<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> y, double labelSmoothing = 0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double loss = 0;
        for (int i = 0; i < z.Length; i++)
        {
            double logit = double.CreateTruncating(z[i]), target = double.CreateTruncating(y[i]) * (1 - labelSmoothing) + labelSmoothing / 2;
            loss += Math.Max(logit, 0) - logit * target + ElementLosses.LogOnePlus(Math.Exp(-Math.Abs(logit)));
        }
        return loss / z.Length;
    }
}
