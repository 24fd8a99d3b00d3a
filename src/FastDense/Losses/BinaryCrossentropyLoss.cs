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
/// The parser (FD0006) allows it only on a sigmoid output.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct BinaryCrossentropyLoss : ILossOperator, ILossDefinition<BinaryCrossentropyLoss>
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T, TActivation>(ReadOnlySpan<T> output, ReadOnlySpan<T> y, Span<T> delta, int rows, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
    {
        if (typeof(TActivation) != typeof(SigmoidActivation))
        {
            throw new NotSupportedException("binary cross-entropy is trained only on a sigmoid output (FD0006).");
        }
        LossGradients.ScaledDifference(output, y, delta, T.One / T.CreateTruncating(output.Length));
    }

    static Loss ILossDefinition<BinaryCrossentropyLoss>.Kind => Loss.BinaryCrossentropy;

    static string ILossDefinition<BinaryCrossentropyLoss>.KerasName => "binary_crossentropy";

    static bool ILossDefinition<BinaryCrossentropyLoss>.ReadsLogits => true;

    static string ILossDefinition<BinaryCrossentropyLoss>.DefaultMetric => "accuracy";

    static BinaryCrossentropyLoss ILossDefinition<BinaryCrossentropyLoss>.Create(LossArguments arguments) => default;

    double ILossDefinition<BinaryCrossentropyLoss>.RowValue<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y) => RowValue(lossInput, y);

    void ILossDefinition<BinaryCrossentropyLoss>.CheckTargets<T>(T[] y, string name, int width) => LossTargets.Probabilities(y, name, width, Loss.BinaryCrossentropy);

    /// <summary>One row's loss from its logits: the mean over its outputs of <c>max(z, 0) − z·y + log(1 + e^−|z|)</c>.</summary>
    internal static double RowValue<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double loss = 0;
        for (int i = 0; i < z.Length; i++)
        {
            double logit = double.CreateTruncating(z[i]), target = double.CreateTruncating(y[i]);
            loss += Math.Max(logit, 0) - logit * target + double.LogP1(Math.Exp(-Math.Abs(logit)));
        }
        return loss / z.Length;
    }
}
