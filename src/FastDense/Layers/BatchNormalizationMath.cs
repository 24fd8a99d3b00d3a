using System.Numerics;

namespace FastDense.Layers;

/// <summary>
/// Keras's <c>BatchNormalization</c> (keras/src/layers/normalization/batch_normalization.py, <c>call</c>; the moments
/// of keras/src/backend/tensorflow/nn.py, <c>moments</c>: the population variance). Training:
/// <c>x̂ = (x − μ_B) / sqrt(σ²_B + ε)</c>, <c>y = γ x̂ + β</c>, then <c>moving = moving · momentum + batch · (1 − momentum)</c>
/// for the mean and the variance; inference uses the moving mean and variance. Column statistics are summed in double.
/// </summary>
internal static class BatchNormalizationMath
{
    /// <summary>
    /// Training: the batch's mean and variance per column (into <paramref name="batchMean"/>, <paramref name="batchVariance"/>),
    /// <c>1 / sqrt(σ² + ε)</c> (into <paramref name="inverseStd"/>), x̂ (into <paramref name="normalized"/>) and the output.
    /// Inference: the same with the moving statistics, and x̂ left unwritten.
    /// </summary>
    public static void Forward<T>(ReadOnlySpan<T> input, Span<T> output, Span<T> normalized, Span<T> batchMean, Span<T> batchVariance, Span<T> inverseStd,
        ReadOnlySpan<T> gamma, ReadOnlySpan<T> beta, ReadOnlySpan<T> movingMean, ReadOnlySpan<T> movingVariance, int rows, int width, double epsilon, bool training)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int j = 0; j < width; j++)
        {
            T mean, inverse;
            if (training)
            {
                double sum = 0;
                for (int r = 0; r < rows; r++) sum += double.CreateTruncating(input[r * width + j]);
                double m = sum / rows, squares = 0;
                for (int r = 0; r < rows; r++)
                {
                    double deviation = double.CreateTruncating(input[r * width + j]) - m;
                    squares += deviation * deviation;
                }
                double variance = squares / rows;
                mean = T.CreateTruncating(m);
                batchMean[j] = mean;
                batchVariance[j] = T.CreateTruncating(variance);
                inverse = T.CreateTruncating(1 / Math.Sqrt(variance + epsilon));
                inverseStd[j] = inverse;
            }
            else
            {
                mean = movingMean[j];
                inverse = T.One / T.Sqrt(movingVariance[j] + T.CreateTruncating(epsilon));
            }
            T scale = gamma.IsEmpty ? T.One : gamma[j], shift = beta.IsEmpty ? T.Zero : beta[j];
            for (int r = 0; r < rows; r++)
            {
                int i = r * width + j;
                T xhat = (input[i] - mean) * inverse;
                if (training) normalized[i] = xhat;
                output[i] = scale * xhat + shift;
            }
        }
    }

    /// <summary>
    /// From dLoss/d(output) in <paramref name="delta"/> (rows, width): the gradients of γ and β (assigned; empty spans when
    /// the layer has none), and, when <paramref name="inputGradient"/>, dLoss/d(input) in place:
    /// <c>γ / (N sqrt(σ² + ε)) · (N dy − Σ dy − x̂ Σ (dy x̂))</c>, which includes the batch statistics' dependence on x.
    /// </summary>
    public static void Backward<T>(ReadOnlySpan<T> normalized, ReadOnlySpan<T> inverseStd, ReadOnlySpan<T> gamma, Span<T> delta,
        Span<T> gammaGradient, Span<T> betaGradient, int rows, int width, bool inputGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int j = 0; j < width; j++)
        {
            double sumDelta = 0, sumDeltaNormalized = 0;
            for (int r = 0; r < rows; r++)
            {
                int i = r * width + j;
                double dy = double.CreateTruncating(delta[i]);
                sumDelta += dy;
                sumDeltaNormalized += dy * double.CreateTruncating(normalized[i]);
            }
            if (!gammaGradient.IsEmpty) gammaGradient[j] = T.CreateTruncating(sumDeltaNormalized);
            if (!betaGradient.IsEmpty) betaGradient[j] = T.CreateTruncating(sumDelta);
            if (!inputGradient) continue;
            double factor = (gamma.IsEmpty ? 1 : double.CreateTruncating(gamma[j])) * double.CreateTruncating(inverseStd[j]) / rows;
            for (int r = 0; r < rows; r++)
            {
                int i = r * width + j;
                double dy = double.CreateTruncating(delta[i]);
                delta[i] = T.CreateTruncating(factor * (rows * dy - sumDelta - double.CreateTruncating(normalized[i]) * sumDeltaNormalized));
            }
        }
    }

    /// <summary>moving = moving · momentum + batch · (1 − momentum), for the mean and the variance, as Keras assigns them.</summary>
    public static void UpdateMoving<T>(Span<T> movingMean, Span<T> movingVariance, ReadOnlySpan<T> batchMean, ReadOnlySpan<T> batchVariance, double momentum)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T keep = T.CreateTruncating(momentum), take = T.CreateTruncating(1 - momentum);
        for (int j = 0; j < movingMean.Length; j++)
        {
            movingMean[j] = movingMean[j] * keep + batchMean[j] * take;
            movingVariance[j] = movingVariance[j] * keep + batchVariance[j] * take;
        }
    }
}
