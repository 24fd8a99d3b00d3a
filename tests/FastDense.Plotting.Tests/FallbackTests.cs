using SkiaSharp;

namespace FastDense.Plotting.Tests;

/// <summary>
/// Font fallback: the run splitter as a pure function (fonts given by a lookup), the search for an installed font
/// against a brute-force search of every installed family, and what the plot draws with and without one.
/// </summary>
public class FallbackTests
{
    // A pretend font table for the splitter: 0 is the label's font, 1 and 2 fallbacks.
    private static int FakeFont(int codePoint) => codePoint switch
    {
        >= 0x4E00 and <= 0x9FFF => 1,     // CJK ideographs
        >= 0x1F300 and <= 0x1FAFF => 2,   // emoji
        _ => 0,
    };

    [Fact]
    public void Split_OneFont_IsOneRun()
    {
        Assert.Equal([new FontRun(0, 8, 0)], FontRuns.Split("accuracy", FakeFont));
        Assert.Empty(FontRuns.Split("", FakeFont));
    }

    [Fact]
    public void Split_CutsWhereTheFontChanges()
    {
        // "loss 损失 x": 5 units of font 0 ("loss "), 2 of font 1, 2 of font 0 (" x").
        Assert.Equal([new FontRun(0, 5, 0), new FontRun(5, 2, 1), new FontRun(7, 2, 0)], FontRuns.Split("loss 损失 x", FakeFont));
    }

    [Fact]
    public void Split_SurrogatePairs_AreOneCharacter()
    {
        // U+1F600 is two UTF-16 units; it and the next emoji share font 2.
        Assert.Equal([new FontRun(0, 1, 0), new FontRun(1, 4, 2)], FontRuns.Split("a\U0001F600\U0001F601", FakeFont));
    }

    [Fact]
    public void Split_MarksAndJoiners_StayWithTheCharacterBefore()
    {
        // A combining acute (which the pretend table gives font 0) after an ideograph stays in its run, as does a
        // zero-width joiner between two emoji and a variation selector after one.
        Assert.Equal([new FontRun(0, 2, 1)], FontRuns.Split("损\u0301", FakeFont));
        Assert.Equal([new FontRun(0, 5, 2)], FontRuns.Split("\U0001F469\u200D\U0001F52C", FakeFont));
        Assert.Equal([new FontRun(0, 1, 0), new FontRun(1, 3, 2)], FontRuns.Split("a\U0001F600\uFE0F", FakeFont));
        // At the start a mark has no character before it: it is looked up itself.
        Assert.Equal([new FontRun(0, 2, 0)], FontRuns.Split("\u0301a", FakeFont));
    }

    [Theory]
    [InlineData(0x02EF)]   // modifier letter low down arrowhead: in DejaVu Serif, not in DejaVu Sans
    [InlineData(0x4E00)]   // CJK ideograph "one": in no DejaVu font
    [InlineData(0xAC00)]   // Hangul syllable Ga: in no DejaVu font
    public void For_FindsAFont_ExactlyWhenAnInstalledFamilyHasTheCharacter(int codePoint)
    {
        using SKFont font = ShapingTests.PlotFont();
        SKTypeface primary = font.Typeface;
        Assert.False(primary.ContainsGlyph(codePoint), $"precondition: the plot's font '{primary.FamilyName}' has U+{codePoint:X4}");

        // The brute-force answer: every installed family, in every style it has.
        SKFontManager manager = SKFontManager.Default;
        bool anyHasIt = manager.FontFamilies.Any(family =>
        {
            using SKFontStyleSet styles = manager.GetFontStyles(family);
            return Enumerable.Range(0, styles.Count).Any(i => styles.CreateTypeface(i)?.ContainsGlyph(codePoint) == true);
        });

        SKTypeface? fallback = FallbackFonts.For(primary, codePoint);
        Assert.Equal(anyHasIt, fallback is not null);
        if (fallback is not null)
        {
            Assert.True(fallback.ContainsGlyph(codePoint));
            Assert.NotEqual(primary.FamilyName, fallback.FamilyName);
        }
    }

    [Fact]
    public void ACharacterAFallbackHas_IsDrawnInIt()
    {
        using SKFont font = ShapingTests.PlotFont();
        const string label = "a\u02EF";
        SKTypeface? fallback = FallbackFonts.For(font.Typeface, 0x02EF);
        if (fallback is null)
        {
            // No installed font has it (a machine without DejaVu Serif): the label stays plain, its empty box as before.
            Assert.True(PlotText.IsPlain(label, font));
            return;
        }
        Assert.False(PlotText.IsPlain(label, font));
        var glyphs = new PlotText(font).Shaped(label).Glyphs.ToArray();
        Assert.Equal(2, glyphs.Length);
        Assert.Same(font.Typeface, glyphs[0].Typeface);
        Assert.Same(fallback, glyphs[1].Typeface);
        Assert.NotEqual(0, glyphs[1].Glyph);   // a real glyph, not the empty box
        using SKFont own = new(fallback, font.Size);
        Assert.Equal(own.GetGlyphs("\u02EF"), new[] { glyphs[1].Glyph });
    }

    [Fact]
    public void CharactersNoFontHas_AreDrawnAsBefore()
    {
        // Ideographs in the title and a legend label. With no installed font for them (this machine has only DejaVu)
        // the image is byte for byte the unshaped one: the font's empty boxes, as before fallback existed. With one,
        // the ideographs are drawn from it instead, so the image differs.
        using SKFont font = ShapingTests.PlotFont();
        bool fallbackExists = FallbackFonts.For(font.Typeface, '准') is not null;
        var options = new HistoryPlotOptions { Title = "准确率", Labels = ["训练", "val"], Keys = ["accuracy", "val_accuracy"] };
        byte[] image = Pixels.Png(Histories.Classifier, options);
        byte[] plain = PlainTextTests.RenderPlain(Histories.Classifier, options, PlotFormat.Png);
        if (fallbackExists) Assert.NotEqual(plain, image);
        else Assert.Equal(plain, image);
    }
}
