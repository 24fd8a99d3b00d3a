using static FastDense.Tests.Metrics.MetricChecks;

namespace FastDense.Tests.Metrics;

/// <summary>
/// <see cref="FBetaScore"/> and <see cref="F1Score"/> against Keras's (keras/src/metrics/f_score_metrics.py). The
/// published values are those of its docstrings and of keras/src/metrics/f_score_metrics_test.py (atol 1e-6 there:
/// Keras computes in float32); sample weights of 0 and 1 are reproduced by leaving rows out. The reference below is
/// f_score_metrics.py's update_state/result written out: tp += pred·y, fp += pred·(1 − y), fn += (1 − pred)·y,
/// support += y; precision = tp / (tp + fp + ε), recall = tp / (tp + fn + ε),
/// score = (1 + β²)·precision·recall / (β²·precision + recall + ε).
/// </summary>
public class FScoreTests
{
    private const double Eps = 1e-7;

    // f_score_metrics_test.py, test_fbeta_random_score_none (threshold None).
    private static readonly double[] ArgMaxTrue = [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 1];
    private static readonly double[] ArgMaxPred = [0.9, 0.1, 0, 0.2, 0.6, 0.2, 0, 0, 1, 0.4, 0.3, 0.3, 0, 0.9, 0.1, 0, 0, 1];

    // test_fbeta_random_score (threshold 0.66).
    private static readonly double[] RandomTrue = [0, 0, 1, 1, 1, 0, 1, 1, 1];
    private static readonly double[] RandomPred = [0.7, 0.7, 0.7, 1, 0, 0, 0.9, 0.8, 0];

    [Fact]
    public void Defaults_AreKeras()
    {
        var fbeta = new FBetaScore();
        Assert.Equal("fbeta_score", fbeta.Name);
        Assert.Equal(FScoreAverage.None, fbeta.Average);
        Assert.Equal(1.0, fbeta.Beta);
        Assert.Null(fbeta.Threshold);
        var f1 = new F1Score();
        Assert.Equal("f1_score", f1.Name);
        Assert.Equal(1.0, f1.Beta);
        Assert.Equal(FScoreAverage.None, f1.Average);
        Assert.Empty(f1.ClassResults);
        Assert.Equal(0.0, f1.Result());
    }

    [Fact]
    public void KerasDocstringExamples()
    {
        double[] y = [1, 1, 1, 1, 0, 0, 1, 1, 0], p = [0.2, 0.6, 0.7, 0.2, 0.6, 0.6, 0.6, 0.8, 0.0];
        var fbeta = new FBetaScore(beta: 2.0, threshold: 0.5);
        fbeta.Update<double>(y, p, 3, 3);
        AssertAll([0.3846154, 0.90909094, 0.8333334], fbeta.ClassResults, 1e-6);
        // Average None: Result is the mean of the class scores (FastDense's one number for Keras's vector).
        Assert.Equal(fbeta.ClassResults.Average(), fbeta.Result(), 1e-15);

        var f1 = new F1Score(threshold: 0.5);
        f1.Update(ToFloat(y), ToFloat(p), 3, 3);
        AssertAll([0.5, 0.8, 0.6666667], f1.ClassResults, 1e-6);
    }

    [Theory]
    [InlineData(FScoreAverage.None, 0.5, new[] { 0.71428573, 0.5, 0.833334 })]
    [InlineData(FScoreAverage.None, 1.0, new[] { 0.8, 0.5, 0.6666667 })]
    [InlineData(FScoreAverage.None, 2.0, new[] { 0.9090904, 0.5, 0.555556 })]
    [InlineData(FScoreAverage.Micro, 0.5, new[] { 0.6666667 })]
    [InlineData(FScoreAverage.Micro, 1.0, new[] { 0.6666667 })]
    [InlineData(FScoreAverage.Micro, 2.0, new[] { 0.6666667 })]
    [InlineData(FScoreAverage.Macro, 0.5, new[] { 0.6825397 })]
    [InlineData(FScoreAverage.Macro, 1.0, new[] { 0.6555555 })]
    [InlineData(FScoreAverage.Macro, 2.0, new[] { 0.6548822 })]
    [InlineData(FScoreAverage.Weighted, 0.5, new[] { 0.6825397 })]
    [InlineData(FScoreAverage.Weighted, 1.0, new[] { 0.6555555 })]
    [InlineData(FScoreAverage.Weighted, 2.0, new[] { 0.6548822 })]
    public void KerasRandomScore_Threshold066(FScoreAverage average, double beta, double[] expected)
        => AssertKeras(new FBetaScore(average, beta, 0.66), RandomTrue, RandomPred, expected);

