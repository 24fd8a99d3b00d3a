using static FastDense.Tests.Metrics.MetricChecks;

namespace FastDense.Tests.Metrics;

/// <summary>
/// <see cref="R2Score"/> against Keras's (keras/src/metrics/regression_metrics.py, R2Score: per output
/// <c>1 − Σ(y − p)² / (Σy² − Σy · mean(y))</c>, infinite scores taken as 0, then uniform or variance-weighted
/// averaging and the adjusted score <c>1 − (1 − R²)(n − 1)/(n − p − 1)</c>). The published values are those of its
/// docstring and of regression_metrics_test.py (R2ScoreTest.test_r2_sklearn_comparison, scikit-learn's r2_score).
/// The reference below is the textbook form, <c>1 − SS_res / SS_tot</c> around the mean.
/// </summary>
public class R2ScoreTests
{
    // test_r2_sklearn_comparison.
    private static readonly double[] SkTrue = [0, 0, 1, 0, 1, 0, 1, 0, 0];
    private static readonly double[] SkPred = [0.4, 0.5, 0.6, 0.1, 0.2, 0.3, 0.5, 0.8, 0.2];

    [Fact]
    public void Defaults_AreKeras()
    {
        var r2 = new R2Score();
        Assert.Equal("r2_score", r2.Name);
        Assert.Equal(R2ClassAggregation.UniformAverage, r2.ClassAggregation);
        Assert.Equal(0, r2.NumRegressors);
        Assert.True(double.IsNaN(r2.Result())); // nothing seen: Keras's 0 / 0
        Assert.Empty(r2.ClassResults);
    }

    [Fact]
    public void KerasDocstringExample()
    {
        // [[1], [4], [3]] against [[2], [4], [4]]: 1 − 2 / (42 / 9) = 4/7 (0.57142854 in float32).
        (double fromDouble, double fromFloat) = BothTypes(new R2Score(), [1, 4, 3], [2, 4, 4], 1);
        Assert.Equal(4.0 / 7, fromDouble, 1e-15);
        Assert.Equal(4.0 / 7, fromFloat, 1e-15);
    }

    [Theory]
    [InlineData(R2ClassAggregation.None, 0, new[] { 0.37, -1.295, 0.565 })]
    [InlineData(R2ClassAggregation.None, 1, new[] { -0.26, -3.59, 0.13 })]
    [InlineData(R2ClassAggregation.UniformAverage, 0, new[] { -0.12 })]
    [InlineData(R2ClassAggregation.VarianceWeightedAverage, 0, new[] { -0.12 })]
    [InlineData(R2ClassAggregation.UniformAverage, 2, new[] { -0.12 })] // 2 regressors of 3 rows: p = n − 1, the plain score
    public void KerasSklearnComparison(R2ClassAggregation aggregation, int regressors, double[] expected)
    {
        foreach (bool asFloat in new[] { false, true })
        {
            var r2 = new R2Score(aggregation, regressors);
            if (asFloat) r2.Update(ToFloat(SkTrue), ToFloat(SkPred), 3, 3);
            else r2.Update<double>(SkTrue, SkPred, 3, 3);
            if (aggregation == R2ClassAggregation.None)
            {
                Assert.Equal(expected.Length, r2.ClassResults.Count);
                for (int c = 0; c < expected.Length; c++) Assert.Equal(expected[c], r2.ClassResults[c], 1e-6);
                Assert.Equal(expected.Average(), r2.Result(), 1e-6); // one number for Keras's vector: the uniform average
            }
            else
            {
                Assert.Equal(expected[0], r2.Result(), 1e-6);
            }
        }
    }

    [Theory]
    [InlineData(R2ClassAggregation.UniformAverage, 0)]
    [InlineData(R2ClassAggregation.VarianceWeightedAverage, 0)]
    [InlineData(R2ClassAggregation.UniformAverage, 5)]
    [InlineData(R2ClassAggregation.VarianceWeightedAverage, 3)]
    public void RandomRows_MatchTheTextbookForm(R2ClassAggregation aggregation, int regressors)
    {
        const int Rows = 50, Outputs = 3;
        double[] y = Uniform(Rows * Outputs, 91), noise = Uniform(Rows * Outputs, 92);
        for (int i = 0; i < y.Length; i++) y[i] = 100 + (i % Outputs + 1) * 10 * y[i]; // a large mean, different variances
        double[] p = y.Select((v, i) => v + 8 * (noise[i] - 0.5)).ToArray();
        double[] scores = new double[Outputs], totals = new double[Outputs];
        for (int c = 0; c < Outputs; c++)
        {
            double mean = Enumerable.Range(0, Rows).Average(r => y[r * Outputs + c]);
            totals[c] = Enumerable.Range(0, Rows).Sum(r => Math.Pow(y[r * Outputs + c] - mean, 2));
            double residuals = Enumerable.Range(0, Rows).Sum(r => Math.Pow(y[r * Outputs + c] - p[r * Outputs + c], 2));
            scores[c] = 1 - residuals / totals[c];
        }
        double score = aggregation == R2ClassAggregation.UniformAverage ? scores.Average() : scores.Zip(totals, (s, t) => s * t).Sum() / totals.Sum();
        if (regressors > 0) score = 1 - (1 - score) * (Rows - 1) / (Rows - regressors - 1);
        Assert.InRange(scores.Min(), 0.1, 0.99);
        Assert.NotEqual(scores.Average(), scores.Zip(totals, (s, t) => s * t).Sum() / totals.Sum(), 1e-3);

        var r2 = new R2Score(aggregation, regressors);
        r2.Update<double>(y, p, Rows, Outputs);
        Assert.Equal(score, r2.Result(), 1e-12);
    }

