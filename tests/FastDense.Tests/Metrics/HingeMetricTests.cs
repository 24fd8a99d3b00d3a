using static FastDense.Tests.Metrics.MetricChecks;

namespace FastDense.Tests.Metrics;

/// <summary>
/// The hinge metrics (keras/src/metrics/hinge_metrics.py: <c>Hinge</c>, <c>SquaredHinge</c>, <c>CategoricalHinge</c>,
/// each a <c>MeanMetricWrapper</c> of the function of the same name in keras/src/losses/losses.py) against values
/// computed here from those functions: <c>mean(max(1 − y·p, 0))</c>, its square, and
/// <c>max(max((1 − y)·p) − Σ y·p + 1, 0)</c>; <c>convert_binary_labels_to_hinge</c> turns an update's targets into
/// <c>2y − 1</c> only when all of them are 0 or 1.
/// </summary>
public class HingeMetricTests
{
    private static double HingeRow(double[] y, double[] p, bool squared)
        => Enumerable.Range(0, y.Length).Average(i =>
        {
            double margin = Math.Max(1 - y[i] * p[i], 0);
            return squared ? margin * margin : margin;
        });

    private static double CategoricalRow(double[] y, double[] p)
    {
        double positive = Enumerable.Range(0, y.Length).Sum(i => y[i] * p[i]);
        double negative = Enumerable.Range(0, y.Length).Max(i => (1 - y[i]) * p[i]);
        return Math.Max(negative - positive + 1, 0);
    }

    private static double[] Row(double[] values, int r, int width) => values.Skip(r * width).Take(width).ToArray();

    [Fact]
    public void Defaults_AreKeras()
    {
        Metric[] all = [new Hinge(), new SquaredHinge(), new CategoricalHinge()];
        Assert.Equal(["hinge", "squared_hinge", "categorical_hinge"], all.Select(m => m.Name));
        Assert.All(all, m => Assert.Equal(MetricDirection.Down, m.Direction));   // _direction = "down"
        Assert.All(all, m => Assert.Null(m.MisfitFor(Loss.BinaryCrossentropy, 1)));
        Assert.All(all, m => Assert.Null(m.MisfitFor(Loss.CategoricalHinge, 4)));
    }

    [Fact]
    public void KerasDocstringExamples()
    {
        // hinge_metrics.py: [[0, 1], [0, 0]] against [[0.6, 0.4], [0.4, 0.6]]: 1.3, 1.86, 1.4 (1.4000001 in float32);
        // with sample_weight [1, 0]: 1.1, 1.46, 1.2.
        double[] y = [0, 1, 0, 0], p = [0.6, 0.4, 0.4, 0.6];
        Assert.Equal((1.3, 1.3), BothTypes(new Hinge(), y, p, 2), new ToleranceComparer(1e-6));
        Assert.Equal((1.86, 1.86), BothTypes(new SquaredHinge(), y, p, 2), new ToleranceComparer(1e-6));
        Assert.Equal((1.4, 1.4), BothTypes(new CategoricalHinge(), y, p, 2), new ToleranceComparer(1e-6));
        double Weighted(Metric metric)
        {
            metric.Update<double>(y, p, 2, 2, [1, 0]);
            return metric.Result();
        }
        Assert.Equal(1.1, Weighted(new Hinge()), 12);
        Assert.Equal(1.46, Weighted(new SquaredHinge()), 12);
        Assert.Equal(1.2, Weighted(new CategoricalHinge()), 12);
    }

    [Fact]
    public void RandomRows_MatchTheFormulas()
    {
        const int Rows = 30, Outputs = 3;
        double[] p = Array.ConvertAll(Uniform(Rows * Outputs, 71), v => 4 * v - 2);
        double[] signs = Array.ConvertAll(Uniform(Rows * Outputs, 72), v => v < 0.5 ? -1.0 : 1.0);   // −1/1: used as they are
        double[] binary = Array.ConvertAll(signs, v => (v + 1) / 2);                                  // the same as 0/1: converted
        foreach (bool squared in new[] { false, true })
        {
            double expected = Enumerable.Range(0, Rows).Average(r => HingeRow(Row(signs, r, Outputs), Row(p, r, Outputs), squared));
            Metric Create() => squared ? new SquaredHinge() : new Hinge();
            Assert.Equal(expected, Once(Create(), signs, p, Outputs), 14);
            Assert.Equal(expected, Once(Create(), binary, p, Outputs), 14);
            Assert.Equal(expected, Once<float>(Create(), ToFloat(binary), ToFloat(p), Outputs), 1e-6);
        }
        double[] oneHot = new double[Rows * Outputs], classes = Uniform(Rows, 73);
        for (int r = 0; r < Rows; r++) oneHot[r * Outputs + (int)(classes[r] * Outputs)] = 1;
        double categorical = Enumerable.Range(0, Rows).Average(r => CategoricalRow(Row(oneHot, r, Outputs), Row(p, r, Outputs)));
        Assert.Equal(categorical, Once(new CategoricalHinge(), oneHot, p, Outputs), 14);
    }