    [Theory]
    [InlineData(FScoreAverage.None, 0.5, new[] { 0.9090904, 0.555556, 1.0 })]
    [InlineData(FScoreAverage.None, 1.0, new[] { 0.8, 0.6666667, 1.0 })]
    [InlineData(FScoreAverage.None, 2.0, new[] { 0.71428573, 0.833334, 1.0 })]
    [InlineData(FScoreAverage.Micro, 0.5, new[] { 0.833334 })]
    [InlineData(FScoreAverage.Micro, 1.0, new[] { 0.833334 })]
    [InlineData(FScoreAverage.Micro, 2.0, new[] { 0.833334 })]
    [InlineData(FScoreAverage.Macro, 0.5, new[] { 0.821549 })]
    [InlineData(FScoreAverage.Macro, 1.0, new[] { 0.822222 })]
    [InlineData(FScoreAverage.Macro, 2.0, new[] { 0.849206 })]
    [InlineData(FScoreAverage.Weighted, 0.5, new[] { 0.880471 })]
    [InlineData(FScoreAverage.Weighted, 1.0, new[] { 0.844445 })]
    [InlineData(FScoreAverage.Weighted, 2.0, new[] { 0.829365 })]
    public void KerasRandomScore_NoThreshold_PredictsEachRowsLargest(FScoreAverage average, double beta, double[] expected)
        => AssertKeras(new FBetaScore(average, beta), ArgMaxTrue, ArgMaxPred, expected);

    [Theory]
    [InlineData(FScoreAverage.None, 0.5, new[] { 1.0, 0.0, 1.0 })]
    [InlineData(FScoreAverage.None, 1.0, new[] { 1.0, 0.0, 1.0 })]
    [InlineData(FScoreAverage.None, 2.0, new[] { 1.0, 0.0, 1.0 })]
    [InlineData(FScoreAverage.Micro, 1.0, new[] { 1.0 })]
    [InlineData(FScoreAverage.Macro, 0.5, new[] { 0.666667 })]
    [InlineData(FScoreAverage.Weighted, 2.0, new[] { 1.0 })]
    public void KerasWeightedScore_ZeroWeightsAsRowsLeftOut(FScoreAverage average, double beta, double[] expected)
    {
        // test_fbeta_weighted_random_score_none with sample weights [1, 0, 1, 1, 0, 1]: rows 1 and 4 do not count.
        int[] kept = [0, 2, 3, 5];
        double[] y = kept.SelectMany(r => ArgMaxTrue.Skip(3 * r).Take(3)).ToArray(), p = kept.SelectMany(r => ArgMaxPred.Skip(3 * r).Take(3)).ToArray();
        AssertKeras(new FBetaScore(average, beta), y, p, expected);
    }

    [Theory]
    [InlineData(FScoreAverage.Micro, 0.5)]
    [InlineData(FScoreAverage.Micro, 2.0)]
    [InlineData(FScoreAverage.Macro, 1.0)]
    [InlineData(FScoreAverage.Weighted, 0.5)]
    [InlineData(FScoreAverage.Weighted, 2.0)]
    public void KerasPerfectAndWorstScores(FScoreAverage average, double beta)
    {
        // test_fbeta_perfect_score and test_fbeta_worst_score, threshold 0.66.
        double[] p = [0.7, 0.7, 0.7, 1, 0, 0, 0.9, 0.8, 0];
        AssertKeras(new FBetaScore(average, beta, 0.66), [1, 1, 1, 1, 0, 0, 1, 1, 0], p, [1.0]);
        AssertKeras(new FBetaScore(average, beta, 0.66), [0, 0, 0, 0, 1, 0, 0, 0, 1], p, [0.0]);
    }

