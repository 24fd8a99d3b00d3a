using static FastDense.Tests.Metrics.MetricChecks;

namespace FastDense.Tests.Metrics;

/// <summary>
/// <see cref="PrecisionAtRecall"/>, <see cref="RecallAtPrecision"/>, <see cref="SensitivityAtSpecificity"/> and
/// <see cref="SpecificityAtSensitivity"/> against values computed here from Keras's definitions
/// (keras/src/metrics/confusion_metrics.py, <c>SensitivitySpecificityBase</c>): thresholds
/// <c>[0, 1/(n − 1), …, 1]</c> (or <c>[0.5]</c> for n = 1), an output predicted positive at a threshold when it is above
/// it (keras/src/metrics/metrics_utils.py), the rates <c>divide_no_nan</c> of the counts at each threshold, and
/// <c>_find_max_under_constraint</c>: the largest reported rate where the constrained one is at least the value, 0 when
/// none is.
/// </summary>
public class ThresholdSearchMetricTests
{
    public enum Kind { PrecisionAtRecall, RecallAtPrecision, SensitivityAtSpecificity, SpecificityAtSensitivity }

    private static Metric Create(Kind kind, double value, int numThresholds = 200, int? classId = null) => kind switch
    {
        Kind.PrecisionAtRecall => new PrecisionAtRecall(value, numThresholds, classId),
        Kind.RecallAtPrecision => new RecallAtPrecision(value, numThresholds, classId),
        Kind.SensitivityAtSpecificity => new SensitivityAtSpecificity(value, numThresholds, classId),
        _ => new SpecificityAtSensitivity(value, numThresholds, classId),
    };

    private static double Ratio(double a, double b) => a + b == 0 ? 0 : a / (a + b);

    /// <summary>
    /// The metric written out: for each of Keras's thresholds t, the weighted counts of p &gt; t (p clipped to [0, 1]
    /// first, as Keras's optimized path does), then the constrained search.
    /// </summary>
    private static double Reference(Kind kind, double value, double[] y, double[] p, double[]? w = null, int numThresholds = 200)
    {
        double[] thresholds = numThresholds == 1 ? [0.5] : Enumerable.Range(0, numThresholds).Select(i => i == numThresholds - 1 ? 1.0 : i * 1.0 / (numThresholds - 1)).ToArray();
        double best = 0;
        foreach (double t in thresholds)
        {
            double tp = 0, fp = 0, tn = 0, fn = 0;
            for (int i = 0; i < y.Length; i++)
            {
                double weight = w?[i] ?? 1;
                bool above = Math.Clamp(p[i], 0, 1) > t;
                if (y[i] != 0) { if (above) tp += weight; else fn += weight; }
                else if (above) fp += weight;
                else tn += weight;
            }
            (double constrained, double dependent) = kind switch
            {
                Kind.PrecisionAtRecall => (Ratio(tp, fn), Ratio(tp, fp)),
                Kind.RecallAtPrecision => (Ratio(tp, fp), Ratio(tp, fn)),
                Kind.SensitivityAtSpecificity => (Ratio(tn, fp), Ratio(tp, fn)),
                _ => (Ratio(tp, fn), Ratio(tn, fp)),
            };
            if (constrained >= value) best = Math.Max(best, dependent);
        }
        return best;
    }

    public static TheoryData<Kind> Kinds => new(Enum.GetValues<Kind>());

    [Fact]
    public void Defaults_AreKeras()
    {
        var precisionAtRecall = new PrecisionAtRecall(0.8);
        Assert.Equal(("precision_at_recall", 0.8, 200, (int?)null), (precisionAtRecall.Name, precisionAtRecall.Recall, precisionAtRecall.NumThresholds, precisionAtRecall.ClassId));
        Assert.Equal(("recall_at_precision", 0.7), (new RecallAtPrecision(0.7).Name, new RecallAtPrecision(0.7).Precision));
        Assert.Equal(("sensitivity_at_specificity", 0.6), (new SensitivityAtSpecificity(0.6).Name, new SensitivityAtSpecificity(0.6).Specificity));
        Assert.Equal(("specificity_at_sensitivity", 0.5), (new SpecificityAtSensitivity(0.5).Name, new SpecificityAtSensitivity(0.5).Sensitivity));
        foreach (Kind kind in Enum.GetValues<Kind>())
        {
            Metric metric = Create(kind, 0.5);
            Assert.Equal(MetricDirection.Up, metric.Direction);   // SensitivitySpecificityBase: _direction = "up"
            Assert.True(metric.SupportsSampleWeight);
            Assert.Equal(0, metric.Result());                     // nothing seen: every rate 0, no threshold meets 0.5
        }
    }

