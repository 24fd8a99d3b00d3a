using System.Numerics;

namespace FastDense.Metrics;

/// <summary>
/// The value of each loss as it is reported, computed in double whatever T is. The cross-entropies are computed from
/// the output layer's logits, as Keras's TensorFlow backend computes them (its softmax and sigmoid outputs carry their
/// logits, and <c>categorical_crossentropy</c>/<c>binary_crossentropy</c> then call
/// <c>tf.nn.softmax_cross_entropy_with_logits</c>/<c>sigmoid_cross_entropy_with_logits</c>): no probability is
/// clipped, a row far in the tails reports its true loss, and the value is the one whose gradient training follows
/// (<see cref="Kernels.LossGradients"/>: p - y with respect to the logits).
/// </summary>
internal static class LossValues
{
    /// <summary>
    /// The sum over rows of each row's loss; divide by the row count for the batch mean. <paramref name="lossInput"/>
    /// is what the model's <c>LossInputOffsetPerRow</c> points at: logits for the cross-entropies, the output for
    /// mean squared error.
    /// </summary>
    public static double Sum<T>(Loss loss, ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y, int rows, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> zr = lossInput.Slice(r * columns, columns), yr = y.Slice(r * columns, columns);
            total += loss switch
            {
                Loss.CategoricalCrossentropy => CategoricalCrossentropy(zr, yr),
                Loss.BinaryCrossentropy => BinaryCrossentropy(zr, yr),
                Loss.MeanSquaredError => MeanSquaredError(zr, yr),
                _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss."),
            };
        }
        return total;
    }

    /// <summary>
    /// <c>Σ_i y_i (logsumexp(z) - z_i)</c>, which is <c>-Σ_i y_i log softmax(z)_i</c> without forming a probability:
    /// <c>logsumexp(z) = max z + log Σ_j e^(z_j - max z)</c>, every exponent ≤ 0 and the sum ≥ 1.
    /// </summary>
    public static double CategoricalCrossentropy<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> y)
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
    /// <c>log Σ_j e^z_j</c> in double, as <c>max z + log Σ_j e^(z_j - max z)</c>: every exponent ≤ 0, the sum ≥ 1. NaN
    /// when any logit is not finite: TensorFlow's <c>0 · ∞</c> makes a row with a -∞ logit NaN even where its target is
    /// 0, and the divergence guard must see it.
    /// </summary>
    public static double LogSumExp<T>(ReadOnlySpan<T> z)
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

    /// <summary>
    /// <c>mean_i [max(z_i, 0) - z_i y_i + log(1 + e^-|z_i|)]</c>, which is
    /// <c>-mean_i [y_i log σ(z_i) + (1 - y_i) log(1 - σ(z_i))]</c> without forming σ(z) (the form of
    /// <c>tf.nn.sigmoid_cross_entropy_with_logits</c>, exact for any z).
    /// </summary>
    public static double BinaryCrossentropy<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> y)
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

    /// <summary><c>mean_i (p_i - y_i)²</c>.</summary>
    public static double MeanSquaredError<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double loss = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double e = double.CreateTruncating(p[i]) - double.CreateTruncating(y[i]);
            loss += e * e;
        }
        return loss / p.Length;
    }
}
