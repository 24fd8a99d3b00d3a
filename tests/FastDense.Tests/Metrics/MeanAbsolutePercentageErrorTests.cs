using static FastDense.Tests.Metrics.MetricChecks;

namespace FastDense.Tests.Metrics;

/// <summary>
/// <see cref="MeanAbsolutePercentageError"/> against Keras's (keras/src/metrics/regression_metrics.py on
/// keras/src/losses/losses.py's <c>mean_absolute_percentage_error</c>: <c>100 · mean(|(y − p) / max(|y|, ε)|)</c>
/// per row, ε = 1e-7, then the mean over rows).
/// </summary>
public class MeanAbsolutePercentageErrorTests
{
    [Fact]
    public void Name_IsKerasDefault() => Assert.Equal("mean_absolute_percentage_error", new MeanAbsolutePercentageError().Name);

    [Fact]
    public void KerasExamples_WithZeroTargets()
    {
        // Docstring: [[0, 1], [0, 0]] against [[1, 1], [0, 0]]: row 0 is 100 · (1 / 1e-7 + 0) / 2 = 5e8, row 1 is 0.
        (double d, double f) = BothTypes(new MeanAbsolutePercentageError(), [0, 1, 0, 0], [1, 1, 0, 0], 2);
        Assert.Equal(2.5e8, d, 1e-6);
        Assert.Equal(2.5e8, f, 1e-6);
        // regression_metrics_test.py test_unweighted: 35e7 (the float32 result; exactly 3.5e8 + 15).
        double[] y = [0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1];
        double[] p = [0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1];
        Assert.Equal(3.5e8 + 15, Once(new MeanAbsolutePercentageError(), y, p, 5), 1e-6);
        Assert.Equal(3.5e8 + 15, Once(new MeanAbsolutePercentageError(), ToFloat(y), ToFloat(p), 5), 1e-6);
    }

    [Fact]
    public void RandomRows_MatchTheFormula_NegativeAndTinyTargetsIncluded()
    {
        double[] u = Uniform(90, 51), v = Uniform(90, 52);
        double[] y = Array.ConvertAll(u, x => 4 * x - 2), p = Array.ConvertAll(v, x => 4 * x - 2);
        y[3] = 0; y[10] = 3e-8; y[11] = -5e-8; // |y| below ε: divided by ε
        double expected = 0;
        for (int r = 0; r < 30; r++)
        {
            double row = 0;
            for (int c = 0; c < 3; c++)
            {
                int i = r * 3 + c;
                row += Math.Abs((y[i] - p[i]) / Math.Max(Math.Abs(y[i]), 1e-7));
            }
            expected += 100 * row / 3;
        }
        expected /= 30;
        Assert.Equal(expected, Once(new MeanAbsolutePercentageError(), y, p, 3), expected * 1e-13);
        Assert.Equal(0.0, Once(new MeanAbsolutePercentageError(), [0, 5, -2], [0, 5, -2], 3)); // perfect, zero target included
        Assert.Equal(100.0, Once(new MeanAbsolutePercentageError(), [2, -4], [0, 0], 2));     // predicting 0 is 100 %
    }

    [Fact]
    public void TwoUpdates_EqualOne_AndResetClears()
    {
        double[] y = Uniform(60, 53), p = Uniform(60, 54);
        AssertSplitEqualsWhole(() => new MeanAbsolutePercentageError(), y, p, 2, firstRows: 11, tolerance: 1e-9);
    }

    [Fact]
    public void Updates_DoNotAllocate() => AssertUpdatesDoNotAllocate(new MeanAbsolutePercentageError(), [0, 1, 2, 3], [0.5, 1, 2, 2], 2);
}
