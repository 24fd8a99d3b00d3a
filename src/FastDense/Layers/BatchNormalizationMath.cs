using System.Numerics;

namespace FastDense.Layers;

/// <summary>
/// Keras's <c>BatchNormalization</c> (keras/src/layers/normalization/batch_normalization.py, <c>call</c>; the moments
/// of keras/src/backend/tensorflow/nn.py, <c>moments</c>: the population variance). Training:
/// <c>x̂ = (x − μ_B) / sqrt(σ²_B + ε)</c>, <c>y = γ x̂ + β</c>, then <c>moving = moving · momentum + batch · (1 − momentum)</c>
/// for the mean and the variance; inference uses the moving mean and variance. Column statistics are summed in double.
/// With <c>renorm</c> (the same file: <c>_renorm_correction_and_moments</c>, <c>_compose_transforms</c>,
/// <c>_update_renorm_statistics</c>), training scales x̂ by <c>r · γ</c> and shifts it by <c>d · γ + β</c>, where the
/// corrections r and d compare the batch's statistics with <c>renorm_mean</c> and <c>renorm_stddev</c> and are constants
/// of the gradient; the moving statistics then follow the batch's standard deviation.
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
    /// Batch renormalization's forward. Inference: <see cref="Forward{T}"/>'s (the moving mean and variance; r, d, the
    /// batch statistics and x̂ left unwritten). Training: the batch's mean μ_B and variance σ²_B per column (into
    /// <paramref name="batchMean"/>, <paramref name="batchVariance"/>), <c>1 / σ_B</c> with <c>σ_B = sqrt(σ²_B + ε)</c>
    /// (into <paramref name="inverseStd"/>), x̂ (into <paramref name="normalized"/>), the corrections (width each)
    /// <c>r = min(max(σ_B / s, rMin), rMax)</c> and <c>d = clip((μ_B − renorm_mean) / s, −dMax, dMax)</c> with
    /// <c>s = max(renorm_stddev, sqrt(ε))</c> (into <paramref name="r"/>, <paramref name="d"/>), and the output
    /// <c>x̂ · (r · γ) + (d · γ + β)</c>; γ and β empty when the layer has none (1 and 0).
    /// </summary>
    public static void ForwardRenorm<T>(ReadOnlySpan<T> input, Span<T> output, Span<T> normalized, Span<T> batchMean, Span<T> batchVariance, Span<T> inverseStd,
        Span<T> r, Span<T> d, ReadOnlySpan<T> gamma, ReadOnlySpan<T> beta, ReadOnlySpan<T> movingMean, ReadOnlySpan<T> movingVariance,
        ReadOnlySpan<T> renormMean, ReadOnlySpan<T> renormStddev, int rows, int width, double epsilon, double rMin, double rMax, double dMax, bool training)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!training)
        {
            Forward(input, output, normalized, batchMean, batchVariance, inverseStd, gamma, beta, movingMean, movingVariance, rows, width, epsilon, training: false);
            return;
        }
        double floor = Math.Sqrt(epsilon);
        for (int j = 0; j < width; j++)
        {
            double sum = 0;
            for (int row = 0; row < rows; row++) sum += double.CreateTruncating(input[row * width + j]);
            double m = sum / rows, squares = 0;
            for (int row = 0; row < rows; row++)
            {
                double deviation = double.CreateTruncating(input[row * width + j]) - m;
                squares += deviation * deviation;
            }
            double variance = squares / rows, stddev = Math.Sqrt(variance + epsilon);
            T mean = T.CreateTruncating(m), inverse = T.CreateTruncating(1 / stddev);
            batchMean[j] = mean;
            batchVariance[j] = T.CreateTruncating(variance);
            inverseStd[j] = inverse;
            // Keras's order: the lower clip, then the upper one (rMax ≥ rMin, so this is a clip); d's clip is symmetric.
            double s = Math.Max(double.CreateTruncating(renormStddev[j]), floor);
            double correction = Math.Min(Math.Max(stddev / s, rMin), rMax);
            double offset = Math.Min(Math.Max((m - double.CreateTruncating(renormMean[j])) / s, -dMax), dMax);
            T rj = T.CreateTruncating(correction), dj = T.CreateTruncating(offset);
            r[j] = rj;
            d[j] = dj;
            T g = gamma.IsEmpty ? T.One : gamma[j];
            T scale = rj * g, shift = dj * g + (beta.IsEmpty ? T.Zero : beta[j]);
            for (int row = 0; row < rows; row++)
            {
                int i = row * width + j;
                T xhat = (input[i] - mean) * inverse;
                normalized[i] = xhat;
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

    /// <summary>
    /// Batch renormalization's backward, from dLoss/d(output) in <paramref name="delta"/> (rows, width), with the
    /// corrections <paramref name="r"/> and <paramref name="d"/> (width) of <see cref="ForwardRenorm{T}"/> held constant
    /// (Keras's <c>stop_gradient</c>): γ's gradient <c>Σ dy · (x̂ · r + d)</c>, β's <c>Σ dy</c> (assigned; empty spans when
    /// the layer has none), and, when <paramref name="inputGradient"/>, dLoss/d(input) in place: batch normalization's
    /// with the scale <c>r · γ</c>, <c>r γ / (N σ_B) · (N dy − Σ dy − x̂ Σ (dy x̂))</c>.
    /// </summary>
    public static void BackwardRenorm<T>(ReadOnlySpan<T> normalized, ReadOnlySpan<T> inverseStd, ReadOnlySpan<T> r, ReadOnlySpan<T> d, ReadOnlySpan<T> gamma,
        Span<T> delta, Span<T> gammaGradient, Span<T> betaGradient, int rows, int width, bool inputGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int j = 0; j < width; j++)
        {
            double sumDelta = 0, sumDeltaNormalized = 0;
            for (int row = 0; row < rows; row++)
            {
                int i = row * width + j;
                double dy = double.CreateTruncating(delta[i]);
                sumDelta += dy;
                sumDeltaNormalized += dy * double.CreateTruncating(normalized[i]);
            }
            double rj = double.CreateTruncating(r[j]), dj = double.CreateTruncating(d[j]);
            if (!gammaGradient.IsEmpty) gammaGradient[j] = T.CreateTruncating(rj * sumDeltaNormalized + dj * sumDelta);
            if (!betaGradient.IsEmpty) betaGradient[j] = T.CreateTruncating(sumDelta);
            if (!inputGradient) continue;
            double factor = (gamma.IsEmpty ? 1 : double.CreateTruncating(gamma[j])) * rj * double.CreateTruncating(inverseStd[j]) / rows;
            for (int row = 0; row < rows; row++)
            {
                int i = row * width + j;
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

    /// <summary>
    /// Batch renormalization's statistics after an applied step (Keras's <c>_update_renorm_statistics</c>), each (width),
    /// in T as Keras assigns them, with the batch's <c>σ_B = sqrt(σ²_B + ε)</c>:
    /// <c>renorm_mean</c> and <c>renorm_stddev</c> move toward μ_B and σ_B by <paramref name="renormMomentum"/>,
    /// <c>moving_mean</c> and <c>moving_stddev</c> by <paramref name="momentum"/>, and
    /// <c>moving_variance = max(moving_stddev² − ε, 0)</c> from the new <c>moving_stddev</c>.
    /// </summary>
    public static void UpdateRenorm<T>(Span<T> movingMean, Span<T> movingVariance, Span<T> movingStddev, Span<T> renormMean, Span<T> renormStddev,
        ReadOnlySpan<T> batchMean, ReadOnlySpan<T> batchVariance, double momentum, double renormMomentum, double epsilon)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T keep = T.CreateTruncating(momentum), take = T.CreateTruncating(1 - momentum);
        T renormKeep = T.CreateTruncating(renormMomentum), renormTake = T.CreateTruncating(1 - renormMomentum);
        T eps = T.CreateTruncating(epsilon);
        for (int j = 0; j < movingMean.Length; j++)
        {
            T stddev = T.Sqrt(batchVariance[j] + eps);
            renormMean[j] = renormMean[j] * renormKeep + batchMean[j] * renormTake;
            renormStddev[j] = renormStddev[j] * renormKeep + stddev * renormTake;
            movingMean[j] = movingMean[j] * keep + batchMean[j] * take;
            T newStddev = movingStddev[j] * keep + stddev * take;
            movingStddev[j] = newStddev;
            // Keras's relu: rounding can leave the square below epsilon.
            movingVariance[j] = T.Max(newStddev * newStddev - eps, T.Zero);
        }
    }

    /// <summary>Keras's <c>moving_stddev_initializer</c>: the square root of each value the moving variance's initializer drew, in place.</summary>
    public static void SquareRoot<T>(Span<T> tensor)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int i = 0; i < tensor.Length; i++) tensor[i] = T.Sqrt(tensor[i]);
    }
}
