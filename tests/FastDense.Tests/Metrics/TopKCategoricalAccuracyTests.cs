using static FastDense.Tests.Metrics.MetricChecks;

namespace FastDense.Tests.Metrics;

/// <summary>
/// <see cref="TopKCategoricalAccuracy"/> against Keras's (keras/src/metrics/accuracy_metrics.py,
/// <c>top_k_categorical_accuracy</c>: <c>in_top_k(argmax(y_true), y_pred, k)</c>, TensorFlow's InTopK on the
/// TensorFlow backend). The reference below is the other backends' formulation (keras/src/backend/numpy/math.py,
/// <c>in_top_k</c>: the target's prediction is at least the k-th largest), which agrees on finite rows, ties included.
/// </summary>
public class TopKCategoricalAccuracyTests
{
    [Fact]
    public void Defaults_AreKeras()
    {
        var topK = new TopKCategoricalAccuracy();
        Assert.Equal(5, topK.K);
        Assert.Equal("top_k_categorical_accuracy", topK.Name);
    }

    [Fact]
    public void KerasExample_IsOneHalf()
        // accuracy_metrics_test.py, TopKCategoricalAccuracyTest.test_unweighted (k = 1): 0.8 is not the top of row 0.
        => Assert.Equal((0.5, 0.5), BothTypes(new TopKCategoricalAccuracy(k: 1), [0, 0, 1, 0, 1, 0], [0.1, 0.9, 0.8, 0.05, 0.95, 0], 3));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    public void RandomRows_MatchTheKthLargestRule(int k)
    {
        const int Rows = 200, Outputs = 6;
        double[] p = Array.ConvertAll(Uniform(Rows * Outputs, 41), v => Math.Round(v * 8) / 8); // coarse: many ties
        double[] y = new double[Rows * Outputs];
        double[] classes = Uniform(Rows, 42);
        for (int r = 0; r < Rows; r++) y[r * Outputs + (int)(classes[r] * Outputs)] = 1;
        double expected = Reference(y, p, Outputs, k);
        Assert.InRange(expected, k == Outputs ? 1 : 0.05, k == Outputs ? 1 : 0.95);
        Assert.Equal((expected, expected), BothTypes(new TopKCategoricalAccuracy(k), y, p, Outputs));
    }

    [Fact]
    public void Ties_AtTheKthValue_AllCountAsInTheTopK()
    {
        // in_top_k: fewer than k predictions strictly greater than the target's.
        Assert.Equal(1.0, Once(new TopKCategoricalAccuracy(1), [0, 0, 1, 0], [0.3, 0.3, 0.3, 0.1], 4));
        Assert.Equal(1.0, Once(new TopKCategoricalAccuracy(2), [0, 0, 1, 0], [0.5, 0.4, 0.4, 0.1], 4));
        Assert.Equal(0.0, Once(new TopKCategoricalAccuracy(2), [0, 0, 0, 1], [0.5, 0.4, 0.4, 0.1], 4));
    }

    [Fact]
    public void TargetClass_IsTheFirstLargestTarget()
        => Assert.Equal(1.0, Once(new TopKCategoricalAccuracy(1), [0, 1, 1], [0.2, 0.7, 0.1], 3)); // target 1, not 2

    [Fact]
    public void NonFinitePredictions_NeverMatch()
    {
        Assert.Equal(0.0, Once(new TopKCategoricalAccuracy(2), [1, 0, 0], [0.9, double.NaN, 0.1], 3));
        Assert.Equal(0.0, Once(new TopKCategoricalAccuracy(3), [1, 0, 0], [0.9, 0.5, double.PositiveInfinity], 3));
        Assert.Equal(0.0, Once(new TopKCategoricalAccuracy(3), [1f, 0, 0], [float.NaN, 0.5f, 0.1f], 3));
    }

    [Fact]
    public void KAtLeastTheOutputs_IsAlwaysOne_ButOneOutputIsAMisfit()
    {
        Assert.Equal(1.0, Once(new TopKCategoricalAccuracy(), [0, 1, 0, 1, 0, 0], [0.9, 0.05, 0.05, 0.2, 0.3, 0.5], 3));
        Assert.Null(new TopKCategoricalAccuracy().Misfit(Loss.CategoricalCrossentropy, 3));
        Assert.Null(new TopKCategoricalAccuracy().Misfit(Loss.CategoricalCrossentropy, 2));
        Assert.NotNull(new TopKCategoricalAccuracy().Misfit(Loss.BinaryCrossentropy, 1));
        Assert.NotNull(new TopKCategoricalAccuracy(1).Misfit(Loss.MeanSquaredError, 1));
    }

    [Fact]
    public void TwoUpdates_EqualOne_AndResetClears()
    {
        double[] p = Uniform(50 * 4, 43), y = new double[50 * 4];
        for (int r = 0; r < 50; r++) y[r * 4 + r % 4] = 1;
        AssertSplitEqualsWhole(() => new TopKCategoricalAccuracy(2), y, p, 4, firstRows: 13, tolerance: 1e-15);
        var topK = new TopKCategoricalAccuracy(2);
        topK.Update<double>(y, p, 50, 4);
        topK.Reset();
        Assert.Equal(0.0, topK.Result());
    }

    [Fact]
    public void Updates_DoNotAllocate()
        => AssertUpdatesDoNotAllocate(new TopKCategoricalAccuracy(2), [1, 0, 0, 0, 0, 1], [0.5, 0.3, 0.2, 0.6, 0.3, 0.1], 3);

    [Fact]
    public void KBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TopKCategoricalAccuracy(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TopKCategoricalAccuracy(-2));
    }

    /// <summary>Target = first arg-max of the targets; in the top k when its prediction is at least the k-th largest.</summary>
    private static double Reference(double[] y, double[] p, int outputs, int k)
    {
        int rows = y.Length / outputs, matches = 0;
        for (int r = 0; r < rows; r++)
        {
            double[] yr = y.Skip(r * outputs).Take(outputs).ToArray(), pr = p.Skip(r * outputs).Take(outputs).ToArray();
            int target = Array.IndexOf(yr, yr.Max());
            double kth = pr.OrderByDescending(v => v).ElementAt(Math.Min(k, outputs) - 1);
            if (pr[target] >= kth) matches++;
        }
        return (double)matches / rows;
    }
}
