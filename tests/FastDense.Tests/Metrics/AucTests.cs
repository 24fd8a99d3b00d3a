using static FastDense.Tests.Metrics.MetricChecks;

namespace FastDense.Tests.Metrics;

/// <summary>
/// <see cref="Auc"/> against Keras's <c>AUC</c> (keras/src/metrics/confusion_metrics.py, <c>result</c> and
/// <c>interpolate_pr_auc</c>; the counts of keras/src/metrics/metrics_utils.py, <c>update_confusion_matrix_variables</c>).
/// The published values are those of keras/src/metrics/confusion_metrics_test.py (AUCTest, MultiAUCTest); its
/// sample weights 1, 2, 3, 4 are reproduced by repeating rows. The reference below counts each threshold directly
/// (prediction above threshold), O(rows · thresholds), which is what the metric's buckets must add up to.
/// </summary>
public class AucTests
{
    // keras/src/metrics/confusion_metrics_test.py, AUCTest.setUp: thresholds [-1e-7, 0.5, 1 + 1e-7].
    private static readonly double[] KerasTrue = [0, 0, 1, 1], KerasPred = [0, 0.5, 0.3, 0.9];

    // The same rows repeated 1, 2, 3 and 4 times: Keras's sample_weight [1, 2, 3, 4].
    private static readonly double[] WeightedTrue = [0, 0, 0, 1, 1, 1, 1, 1, 1, 1];
    private static readonly double[] WeightedPred = [0, 0.5, 0.5, 0.3, 0.3, 0.3, 0.9, 0.9, 0.9, 0.9];

    [Fact]
    public void Defaults_AreKeras()
    {
        var auc = new Auc();
        Assert.Equal("auc", auc.Name);
        Assert.Equal(200, auc.NumThresholds);
        Assert.Equal(AucCurve.Roc, auc.Curve);
        Assert.Equal(AucSummationMethod.Interpolation, auc.SummationMethod);
        Assert.False(auc.MultiLabel);
        Assert.Null(auc.NumLabels);
        // [0 - ε] + [(i + 1) / (n - 1) for i in range(n - 2)] + [1 + ε]
        Assert.Equal(200, auc.Thresholds.Count);
        Assert.Equal(-1e-7, auc.Thresholds[0]);
        Assert.Equal(1.0 / 199, auc.Thresholds[1]);
        Assert.Equal(198.0 / 199, auc.Thresholds[198]);
        Assert.Equal(1 + 1e-7, auc.Thresholds[199]);
    }

    [Fact]
    public void KerasDocstringExample_IsThreeQuarters()
    {
        // tp = [2, 1, 0], fp = [2, 0, 0]: recall [1, 0.5, 0], fp rate [1, 0, 0]; 0.5 is not above the threshold 0.5.
        (double fromDouble, double fromFloat) = BothTypes(new Auc(numThresholds: 3), KerasTrue, KerasPred, 1);
        Assert.Equal(0.75, fromDouble, 1e-15);
        Assert.Equal(0.75, fromFloat, 1e-15);
    }

    [Theory]
    [InlineData(AucCurve.Roc, AucSummationMethod.Interpolation, (1 + 4.0 / 7) / 2)] // test_weighted_roc_interpolation: 0.7855
    [InlineData(AucCurve.Roc, AucSummationMethod.Majoring, 1.0)]                      // test_weighted_roc_majoring
    [InlineData(AucCurve.Roc, AucSummationMethod.Minoring, 4.0 / 7)]                  // test_weighted_roc_minoring: 0.571
    [InlineData(AucCurve.Pr, AucSummationMethod.Majoring, 1.0)]                       // test_weighted_pr_majoring: 0.429 + 0.571
    [InlineData(AucCurve.Pr, AucSummationMethod.Minoring, 0.7 * 3.0 / 7)]             // test_weighted_pr_minoring: 0.7 · 0.429
    [InlineData(AucCurve.PrGain, AucSummationMethod.Majoring, 1.0)]                   // test_weighted_prgain_majoring
    [InlineData(AucCurve.PrGain, AucSummationMethod.Minoring, 0.0)]                   // test_weighted_prgain_minoring
    [InlineData(AucCurve.PrGain, AucSummationMethod.Interpolation, 0.5)]              // test_weighted_prgain_interpolation
    public void KerasWeightedExamples(AucCurve curve, AucSummationMethod summation, double expected)
    {
        (double fromDouble, double fromFloat) = BothTypes(new Auc(3, curve, summation), WeightedTrue, WeightedPred, 1);
        Assert.Equal(expected, fromDouble, 1e-12);
        Assert.Equal(expected, fromFloat, 1e-12);
    }

