using System.Xml.Linq;
using SkiaSharp;

namespace FastDense.Plotting.Tests;

/// <summary>What the rendered picture shows: size, content, the series' colours, and where the lines are drawn.</summary>
public class RenderingTests
{
    [Theory]
    [InlineData(640, 480)]
    [InlineData(800, 300)]
    public void Png_HasTheRequestedSize(int width, int height)
    {
        using SKBitmap image = Pixels.Decode(Pixels.Png(Histories.Classifier, new HistoryPlotOptions { Width = width, Height = height }));
        Assert.Equal((width, height), (image.Width, image.Height));
    }

    [Fact]
    public void Png_DefaultSize_IsMatplotlibsDefaultFigure()
    {
        using SKBitmap image = Pixels.Decode(Pixels.Png(Histories.Classifier));
        Assert.Equal((640, 480), (image.Width, image.Height));
    }

    [Fact]
    public void Png_IsNotBlank()
    {
        using SKBitmap image = Pixels.Decode(Pixels.Png(Histories.Classifier, HistoryPlotOptions.Lesson));
        // Text, frame, two antialiased lines: far more than a blank or single-colour image's one or two.
        Assert.True(Pixels.DistinctColours(image) > 50, $"only {Pixels.DistinctColours(image)} colours");
    }

    [Fact]
    public void Png_DrawsBothSeries_InMatplotlibsFirstTwoColours()
    {
        using SKBitmap image = Pixels.Decode(Pixels.Png(Histories.Classifier, HistoryPlotOptions.Lesson));
        Assert.True(Pixels.Find(image, Pixels.C0).Count > 200, "too few C0 (#1f77b4) pixels for the accuracy line");
        Assert.True(Pixels.Find(image, Pixels.C1).Count > 200, "too few C1 (#ff7f0e) pixels for the val_accuracy line");
    }

    [Fact]
    public void Png_OneKey_HasNoSecondColour()
    {
        // The colour search must be able to say no: one line and no legend leave no C1 anywhere.
        using SKBitmap image = Pixels.Decode(Pixels.Png(Histories.Classifier, new HistoryPlotOptions { Keys = ["accuracy"], ShowLegend = false }));
        Assert.True(Pixels.Find(image, Pixels.C0).Count > 200);
        Assert.Empty(Pixels.Find(image, Pixels.C1));
    }

    [Fact]
    public void Png_CustomColours_AreUsed()
    {
        using SKBitmap image = Pixels.Decode(Pixels.Png(Histories.Classifier, new HistoryPlotOptions { Colors = ["#d62728", "#2ca02c"] }));
        Assert.Empty(Pixels.Find(image, Pixels.C0));
        Assert.True(Pixels.Find(image, "#d62728").Count > 200);
        Assert.True(Pixels.Find(image, "#2ca02c").Count > 200);
    }

    [Fact]
    public void YLimits_HighValuesUnderZeroToOne_AreDrawnInTheTopOfTheFigure()
    {
        History history = Histories.Converged;
        Assert.All(history.Accuracy.Concat(history.ValidationAccuracy), a => Assert.True(a >= 0.9, $"precondition: accuracy {a} < 0.9"));

        // 0.9 to 1 of [0, 1] is the top tenth of the data area, which spans nearly the whole figure.
        (int top, int bottom) = SeriesRows(history, (0, 1));
        Assert.True(bottom < 480 * 0.2, $"series reach row {bottom} of 480; expected them all in the top fifth");

        // The same values under [0, 10] sit in the bottom tenth instead: the limits, not the data, place them.
        (top, _) = SeriesRows(history, (0, 10));
        Assert.True(top > 480 * 0.7, $"series reach up to row {top} of 480; expected them all in the bottom three tenths");
    }

    [Fact]
    public void NoYLimits_FitsTheData()
    {
        // Without limits the range is the data's plus 5% margins, so lines that rise from low accuracy span most of the height.
        (int top, int bottom) = SeriesRows(Histories.Classifier, null);
        Assert.True(bottom - top > 480 * 0.5, $"series span rows {top} to {bottom} only");
    }

    private static (int Top, int Bottom) SeriesRows(History history, (double, double)? limits)
    {
        using SKBitmap image = Pixels.Decode(Pixels.Png(history, new HistoryPlotOptions { YLimits = limits, ShowLegend = false }));
        Assert.Equal(480, image.Height);
        var rows = Pixels.Find(image, Pixels.C0).Concat(Pixels.Find(image, Pixels.C1)).Select(p => p.Y).ToList();
        Assert.NotEmpty(rows);
        return (rows.Min(), rows.Max());
    }

