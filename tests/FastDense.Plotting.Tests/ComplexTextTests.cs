using System.Globalization;
using System.Text;

namespace FastDense.Plotting.Tests;

/// <summary>
/// Which strings are shaped: any with a character of a right-to-left or shaping script, a combining mark or a format
/// control; never Latin, Greek, Cyrillic, digits or punctuation, which keep the plain drawing path.
/// </summary>
public class ComplexTextTests
{
    [Fact]
    public void Ranges_AreSortedAndDisjoint_AndNamed()
    {
        ComplexRange[] ranges = ComplexText.Ranges;
        for (int i = 0; i < ranges.Length; i++)
        {
            Assert.True(ranges[i].First <= ranges[i].Last, $"{ranges[i].Name}: first after last");
            Assert.False(string.IsNullOrWhiteSpace(ranges[i].Name));
            Assert.False(string.IsNullOrWhiteSpace(ranges[i].Why));
            if (i > 0) Assert.True(ranges[i - 1].Last < ranges[i].First, $"{ranges[i - 1].Name} and {ranges[i].Name} overlap or are out of order");
        }
    }

    [Fact]
    public void EveryRange_NeedsShaping_AtBothEnds()
    {
        foreach (ComplexRange range in ComplexText.Ranges)
        {
            Assert.True(ComplexText.NeedsShaping(range.First), $"U+{range.First:X4}, first of {range.Name}");
            Assert.True(ComplexText.NeedsShaping(range.Last), $"U+{range.Last:X4}, last of {range.Name}");
            // Through the string overload too: the supplementary planes arrive as surrogate pairs.
            Assert.True(ComplexText.NeedsShaping("a" + char.ConvertFromUtf32(range.First)), $"U+{range.First:X4} in a string");
            Assert.True(ComplexText.NeedsShaping(char.ConvertFromUtf32(range.Last) + "a"), $"U+{range.Last:X4} in a string");
        }
    }

    // The code point just outside each range that has no range next to it. Categories are .NET's
    // (CharUnicodeInfo.GetUnicodeCategory): "unassigned" is OtherNotAssigned; none of these is a mark or format control.
    [Theory]
    [InlineData(0x058F)]   // Armenian dram sign (before Hebrew)
    [InlineData(0x10A0)]   // Georgian capital An (after Myanmar)
    [InlineData(0x10FF)]   // Georgian small letter (before Hangul Jamo)
    [InlineData(0x1200)]   // Ethiopic syllable Ha (after Hangul Jamo)
    [InlineData(0x16FF)]   // unassigned (before Tagalog)
    [InlineData(0x18B0)]   // Canadian syllabics extended (after Mongolian)
    [InlineData(0x18FF)]   // unassigned (before Limbu)
    [InlineData(0x1D00)]   // Latin letter small capital A (after Vedic Extensions)
    [InlineData(0x2010)]   // hyphen (after the right-to-left mark)
    [InlineData(0x2029)]   // paragraph separator (before the embeddings)
    [InlineData(0x202F)]   // narrow no-break space (after the overrides)
    [InlineData(0x2065)]   // unassigned (before the isolates)
    [InlineData(0xA7FF)]   // Latin letter (before Syloti Nagri)
    [InlineData(0xAC00)]   // Hangul syllable Ga: precomposed, one glyph (after Meetei Mayek)
    [InlineData(0xD7AF)]   // unassigned (before Hangul Jamo Extended-B)
    [InlineData(0xFB1C)]   // unassigned (before the Hebrew presentation forms)
    [InlineData(0xFE10)]   // presentation form for vertical comma (after the variation selectors)
    [InlineData(0xFE6F)]   // unassigned (before Arabic Presentation Forms-B)
    [InlineData(0xFF00)]   // unassigned (after Arabic Presentation Forms-B)
    [InlineData(0x107FF)]  // unassigned (before Cypriot)
    [InlineData(0x12000)]  // cuneiform sign A (after the historic Brahmic scripts)
    [InlineData(0x1E7FF)]  // unassigned (before Mende Kikakui)
    [InlineData(0x1F000)]  // mahjong tile (after the Arabic mathematical symbols)
    [InlineData(0xE00FF)]  // unassigned (before the variation selectors supplement)
    [InlineData(0xE01F0)]  // unassigned (after it)
    public void JustOutsideARange_IsPlain(int codePoint)
    {
        Assert.False(ComplexText.NeedsShaping(codePoint), $"U+{codePoint:X4}");
        Assert.False(ComplexText.NeedsShaping(char.ConvertFromUtf32(codePoint)), $"U+{codePoint:X4} in a string");
    }