    [Fact]
    public void KerasWeightedPrInterpolation_IsDavisGoadrich()
    {
        // test_weighted_pr_interpolation: tp = [7, 4, 0], P = tp + fp = [10, 4, 0]; slope = [0.5, 1],
        // intercept = [4 - 0.5 · 4, 0] = [2, 0], P ratio = [10 / 4, 1]; (0.5 · (3 + 2 ln 2.5) + 1 · 4) / 7 ≈ 2.416 / 7 + 4 / 7.
        double expected = (0.5 * (3 + 2 * Math.Log(2.5)) + 4) / 7;
        (double fromDouble, double fromFloat) = BothTypes(new Auc(3, AucCurve.Pr), WeightedTrue, WeightedPred, 1);
        Assert.Equal(expected, fromDouble, 1e-12);
        Assert.Equal(expected, fromFloat, 1e-12);
    }

    [Fact]
    public void KerasPrGainInterpolationExample()
    {
        // test_prgain_interpolation: 0.666666 · 0.333333 + 0.333333 · 0.833333 = 2/9 + 5/18 = 1/2.
        double[] y = [0, 0, 0, 1, 0, 1, 0, 1, 1, 1], p = [0.1, 0.2, 0.3, 0.3, 0.4, 0.4, 0.6, 0.6, 0.8, 0.9];
        Assert.Equal(0.5, Once(new Auc(3, AucCurve.PrGain), y, p, 1), 1e-12);
    }

    [Fact]
    public void KerasMultiLabelExamples()
    {
        // MultiAUCTest, five thresholds: per label 0.875 and 1 (test_unweighted), flattened 1 - 0.25 · 0.75 / 2 (test_unweighted_flat).
        double[] y = [0, 0, 0, 0, 1, 1, 1, 1], p = [0, 0.1, 0.5, 0.2, 0.3, 0.3, 0.9, 0.4];
        Assert.Equal((0.875 + 1.0) / 2, Once(new Auc(5, multiLabel: true), y, p, 2), 1e-12);
        Assert.Equal(1 - 0.25 * 0.75 / 2, Once(new Auc(5), y, p, 2), 1e-12);
        Assert.Equal((0.875 + 1.0) / 2, Once(new Auc(5, multiLabel: true, numLabels: 2), ToFloat(y), ToFloat(p), 2), 1e-12);
    }

    [Fact]
    public void KerasManualThresholds()
    {
        // test_manual_thresholds: num_thresholds is ignored, the endpoints are added.
        var auc = new Auc(numThresholds: 2, thresholds: [0.5]);
        Assert.Equal(3, auc.NumThresholds);
        Assert.Equal([-1e-7, 0.5, 1 + 1e-7], auc.Thresholds);
        Assert.Equal(0.75, Once(auc, KerasTrue, KerasPred, 1), 1e-15);
        // test_config_manual_thresholds: sorted, four in all.
        var uneven = new Auc(curve: AucCurve.Pr, summationMethod: AucSummationMethod.Majoring, thresholds: [0.5, 0.3]);
        Assert.Equal(4, uneven.NumThresholds);
        Assert.Equal([-1e-7, 0.3, 0.5, 1 + 1e-7], uneven.Thresholds);
    }