    [Fact]
    public void Thresholds_AreKeras()
    {
        IReadOnlyList<double> thresholds = new PrecisionAtRecall(0.5).Thresholds;
        Assert.Equal(200, thresholds.Count);
        Assert.Equal(0.0, thresholds[0]);
        Assert.Equal(1.0 / 199, thresholds[1]);
        Assert.Equal(198.0 / 199, thresholds[198]);
        Assert.Equal(1.0, thresholds[199]);
        Assert.Equal([0.5], new RecallAtPrecision(0.5, numThresholds: 1).Thresholds);
        Assert.Equal([0.0, 1.0], new SensitivityAtSpecificity(0.5, numThresholds: 2).Thresholds);
        Assert.Equal([0.0, 0.5, 1.0], new SpecificityAtSensitivity(0.5, numThresholds: 3).Thresholds);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void ValuesOutsideZeroOne_AreRefused(double value)
    {
        Assert.Equal("recall", Assert.Throws<ArgumentOutOfRangeException>(() => new PrecisionAtRecall(value)).ParamName);
        Assert.Equal("precision", Assert.Throws<ArgumentOutOfRangeException>(() => new RecallAtPrecision(value)).ParamName);
        Assert.Equal("specificity", Assert.Throws<ArgumentOutOfRangeException>(() => new SensitivityAtSpecificity(value)).ParamName);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SpecificityAtSensitivity(value));
        Assert.Equal("sensitivity", error.ParamName);
        Assert.Contains("[0, 1]", error.Message);
        Assert.Equal(value, error.ActualValue);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void BadThresholdCountsAndClassIds_AreRefused(Kind kind)
    {
        Assert.Equal("numThresholds", Assert.Throws<ArgumentOutOfRangeException>(() => Create(kind, 0.5, numThresholds: 0)).ParamName);
        Assert.Equal("numThresholds", Assert.Throws<ArgumentOutOfRangeException>(() => Create(kind, 0.5, numThresholds: -3)).ParamName);
        Assert.Equal("classId", Assert.Throws<ArgumentOutOfRangeException>(() => Create(kind, 0.5, classId: -1)).ParamName);
    }

    [Fact]
    public void KerasDocstringExamples()
    {
        double[] y = [0, 0, 0, 1, 1], p = [0, 0.3, 0.8, 0.3, 0.8];
        double Run(Metric metric, double[] yTrue, double[] yPred, double[]? w = null)
        {
            metric.Update<double>(yTrue, yPred, yTrue.Length, 1, w ?? []);
            return metric.Result();
        }
        Assert.Equal(0.5, Run(new PrecisionAtRecall(0.5), y, p));
        Assert.Equal(1.0 / 3, Run(new PrecisionAtRecall(0.5), y, p, [2, 2, 2, 1, 1]), 15);        // 0.33333333
        Assert.Equal(0.5, Run(new SensitivityAtSpecificity(0.5), y, p));
        Assert.Equal(1.0 / 3, Run(new SensitivityAtSpecificity(0.5), y, p, [1, 1, 2, 2, 1]), 15); // 0.333333
        Assert.Equal(2.0 / 3, Run(new SpecificityAtSensitivity(0.5), y, p), 15);                   // 0.66666667
        Assert.Equal(0.5, Run(new SpecificityAtSensitivity(0.5), y, p, [1, 1, 2, 2, 2]));
        Assert.Equal(0.5, Run(new RecallAtPrecision(0.8), [0, 0, 1, 1], [0, 0.5, 0.3, 0.9]));
        Assert.Equal(1.0, Run(new RecallAtPrecision(0.8), [0, 0, 1, 1], [0, 0.5, 0.3, 0.9], [1, 0, 0, 1]));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void RandomRows_MatchTheSearch(Kind kind)
    {
        // 300 outputs of 3-output rows, predictions away from the thresholds' grid, at several constraint values.
        const int Rows = 100, Outputs = 3;
        double[] p = Uniform(Rows * Outputs, 81), draws = Uniform(Rows * Outputs, 82);
        double[] y = new double[p.Length];
        for (int i = 0; i < y.Length; i++) y[i] = draws[i] < 0.3 + 0.4 * p[i] ? 1 : 0;   // informative, not separable
        double[] w = Array.ConvertAll(Uniform(Rows, 83), v => Math.Round(3 * v, 1));
        double[] wPerOutput = Enumerable.Range(0, y.Length).Select(i => w[i / Outputs]).ToArray();
        foreach (double value in new[] { 0.0, 0.25, 0.5, 0.8, 0.95, 1.0 })
        {
            double expected = Reference(kind, value, y, p);
            Assert.Equal(expected, Once(Create(kind, value), y, p, Outputs), 15);
            float[] pF = ToFloat(p);
            Assert.Equal(Reference(kind, value, y, Array.ConvertAll(pF, v => (double)v)), Once<float>(Create(kind, value), ToFloat(y), pF, Outputs), 15);
            Metric weighted = Create(kind, value);
            weighted.Update<double>(y, p, Rows, Outputs, w);
            Assert.Equal(Reference(kind, value, y, p, wPerOutput), weighted.Result(), 14);
        }
        // At 0 every threshold qualifies: the best rate anywhere, which is positive.
        Assert.True(Once(Create(kind, 0), y, p, Outputs) > 0);
    }

    [Fact]
    public void AConstraintMetExactly_IsMet()
    {
        // Positives at 0.9, 0.4, 0.4; negatives at 0.5, 0.1. Thresholds in [0.5, 0.9): tp 1, fp 0 (recall 1/3,
        // precision 1); [0.4, 0.5): tp 1, fp 1; [0.1, 0.4): tp 3, fp 1 (recall 1, precision 0.75); below: tp 3, fp 2.
        double[] y = [1, 1, 1, 0, 0], p = [0.9, 0.4, 0.4, 0.5, 0.1];
        Assert.Equal(1.0, Once(new PrecisionAtRecall(1.0 / 3), y, p, 1));
        Assert.Equal(0.75, Once(new PrecisionAtRecall(0.34), y, p, 1));
        Assert.Equal(0.75, Once(new PrecisionAtRecall(1.0), y, p, 1));
        // Keras compares its float32 rates: 0.33333334 is 1/3 in float32, so recall 1/3 meets it there.
        Assert.True(1.0 / 3 < 0.33333334);
        Assert.Equal((float)(1.0 / 3), (float)0.33333334);
        Assert.Equal(1.0, Once(new PrecisionAtRecall(0.33333334), y, p, 1));
        // Precision exactly 0.75 meets 0.75: recall 1.
        Assert.Equal(1.0, Once(new RecallAtPrecision(0.75), y, p, 1));
        Assert.Equal(1.0 / 3, Once(new RecallAtPrecision(0.76), y, p, 1), 15);
    }

    [Fact]
    public void NoThresholdMeetingTheConstraint_GivesZero()
    {
        // Every positive below every negative: precision never reaches 0.9 at a threshold with a positive above it.
        double[] y = [1, 1, 0, 0], p = [0.1, 0.2, 0.8, 0.9];
        Assert.Equal(0, Once(new RecallAtPrecision(0.9), y, p, 1));
        // A specificity of 1 holds only where no negative is above: sensitivity there is 0.
        Assert.Equal(0, Once(new SensitivityAtSpecificity(1.0), y, p, 1));
    }

    [Fact]
    public void PredictionsAtThresholds_AreNotAboveThem_ZeroIsAboveNone_AndOutsideZeroOneIsClipped()
    {
        // numThresholds 3: thresholds 0, 0.5, 1. A positive at exactly 0.5 is above 0 only; at 0, above none (unlike
        // AUC, whose first threshold is −ε); at 1.5, clipped to 1: above 0 and 0.5, not 1; at −2, clipped to 0.
        double Sensitivity(double prediction, double specificity)
        {
            var metric = new SensitivityAtSpecificity(specificity, numThresholds: 3);
            metric.Update<double>([1, 0], [prediction, 0.25], 2, 1);   // one negative at 0.25: above threshold 0 only
            return metric.Result();
        }
        // Specificity 1 holds at 0.5 and 1 (the negative is not above them).
        Assert.Equal(0, Sensitivity(0.5, 1.0));
        Assert.Equal(1, Sensitivity(0.5, 0.0));    // threshold 0: the positive is above it
        Assert.Equal(0, Sensitivity(0.0, 0.0));    // above no threshold, not even 0
        Assert.Equal(0, Sensitivity(-2, 0.0));
        Assert.Equal(1, Sensitivity(1.5, 1.0));    // above 0.5
        Assert.Equal(1, Sensitivity(0.50001, 1.0));
        Assert.Equal(0, Sensitivity(double.NaN, 0.0));
    }

    [Fact]
    public void OneThreshold_IsOneHalf_ComparedUnclipped()
    {
        // Keras's non-optimized path for [0.5]: p > 0.5, as given.
        var metric = new PrecisionAtRecall(0.0, numThresholds: 1);
        metric.Update<double>([1, 0, 1, 0], [0.7, 0.6, 0.5, 1.5], 4, 1);
        Assert.Equal(1.0 / 3, metric.Result(), 15);   // above 0.5: 0.7 (tp), 0.6 and 1.5 (fp)
        Assert.Equal(0.5, Once(new RecallAtPrecision(0.0, numThresholds: 1), [1, 0, 1, 0], [0.7, 0.6, 0.5, 1.5], 1));
    }

    [Fact]
    public void ClassId_CountsOneColumn()
    {
        // Column 1 of three rows: targets (1, 0, 1), predictions (0.9, 0.8, 0.2). Column 0 is noise.
        double[] y = [0, 1, 1, 0, 0, 1], p = [0.99, 0.9, 0.01, 0.8, 0.5, 0.2];
        Assert.Equal(Reference(Kind.PrecisionAtRecall, 0.5, [1, 0, 1], [0.9, 0.8, 0.2]), Once(new PrecisionAtRecall(0.5, classId: 1), y, p, 2));
        Assert.Equal(1.0, Once(new PrecisionAtRecall(0.5, classId: 1), y, p, 2));
        var wrongColumn = new PrecisionAtRecall(0.5, classId: 2);
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => wrongColumn.Update<double>(y, p, 3, 2)).ParamName);
        Assert.NotNull(wrongColumn.Misfit(Loss.CategoricalCrossentropy, 2));
        Assert.Null(wrongColumn.Misfit(Loss.CategoricalCrossentropy, 3));
        // Shaped targets only: not on a model of class indices.
        Assert.NotNull(new PrecisionAtRecall(0.5).MisfitFor(Loss.SparseCategoricalCrossentropy, 10));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void SeveralUpdates_AccumulateAsOne_AndResetClears(Kind kind)
    {
        double[] p = Uniform(60, 84), y = Array.ConvertAll(Uniform(60, 85), v => Math.Round(v));
        AssertSplitEqualsWhole(() => Create(kind, 0.6), y, p, 3, firstRows: 7);
        AssertSplitEqualsWhole(() => Create(kind, 0.6), y, p, 3, firstRows: 0);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void AllZeroWeights_AndEmptyBatches_LeaveNothing(Kind kind)
    {
        Metric metric = Create(kind, 0.5);
        metric.Update<double>([], [], 0, 1);
        metric.Update<double>([1, 0], [0.9, 0.1], 2, 1, [0, 0]);
        Assert.Equal(0, metric.Result());
        // Value 0 is met by the rates of nothing (0 ≥ 0), which are 0.
        Metric anything = Create(kind, 0);
        anything.Update<double>([1, 0], [0.9, 0.1], 2, 1, [0, 0]);
        Assert.Equal(0, anything.Result());
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Updates_DoNotAllocate(Kind kind) => AssertUpdatesDoNotAllocate(Create(kind, 0.5), [0, 1, 1, 0, 0, 1], [0.2, 0.5, 0.3, 0.6, 0.1, 0.3], 3);

    [Fact]
    public void Result_DoesNotAllocate()
    {
        var metric = new SpecificityAtSensitivity(0.4);
        metric.Update<double>([0, 1, 1, 0], [0.2, 0.7, 0.4, 0.6], 4, 1);
        _ = metric.Result();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) _ = metric.Result();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
