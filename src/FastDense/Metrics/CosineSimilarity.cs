using FastDense.Metrics;

namespace FastDense;

/// <summary>
/// Keras's <c>CosineSimilarity</c> metric (keras/src/metrics/regression_metrics.py, <c>cosine_similarity</c>): the
/// mean over rows of the cosine between the row's targets and outputs, each row L2-normalized as Keras's
/// <c>ops.normalize</c> (keras/src/ops/nn.py) does it, <c>x · rsqrt(max(Σx², ε²))</c> with ε = 1e-7, so a row of zeros
/// has similarity 0. 1 is a prediction pointing the targets' way, −1 the opposite way.
/// </summary>
public sealed class CosineSimilarity : MeanMetric
{
    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Up;

    /// <summary>Creates the metric.</summary>
    /// <param name="name">Its key (Keras's default: <c>cosine_similarity</c>).</param>
    /// <param name="axis">
    /// The axis the cosine is taken along (Keras's default −1): −1 or 1, the outputs of a row. The rows' axis (0) would
    /// make the value depend on how rows are split into batches and is not offered.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is neither −1 nor 1.</exception>
    public CosineSimilarity(string name = "cosine_similarity", int axis = -1) : base(name)
    {
        if (axis is not (-1 or 1)) throw new ArgumentOutOfRangeException(nameof(axis), axis, "axis must be -1 or 1, the outputs of a row.");
        Axis = axis;
    }

    /// <summary>The axis the cosine is taken along (−1 or 1: the outputs of a row).</summary>
    public int Axis { get; }

    /// <inheritdoc />
    public override string? Misfit(Loss loss, int outputs)
        => MetricNames.Misfit("cosine_similarity", outputs);

    /// <inheritdoc />
    protected override double RowSum<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
    {
        const double SmallestSquaredNorm = MetricMath.Epsilon * MetricMath.Epsilon;
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            double dot = 0, trueSquares = 0, predSquares = 0;
            for (int i = r * outputs; i < (r + 1) * outputs; i++)
            {
                double y = double.CreateTruncating(yTrue[i]), p = double.CreateTruncating(yPred[i]);
                dot += y * p;
                trueSquares += y * y;
                predSquares += p * p;
            }
            total += dot / Math.Sqrt(Math.Max(trueSquares, SmallestSquaredNorm)) / Math.Sqrt(Math.Max(predSquares, SmallestSquaredNorm));
        }
        return total;
    }
}
