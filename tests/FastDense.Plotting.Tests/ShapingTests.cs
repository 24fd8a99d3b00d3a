using SkiaSharp;

namespace FastDense.Plotting.Tests;

/// <summary>
/// Labels that need shaping: the glyphs HarfBuzz gives (visual order, contextual forms) compared with the font's own
/// glyph for each character, and the shaped width used wherever the layout measures text.
/// </summary>
public class ShapingTests
{
    private const string Hebrew = "דיוק";       // "accuracy": dalet, yod, vav, qof
    private const string Arabic = "الدقة";      // "accuracy": alef, lam, dal, qaf, teh marbuta

    [Fact]
    public void Hebrew_IsDrawnInVisualOrder()
    {
        using SKFont font = PlotFont();
        RequireGlyphs(font, Hebrew);
        ushort[] shaped = GlyphIds(font, Hebrew);

        // Hebrew letters have one form each, so the shaped glyphs are the font's glyphs for the reversed string.
        Assert.Equal(font.GetGlyphs(Reversed(Hebrew)), shaped);
        Assert.NotEqual(font.GetGlyphs(Hebrew), shaped);
    }

    [Fact]
    public void Arabic_IsJoined_InVisualOrder()
    {
        using SKFont font = PlotFont();
        // Unicode's joining types: alef and dal join only to the letter before them (right-joining), lam and qaf to
        // both sides, teh marbuta is right-joining. So, in logical order: alef isolated (nothing before it), lam
        // initial (alef does not join forward), dal final, qaf initial (dal does not join forward), teh marbuta final.
        // Arabic Presentation Forms-B encodes each of these forms as a character, which the font maps to the glyph its
        // joining features substitute; visual order puts the last letter first.
        const string joined = "\uFE94" + "\uFED7" + "\uFEAA" + "\uFEDF" + "\u0627";   // teh marbuta final ... alef
        RequireGlyphs(font, Arabic + joined);
        ushort[] shaped = GlyphIds(font, Arabic);

        Assert.Equal(font.GetGlyphs(joined), shaped);
        // Against the unshaped glyphs, reversed: only alef, which has no other form here, is the same.
        ushort[] isolated = font.GetGlyphs(Reversed(Arabic));
        Assert.Equal(isolated[^1], shaped[^1]);
        for (int i = 0; i < 4; i++) Assert.NotEqual(isolated[i], shaped[i]);
    }

    [Fact]
    public void NumberInAHebrewLabel_KeepsItsOrder_OnTheLeft()
    {
        // The bidirectional rules (BidiTests): "95%" stays left to right, left of the word.
        using SKFont font = PlotFont();
        Assert.Equal(font.GetGlyphs("95% " + Reversed(Hebrew)), GlyphIds(font, Hebrew + " 95%"));
    }

    [Fact]
    public void ParenthesesInAHebrewLabel_AreMirrored()
    {
        // "דיוק (%)" is right to left as a whole: reversed, and each parenthesis mirrored (rule L4) by the shaper, so
        // the picture reads "(%)" left of the word, as it does in a browser.
        using SKFont font = PlotFont();
        Assert.Equal(font.GetGlyphs("(%) " + Reversed(Hebrew)), GlyphIds(font, Hebrew + " (%)"));
    }

    [Fact]
    public void LatinInsideAnArabicLabel_StaysLeftToRight()
    {
        using SKFont font = PlotFont();
        ushort[] glyphs = GlyphIds(font, Arabic + " (val)");
        // Visual order: ")" mirrored as "(", "val", "(" mirrored as ")", the space, then the Arabic word.
        Assert.Equal(font.GetGlyphs("(val) "), glyphs[..6]);
        Assert.Equal(GlyphIds(font, Arabic), glyphs[6..]);
    }

    [Fact]
    public void Measure_IsTheShapedWidth_WhichDiffersFromTheUnshapedOne()
    {
        using SKFont font = PlotFont();
        var text = new PlotText(font);
        // Joined Arabic letters are narrower than their isolated forms: the unshaped width would misplace the label.
        float shaped = text.Measure(Arabic);
        Assert.Equal(text.Shaped(Arabic).Width, shaped);
        Assert.True(font.MeasureText(Arabic) - shaped > 3, $"shaped {shaped}, unshaped {font.MeasureText(Arabic)}: the test needs them apart");
        // A plain label is measured by SkiaSharp, as before.
        Assert.Equal(font.MeasureText("val_accuracy"), text.Measure("val_accuracy"));
    }

    [Theory]
    [InlineData(Arabic)]
    [InlineData(Hebrew)]
    [InlineData(Hebrew + " 95%")]
    [InlineData("accuracy")]
    public void Alignment_ShiftsTheInk_ByTheMeasuredWidth(string label)
    {
        // Drawn with its left end at x, then its middle, then its right end at x: the ink moves left by half the
        // measured width, then by all of it. Side bearings cancel out; 1 px covers the antialiased edge columns.
        using SKFont font = PlotFont();
        float width = new PlotText(font).Measure(label);
        (int left, int right) = InkColumns(font, label, SKTextAlign.Left);
        (int centreLeft, int centreRight) = InkColumns(font, label, SKTextAlign.Center);
        (int rightLeft, int rightRight) = InkColumns(font, label, SKTextAlign.Right);

        Assert.InRange(left - centreLeft, width / 2 - 1, width / 2 + 1);
        Assert.InRange(right - centreRight, width / 2 - 1, width / 2 + 1);
        Assert.InRange(left - rightLeft, width - 1, width + 1);
        Assert.InRange(right - rightRight, width - 1, width + 1);
        // And the ink spans the measured width, less the two end glyphs' side bearings (DejaVu Sans's at 14 px are
        // under 2 px each).
        Assert.InRange(right - left + 1, width - 4, width + 1);
    }

