namespace FastDense.Plotting.Tests;

/// <summary>Font fallback: the run splitter as a pure function (fonts given by a lookup).</summary>
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
}
