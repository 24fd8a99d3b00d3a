using static FastDense.Tests.Metrics.MetricChecks;

namespace FastDense.Tests.Metrics;

/// <summary>
/// <see cref="TruePositives"/>, <see cref="FalsePositives"/>, <see cref="TrueNegatives"/> and <see cref="FalseNegatives"/>
/// against Keras's classes of the same names (keras/src/metrics/confusion_metrics.py, counting as
/// keras/src/metrics/metrics_utils.py's <c>update_confusion_matrix_variables</c>: target != 0, prediction &gt; threshold).
/// </summary>
public class ConfusionCountMetricTests
{
    public static TheoryData<string> Kinds() => new() { "tp", "fp", "tn", "fn" };

    private static Metric Create(string kind, double threshold = 0.5) => kind switch
    {
        "tp" => new TruePositives(threshold),
        "fp" => new FalsePositives(threshold),
        "tn" => new TrueNegatives(threshold),
        _ => new FalseNegatives(threshold),
    };

    /// <summary>The count, element by element.</summary>
    private static double Count(string kind, double[] y, double[] p, double threshold)
    {
        int count = 0;
        for (int i = 0; i < y.Length; i++)
        {
            bool actual = y[i] != 0, predicted = p[i] > threshold;
            count += kind switch
            {
                "tp" => actual && predicted,
                "fp" => !actual && predicted,
                "tn" => !actual && !predicted,
                _ => actual && !predicted,
            } ? 1 : 0;
        }
        return count;
    }

    [Fact]
    public void Names_AreKerasDefaults()
    {
        Assert.Equal("true_positives", new TruePositives().Name);
        Assert.Equal("false_positives", new FalsePositives().Name);
        Assert.Equal("true_negatives", new TrueNegatives().Name);
        Assert.Equal("false_negatives", new FalseNegatives().Name);
        Assert.Equal(0.5, new TruePositives().Threshold);
        Assert.Equal(0.5, new FalseNegatives().Threshold);
    }

    [Fact]
    public void KerasDocstringExamples_AreTwo()
    {
        Assert.Equal((2.0, 2.0), BothTypes(new TruePositives(), [0, 1, 1, 1], [1, 0, 1, 1], 1));
        Assert.Equal((2.0, 2.0), BothTypes(new FalsePositives(), [0, 1, 0, 0], [0, 0, 1, 1], 1));
        Assert.Equal((2.0, 2.0), BothTypes(new TrueNegatives(), [0, 1, 0, 0], [1, 1, 0, 0], 1));
        Assert.Equal((2.0, 2.0), BothTypes(new FalseNegatives(), [0, 1, 1, 1], [0, 1, 0, 0], 1));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryOutputOfEveryRow_Counts(string kind)
    {
        double[] y = [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0], p = [0.7, 0.2, 0.6, 0.5, 0.5, 0.1, 0.05, 0.9, 0.3, 0.51, 0.2, 0.49];
        foreach (double threshold in new[] { 0.5, 0.2, 0.0, 1.0 })
        {
            double expected = Count(kind, y, p, threshold);
            Assert.Equal((expected, expected), BothTypes(Create(kind, threshold), y, p, 3));
        }
    }

    [Fact]
    public void TheFourCounts_AddUpToEveryOutput_AndNonZeroTargetsArePositive()
    {
        double[] y = [0.3, 0, -1, 0, 2, 0], p = [0.6, 0.6, 0.4, 0.4, 0.5, 0.55];
        double[] counts = new[] { "tp", "fp", "tn", "fn" }.Select(kind => Once(Create(kind), y, p, 2)).ToArray();
        Assert.Equal([1.0, 2, 1, 2], counts); // positives 0.3, -1, 2 predicted 0.6 (yes), 0.4 and 0.5 (no: not above)
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TwoUpdates_EqualOne_AndResetClears(string kind)
    {
        double[] u = Uniform(80, 4), y = Array.ConvertAll(Uniform(80, 5), v => v < 0.5 ? 1.0 : 0);
        AssertSplitEqualsWhole(() => Create(kind), y, u, 4, firstRows: 7);
        Metric metric = Create(kind);
        metric.Update<double>(y, u, 20, 4);
        metric.Reset();
        Assert.Equal(0.0, metric.Result());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Updates_DoNotAllocate(string kind)
        => AssertUpdatesDoNotAllocate(Create(kind), [1, 0, 1, 0, 0, 1], [0.7, 0.2, 0.4, 0.6, 0.1, 0.9], 2);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ThresholdOutsideZeroOne_Throws_AndNothingIsAMisfit(string kind)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(kind, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(kind, 1.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(kind, double.NaN));
        Assert.Null(Create(kind).Misfit(Loss.BinaryCrossentropy, 1));
        Assert.Null(Create(kind).Misfit(Loss.CategoricalCrossentropy, 10));
    }
}