    // Outside every range, by Unicode category: combining marks (Mn, Me) and format controls (Cf).
    [Theory]
    [InlineData(0x0300)]   // combining grave accent (Mn): "e" + U+0300 is è only if the mark is placed on the e
    [InlineData(0x036F)]   // last of the combining diacritical marks
    [InlineData(0x0483)]   // combining Cyrillic titlo (Mn), inside the Cyrillic block
    [InlineData(0x0488)]   // combining Cyrillic hundred thousands sign (Me)
    [InlineData(0x1AB0)]   // combining diacritical marks extended
    [InlineData(0x1DC0)]   // combining diacritical marks supplement
    [InlineData(0x20D0)]   // combining marks for symbols
    [InlineData(0xFE20)]   // combining half marks
    [InlineData(0x200B)]   // zero-width space (Cf), just before the joiners' range
    [InlineData(0x2060)]   // word joiner (Cf)
    [InlineData(0x206A)]   // inhibit symmetric swapping (Cf), just after the isolates
    public void MarksAndFormatControls_NeedShaping(int codePoint)
    {
        Assert.True(ComplexText.NeedsShaping(codePoint), $"U+{codePoint:X4}");
        Assert.True(ComplexText.NeedsShaping("x" + char.ConvertFromUtf32(codePoint)), $"U+{codePoint:X4} after a letter");
    }

    [Fact]
    public void LatinGreekCyrillic_DigitsAndPunctuation_ArePlain()
    {
        // Every character of the blocks, except their few combining marks (Cyrillic's titlo and the like).
        (int First, int Last, string Name)[] blocks =
        [
            (0x0020, 0x024F, "Basic Latin to Latin Extended-B"),
            (0x1E00, 0x1EFF, "Latin Extended Additional"),
            (0x0370, 0x03FF, "Greek and Coptic"),
            (0x1F00, 0x1FFF, "Greek Extended"),
            (0x0400, 0x052F, "Cyrillic and Cyrillic Supplement"),
            (0x2010, 0x2027, "General Punctuation: dashes, quotes, bullets, ellipsis"),
            (0x2030, 0x205E, "General Punctuation: per mille to vertical four dots"),
            (0x20A0, 0x20C0, "Currency Symbols"),
            (0x2100, 0x214F, "Letterlike Symbols"),
            (0x2190, 0x22FF, "Arrows and Mathematical Operators"),
        ];
        foreach ((int first, int last, string name) in blocks)
        {
            for (int c = first; c <= last; c++)
            {
                UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
                if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format) continue;
                Assert.False(ComplexText.NeedsShaping(c), $"U+{c:X4} ({name}, {category})");
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("accuracy")]
    [InlineData("val_accuracy")]
    [InlineData("0.0")]
    [InlineData("Époque, précision (%)")]
    [InlineData("Точность")]
    [InlineData("Ακρίβεια")]
    [InlineData("准确率")]        // CJK ideographs are one glyph each: no shaping (a fallback font is another matter)
    [InlineData("損失 — ±1.5°")]
    public void CommonLabels_ArePlain(string label) => Assert.False(ComplexText.NeedsShaping(label));

    [Theory]
    [InlineData("דיוק")]
    [InlineData("الدقة")]
    [InlineData("accuracy דיוק")]            // one character is enough
    [InlineData("सटीकता")]
    [InlineData("ความแม่นยำ")]
    [InlineData("e\u0301")]                  // e and a combining acute
    [InlineData("👩\u200D🔬")]               // a zero-width-joiner sequence
    public void ComplexLabels_NeedShaping(string label) => Assert.True(ComplexText.NeedsShaping(label));

    [Fact]
    public void LoneSurrogate_IsPlain()
    {
        // Drawn as one replacement glyph either way; the decoder must not read past the string or throw.
        Assert.False(ComplexText.NeedsShaping("a\uD800"));
        Assert.False(ComplexText.NeedsShaping("\uDC00b"));
    }

    [Fact]
    public void SupplementaryCharacters_AreDecodedFromTheirSurrogates()
    {
        // Adlam (U+1E900), a right-to-left joining script, written as a surrogate pair: neither half alone is in a range.
        string adlam = new Rune(0x1E900).ToString();
        Assert.Equal(2, adlam.Length);
        Assert.True(ComplexText.NeedsShaping(adlam));
        Assert.False(ComplexText.NeedsShaping(adlam[0]) || ComplexText.NeedsShaping(adlam[1]));
    }
}
