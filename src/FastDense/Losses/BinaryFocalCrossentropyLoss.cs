using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Losses;

namespace FastDense.__Internals;

/// <summary>
/// Keras's <c>binary_focal_crossentropy</c> (keras/src/losses/losses.py) with its <c>apply_class_balancing</c>,
/// <c>alpha</c>, <c>gamma</c>, <c>from_logits</c> and <c>label_smoothing</c>. With the targets smoothed to
/// <c>y' = y(1 − s) + s/2</c>, p the sigmoid output, z its logits and <c>1 − p_t = y'(1 − p) + (1 − y')p</c>, each element's
/// loss is <c>w · (1 − p_t)^gamma · bce</c>, where <c>bce = max(z, 0) − z·y' + log(1 + e^−|z|)</c> is computed from the
/// logits, as Keras's TensorFlow backend computes <c>ops.binary_crossentropy</c> on a sigmoid output (its
/// <c>_keras_logits</c>, keras/src/backend/tensorflow/nn.py), and <c>w = y'·alpha + (1 − y')(1 − alpha)</c> with class
/// balancing, else 1; a row's loss is their mean. The gradient with respect to the logits is
/// <c>w [(1 − p_t)^gamma (p − y') + gamma (1 − p_t)^(gamma − 1) (1 − 2y') p (1 − p) · bce] / (rows · columns)</c>.
/// The parser (FD0006) allows it on a sigmoid output, or a linear one with <c>FromLogits</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct BinaryFocalCrossentropyLoss : ILogitsLossOperator, ILossDefinition<BinaryFocalCrossentropyLoss>
{
    private readonly bool _applyClassBalancing, _fromLogits;
    private readonly double _alpha, _gamma, _labelSmoothing;

    /// <summary>Binary focal cross-entropy with Keras's arguments (its defaults: false, 0.25, 2.0, false, 0).</summary>
    /// <param name="applyClassBalancing">Whether to weight class 1 by alpha and class 0 by 1 − alpha.</param>
    /// <param name="alpha">The weight of class 1 under class balancing, in [0, 1].</param>
    /// <param name="gamma">The focusing exponent, non-negative.</param>
    /// <param name="fromLogits">Whether the output is the logits (a linear last layer).</param>
    /// <param name="labelSmoothing">s in [0, 1]: targets become <c>y(1 − s) + s/2</c>.</param>
    public BinaryFocalCrossentropyLoss(bool applyClassBalancing, double alpha, double gamma, bool fromLogits, double labelSmoothing)
    {
        _applyClassBalancing = applyClassBalancing;
        _alpha = alpha;
        _gamma = gamma;
        _fromLogits = fromLogits;
        _labelSmoothing = labelSmoothing;
    }

    /// <inheritdoc />
    public void Backward<T, TActivation>(ReadOnlySpan<T> output, ReadOnlySpan<T> logits, ReadOnlySpan<T> y, Span<T> delta, int rows, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
    {
        bool logitsOut = typeof(TActivation) == typeof(LinearActivation) && _fromLogits;
        if (typeof(TActivation) != typeof(SigmoidActivation) && !logitsOut)
        {
            throw new NotSupportedException("binary focal cross-entropy is trained only on a sigmoid output, or a linear one from logits (FD0006).");
        }
        T scale = T.One / T.CreateTruncating(output.Length), gamma = T.CreateTruncating(_gamma);
        T keep = T.CreateTruncating(1 - _labelSmoothing), half = T.CreateTruncating(_labelSmoothing / 2);
        T alpha = T.CreateTruncating(_alpha), two = T.CreateTruncating(2);
        for (int i = 0; i < output.Length; i++)
        {
            T z = logitsOut ? output[i] : logits[i], target = y[i] * keep + half;
            // p from the output (the sigmoid's own bits) and 1 − p from the logits, exact where p rounds to 1.
            T p = logitsOut ? T.One / (T.One + T.Exp(-z)) : output[i], q = T.One / (T.One + T.Exp(z));
            T crossEntropy = T.Max(z, T.Zero) - z * target + ElementLosses.LogOnePlus(T.Exp(-T.Abs(z)));
            T miss = target * q + (T.One - target) * p;                       // 1 − p_t
            T focal = T.Pow(miss, gamma);
            // d(1 − p_t)^gamma / dz = gamma (1 − p_t)^(gamma − 1) (1 − 2y') p (1 − p), written so that 1 − p_t = 0 gives 0.
            T focalSlope = miss > T.Zero && _gamma != 0 ? gamma * focal / miss * (T.One - two * target) * p * q : T.Zero;
            T weight = _applyClassBalancing ? target * alpha + (T.One - target) * (T.One - alpha) : T.One;
            delta[i] = weight * (focal * (p - target) + focalSlope * crossEntropy) * scale;
        }
    }

    static Loss ILossDefinition<BinaryFocalCrossentropyLoss>.Kind => Loss.BinaryFocalCrossentropy;

    static string ILossDefinition<BinaryFocalCrossentropyLoss>.KerasName => "binary_focal_crossentropy";

    static bool ILossDefinition<BinaryFocalCrossentropyLoss>.ReadsLogits => true;

    static string ILossDefinition<BinaryFocalCrossentropyLoss>.DefaultMetric => "accuracy";

    static BinaryFocalCrossentropyLoss ILossDefinition<BinaryFocalCrossentropyLoss>.Create(LossArguments arguments)
        => new(arguments.ApplyClassBalancing, arguments.Alpha, arguments.Gamma, arguments.FromLogits, arguments.LabelSmoothing);

    double ILossDefinition<BinaryFocalCrossentropyLoss>.RowValue<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y)
    {
        double loss = 0;
        for (int i = 0; i < lossInput.Length; i++)
        {
            double z = double.CreateTruncating(lossInput[i]), target = double.CreateTruncating(y[i]) * (1 - _labelSmoothing) + _labelSmoothing / 2;
            double p = 1 / (1 + Math.Exp(-z)), q = 1 / (1 + Math.Exp(z));
            double crossEntropy = Math.Max(z, 0) - z * target + ElementLosses.LogOnePlus(Math.Exp(-Math.Abs(z)));
            double weight = _applyClassBalancing ? target * _alpha + (1 - target) * (1 - _alpha) : 1;
            loss += weight * Math.Pow(target * q + (1 - target) * p, _gamma) * crossEntropy;
        }
        return loss / lossInput.Length;
    }

    void ILossDefinition<BinaryFocalCrossentropyLoss>.CheckTargets<T>(T[] y, string name, int width) => LossTargets.Probabilities(y, name, width, Loss.BinaryFocalCrossentropy);
}