    [Fact]
    public void Svg_IsWellFormedXml_WithBothColours()
    {
        using var stream = new MemoryStream();
        HistoryPlot.Save(Histories.Classifier, stream, PlotFormat.Svg, HistoryPlotOptions.Lesson);
        string text = System.Text.Encoding.UTF8.GetString(stream.ToArray());

        XDocument svg = XDocument.Parse(text);
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Contains(Pixels.C0, text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Pixels.C1, text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("val_accuracy", text);
    }

    [Fact]
    public void Svg_HasTheImageSize_AndAViewBoxOfIt()
    {
        XElement root = Svg(Histories.Classifier, new HistoryPlotOptions { Width = 800, Height = 300 }).Root!;
        Assert.Equal("800", root.Attribute("width")?.Value);
        Assert.Equal("300", root.Attribute("height")?.Value);
        Assert.Equal("0 0 800 300", root.Attribute("viewBox")?.Value);
    }

    [Fact]
    public void Svg_KeepsMarkupCharactersInLabels_AsText()
    {
        XDocument svg = Svg(Histories.Classifier, new HistoryPlotOptions { Labels = ["<train>", "a & b"], Title = "\"x\" < 1" });
        List<string> texts = Texts(svg);
        Assert.Contains("<train>", texts);
        Assert.Contains("a & b", texts);
        Assert.Contains("\"x\" < 1", texts);
    }

    [Fact]
    public void Svg_Lesson_HasMatplotlibsTicks()
    {
        // plt.ylim([0, 1]) shows 0.0 to 1.0 in steps of 0.2; ten epochs show every other epoch from 0. Every text
        // drawn, in any order: the ticks, the axis labels and the legend's, nothing else.
        List<string> texts = Texts(Svg(Histories.Classifier, HistoryPlotOptions.Lesson));
        string[] expected = ["0", "2", "4", "6", "8", "0.0", "0.2", "0.4", "0.6", "0.8", "1.0", "Epoch", "Accuracy", "accuracy", "val_accuracy"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), texts.Order(StringComparer.Ordinal));
    }

    private static XDocument Svg(History history, HistoryPlotOptions options)
    {
        using var stream = new MemoryStream();
        HistoryPlot.Save(history, stream, PlotFormat.Svg, options);
        stream.Position = 0;
        return XDocument.Load(stream);
    }

    /// <summary>The text of every text element, in drawing order.</summary>
    private static List<string> Texts(XDocument svg)
        => svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();

    [Fact]
    public void NonFiniteEpochs_FromAFitThatDiverged_AreSkipped()
    {
        // Plain SGD at 5 on mean squared error grows the error each batch; with the guard off Fit trains on as Keras
        // does, so the History's later epochs are not finite.
        (float[] x, float[] y) = Histories.Line(rows: 64, seed: 1);
        var model = new LineNet(seed: 2) { Optimizer = new Sgd(learningRate: 5) };
        History history = model.Fit(x, y, new FitOptions { Epochs = 40, BatchSize = 64, Verbose = 0, StopOnNonFinite = false, ValidationSplit = 0.25 });
        Assert.Contains(history.Loss, double.IsFinite);
        Assert.Contains(history.Loss, v => !double.IsFinite(v));

        using SKBitmap image = Pixels.Decode(Pixels.Png(history));
        Assert.True(Pixels.Find(image, Pixels.C0).Count > 50, "the finite epochs of loss are not drawn");
    }

    [Fact]
    public void NonFiniteValues_LeaveAGapInTheLine()
    {
        // Epochs 0 to 10, with 4 to 6 NaN: nothing may connect x = 3 to x = 7, so the columns around x = 5 (the middle
        // of the data area, near the middle of the figure) hold no line, where a whole series does.
        double[] whole = Enumerable.Range(0, 11).Select(i => 0.5).ToArray();
        double[] broken = whole.Select((v, i) => i is >= 4 and <= 6 ? double.NaN : v).ToArray();
        var options = new HistoryPlotOptions { ShowLegend = false, YLimits = (0, 1) };

        Assert.NotEmpty(MiddleColumns(whole, options));
        Assert.Empty(MiddleColumns(broken, options));
        Assert.True(Pixels.Find(Render(broken, options), Pixels.C0).Count > 100, "the finite runs are not drawn");
    }

    [Fact]
    public void AllValuesNonFinite_DrawsAnEmptyFrame()
    {
        double[] nan = [double.NaN, double.PositiveInfinity, double.NaN];
        using SKBitmap image = Render(nan, new HistoryPlotOptions());
        Assert.Equal(640, image.Width);
        // The legend's swatch is the only C0 left.
        Assert.True(Pixels.Find(image, Pixels.C0).Count < 100);
    }

    private static List<(int X, int Y)> MiddleColumns(double[] values, HistoryPlotOptions options)
    {
        using SKBitmap image = Render(values, options);
        return Pixels.Find(image, Pixels.C0).Where(p => Math.Abs(p.X - 340) <= 15).ToList();
    }

    /// <summary>Renders raw values through the same path History values take, to place NaN exactly where wanted.</summary>
    private static SKBitmap Render(double[] values, HistoryPlotOptions options)
    {
        var colours = HistoryPlot.Check(options);
        int[] epochs = Enumerable.Range(0, values.Length).ToArray();
        byte[] png = PlotRenderer.Render([new PlotSeries("loss", values, epochs)], "Loss", options, colours, PlotFormat.Png);
        return Pixels.Decode(png);
    }
}
