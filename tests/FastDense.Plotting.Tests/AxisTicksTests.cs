namespace FastDense.Plotting.Tests;

/// <summary>
/// The tick choice: round steps (1, 2, 2.5 or 5 times a power of ten) as matplotlib's default locator takes them,
/// every multiple inside the range, labels with the same decimals, whole numbers only on the epoch axis.
/// </summary>
public class AxisTicksTests
{
    [Fact]
    public void ZeroToOne_IsTenthsInSteps_OfTwo_AsInTheLessonsFigure()
    {
        // The lesson's plt.ylim([0, 1]) on a 480-pixel figure: matplotlib shows 0.0, 0.2, ..., 1.0.
        AxisTicks ticks = AxisTicks.Choose(0, 1, maxIntervals: 9, integer: false);
        Assert.Equal([0.0, 0.2, 0.4, 0.6, 0.8, 1.0], ticks.Values);
        Assert.Equal(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"], ticks.Labels);
    }

    [Fact]
    public void TenEpochs_WithMargins_AreEveryOtherEpoch_FromZero()
    {
        // Epochs 0 to 9 with 5% margins, as the lesson's x axis: 0, 2, 4, 6, 8 (no "-0", no tick outside the range).
        AxisTicks ticks = AxisTicks.Choose(-0.45, 9.45, maxIntervals: 9, integer: true);
        Assert.Equal([0.0, 2, 4, 6, 8], ticks.Values);
        Assert.Equal(["0", "2", "4", "6", "8"], ticks.Labels);
    }

    [Fact]
    public void FittedAccuracy_IsTenths()
    {
        AxisTicks ticks = AxisTicks.Choose(0.4675, 0.9925, maxIntervals: 9, integer: false);
        Assert.Equal(["0.5", "0.6", "0.7", "0.8", "0.9"], ticks.Labels);
    }

    [Theory]
    [InlineData(0, 10, 4, new[] { "0.0", "2.5", "5.0", "7.5", "10.0" })]
    [InlineData(0, 1, 4, new[] { "0.00", "0.25", "0.50", "0.75", "1.00" })]
    [InlineData(0, 100, 4, new[] { "0", "25", "50", "75", "100" })]
    [InlineData(-1, 1, 4, new[] { "-1.0", "-0.5", "0.0", "0.5", "1.0" })]
    [InlineData(0.475, 0.525, 9, new[] { "0.48", "0.49", "0.50", "0.51", "0.52" })]
    public void Labels_ShareTheDecimalsTheStepNeeds(double low, double high, int intervals, string[] expected)
        => Assert.Equal(expected, AxisTicks.Choose(low, high, intervals, integer: false).Labels);

    [Fact]
    public void Values_AreExactRoundNumbers()
    {
        // 3 x 0.1 computed naively is 0.30000000000000004; the ticks are the decimal values themselves.
        double[] values = AxisTicks.Choose(0, 0.95, maxIntervals: 10, integer: false).Values;
        Assert.Equal([0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], values);
    }

    [Theory]
    [InlineData(-0.45, 20.45, new[] { 0.0, 5, 10, 15, 20 })]        // 2.5 would be the round step; epochs skip it
    [InlineData(0.55, 3.45, new[] { 1.0, 2, 3 })]                   // a short run: every epoch, never 0.5
    [InlineData(-0.05, 0.05, new[] { 0.0 })]                        // a single epoch keeps its one tick
    [InlineData(0.5, 149.5, new[] { 20.0, 40, 60, 80, 100, 120, 140 })]
    public void IntegerAxis_HasWholeSteps(double low, double high, double[] expected)
        => Assert.Equal(expected, AxisTicks.Choose(low, high, maxIntervals: 9, integer: true).Values);

    [Fact]
    public void FewIntervalsAllowed_StillGiveTwoTicks()
    {
        // One interval allowed over 0.3 .. 1.7 picks 2, which has no multiple inside; 1 has one only: 0.5 gives 1.0 and 1.5.
        AxisTicks ticks = AxisTicks.Choose(0.3, 1.7, maxIntervals: 1, integer: false);
        Assert.True(ticks.Values.Length >= 2, string.Join(", ", ticks.Labels));
        Assert.All(ticks.Values, v => Assert.InRange(v, 0.3, 1.7));
    }

    [Theory]
    [InlineData(0, 1e9, new[] { "0", "2e8", "4e8", "6e8", "8e8", "1e9" })]
    [InlineData(0.5, 0.50000005, new[] { "0.5", "0.50000001", "0.50000002", "0.50000003", "0.50000004", "0.50000005" })]
    public void VeryLargeOrFineTicks_AreWrittenShort_AndStayDistinct(double low, double high, string[] expected)
        => Assert.Equal(expected, AxisTicks.Choose(low, high, maxIntervals: 5, integer: false).Labels);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 0)]
    [InlineData(double.NaN, 1)]
    [InlineData(0, double.PositiveInfinity)]
    [InlineData(-1e308, 1e308)]   // both finite, but the span is not
    public void RangesWithoutTicks_GiveNone(double low, double high)
    {
        AxisTicks ticks = AxisTicks.Choose(low, high, maxIntervals: 9, integer: false);
        Assert.Empty(ticks.Values);
        Assert.Empty(ticks.Labels);
    }

    [Fact]
    public void AnyRange_GivesEvenlySpacedRoundTicks_WithinTheIntervalBudget()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 2000; trial++)
        {
            double scale = Math.Pow(10, random.Next(-6, 7));
            double low = (random.NextDouble() * 2 - 1) * scale;
            double high = low + random.NextDouble() * scale + 1e-3 * scale;
            int intervals = random.Next(1, 10);
            bool integer = random.Next(2) == 0 && high - low >= 1;
            AxisTicks ticks = AxisTicks.Choose(low, high, intervals, integer);
            string what = $"[{low}, {high}] at most {intervals} intervals{(integer ? ", integer" : "")}: {string.Join(", ", ticks.Labels)}";

            Assert.Equal(ticks.Values.Length, ticks.Labels.Length);
            Assert.True(ticks.Values.Length >= 2 || (integer && high - low < 2), what);
            // A range that holds fewer than two multiples of the first step takes a finer one, which may hold a few more.
            Assert.True(ticks.Values.Length <= Math.Max(intervals + 1, 5), what);
            double slack = 1e-5 * (high - low);
            Assert.All(ticks.Values, v => Assert.InRange(v, low - slack, high + slack));
            Assert.Equal(ticks.Labels.Length, ticks.Labels.Distinct().Count());
            if (ticks.Values.Length < 2) continue;

            double step = ticks.Values[1] - ticks.Values[0];
            for (int i = 2; i < ticks.Values.Length; i++) Assert.Equal(step, ticks.Values[i] - ticks.Values[i - 1], step * 1e-6);
            double mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step) + 1e-9));
            Assert.True(new[] { 1, 2, 2.5, 5, 10 }.Any(m => Math.Abs(m - mantissa) < 1e-6), $"step {step} is not round: {what}");
            if (integer) Assert.Equal(Math.Round(step), step, 1e-9);
            Assert.All(ticks.Values, v => Assert.Equal(Math.Round(v / step), v / step, 1e-6));
        }
    }
}
