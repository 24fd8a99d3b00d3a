using FastDense.Metrics;

namespace FastDense.Tests.Metrics;

/// <summary>
/// The fused per-step scoring must equal the separate loss and metric definitions it replaces: the metric exactly,
/// the loss to 1e-13 relative (the float path sums a row in double as a tree, LossValues left to right; the two
/// differ by an ulp of double at most, while a wrong term moves the loss by ~1e-2 of its value).
/// </summary>
public class BatchScoreTests
{
    [Theory]
    [InlineData(Loss.CategoricalCrossentropy, 10)]
    [InlineData(Loss.CategoricalCrossentropy, 2)]
    [InlineData(Loss.CategoricalCrossentropy, 16)]
    [InlineData(Loss.CategoricalCrossentropy, 17)]
    [InlineData(Loss.BinaryCrossentropy, 1)]
    [InlineData(Loss.BinaryCrossentropy, 3)]
    [InlineData(Loss.MeanSquaredError, 4)]
    public void Sum_EqualsLossValuesAndMetricValues(Loss loss, int columns)
    {
        const int rows = 37;
        var random = new Random(columns);
        var p = new float[rows * columns];
        var y = new float[rows * columns];
        for (int r = 0; r < rows; r++)
        {
            float total = 0;
            for (int c = 0; c < columns; c++) total += p[r * columns + c] = (float)random.NextDouble() + 1e-3f;
            if (loss == Loss.CategoricalCrossentropy)
            {
                for (int c = 0; c < columns; c++) p[r * columns + c] /= total;
                y[r * columns + random.Next(columns)] = 1;
            }
            else
            {
                for (int c = 0; c < columns; c++) y[r * columns + c] = loss == Loss.BinaryCrossentropy ? random.Next(2) : (float)random.NextDouble();
            }
        }
        p[3] = 0; // a clipped probability
        (double lossSum, double metricSum) = BatchScore.Sum<float>(loss, p, y, rows, columns);
        double expected = LossValues.Sum<float>(loss, p, y, rows, columns);
        Assert.Equal(expected, lossSum, Math.Abs(expected) * 1e-13);
        Assert.Equal(MetricValues.Sum<float>(loss, p, y, rows, columns), metricSum);
    }

    [Fact]
    public void Sum_SoftTargets_CountEveryNonZeroTarget()
    {
        float[] p = [0.5f, 0.3f, 0.2f], y = [0.6f, 0.4f, 0f];
        double expected = LossValues.Sum<float>(Loss.CategoricalCrossentropy, p, y, 1, 3);
        Assert.Equal(expected, BatchScore.Sum<float>(Loss.CategoricalCrossentropy, p, y, 1, 3).Loss, expected * 1e-13);
    }

    [Fact]
    public void Sum_TiesAndWrongClasses_CountLikeKerasArgmax()
    {
        // Row 0: tie between classes 1 and 2, the first wins (target 1: correct). Row 1: predicted 0, target 2.
        // Row 2 (the last, read through the partial path): predicted 2, target 2.
        float[] p = [0.2f, 0.4f, 0.4f, 0.7f, 0.2f, 0.1f, 0.1f, 0.1f, 0.8f];
        float[] y = [0, 1, 0, 0, 0, 1, 0, 0, 1];
        Assert.Equal(2, BatchScore.Sum<float>(Loss.CategoricalCrossentropy, p, y, 3, 3).Metric);
        Assert.Equal(2, MetricValues.Sum<float>(Loss.CategoricalCrossentropy, p, y, 3, 3));
    }
}