    [Fact]
    public void ZeroTargets_AreConverted_OnlyInAnUpdateOfZerosAndOnes()
    {
        // Targets (1, 0, −1), predictions 0.5 each. Together they are not all 0/1, so 0 stays 0: margins 0.5, 1, 1.5.
        double[] y = [1, 0, -1], p = [0.5, 0.5, 0.5];
        Assert.Equal(1.0, Once(new Hinge(), y, p, 1), 15);
        // Split as (1, 0) then (−1), the first update is all 0/1 and converts 0 to −1: margins 0.5, 1.5, 1.5.
        var split = new Hinge();
        split.Update<double>(y.AsSpan(0, 2), p.AsSpan(0, 2), 2, 1);
        split.Update<double>(y.AsSpan(2), p.AsSpan(2), 1, 1);
        Assert.Equal(3.5 / 3, split.Result(), 15);
        // Squared: 0.25, 1, 2.25 together.
        Assert.Equal(3.5 / 3, Once(new SquaredHinge(), y, p, 1), 15);
    }

    [Fact]
    public void WeightedUpdates_DecideTheConversionForTheWholeUpdate_NotRowByRow()
    {
        // (0, −1) with weights (1, 1): not all 0/1, so the 0 stays 0 (margin 1, not 1 + 0.25) though its row alone
        // would be converted.
        double[] y = [0, -1], p = [0.25, 0.25];
        var weighted = new Hinge();
        weighted.Update<double>(y, p, 2, 1, [1, 1]);
        Assert.Equal(Once(new Hinge(), y, p, 1), weighted.Result());
        Assert.Equal((1 + 1.25) / 2, weighted.Result(), 15);
        var squared = new SquaredHinge();
        squared.Update<double>(y, p, 2, 1, [3, 1]);
        Assert.Equal((3 * 1 + 1.25 * 1.25) / 4, squared.Result(), 15);
    }

    [Fact]
    public void CategoricalHinge_UsesTheTargetsAsTheyAre()
    {
        // No conversion: (−1, 1) targets give pos = −p0 + p1 and neg = max(2·p0, 0).
        Assert.Equal(Math.Max(2 * 0.3 - (-0.3 + 0.7) + 1, 0), Once(new CategoricalHinge(), [-1, 1], [0.3, 0.7], 2), 15);
        Assert.Equal(0, Once(new CategoricalHinge(), [0, 1], [-0.5, 2], 2));   // neg − pos + 1 = 0 − 2 + 1 < 0
    }

    [Fact]
    public void EmptyBatches_ChangeNothing()
    {
        foreach (Metric metric in new Metric[] { new Hinge(), new SquaredHinge(), new CategoricalHinge() })
        {
            metric.Update<double>([], [], 0, 2);
            Assert.Equal(0, metric.Result());
            metric.Update<double>([0, 1], [0.2, 0.9], 1, 2);
            double one = metric.Result();
            metric.Update<double>([], [], 0, 2, []);
            Assert.Equal(one, metric.Result());
        }
    }

    public static TheoryData<string> Names => new(["hinge", "squared_hinge", "categorical_hinge"]);

    [Theory, MemberData(nameof(Names))]
    public void SeveralUpdates_OfZerosAndOnes_AccumulateAsOne_AndResetClears(string name)
    {
        double[] y = Array.ConvertAll(Uniform(36, 74), v => Math.Round(v)), p = Array.ConvertAll(Uniform(36, 75), v => 3 * v - 1.5);
        AssertSplitEqualsWhole(() => Metric.FromName(name), y, p, 3, firstRows: 7, tolerance: 1e-15);
    }

    [Theory, MemberData(nameof(Names))]
    public void Updates_DoNotAllocate(string name) => AssertUpdatesDoNotAllocate(Metric.FromName(name), [0, 1, 1, 0, 0, 1], [0.2, 0.5, -0.3, 0.6, 0.1, 1.3], 3);

    /// <summary>Compares the two results of <see cref="MetricChecks.BothTypes"/> with an absolute tolerance.</summary>
    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) x, (double, double) y) => Math.Abs(x.Item1 - y.Item1) <= tolerance && Math.Abs(x.Item2 - y.Item2) <= tolerance;

        public int GetHashCode((double, double) obj) => 0;
    }
}
