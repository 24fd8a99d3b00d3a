using SkiaSharp;

namespace FastDense.Plotting.Tests;

/// <summary>
/// Where the legend is drawn. A series with no finite value draws no line but keeps its legend row, so its colour marks
/// exactly where the legend's line sample is.
/// </summary>
public class LegendTests
{
    private static readonly double[] Nothing = [double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN];

    [Theory]
    [InlineData(LegendLocation.UpperRight, 2, 0)]
    [InlineData(LegendLocation.UpperLeft, 0, 0)]
    [InlineData(LegendLocation.LowerLeft, 0, 2)]
    [InlineData(LegendLocation.LowerRight, 2, 2)]
    [InlineData(LegendLocation.Right, 2, 1)]
    [InlineData(LegendLocation.CenterLeft, 0, 1)]
    [InlineData(LegendLocation.CenterRight, 2, 1)]
    [InlineData(LegendLocation.LowerCenter, 1, 2)]
    [InlineData(LegendLocation.UpperCenter, 1, 0)]
    [InlineData(LegendLocation.Center, 1, 1)]
    public void Location_PutsTheLegendInThatThirdOfTheFigure(LegendLocation location, int column, int row)
    {
        // Thirds of the figure: 0 left or top, 1 middle, 2 right or bottom.
        (double x, double y) = SampleCentre(Pixels.C0, location, [Nothing]);
        Assert.Equal((column, row), ((int)(x / 640 * 3), (int)(y / 480 * 3)));
    }

    [Fact]
    public void Best_AvoidsARisingLine_InTheUpperLeft()
    {
        // A rising accuracy-like line runs into the upper right corner, matplotlib's first choice; the upper left,
        // its second, is empty.
        double[] rising = [0.1, 0.5, 0.7, 0.8, 0.85, 0.9];
        (double x, double y) = SampleCentre(Pixels.C1, LegendLocation.Best, [rising, Nothing]);
        Assert.True(x < 640 / 2 && y < 480 / 2, $"legend sample at ({x:F0}, {y:F0}), not in the upper left quarter");
    }

    [Fact]
    public void Best_TakesTheUpperRight_AboveAFallingLine()
    {
        double[] falling = [2.0, 1.0, 0.6, 0.45, 0.4, 0.38];
        (double x, double y) = SampleCentre(Pixels.C1, LegendLocation.Best, [falling, Nothing]);
        Assert.True(x > 640 / 2 && y < 480 / 2, $"legend sample at ({x:F0}, {y:F0}), not in the upper right quarter");
    }

    [Fact]
    public void Best_KeepsClearOfTheLines()
    {
        // Lines along the top and along the bottom: the legend goes to the middle, on the right (matplotlib's 'right').
        double[] top = [0.9, 0.95, 0.9, 0.95, 0.9, 0.95];
        double[] bottom = [0.1, 0.05, 0.1, 0.05, 0.1, 0.05];
        var options = new HistoryPlotOptions { YLimits = (0, 1) };
        (double x, double y) = SampleCentre("#2ca02c", LegendLocation.Best, [top, bottom, Nothing], options);
        Assert.True(x > 640 / 2 && y > 480 / 3 && y < 480 * 2 / 3, $"legend sample at ({x:F0}, {y:F0}), not right of the middle third");
    }

    [Fact]
    public void NoLegend_DrawsNoSample()
    {
        using SKBitmap image = Render([Nothing], new HistoryPlotOptions { ShowLegend = false });
        Assert.Empty(Pixels.Find(image, Pixels.C0));
    }

    /// <summary>The centre of the pixels drawn in <paramref name="hex"/>: the line sample of that colour's legend row.</summary>
    private static (double X, double Y) SampleCentre(string hex, LegendLocation location, double[][] values, HistoryPlotOptions? options = null)
    {
        options = new HistoryPlotOptions { Legend = location, YLimits = options?.YLimits };
        using SKBitmap image = Render(values, options);
        List<(int X, int Y)> sample = Pixels.Find(image, hex);
        Assert.True(sample.Count > 20, $"too few {hex} pixels for a legend sample: {sample.Count}");
        return (sample.Average(p => p.X), sample.Average(p => p.Y));
    }

    private static SKBitmap Render(double[][] values, HistoryPlotOptions options)
    {
        var colours = HistoryPlot.Check(options);
        var series = values.Select((v, i) => new PlotSeries($"series {i}", v, Enumerable.Range(0, v.Length).ToArray())).ToArray();
        return Pixels.Decode(PlotRenderer.Render(series, "Loss", options, colours, PlotFormat.Png));
    }
}
