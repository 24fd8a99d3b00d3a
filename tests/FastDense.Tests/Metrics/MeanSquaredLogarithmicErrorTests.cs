using static FastDense.Tests.Metrics.MetricChecks;

namespace FastDense.Tests.Metrics;

/// <summary>
/// <see cref="MeanSquaredLogarithmicError"/> against Keras's (keras/src/metrics/regression_metrics.py on
/// keras/src/losses/losses.py's <c>mean_squared_logarithmic_error</c>:
/// <c>mean((log(max(p, ε) + 1) − log(max(y, ε) + 1))²)</c> per row, ε = 1e-7, then the mean over rows).
/// </summary>
public class MeanSquaredLogarithmicErrorTests
{
    private static double Term(double y, double p)
    {
        double d = Math.Log(Math.Max(p, 1e-7) + 1) - Math.Log(Math.Max(y, 1e-7) + 1);
        return d * d;
    }

    [Fact]
    public void Name_IsKerasDefault() => Assert.Equal("mean_squared_logarithmic_error", new MeanSquaredLogarithmicError().Name);

    [Fact]
    public void KerasExamples()
    {
        // Docstring: [[0, 1], [0, 0]] against [[1, 1], [0, 0]]: 0.12011322.
        Assert.Equal(0.12011322, Once(new MeanSquaredLogarithmicError(), [0.0, 1, 0, 0], [1.0, 1, 0, 0], 2), 1e-7);
        // regression_metrics_test.py test_unweighted: 0.24022.
        double[] y = [0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1];
        double[] p = [0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1];
        (double d, double f) = BothTypes(new MeanSquaredLogarithmicError(), y, p, 5);
        Assert.Equal(0.24022, d, 1e-5);
        Assert.Equal(d, f, 1e-15);
        // Ten mismatches of 20 (rows of 2, 2, 2 and 4): each (log 2 − log(1 + ε))².
        Assert.Equal(10 * Term(0, 1) / 20, d, 1e-15);
    }

    [Fact]
    public void RandomRows_MatchTheFormula_NegativeValuesCountAsEpsilon()
    {
        double[] y = Array.ConvertAll(Uniform(60, 61), x => 10 * x - 2), p = Array.ConvertAll(Uniform(60, 62), x => 10 * x - 2);
        double expected = Enumerable.Range(0, 20).Select(r => Enumerable.Range(0, 3).Sum(c => Term(y[r * 3 + c], p[r * 3 + c])) / 3).Average();
        Assert.Equal(expected, Once(new MeanSquaredLogarithmicError(), y, p, 3), 1e-14);
        Assert.Equal(0.0, Once(new MeanSquaredLogarithmicError(), [-5.0, 0], [0.0, -3], 2)); // every value at or below 0 is ε
    }

    [Fact]
    public void TwoUpdates_EqualOne_AndResetClears()
        => AssertSplitEqualsWhole(() => new MeanSquaredLogarithmicError(), Uniform(60, 63), Uniform(60, 64), 3, firstRows: 5, tolerance: 1e-15);

    [Fact]
    public void Updates_DoNotAllocate() => AssertUpdatesDoNotAllocate(new MeanSquaredLogarithmicError(), [0, 1, 2, 3], [0.5, 1, 2, 2], 2);
}
