namespace FastDense.Plotting.Tests;

/// <summary>
/// The implicit bidirectional rules on labels. Each expected result is worked out by hand from the rules of UAX #9
/// named in its comment; "visual" is the characters left to right as they appear on screen.
/// </summary>
public class BidiTests
{
    private const string Alef = "א", Bet = "ב", Gimel = "ג";
    private const string Hebrew = Alef + Bet + Gimel;                   // logical order: alef first, drawn rightmost

    [Fact]
    public void Latin_IsAllLevelZero()
    {
        Assert.Equal(new byte[8], Bidi.ResolveLevels("accuracy", out byte paragraph));
        Assert.Equal(0, paragraph);
    }

    [Fact]
    public void Hebrew_IsAllLevelOne_AndReversed()
    {
        // P2-P3: the first strong letter is R, so the paragraph is level 1; I2 leaves R at 1; L2 reverses level 1.
        byte[] levels = Bidi.ResolveLevels(Hebrew, out byte paragraph);
        Assert.Equal(1, paragraph);
        Assert.Equal([1, 1, 1], levels);
        Assert.Equal(Gimel + Bet + Alef, Visual(Hebrew));
    }

    [Fact]
    public void NumberAfterHebrew_InALeftToRightLine_ReadsLeftToRight_AfterTheWord()
    {
        // "abc אבג 123": L L L WS R R R WS EN EN EN. W7 leaves the digits EN (last strong before them is R). N1: the
        // first space sits between L and R (no agreement: the paragraph's L, level 0); the second between R and EN
        // (digits count as R: level 1). I1: R -> 1, EN -> 2. L2 reverses the digits, then "אבג 123" as a whole.
        const string text = "abc " + Hebrew + " 123";
        byte[] levels = Bidi.ResolveLevels(text, out byte paragraph);
        Assert.Equal(0, paragraph);
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2], levels);
        Assert.Equal("abc 123 " + Gimel + Bet + Alef, Visual(text));
    }

    [Fact]
    public void NumberInAHebrewLine_StaysLeftToRight_OnTheLeft()
    {
        // "אבג 1.5%": R R R WS EN CS EN ET. W4: the CS between two EN is EN; W5: the ET after EN is EN. N1: the space
        // between R and EN is R. I2 (paragraph 1): R and the space 1, EN 2. L2: "1.5%" reversed twice, in reading order.
        const string text = Hebrew + " 1.5%";
        byte[] levels = Bidi.ResolveLevels(text, out byte paragraph);
        Assert.Equal(1, paragraph);
        Assert.Equal([1, 1, 1, 1, 2, 2, 2, 2], levels);
        Assert.Equal("1.5% " + Gimel + Bet + Alef, Visual(text));
    }

    [Fact]
    public void LatinWordInParentheses_InAHebrewLine()
    {
        // "אבג (abc)": R R R WS ON L L L ON. N1: " (" lies between R and L (no agreement: the paragraph's R, 1); ")"
        // between L and eos (R): also 1. I2: L -> 2. L2: "abc" keeps its order; the rest reverses. The parentheses
        // come out in swapped places; the shaper mirrors them in a right-to-left run (rule L4), so they read "(abc)".
        const string text = Hebrew + " (abc)";
        Assert.Equal([1, 1, 1, 1, 1, 2, 2, 2, 1], Bidi.ResolveLevels(text, out _));
        Assert.Equal(")abc( " + Gimel + Bet + Alef, Visual(text));
    }

    [Fact]
    public void DigitsFirst_DoNotSetTheParagraphDirection()
    {
        // P2 skips digits (EN is not strong): "12 אבג" is a right-to-left paragraph. N1: the space between EN (as R)
        // and R is R. I2: EN -> 2, the rest 1.
        const string text = "12 " + Hebrew;
        Assert.Equal([2, 2, 1, 1, 1, 1], Bidi.ResolveLevels(text, out byte paragraph));
        Assert.Equal(1, paragraph);
        Assert.Equal(Gimel + Bet + Alef + " 12", Visual(text));
    }

    [Fact]
    public void DigitsAfterLatin_AreLeftToRight()
    {
        // W7: EN after L (or at the start of a left-to-right line, sos L) becomes L: level 0 throughout.
        Assert.Equal(new byte[9], Bidi.ResolveLevels("epoch 123", out _));
        Assert.Equal(new byte[3], Bidi.ResolveLevels("123", out byte paragraph));
        Assert.Equal(0, paragraph);
    }

    [Fact]
    public void MarksTakeTheirLettersLevel()
    {
        // W1: a combining mark (here Hebrew points, NSM) takes its letter's type. "שָׁלוֹם" = shin, qamats, shin dot,
        // lamed, vav, holam, final mem.
        const string shalom = "\u05E9\u05B8\u05C1\u05DC\u05D5\u05B9\u05DD";
        Assert.Equal([1, 1, 1, 1, 1, 1, 1], Bidi.ResolveLevels(shalom, out _));
        // An acute on a Latin letter in a Hebrew line: W1 makes it L with its e, so both go to level 2.
        Assert.Equal([1, 1, 1, 1, 2, 2], Bidi.ResolveLevels(Hebrew + " e\u0301", out _));
    }

    [Fact]
    public void ArabicIndicDigits_AreArabicNumbers()
    {
        // "الدقة ٩٥": R x5, WS, AN AN. N1: the space between R and AN (as R) is R. I2: AN -> 2.
        const string text = "الدقة ٩٥";
        Assert.Equal([1, 1, 1, 1, 1, 1, 2, 2], Bidi.ResolveLevels(text, out byte paragraph));
        Assert.Equal(1, paragraph);
    }

    [Fact]
    public void SurrogatePairs_ShareTheirCharactersLevel()
    {
        // Adlam letter Alif (U+1E900, right to left) as a surrogate pair, then a Latin letter: R R, L. P2: R first.
        string text = char.ConvertFromUtf32(0x1E900) + "a";
        Assert.Equal([1, 1, 2], Bidi.ResolveLevels(text, out byte paragraph));
        Assert.Equal(1, paragraph);
    }

    [Theory]
    [InlineData('a', "L")]
    [InlineData('Ж', "L")]
    [InlineData('准', "L")]
    [InlineData('क', "L")]
    [InlineData('א', "R")]
    [InlineData('ب', "R")]
    [InlineData('\u061F', "R")]   // Arabic question mark: AL in Unicode's data
    [InlineData('7', "EN")]
    [InlineData('\u06F5', "EN")]  // extended Arabic-Indic five
    [InlineData('\u0665', "AN")]  // Arabic-Indic five
    [InlineData('%', "ET")]
    [InlineData('€', "ET")]
    [InlineData('-', "ES")]
    [InlineData('.', "CS")]
    [InlineData('\u0301', "NSM")]
    [InlineData('\u200D', "NSM")] // zero-width joiner: BN in Unicode's data, ignored like a mark here
    [InlineData(' ', "ON")]
    [InlineData('(', "ON")]
    [InlineData('\u200F', "R")]   // right-to-left mark
    public void ClassOf_AgreesWithUnicodesBidiClass(char c, string expected) => Assert.Equal(expected, Bidi.ClassOf(c).ToString());

    [Fact]
    public void VisualOrder_ReversesFromTheHighestLevelDown()
    {
        // Levels 0 0 1 1 2 2 1 0: L2 reverses items 4-5 (level >= 2), then items 2-6 (level >= 1).
        Assert.Equal([0, 1, 6, 4, 5, 3, 2, 7], Bidi.VisualOrder([0, 0, 1, 1, 2, 2, 1, 0]));
        Assert.Equal([0, 1, 2], Bidi.VisualOrder([0, 0, 0]));
        Assert.Equal([2, 1, 0], Bidi.VisualOrder([1, 1, 1]));
        Assert.Empty(Bidi.VisualOrder([]));
    }

    /// <summary>The characters of <paramref name="text"/> in visual order (no surrogate pairs in these tests).</summary>
    private static string Visual(string text)
    {
        byte[] levels = Bidi.ResolveLevels(text, out _);
        return string.Concat(Bidi.VisualOrder(levels).Select(i => text[i]));
    }
}
