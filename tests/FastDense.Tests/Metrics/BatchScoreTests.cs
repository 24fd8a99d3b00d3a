using FastDense.Metrics;

namespace FastDense.Tests.Metrics;

/// <summary>The fused per-step scoring must equal the separate loss and metric definitions it replaces.</summary>
public class BatchScoreTests
{
    [Theory]
    [InlineData(Loss.CategoricalCrossentropy, 10)]
    [InlineData(Loss.CategoricalCrossentropy, 2)]
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
        Assert.Equal(LossValues.Sum<float>(loss, p, y, rows, columns), lossSum);
        Assert.Equal(MetricValues.Sum<float>(loss, p, y, rows, columns), metricSum);
    }

    [Fact]
    public void Sum_SoftTargets_CountEveryNonZeroTarget()
    {
        float[] p = [0.5f, 0.3f, 0.2f], y = [0.6f, 0.4f, 0f];
        Assert.Equal(LossValues.Sum<float>(Loss.CategoricalCrossentropy, p, y, 1, 3), BatchScore.Sum<float>(Loss.CategoricalCrossentropy, p, y, 1, 3).Loss);
    }
}
