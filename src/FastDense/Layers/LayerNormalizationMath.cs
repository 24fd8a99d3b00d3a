using System.Numerics;

namespace FastDense.Layers;

/// <summary>
/// Keras's <c>LayerNormalization</c> (keras/src/layers/normalization/layer_normalization.py, axis −1): each row is
/// normalized by its own mean and (population) variance over its features, <c>x̂ = (x − μ_row) / sqrt(σ²_row + ε)</c>,
/// then <c>y = γ x̂ + β</c> per feature. The same in training and inference. Row statistics are summed in double.
/// </summary>
internal static class LayerNormalizationMath
{
    /// <summary>output and x̂ (rows, width), and each row's <c>1 / sqrt(σ² + ε)</c> (rows), from input (rows, width).</summary>
    public static void Forward<T>(ReadOnlySpan<T> input, Span<T> output, Span<T> normalized, Span<T> inverseStd,
        ReadOnlySpan<T> gamma, ReadOnlySpan<T> beta, int rows, int width, double epsilon)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> x = input.Slice(r * width, width);
            double sum = 0;
            foreach (T value in x) sum += double.CreateTruncating(value);
            double mean = sum / width, squares = 0;
            foreach (T value in x)
            {
                double deviation = double.CreateTruncating(value) - mean;
                squares += deviation * deviation;
            }
            T inverse = T.CreateTruncating(1 / Math.Sqrt(squares / width + epsilon)), m = T.CreateTruncating(mean);
            inverseStd[r] = inverse;
            for (int j = 0; j < width; j++)
            {
                T xhat = (x[j] - m) * inverse;
                normalized[r * width + j] = xhat;
                output[r * width + j] = (gamma.IsEmpty ? xhat : gamma[j] * xhat) + (beta.IsEmpty ? T.Zero : beta[j]);
            }
        }
    }

    /// <summary>
    /// From dLoss/d(output) in <paramref name="delta"/>: γ's and β's gradients (assigned; empty when absent) and, when
    /// <paramref name="inputGradient"/>, dLoss/d(input) in place, row by row:
    /// <c>1 / (N sqrt(σ² + ε)) · (N g − Σ g − x̂ Σ (g x̂))</c> with <c>g = γ ⊙ dy</c>.
    /// </summary>
    public static void Backward<T>(ReadOnlySpan<T> normalized, ReadOnlySpan<T> inverseStd, ReadOnlySpan<T> gamma, Span<T> delta,
        Span<T> gammaGradient, Span<T> betaGradient, int rows, int width, bool inputGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // Parameter gradients: column sums over the rows.
        for (int j = 0; j < width; j++)
        {
            double sumDelta = 0, sumDeltaNormalized = 0;
            for (int r = 0; r < rows; r++)
            {
                double dy = double.CreateTruncating(delta[r * width + j]);
                sumDelta += dy;
                sumDeltaNormalized += dy * double.CreateTruncating(normalized[r * width + j]);
            }
            if (!gammaGradient.IsEmpty) gammaGradient[j] = T.CreateTruncating(sumDeltaNormalized);
            if (!betaGradient.IsEmpty) betaGradient[j] = T.CreateTruncating(sumDelta);
        }
        if (!inputGradient) return;
        for (int r = 0; r < rows; r++)
        {
            double sumG = 0, sumGNormalized = 0;
            for (int j = 0; j < width; j++)
            {
                int i = r * width + j;
                double g = double.CreateTruncating(delta[i]) * (gamma.IsEmpty ? 1 : double.CreateTruncating(gamma[j]));
                sumG += g;
                sumGNormalized += g * double.CreateTruncating(normalized[i]);
            }
            double factor = double.CreateTruncating(inverseStd[r]) / width;
            for (int j = 0; j < width; j++)
            {
                int i = r * width + j;
                double g = double.CreateTruncating(delta[i]) * (gamma.IsEmpty ? 1 : double.CreateTruncating(gamma[j]));
                delta[i] = T.CreateTruncating(factor * (width * g - sumG - double.CreateTruncating(normalized[i]) * sumGNormalized));
            }
        }
    }
}
