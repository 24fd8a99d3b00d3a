using FastDense.Metrics;

#pragma warning disable CS0618 // the loss structs live in __Internals, [Obsolete] for users only.
namespace FastDense.Tests.Metrics;

/// <summary>
/// The fused per-step scoring must equal the separate loss and metric definitions it replaces: the metric exactly,
/// the loss to 1e-6 relative (the float path takes a row's exponentials in float, within 2 ulps, where LossValues
/// takes them in double; a wrong term moves the loss by ~1e-2 of its value or more).
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
        var z = new float[rows * columns];
        var y = new float[rows * columns];
        for (int i = 0; i < z.Length; i++) z[i] = (float)(random.NextDouble() * 12 - 6);
        for (int r = 0; r < rows; r++)
        {
            if (loss == Loss.CategoricalCrossentropy) y[r * columns + random.Next(columns)] = 1;
            else for (int c = 0; c < columns; c++) y[r * columns + c] = loss == Loss.BinaryCrossentropy ? random.Next(2) : (float)random.NextDouble();
        }
        z[3] = -120; // a logit far in the tail: its probability is 0 in float
        float[] p = Output(loss, z, rows, columns);
        (double lossSum, double metricSum) = BatchScore.Sum<float>(loss, z, p, y, rows, columns);
        double expected = LossValues.Sum<float>(loss, z, y, rows, columns);
        Assert.Equal(expected, lossSum, Math.Abs(expected) * 1e-6);
        Assert.Equal(MetricValues.Sum<float>(loss, p, y, rows, columns), metricSum);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(129)]
    [InlineData(200)]
    public void Sum_LogsTakenInBlocks_EqualLossValues_AtEveryBlockAndRegisterBoundary(int rows)
    {
        // The narrow-row scorer collects up to 64 target probabilities, then takes their logs eight to a register and
        // the rest one at a time: row counts on either side of 8 and of 64 reach every one of those paths.
        const int columns = 10;
        var random = new Random(rows);
        var z = new float[rows * columns];
        var y = new float[rows * columns];
        for (int i = 0; i < z.Length; i++) z[i] = (float)(random.NextDouble() * 8 - 4);
        for (int r = 0; r < rows; r++) y[r * columns + random.Next(columns)] = r % 5 == 0 ? 0.5f : 1;   // some soft rows: two targets
        for (int r = 0; r < rows; r += 5) y[r * columns + (r + 1) % columns] += 0.5f;
        float[] p = Output(Loss.CategoricalCrossentropy, z, rows, columns);
        double expected = LossValues.Sum<float>(Loss.CategoricalCrossentropy, z, y, rows, columns);
        Assert.Equal(expected, BatchScore.Sum<float>(Loss.CategoricalCrossentropy, z, p, y, rows, columns).Loss, Math.Abs(expected) * 1e-6);
    }

    [Fact]
    public void Sum_TargetsAcrossTheTail_AgreeWithTheLogitsFormula()
    {
        // The narrow path scores a target from its probability down to p = 1e-30 (e^-69) and from the logits below; a
        // row on either side of the switch, and where p is subnormal (e^-90) or 0 (e^-110), must agree with the formula.
        double[] gaps = [0.5, 10, 60, 68, 70, 80, 90, 100, 110, 120];
        const int columns = 10;
        int rows = gaps.Length * 2;   // twice: some rows in the whole-register loop, the last ones in the tail loop
        var z = new float[rows * columns];
        var y = new float[rows * columns];
        for (int r = 0; r < rows; r++)
        {
            z[r * columns + 4] = (float)gaps[r % gaps.Length];
            z[r * columns + 7] = -1;
            y[r * columns + 7] = 1;
        }
        float[] p = Output(Loss.CategoricalCrossentropy, z, rows, columns);
        double expected = LossValues.Sum<float>(Loss.CategoricalCrossentropy, z, y, rows, columns);
        Assert.Equal(expected, BatchScore.Sum<float>(Loss.CategoricalCrossentropy, z, p, y, rows, columns).Loss, expected * 1e-6);
        for (int r = 0; r < rows; r++)
        {
            double row = BatchScore.Sum<float>(Loss.CategoricalCrossentropy, z.AsSpan(r * columns, columns), p.AsSpan(r * columns, columns), y.AsSpan(r * columns, columns), 1, columns).Loss;
            double want = __Internals.CategoricalCrossentropyLoss.RowValue<float>(z.AsSpan(r * columns, columns), y.AsSpan(r * columns, columns));
            Assert.True(Math.Abs(row - want) <= 1e-6 * Math.Max(1, want), $"gap {gaps[r % gaps.Length]}: {row} vs {want}");
        }
    }

    [Fact]
    public void Sum_SoftTargets_CountEveryNonZeroTarget()
    {
        float[] z = [0.5f, -0.3f, 1.2f], y = [0.6f, 0.4f, 0f];
        double expected = LossValues.Sum<float>(Loss.CategoricalCrossentropy, z, y, 1, 3);
        double logSumExp = Math.Log(Math.Exp(0.5) + Math.Exp(-0.3) + Math.Exp(1.2));
        Assert.Equal(0.6 * (logSumExp - 0.5) + 0.4 * (logSumExp + 0.3), expected, 1e-7);
        float[] p = Output(Loss.CategoricalCrossentropy, z, 1, 3);
        Assert.Equal(expected, BatchScore.Sum<float>(Loss.CategoricalCrossentropy, z, p, y, 1, 3).Loss, expected * 1e-6);
    }

    [Fact]
    public void Sum_TiesAndWrongClasses_CountLikeKerasArgmax()
    {
        // Row 0: tie between classes 1 and 2, the first wins (target 1: correct). Row 1: predicted 0, target 2.
        // Row 2 (the last, read through the partial path): predicted 2, target 2. The metric reads the output p.
        float[] p = [0.2f, 0.4f, 0.4f, 0.7f, 0.2f, 0.1f, 0.1f, 0.1f, 0.8f];
        float[] z = p.Select(v => MathF.Log(v)).ToArray();
        float[] y = [0, 1, 0, 0, 0, 1, 0, 0, 1];
        Assert.Equal(2, BatchScore.Sum<float>(Loss.CategoricalCrossentropy, z, p, y, 3, 3).Metric);
        Assert.Equal(2, MetricValues.Sum<float>(Loss.CategoricalCrossentropy, p, y, 3, 3));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(17)]
    public void Sum_NonFiniteLogits_GiveANonFiniteLoss(int columns)
    {
        // The divergence guard reads the loss: a NaN or infinite logit must never be reported as a finite loss.
        foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
        {
            // In a column whose target is 0 too: TensorFlow's 0 · ∞ makes such a row NaN.
            var zOther = new float[2 * columns];
            var yOther = new float[2 * columns];
            yOther[0] = 1;
            yOther[columns + 1] = 1;
            zOther[columns + 3] = bad;
            float[] pOther = Output(Loss.CategoricalCrossentropy, zOther, 2, columns);
            Assert.False(double.IsFinite(BatchScore.Sum<float>(Loss.CategoricalCrossentropy, zOther, pOther, yOther, 2, columns).Loss), $"{bad} off-target in {columns} columns");

            var z = new float[2 * columns];
            var y = new float[2 * columns];
            y[0] = 1;
            y[columns + 1] = 1;
            z[columns + 1] = bad;   // row 1's target logit
            float[] p = Output(Loss.CategoricalCrossentropy, z, 2, columns);
            Assert.False(double.IsFinite(BatchScore.Sum<float>(Loss.CategoricalCrossentropy, z, p, y, 2, columns).Loss), $"{bad} in {columns} columns");
        }
    }

    /// <summary>The model's output for logits z: softmax rows, elementwise sigmoid, or z itself (mean squared error).</summary>
    private static float[] Output(Loss loss, float[] z, int rows, int columns)
    {
        var p = new float[z.Length];
        for (int r = 0; r < rows; r++)
        {
            if (loss == Loss.CategoricalCrossentropy)
            {
                double max = Enumerable.Range(0, columns).Max(c => (double)z[r * columns + c]);
                double sum = Enumerable.Range(0, columns).Sum(c => Math.Exp(z[r * columns + c] - max));
                for (int c = 0; c < columns; c++) p[r * columns + c] = (float)(Math.Exp(z[r * columns + c] - max) / sum);
            }
            else
            {
                for (int c = 0; c < columns; c++) p[r * columns + c] = loss == Loss.BinaryCrossentropy ? (float)(1 / (1 + Math.Exp(-z[r * columns + c]))) : z[r * columns + c];
            }
        }
        return p;
    }
}