    [Theory]
    [InlineData(FScoreAverage.None, 1.0, null)]
    [InlineData(FScoreAverage.Micro, 0.5, 0.3)]
    [InlineData(FScoreAverage.Macro, 2.0, null)]
    [InlineData(FScoreAverage.Weighted, 1.5, 0.6)]
    public void SoftTargets_MatchKerasFormulas(FScoreAverage average, double beta, double? threshold)
    {
        // Keras uses the targets as they are (only the predictions are thresholded): soft targets weigh the counts.
        const int Rows = 40, Outputs = 4;
        double[] y = Uniform(Rows * Outputs, 21), p = Uniform(Rows * Outputs, 22);
        double expected = Reference(y, p, Outputs, average, beta, threshold, out double[] perClass);
        (double fromDouble, double fromFloat) = BothTypes(new FBetaScore(average, beta, threshold), y, p, Outputs);
        Assert.Equal(expected, fromDouble, 1e-12);
        double expectedFloat = Reference(Widen(y), Widen(p), Outputs, average, beta, threshold, out _);
        Assert.Equal(expectedFloat, fromFloat, 1e-12);
        var metric = new FBetaScore(average, beta, threshold);
        metric.Update<double>(y, p, Rows, Outputs);
        AssertAll(perClass, metric.ClassResults, 1e-12);
    }

    [Fact]
    public void NoThreshold_PredictsEveryTiedMaximum_ButNotARowOfZeros()
    {
        // Row 0: two outputs tied at 0.4 are both predicted. Row 1: all zeros, nothing predicted (|p| > 1e-9).
        var f1 = new F1Score();
        f1.Update<double>([1, 0, 0, 0, 0, 1], [0.4, 0.4, 0.2, 0, 0, 0], 2, 3);
        // Class 0: tp 1; class 1: fp 1; class 2: fn 1.
        double one = 1 / (1 + Eps), f = one * one / (one + one + Eps) * 2;
        AssertAll([f, 0, 0], f1.ClassResults, 1e-15);
    }

    [Fact]
    public void MicroClassResults_HoldTheOneScore()
    {
        var micro = new F1Score(FScoreAverage.Micro, 0.5);
        micro.Update<double>([1, 0, 1, 1], [0.9, 0.6, 0.2, 0.7], 2, 2);
        Assert.Single(micro.ClassResults);
        Assert.Equal(micro.Result(), micro.ClassResults[0]);
        // tp 2, fp 1, fn 1: precision = recall = 2/3 (less ε), F1 = 2/3.
        Assert.Equal(2.0 / 3, micro.Result(), 1e-6);
    }

    [Theory]
    [InlineData(FScoreAverage.None, null)]
    [InlineData(FScoreAverage.Micro, 0.5)]
    [InlineData(FScoreAverage.Weighted, null)]
    public void TwoUpdates_EqualOneUpdate_BitForBit_AndResetClears(FScoreAverage average, double? threshold)
    {
        double[] y = Array.ConvertAll(Uniform(60, 31), v => v < 0.3 ? 1.0 : 0), p = Uniform(60, 32);
        AssertSplitEqualsWhole(() => new FBetaScore(average, 0.7, threshold), y, p, 3, firstRows: 9);
        var metric = new FBetaScore(average, 0.7, threshold);
        metric.Update<double>(y, p, 20, 3);
        metric.Reset();
        Assert.Equal(0.0, metric.Result());
        Assert.All(metric.ClassResults, score => Assert.Equal(0.0, score));
    }

    [Fact]
    public void Updates_DoNotAllocate_AfterTheFirst()
    {
        double[] y = [1, 0, 0, 0, 1, 0], p = [0.7, 0.2, 0.1, 0.3, 0.6, 0.1];
        AssertUpdatesDoNotAllocate(new F1Score(), y, p, 3);
        AssertUpdatesDoNotAllocate(new FBetaScore(FScoreAverage.Micro, 2, 0.5), y, p, 3);
        AssertUpdatesDoNotAllocate(new FBetaScore(FScoreAverage.Weighted), y, p, 3);
    }

