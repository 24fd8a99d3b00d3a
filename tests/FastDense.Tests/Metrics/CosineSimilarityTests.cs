using static FastDense.Tests.Metrics.MetricChecks;

namespace FastDense.Tests.Metrics;

/// <summary>
/// <see cref="CosineSimilarity"/> against Keras's (keras/src/metrics/regression_metrics.py, <c>cosine_similarity</c>:
/// both rows normalized by keras/src/ops/nn.py's <c>normalize</c>, <c>x · rsqrt(max(Σx², ε²))</c>, then
/// <c>Σ y·p</c>; the mean over rows). The reference is regression_metrics_test.py's: the dot product over the product
/// of the L2 norms.
/// </summary>
public class CosineSimilarityTests
{
    private static double Cosine(double[] a, double[] b)
    {
        double dot = a.Zip(b, (x, y) => x * y).Sum(), na = Math.Sqrt(a.Sum(x => x * x)), nb = Math.Sqrt(b.Sum(x => x * x));
        return dot / (na * nb);
    }

    [Fact]
    public void Defaults_AreKeras()
    {
        var cosine = new CosineSimilarity();
        Assert.Equal("cosine_similarity", cosine.Name);
        Assert.Equal(-1, cosine.Axis);
        Assert.Equal(1, new CosineSimilarity(axis: 1).Axis);
    }

    [Fact]
    public void KerasExamples()
    {
        // Docstring (axis = 1): [[0, 1], [1, 1]] against [[1, 0], [1, 1]]: (0 + 1) / 2 = 0.49999997 in float32.
        (double d, double f) = BothTypes(new CosineSimilarity(axis: 1), [0, 1, 1, 1], [1, 0, 1, 1], 2);
        Assert.Equal(0.5, d, 1e-12);
        Assert.Equal(0.5, f, 1e-12);
        // regression_metrics_test.py test_unweighted.
        double[] y0 = [1, 9, 2], y1 = [-5, -2, 6], p0 = [4, 8, 12], p1 = [8, 1, 3];
        double expected = (Cosine(y0, p0) + Cosine(y1, p1)) / 2;
        (double fromDouble, double fromFloat) = BothTypes(new CosineSimilarity(), [.. y0, .. y1], [.. p0, .. p1], 3);
        Assert.Equal(expected, fromDouble, 1e-15);
        Assert.Equal(expected, fromFloat, 1e-15);
    }

    [Fact]
    public void SameOppositeOrthogonalAndZeroRows()
    {
        Assert.Equal(1.0, Once(new CosineSimilarity(), [1, 2, 3], [2, 4, 6], 3), 1e-15);
        Assert.Equal(-1.0, Once(new CosineSimilarity(), [1, 2, 3], [-0.5, -1, -1.5], 3), 1e-15);
        Assert.Equal(0.0, Once(new CosineSimilarity(), [1, 0], [0, 5], 2));
        Assert.Equal(0.0, Once(new CosineSimilarity(), [0, 0, 0], [0.2, 0.5, 0.3], 3)); // a zero row is 0, not NaN
        Assert.Equal(0.0, Once(new CosineSimilarity(), [0.0, 0], [0.0, 0], 2));
    }

    [Fact]
    public void RandomRows_MatchTheReference()
    {
        double[] y = Array.ConvertAll(Uniform(50, 81), x => 2 * x - 1), p = Array.ConvertAll(Uniform(50, 82), x => 2 * x - 1);
        double expected = Enumerable.Range(0, 10).Select(r => Cosine(y[(r * 5)..(r * 5 + 5)], p[(r * 5)..(r * 5 + 5)])).Average();
        Assert.Equal(expected, Once(new CosineSimilarity(), y, p, 5), 1e-14);
    }

    [Fact]
    public void TwoUpdates_EqualOne_AndResetClears()
        => AssertSplitEqualsWhole(() => new CosineSimilarity(), Uniform(60, 83), Uniform(60, 84), 3, firstRows: 1, tolerance: 1e-15);

    [Fact]
    public void Updates_DoNotAllocate() => AssertUpdatesDoNotAllocate(new CosineSimilarity(), [0, 1, 2, 3], [0.5, 1, 2, 2], 2);

    [Fact]
    public void OneOutput_IsAMisfit_AndTheRowsAxisIsRefused()
    {
        Assert.NotNull(new CosineSimilarity().Misfit(Loss.BinaryCrossentropy, 1));
        Assert.Null(new CosineSimilarity().Misfit(Loss.MeanSquaredError, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineSimilarity(axis: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineSimilarity(axis: 2));
    }
}