    [Fact]
    public void LegendBox_IsSizedByTheShapedWidth()
    {
        // Lower right: the legend's right edge is fixed, so its line sample starts further left by exactly the label's
        // width. A series with no finite value draws no line, only its legend sample (C0): LegendTests does the same.
        using SKFont font = PlotFont();
        var text = new PlotText(font);
        double latin = SampleLeft("accuracy");
        double arabic = SampleLeft(Arabic);
        float expected = text.Measure("accuracy") - text.Measure(Arabic);
        Assert.InRange(arabic - latin, expected - 1, expected + 1);
        // The unshaped width would have put it elsewhere (more than the tolerance away).
        float unshaped = font.MeasureText("accuracy") - font.MeasureText(Arabic);
        Assert.True(Math.Abs(unshaped - expected) > 3);
    }

    [Fact]
    public void JoinerAndDirectionMarks_DrawNoEmptyBox()
    {
        // Zero-width joiner and right-to-left mark: shaping hides them (no glyph 0, the font's empty box) and gives
        // them no width.
        using SKFont font = PlotFont();
        var text = new PlotText(font);
        string label = "a\u200Db\u200F";
        Assert.DoesNotContain((ushort)0, GlyphIds(font, label));
        Assert.Equal(text.Measure("ab"), text.Measure(label), 0.01f);
    }

    [Fact]
    public void AScriptNoInstalledFontHas_IsDrawnWithoutError()
    {
        // Devanagari: DejaVu Sans has none, and on a machine with only DejaVu no fallback either; the empty boxes are
        // drawn as before, and the plot is written.
        var options = new HistoryPlotOptions { Title = "सटीकता", YLabel = "सटीकता" };
        using SKBitmap image = Pixels.Decode(Pixels.Png(Histories.Classifier, options));
        Assert.Equal(640, image.Width);
    }

    [Fact]
    public void ShapedLabels_InTheFigure_DrawDifferentlyFromUnshaped()
    {
        // Through the public API with a Hebrew title and an Arabic legend label, against the same figure unshaped:
        // the text pixels differ (the plain comparison in PlainTextTests could fail, then).
        var options = new HistoryPlotOptions { Title = Hebrew, Labels = [Arabic, "val"], Keys = ["accuracy", "val_accuracy"] };
        byte[] shaped = Pixels.Png(Histories.Classifier, options);
        byte[] plain = PlainTextTests.RenderPlain(Histories.Classifier, options, PlotFormat.Png);
        Assert.NotEqual(plain, shaped);
    }

    private static double SampleLeft(string label)
    {
        var options = new HistoryPlotOptions { Legend = LegendLocation.LowerRight, YLimits = (0, 1) };
        double[] nothing = [double.NaN, double.NaN, double.NaN];
        byte[] png = PlotRenderer.Render([new PlotSeries(label, nothing, [0, 1, 2])], "Loss", options, HistoryPlot.Check(options), PlotFormat.Png);
        using SKBitmap image = Pixels.Decode(png);
        List<(int X, int Y)> sample = Pixels.Find(image, Pixels.C0);
        Assert.True(sample.Count > 20, $"too few C0 pixels for a legend sample: {sample.Count}");
        return sample.Min(p => p.X);
    }

    /// <summary>The first and last pixel columns with ink when <paramref name="label"/> is drawn aligned at x = 200.</summary>
    private static (int Left, int Right) InkColumns(SKFont font, string label, SKTextAlign align)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(400, 40, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            new PlotText(font).Draw(canvas, label, 200, 28, align, ink);
        }
        int left = int.MaxValue, right = int.MinValue;
        for (int x = 0; x < bitmap.Width; x++)
        {
            for (int y = 0; y < bitmap.Height; y++)
            {
                if (bitmap.GetPixel(x, y).Red > 200) continue;   // white or the faintest antialiasing
                left = Math.Min(left, x);
                right = Math.Max(right, x);
            }
        }
        Assert.True(left <= right, $"nothing drawn for '{label}'");
        return (left, right);
    }

    internal static SKFont PlotFont() => PlotRenderer.CreateFont(PlotRenderer.TextSize);

    internal static ushort[] GlyphIds(SKFont font, string label) => new PlotText(font).Shaped(label).Glyphs.Select(g => g.Glyph).ToArray();

    private static string Reversed(string text) => new(text.Reverse().ToArray());

    /// <summary>These tests pin glyphs of the plot's font (DejaVu Sans where installed): it must have the characters.</summary>
    private static void RequireGlyphs(SKFont font, string text)
        => Assert.True(font.ContainsGlyphs(text), $"the plot's font '{font.Typeface.FamilyName}' lacks some of '{text}'");
}