    [Fact]
    public void Width_IsFixedUntilReset()
    {
        var f1 = new F1Score(FScoreAverage.Macro);
        f1.Update<double>([1, 0], [0.7, 0.3], 1, 2);
        Assert.Throws<ArgumentException>(() => f1.Update<double>([1, 0, 0], [0.7, 0.2, 0.1], 1, 3));
        f1.Reset();
        f1.Update<double>([1, 0, 0], [0.7, 0.2, 0.1], 1, 3);
        Assert.Equal(3, f1.ClassResults.Count);
        var micro = new F1Score(FScoreAverage.Micro);
        micro.Update<double>([1, 0], [0.7, 0.3], 1, 2);
        micro.Update<double>([1, 0, 0], [0.7, 0.2, 0.1], 1, 3); // micro keeps no per-class counts
    }

    [Fact]
    public void Misfit_OneOutputWithoutThreshold()
    {
        Assert.NotNull(new F1Score().Misfit(Loss.BinaryCrossentropy, 1));
        Assert.NotNull(new FBetaScore(FScoreAverage.Micro).Misfit(Loss.BinaryCrossentropy, 1));
        Assert.Null(new F1Score(threshold: 0.5).Misfit(Loss.BinaryCrossentropy, 1));
        Assert.Null(new F1Score().Misfit(Loss.CategoricalCrossentropy, 2));
    }

    [Fact]
    public void BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FBetaScore(beta: 0.0));   // Keras: "It should be > 0"
        Assert.Throws<ArgumentOutOfRangeException>(() => new FBetaScore(beta: -0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FBetaScore(beta: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FBetaScore(beta: double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FBetaScore(threshold: 0.0)); // Keras: 0 < threshold <= 1
        Assert.Throws<ArgumentOutOfRangeException>(() => new F1Score(threshold: 1.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new F1Score((FScoreAverage)9));
        _ = new F1Score(threshold: 1.0);
    }

    private static void AssertKeras(FBetaScore metric, double[] y, double[] p, double[] expected)
    {
        foreach (bool asFloat in new[] { false, true })
        {
            metric.Reset();
            if (asFloat) metric.Update(ToFloat(y), ToFloat(p), y.Length / 3, 3);
            else metric.Update<double>(y, p, y.Length / 3, 3);
            if (metric.Average == FScoreAverage.None)
            {
                AssertAll(expected, metric.ClassResults, 1e-6);
                Assert.Equal(expected.Average(), metric.Result(), 1e-6);
            }
            else
            {
                Assert.Equal(expected[0], metric.Result(), 1e-6);
            }
        }
    }

    private static void AssertAll(double[] expected, IReadOnlyList<double> actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], tolerance);
    }

    private static double[] Widen(double[] values) => Array.ConvertAll(ToFloat(values), v => (double)v);

    /// <summary>f_score_metrics.py's FBetaScore, written out in double.</summary>
    private static double Reference(double[] y, double[] p, int outputs, FScoreAverage average, double beta, double? threshold, out double[] perClass)
    {
        int slots = average == FScoreAverage.Micro ? 1 : outputs;
        double[] tp = new double[slots], fp = new double[slots], fn = new double[slots], support = new double[slots];
        for (int r = 0; r < y.Length / outputs; r++)
        {
            double max = p.Skip(r * outputs).Take(outputs).Max();
            for (int c = 0; c < outputs; c++)
            {
                double v = p[r * outputs + c], t = y[r * outputs + c];
                double pred = (threshold is double limit ? v > limit : v >= max && Math.Abs(v) > 1e-9) ? 1 : 0;
                int k = average == FScoreAverage.Micro ? 0 : c;
                tp[k] += pred * t;
                fp[k] += pred * (1 - t);
                fn[k] += (1 - pred) * t;
                support[k] += t;
            }
        }
        double b2 = beta * beta;
        perClass = new double[slots];
        for (int k = 0; k < slots; k++)
        {
            double precision = tp[k] / (tp[k] + fp[k] + Eps), recall = tp[k] / (tp[k] + fn[k] + Eps);
            perClass[k] = precision * recall / (b2 * precision + recall + Eps) * (1 + b2);
        }
        if (average == FScoreAverage.Weighted)
        {
            double total = support.Sum();
            return perClass.Select((score, k) => score * (support[k] / (total + Eps))).Sum();
        }
        return perClass.Average();
    }
}