    [Fact]
    public void PerfectPredictor_IsOne_AndPredictingTheMean_IsZero()
    {
        double[] y = [1, 10, 2, 20, 3, 30, 6, 0];
        Assert.Equal(1.0, Once(new R2Score(), y, y, 2));
        Assert.Equal(0.0, Once(new R2Score(), y, [3, 15, 3, 15, 3, 15, 3, 15], 2), 1e-15);
        Assert.True(Once(new R2Score(), y, Array.ConvertAll(y, v => -v), 2) < -1); // worse than the mean
    }

    [Fact]
    public void ConstantTargets_ScoreZero_OrNaNWhenPredictedExactly()
    {
        // Σ(y − ȳ)² = 0: an infinite score is taken as 0 (Keras's where(isinf)); 0 / 0 stays NaN, as in Keras.
        Assert.Equal(0.0, Once(new R2Score(), [3, 3, 3], [2, 3, 4], 1));
        Assert.True(double.IsNaN(Once(new R2Score(), [3, 3, 3], [3, 3, 3], 1)));
        // 0.1 is not a binary fraction: sums of y would leave a rounding residue for Σ(y − ȳ)² and a huge score; the
        // sums of y − y₀ are exactly 0.
        Assert.Equal(0.0, Once(new R2Score(), [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], [0.2, 0, 0.1, 0.1, 0.1, 0.1, 0.3], 1));
        Assert.Equal(0.0, Once(new R2Score(), [0.1f, 0.1f, 0.1f], [0.2f, 0f, 0.1f], 1));
        // One constant output beside a varying one: uniform averages its 0 in; variance weighting gives it no weight.
        double[] y = [0.7, 1, 0.7, 2, 0.7, 3], p = [0.5, 1, 0.9, 2, 0.7, 4];
        double varying = 1 - 1.0 / 2; // residuals 1, total 2
        Assert.Equal(varying / 2, Once(new R2Score(), y, p, 2), 1e-15);
        Assert.Equal(varying, Once(new R2Score(R2ClassAggregation.VarianceWeightedAverage), y, p, 2), 1e-15);
        var none = new R2Score(R2ClassAggregation.None);
        none.Update<double>(y, p, 3, 2);
        Assert.Equal([0.0, varying], none.ClassResults);
    }

    [Fact]
    public void Adjusted_FallsBackToThePlainScore_WithoutEnoughRows()
    {
        double plain = Once(new R2Score(), [1, 4, 3, 5], [2, 4, 4, 5], 1);
        Assert.Equal(plain, Once(new R2Score(numRegressors: 3), [1, 4, 3, 5], [2, 4, 4, 5], 1)); // p = n − 1
        Assert.Equal(plain, Once(new R2Score(numRegressors: 9), [1, 4, 3, 5], [2, 4, 4, 5], 1)); // p > n − 1
        Assert.Equal(1 - (1 - plain) * 3 / 2, Once(new R2Score(numRegressors: 1), [1, 4, 3, 5], [2, 4, 4, 5], 1), 1e-15);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(29)]
    public void AnySplit_GivesTheSameBits_AndResetClears(int firstRows)
    {
        double[] y = Array.ConvertAll(Uniform(90, 93), v => 1e4 + v), p = Array.ConvertAll(Uniform(90, 94), v => 1e4 + v);
        foreach (R2ClassAggregation aggregation in Enum.GetValues<R2ClassAggregation>())
        {
            AssertSplitEqualsWhole(() => new R2Score(aggregation, 2), y, p, 3, firstRows);
        }
        var r2 = new R2Score();
        r2.Update<double>(y, p, 30, 3);
        r2.Reset();
        Assert.True(double.IsNaN(r2.Result()));
    }

    [Fact]
    public void Updates_DoNotAllocate_AfterTheFirst()
        => AssertUpdatesDoNotAllocate(new R2Score(R2ClassAggregation.VarianceWeightedAverage, 1), [0, 1, 2, 3, 5, 1], [0.5, 1, 2, 2, 4, 0], 2);

    [Fact]
    public void Width_IsFixedUntilReset()
    {
        var r2 = new R2Score();
        r2.Update<double>([1, 2, 3, 4], [1, 2, 3, 5], 2, 2);
        Assert.Throws<ArgumentException>(() => r2.Update<double>([1, 2, 3], [1, 2, 3], 1, 3));
        r2.Reset();
        r2.Update<double>([1, 2, 3, 4, 5, 7], [1, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal(3, r2.ClassResults.Count);
    }

    [Fact]
    public void BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new R2Score(numRegressors: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new R2Score((R2ClassAggregation)5));
        Assert.Null(new R2Score().Misfit(Loss.MeanSquaredError, 1));
    }
}
