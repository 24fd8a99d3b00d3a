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
/// gradient with respect to the logits of the batch's mean is <c>(p − y) / rows</c>. The parser (FD0006) allows it only
/// on a softmax output.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct CategoricalCrossentropyLoss : ILossOperator, ILossDefinition<CategoricalCrossentropyLoss>
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T, TActivation>(ReadOnlySpan<T> output, ReadOnlySpan<T> y, Span<T> delta, int rows, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
    {
        if (typeof(TActivation) != typeof(SoftmaxActivation))
        {
            throw new NotSupportedException("categorical cross-entropy is trained only on a softmax output (FD0006).");
        }
        LossGradients.ScaledDifference(output, y, delta, T.One / T.CreateTruncating(rows));
    }

    static Loss ILossDefinition<CategoricalCrossentropyLoss>.Kind => Loss.CategoricalCrossentropy;

    static string ILossDefinition<CategoricalCrossentropyLoss>.KerasName => "categorical_crossentropy";

    static bool ILossDefinition<CategoricalCrossentropyLoss>.ReadsLogits => true;

    static string ILossDefinition<CategoricalCrossentropyLoss>.DefaultMetric => "accuracy";

    static CategoricalCrossentropyLoss ILossDefinition<CategoricalCrossentropyLoss>.Create(LossArguments arguments) => default;

    double ILossDefinition<CategoricalCrossentropyLoss>.RowValue<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y) => RowValue(lossInput, y);

    void ILossDefinition<CategoricalCrossentropyLoss>.CheckTargets<T>(T[] y, string name, int width)
    {
        LossTargets.Probabilities(y, name, width, Loss.CategoricalCrossentropy);
        DataChecks.CheckProbabilityRows<T>(y, name, width);
    }

    /// <summary>One row's loss from its logits <paramref name="z"/>: <c>Σ y (logsumexp(z) − z)</c>, terms with y = 0 skipped.</summary>
    internal static double RowValue<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double logSumExp = LogSumExp(z);
        double loss = 0;
        for (int i = 0; i < z.Length; i++)
        {
            double target = double.CreateTruncating(y[i]);
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
