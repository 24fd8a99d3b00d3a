using SkiaSharp;

namespace FastDense.Plotting.Tests;

/// <summary>
/// Labels that need no shaping are drawn exactly as before shaping existed: the public API's image is byte for byte
/// the renderer's with shaping off (every string through SkiaSharp's plain <c>DrawText</c> and <c>MeasureText</c>,
/// the calls FastDense made before). ShapingTests.ShapedLabels_InTheFigure_DrawDifferentlyFromUnshaped shows the
/// comparison can fail, and <see cref="LatinThroughTheShaper_WouldDrawDifferently"/> that a Latin label sent to the
/// shaper would fail it.
/// </summary>
public class PlainTextTests
{
    public static TheoryData<string> LatinLabelSets => ["lesson", "defaults", "accents, Greek, Cyrillic"];

    [Theory]
    [MemberData(nameof(LatinLabelSets))]
    public void Png_IsByteIdentical_ToThePlainRendering(string labels)
    {
        HistoryPlotOptions options = Options(labels);
        Assert.Equal(RenderPlain(Histories.Classifier, options, PlotFormat.Png), Pixels.Png(Histories.Classifier, options));
    }

    [Theory]
    [MemberData(nameof(LatinLabelSets))]
    public void Svg_IsByteIdentical_ToThePlainRendering(string labels)
    {
        HistoryPlotOptions options = Options(labels);
        using var stream = new MemoryStream();
        HistoryPlot.Save(Histories.Classifier, stream, PlotFormat.Svg, options);
        Assert.Equal(WithoutClipIds(RenderPlain(Histories.Classifier, options, PlotFormat.Svg)), WithoutClipIds(stream.ToArray()));
    }

    /// <summary>
    /// Skia names each SVG clip path from a counter that runs for the whole process, in hexadecimal (cl_9, cl_a, ...),
    /// so no two renderings have the same ids; everything else must match.
    /// </summary>
    private static string WithoutClipIds(byte[] svg)
        => System.Text.RegularExpressions.Regex.Replace(System.Text.Encoding.UTF8.GetString(svg), @"\bcl_[0-9a-f]+\b", "cl_N");

    [Theory]
    [InlineData("Epoch")]
    [InlineData("val_accuracy")]
    [InlineData("0.0")]
    [InlineData("Précision à l'époque")]
    [InlineData("Ακρίβεια")]
    [InlineData("Точность")]
    public void PlainLabels_TakeThePlainPath(string label)
    {
        using SKFont font = ShapingTests.PlotFont();
        Assert.True(PlotText.IsPlain(label, font));
    }

    [Theory]
    [InlineData("דיוק")]
    [InlineData("الدقة")]
    [InlineData("e\u0301")]
    public void ComplexLabels_TakeTheShapingPath(string label)
    {
        using SKFont font = ShapingTests.PlotFont();
        Assert.False(PlotText.IsPlain(label, font));
    }

    [Fact]
    public void LatinThroughTheShaper_WouldDrawDifferently()
    {
        // HarfBuzz applies the font's kerning (DejaVu Sans kerns "AV" and "To"), which plain drawing does not: a Latin
        // label sent down the shaping path would change width and pixels, and the byte comparisons above would fail.
        using SKFont font = ShapingTests.PlotFont();
        const string label = "AVATAR Today";
        Assert.True(Math.Abs(new PlotText(font).Shaped(label).Width - font.MeasureText(label)) > 1);
    }

    /// <summary>The image with every string drawn unshaped, through the renderer as <see cref="HistoryPlot"/> calls it.</summary>
    internal static byte[] RenderPlain(History history, HistoryPlotOptions options, PlotFormat format)
        => HistoryPlot.Render(history, format, options, shaping: false);

    private static HistoryPlotOptions Options(string labels) => labels switch
    {
        "lesson" => HistoryPlotOptions.Lesson,
        "defaults" => new HistoryPlotOptions(),
        "accents, Greek, Cyrillic" => new HistoryPlotOptions
        {
            Title = "Précision — Ακρίβεια — Точность",
            XLabel = "Époque",
            YLabel = "Exactitude (%) ±",
            Labels = ["entraînement", "validación"],
        },
        _ => throw new ArgumentOutOfRangeException(nameof(labels)),
    };
}