    public static TheoryData<AucCurve, AucSummationMethod> AllCombinations()
    {
        var data = new TheoryData<AucCurve, AucSummationMethod>();
        foreach (AucCurve curve in Enum.GetValues<AucCurve>())
        {
            foreach (AucSummationMethod summation in Enum.GetValues<AucSummationMethod>()) data.Add(curve, summation);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllCombinations))]
    public void RandomRows_MatchThresholdByThresholdCounts(AucCurve curve, AucSummationMethod summation)
    {
        (double[] y, double[] p) = RandomBatch(rows: 150, outputs: 3, seed: 7);
        double expected = Reference(y, p, 3, EvenThresholds(200), curve, summation, multiLabel: false, clip: true);
        double[] pAsFloat = Array.ConvertAll(ToFloat(p), v => (double)v);
        double expectedFloat = Reference(y, pAsFloat, 3, EvenThresholds(200), curve, summation, multiLabel: false, clip: true);
        (double fromDouble, double fromFloat) = BothTypes(new Auc(curve: curve, summationMethod: summation), y, p, 3);
        Assert.Equal(expected, fromDouble, 1e-12);
        Assert.Equal(expectedFloat, fromFloat, 1e-12); // no float prediction of these rows is within float rounding of a threshold
        Assert.InRange(expected, 0.05, 0.995); // a curve with some shape: neither degenerate nor trivial

        double multi = Reference(y, p, 3, EvenThresholds(200), curve, summation, multiLabel: true, clip: true);
        Assert.Equal(multi, Once(new Auc(curve: curve, summationMethod: summation, multiLabel: true), y, p, 3), 1e-12);
    }

    [Theory]
    [MemberData(nameof(AllCombinations))]
    public void UnevenThresholds_MatchThresholdByThresholdCounts_Unclipped(AucCurve curve, AucSummationMethod summation)
    {
        (double[] y, double[] p) = RandomBatch(rows: 120, outputs: 2, seed: 11);
        p[0] = -0.25; p[1] = 1.5; p[2] = 1.0; p[3] = 0.0; // the unevenly spaced path compares without clipping, as Keras's
        double[] thresholds = [0.05, 0.2, 0.21, 0.5, 0.9];
        double expected = Reference(y, p, 2, [-1e-7, .. thresholds, 1 + 1e-7], curve, summation, multiLabel: false, clip: false);
        Assert.Equal(expected, Once(new Auc(curve: curve, summationMethod: summation, thresholds: thresholds), y, p, 2), 1e-12);
    }

    [Fact]
    public void GivenEvenThresholds_AreBucketedLikeTheDefaultGrid()
    {
        // [0.25, 0.5, 0.75] with the endpoints is Keras's even grid of 5 (is_evenly_distributed_thresholds).
        (double[] y, double[] p) = RandomBatch(rows: 60, outputs: 1, seed: 3);
        Assert.Equal(Once(new Auc(5), y, p, 1), Once(new Auc(thresholds: [0.75, 0.25, 0.5]), y, p, 1));
    }

    [Fact]
    public void PerfectAndWorstPredictors()
    {
        double[] y = [0, 1, 1, 0, 1, 0, 0, 1], worst = Array.ConvertAll(y, v => 1 - v);
        Assert.Equal(1.0, Once(new Auc(), y, y, 2)); // Keras's test_unweighted_all_correct
        Assert.Equal(0.0, Once(new Auc(), y, worst, 2));
        Assert.Equal(1.0, Once(new Auc(curve: AucCurve.Pr), y, y, 2), 1e-12);
        Assert.Equal(1.0, Once(new Auc(multiLabel: true), ToFloat(y), ToFloat(y), 2));
        // PR of the worst predictor: precision 0.5 at the −ε threshold, 0 after; Davis & Goadrich's first interval.
        Assert.Equal(Reference(y, worst, 2, EvenThresholds(200), AucCurve.Pr, AucSummationMethod.Interpolation, false, true),
                     Once(new Auc(curve: AucCurve.Pr), y, worst, 2), 1e-12);
    }

    [Fact]
    public void AllTied_IsOneHalf()
    {
        // Every prediction 0.5: above every threshold below 0.5 and none from 0.5 on, so the curve is (1, 1) then (0, 0).
        double[] y = [0, 1, 0, 1, 1], p = [0.5, 0.5, 0.5, 0.5, 0.5];
        Assert.Equal(0.5, Once(new Auc(), y, p, 1), 1e-15);
        Assert.Equal(0.5, Once(new Auc(), ToFloat(y), ToFloat(p), 1), 1e-15);
    }

    [Fact]
    public void TiesAcrossClasses_CountTogether()
    {
        // Two positives and two negatives tied at 0.3, one of each elsewhere: the reference's per-threshold counts.
        double[] y = [1, 0, 1, 0, 1, 0], p = [0.3, 0.3, 0.3, 0.3, 0.8, 0.1];
        foreach ((AucCurve curve, AucSummationMethod summation) in new[] { (AucCurve.Roc, AucSummationMethod.Interpolation), (AucCurve.Pr, AucSummationMethod.Interpolation) })
        {
            double expected = Reference(y, p, 1, EvenThresholds(200), curve, summation, false, true);
            Assert.Equal(expected, Once(new Auc(curve: curve, summationMethod: summation), y, p, 1), 1e-12);
        }
        // ROC: (1,1) → (2/3, 1) at 0.1 → (0, 1/3) at 0.3 → (0, 0): 1/3 · 1 + 2/3 · (1 + 1/3) / 2 = 7/9.
        Assert.Equal(7.0 / 9, Once(new Auc(), y, p, 1), 1e-12);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.0)]
    public void OneClassOnly_RocIsZero_ThenTheOtherClassCounts(double target)
    {
        double[] y = [target, target, target], p = [0.2, 0.7, 0.9];
        // ROC: divide_no_nan makes the missing class's rate 0 at every threshold, so the curve has no width or no height.
        Assert.Equal(0.0, Once(new Auc(), y, p, 1));
        // PR: precision is 1 wherever something is predicted if every target is positive (area 1), 0 if none is.
        Assert.Equal(target, Once(new Auc(curve: AucCurve.Pr), y, p, 1), 1e-12);
        foreach (AucCurve curve in Enum.GetValues<AucCurve>())
        {
            foreach (AucSummationMethod summation in Enum.GetValues<AucSummationMethod>())
            {
                double expected = Reference(y, p, 1, EvenThresholds(200), curve, summation, false, true);
                Assert.Equal(expected, Once(new Auc(curve: curve, summationMethod: summation), y, p, 1), 1e-12);
            }
        }
        // The other class in a second batch: the same as one update of both.
        double[] yAll = [.. y, 1 - target, 1 - target], pAll = [.. p, 0.4, 0.05];
        AssertSplitEqualsWhole(() => new Auc(), yAll, pAll, 1, firstRows: 3);
        AssertSplitEqualsWhole(() => new Auc(curve: AucCurve.Pr), yAll, pAll, 1, firstRows: 3);
    }

    [Fact]
    public void TwoUpdates_EqualOneUpdateOfBoth_AndResetClears()
    {
        (double[] y, double[] p) = RandomBatch(rows: 50, outputs: 4, seed: 5);
        foreach (AucCurve curve in Enum.GetValues<AucCurve>())
        {
            AssertSplitEqualsWhole(() => new Auc(curve: curve), y, p, 4, firstRows: 17);
            AssertSplitEqualsWhole(() => new Auc(curve: curve, multiLabel: true), y, p, 4, firstRows: 1);
            AssertSplitEqualsWhole(() => new Auc(curve: curve, thresholds: [0.1, 0.15, 0.7]), y, p, 4, firstRows: 49);
        }
        var auc = new Auc();
        auc.Update<double>(y, p, 50, 4);
        auc.Reset();
        Assert.Equal(0.0, auc.Result());
    }

    [Fact]
    public void OutOfRangePredictions_AreClipped_AndNaNIsAboveNoThreshold()
    {
        double[] y = [1, 0, 1, 0], p = [0.6, 0.2, 0.4, 0.7];
        Assert.Equal(Once(new Auc(), y, [1, 0, 0.4, 0.7], 1), Once(new Auc(), y, [7, -3, 0.4, 0.7], 1));
        // A NaN prediction is a false negative (or true negative) at every threshold, as "NaN > t" is false.
        double[] withNaN = [double.NaN, 0.2, 0.4, 0.7];
        double expected = Reference(y, withNaN, 1, EvenThresholds(200), AucCurve.Roc, AucSummationMethod.Interpolation, false, true);
        Assert.Equal(expected, Once(new Auc(), y, withNaN, 1), 1e-12);
        Assert.Equal(expected, Once(new Auc(), ToFloat(y), ToFloat(withNaN), 1), 1e-12);
        Assert.NotEqual(expected, Once(new Auc(), y, p, 1));
    }

    [Fact]
    public void NonZeroTargets_ArePositive()
        => Assert.Equal(Once(new Auc(), [1.0, 0, 1, 0], [0.6, 0.2, 0.4, 0.7], 1), Once(new Auc(), [0.3, 0, -2, 0], [0.6, 0.2, 0.4, 0.7], 1));

    [Fact]
    public void FloatBuckets_AreComputedInFloat_AsKeras()
    {
        // Keras computes the bucket ceil(p · (n − 1)) − 1 in float32. Find a float p just above a threshold k / 199
        // whose float product p · 199 rounds down to exactly k: Keras puts it in bucket k − 1 (not above threshold k),
        // where the exact comparison, and the same value in double, put it above.
        float p = 0;
        int k = 0;
        for (int candidate = 100; candidate < 199 && p == 0; candidate++)
        {
            double threshold = candidate / 199.0;
            float above = MathF.BitIncrement((float)threshold);
            while ((double)above <= threshold) above = MathF.BitIncrement(above);
            if (MathF.Ceiling(above * 199f) == candidate) (p, k) = (above, candidate);
        }
        Assert.NotEqual(0, k);
        float q = (k - 0.5f) / 199f; // a negative clearly in bucket k − 1

        // In float the positive and the negative share bucket k − 1: a tie, ROC 1/2.
        Assert.Equal(0.5, Once(new Auc(), [1f, 0f], [p, q], 1), 1e-15);
        // In double the positive is above threshold k and the negative is not: separated, ROC 1.
        Assert.Equal(1.0, Once(new Auc(), [1.0, 0.0], [(double)p, (double)q], 1), 1e-15);
    }

    [Fact]
    public void Misfit_OnlyForAGivenLabelCountOtherThanTheOutputs()
    {
        Assert.Null(new Auc().Misfit(Loss.BinaryCrossentropy, 1));
        Assert.Null(new Auc().Misfit(Loss.CategoricalCrossentropy, 10));
        Assert.Null(new Auc(multiLabel: true).Misfit(Loss.BinaryCrossentropy, 3));
        Assert.Null(new Auc(multiLabel: true, numLabels: 3).Misfit(Loss.BinaryCrossentropy, 3));
        Assert.NotNull(new Auc(multiLabel: true, numLabels: 3).Misfit(Loss.BinaryCrossentropy, 2));
    }

    [Fact]
    public void MultiLabelWidth_IsFixedUntilReset()
    {
        var auc = new Auc(multiLabel: true);
        auc.Update<double>([1, 0, 0, 1], [0.9, 0.1, 0.2, 0.8], 2, 2);
        Assert.Throws<ArgumentException>(() => auc.Update<double>([1, 0, 0], [0.9, 0.1, 0.2], 1, 3));
        auc.Reset();
        auc.Update<double>([1, 0, 0, 0, 1, 1], [0.9, 0.1, 0.2, 0.3, 0.8, 0.7], 2, 3);
        Assert.Equal(1.0, auc.Result());
        Assert.Throws<ArgumentException>(() => new Auc(multiLabel: true, numLabels: 2).Update<double>([1, 0, 0], [0.9, 0.1, 0.2], 1, 3));
    }

    [Fact]
    public void BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Auc(numThresholds: 1)); // Keras: "must be an integer > 1"
        Assert.Throws<ArgumentOutOfRangeException>(() => new Auc(numThresholds: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Auc(thresholds: [0.5, 1.5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Auc(thresholds: [double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Auc(curve: (AucCurve)7));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Auc(summationMethod: (AucSummationMethod)7));
        Assert.Throws<ArgumentException>(() => new Auc(numLabels: 2)); // Keras: needed only when multi_label
        Assert.Throws<ArgumentOutOfRangeException>(() => new Auc(multiLabel: true, numLabels: 0));
        _ = new Auc(numThresholds: 1, thresholds: [0.5]); // ignored when thresholds are given
    }

    [Fact]
    public void Updates_DoNotAllocate()
    {
        (double[] y, double[] p) = RandomBatch(rows: 32, outputs: 3, seed: 9);
        AssertUpdatesDoNotAllocate(new Auc(), y, p, 3);
        AssertUpdatesDoNotAllocate(new Auc(multiLabel: true), y, p, 3);
        AssertUpdatesDoNotAllocate(new Auc(thresholds: [0.1, 0.4, 0.45]), y, p, 3);
        var auc = new Auc(curve: AucCurve.Pr);
        auc.Update<double>(y, p, 32, 3);
        long before = GC.GetAllocatedBytesForCurrentThread();
        _ = auc.Result();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ManyThresholds_StayLinearInTheRows()
    {
        // A million thresholds and 100,000 outputs: bucketing is one multiplication per output; comparing every
        // output with every threshold would be 10^11 comparisons.
        (double[] y, double[] p) = RandomBatch(rows: 100_000, outputs: 1, seed: 13);
        var auc = new Auc(numThresholds: 1_000_000);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        auc.Update<double>(y, p, 100_000, 1);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 5);
        Assert.InRange(auc.Result(), 0.5, 1);
    }

    /// <summary>Targets with a signal: a positive's prediction leans high, a negative's low, with overlap.</summary>
    private static (double[] Y, double[] P) RandomBatch(int rows, int outputs, int seed)
    {
        double[] u = Uniform(2 * rows * outputs, seed);
        var y = new double[rows * outputs];
        var p = new double[rows * outputs];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = u[2 * i] < 0.4 ? 1 : 0;
            p[i] = y[i] == 1 ? 0.25 + 0.75 * u[2 * i + 1] : 0.8 * u[2 * i + 1];
        }
        return (y, p);
    }

    private static double[] EvenThresholds(int n)
    {
        var t = new double[n];
        t[0] = -1e-7;
        for (int i = 1; i < n - 1; i++) t[i] = (double)i / (n - 1);
        t[n - 1] = 1 + 1e-7;
        return t;
    }

    /// <summary>
    /// Keras's AUC from counts taken threshold by threshold (metrics_utils.py's unoptimized path: pred &gt; threshold,
    /// target != 0), then confusion_metrics.py's result() or interpolate_pr_auc(); the mean over labels for multi-label.
    /// </summary>
    private static double Reference(double[] y, double[] p, int outputs, double[] thresholds, AucCurve curve, AucSummationMethod summation, bool multiLabel, bool clip)
    {
        int labels = multiLabel ? outputs : 1, n = thresholds.Length;
        double sum = 0;
        for (int label = 0; label < labels; label++)
        {
            double[] tp = new double[n], fp = new double[n], fn = new double[n], tn = new double[n];
            for (int i = 0; i < y.Length; i++)
            {
                if (multiLabel && i % outputs != label) continue;
                double prediction = clip && !double.IsNaN(p[i]) ? Math.Clamp(p[i], 0, 1) : p[i];
                for (int t = 0; t < n; t++)
                {
                    bool above = prediction > thresholds[t];
                    if (y[i] != 0) { if (above) tp[t]++; else fn[t]++; }
                    else if (above) fp[t]++;
                    else tn[t]++;
                }
            }
            sum += ReferenceArea(tp, fp, fn, tn, curve, summation);
        }
        return sum / labels;
    }

    private static double NoNan(double a, double b) => b == 0 ? 0 : a / b;

    private static double ReferenceArea(double[] tp, double[] fp, double[] fn, double[] tn, AucCurve curve, AucSummationMethod summation)
    {
        int n = tp.Length;
        double area = 0;
        if (curve == AucCurve.Pr && summation == AucSummationMethod.Interpolation)
        {
            for (int i = 0; i < n - 1; i++)
            {
                double dtp = tp[i] - tp[i + 1];
                double pa = tp[i] + fp[i], pb = tp[i + 1] + fp[i + 1];
                double slope = NoNan(dtp, Math.Max(pa - pb, 0));
                double intercept = tp[i + 1] - slope * pb;
                double ratio = pa > 0 && pb > 0 ? NoNan(pa, Math.Max(pb, 0)) : 1;
                area += NoNan(slope * (dtp + intercept * Math.Log(ratio)), Math.Max(tp[i + 1] + fn[i + 1], 0));
            }
            return area;
        }
        var x = new double[n];
        var h = new double[n];
        for (int i = 0; i < n; i++)
        {
            double recall = NoNan(tp[i], tp[i] + fn[i]);
            switch (curve)
            {
                case AucCurve.Roc:
                    (x[i], h[i]) = (NoNan(fp[i], fp[i] + tn[i]), recall);
                    break;
                case AucCurve.Pr:
                    (x[i], h[i]) = (recall, NoNan(tp[i], tp[i] + fp[i]));
                    break;
                default:
                    double scaling = NoNan(tp[i] + fn[i], tn[i] + fp[i]);
                    double recallGain = tp[i] == 0 ? 0 : 1 - scaling * NoNan(fn[i], tp[i]);
                    double precisionGain = tp[i] == 0 ? 1 : 1 - scaling * NoNan(fp[i], tp[i]);
                    (x[i], h[i]) = (Math.Max(recallGain, 0), precisionGain);
                    break;
            }
        }
        for (int i = 0; i < n - 1; i++)
        {
            double height = summation switch
            {
                AucSummationMethod.Interpolation => (h[i] + h[i + 1]) / 2,
                AucSummationMethod.Minoring => Math.Min(h[i], h[i + 1]),
                _ => Math.Max(h[i], h[i + 1]),
            };
            area += (x[i] - x[i + 1]) * height;
        }
        return area;
    }
}
