using static FastDense.Tests.Metrics.MetricChecks;

namespace FastDense.Tests.Metrics;

/// <summary>
/// <see cref="LogCoshError"/> against Keras's (keras/src/metrics/regression_metrics.py on keras/src/losses/losses.py's
/// <c>log_cosh</c>: <c>mean(log(cosh(p − y)))</c> per row, then the mean over rows). The reference is
/// regression_metrics_test.py's: <c>log((e^x + e^−x) / 2)</c>, and <c>|x| − log 2 + log(1 + e^−2|x|)</c> where that overflows.
/// </summary>
public class LogCoshErrorTests
{
    private static double LogCosh(double x) => Math.Abs(x) < 300 ? Math.Log((Math.Exp(x) + Math.Exp(-x)) / 2) : Math.Abs(x) - Math.Log(2);

    [Fact]
    public void Name_IsKerasDefault() => Assert.Equal("logcosh", new LogCoshError().Name);

    [Fact]
    public void KerasExamples()
    {
        // Docstring: [[0, 1], [0, 0]] against [[1, 1], [0, 0]]: 0.10844523 in float32; log(cosh 1) / 4 exactly.
        Assert.Equal(0.10844523, Once(new LogCoshError(), [0.0, 1, 0, 0], [1.0, 1, 0, 0], 2), 1e-7);
        Assert.Equal(LogCosh(1) / 4, Once(new LogCoshError(), [0.0, 1, 0, 0], [1.0, 1, 0, 0], 2), 1e-16);
        // regression_metrics_test.py test_unweighted: the sum of log(cosh(error)) over the six outputs / 6.
        double[] y = [1, 9, 2, -5, -2, 6], p = [4, 8, 12, 8, 1, 3];
        double expected = y.Select((t, i) => LogCosh(p[i] - t)).Sum() / 6;
        (double d, double f) = BothTypes(new LogCoshError(), y, p, 3);
        Assert.Equal(expected, d, 1e-14);
        Assert.Equal(expected, f, 1e-14);
    }

    [Fact]
    public void LargeErrors_DoNotOverflow()
    {
        // cosh(1000) overflows a double; Keras's x + softplus(−2x) − log 2 does not.
        Assert.Equal(1000 - Math.Log(2), Once(new LogCoshError(), [0.0], [1000.0], 1), 1e-12);
        Assert.Equal(1000 - Math.Log(2), Once(new LogCoshError(), [1000.0], [0.0], 1), 1e-12);
        Assert.Equal(0.0, Once(new LogCoshError(), [3.0, -2], [3.0, -2], 2));
    }

    [Fact]
    public void RandomRows_MatchTheReference()
    {
        double[] y = Array.ConvertAll(Uniform(80, 71), x => 30 * x - 15), p = Array.ConvertAll(Uniform(80, 72), x => 30 * x - 15);
        double expected = Enumerable.Range(0, 20).Select(r => Enumerable.Range(0, 4).Sum(c => LogCosh(p[r * 4 + c] - y[r * 4 + c])) / 4).Average();
        Assert.Equal(expected, Once(new LogCoshError(), y, p, 4), 1e-12);
    }

    [Fact]
    public void TwoUpdates_EqualOne_AndResetClears()
        => AssertSplitEqualsWhole(() => new LogCoshError(), Uniform(60, 73), Uniform(60, 74), 3, firstRows: 19, tolerance: 1e-15);

    [Fact]
    public void Updates_DoNotAllocate() => AssertUpdatesDoNotAllocate(new LogCoshError(), [0, 1, 2, 3], [0.5, 1, 2, 2], 2);
}
