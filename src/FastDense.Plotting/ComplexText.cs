using System.Globalization;
using System.Text;

namespace FastDense.Plotting;

/// <summary>
/// Which strings cannot be drawn one glyph per character, left to right: those with a character of a right-to-left
/// script, of a script whose letters join, reorder or stack, a combining mark, or an invisible control that shaping
/// interprets. Only such strings are shaped (<see cref="ShapedText"/>); every other string is drawn as SkiaSharp draws it
/// without shaping, which is exact for scripts whose characters each map to one glyph (Latin, Greek, Cyrillic, digits,
/// punctuation, symbols, CJK ideographs).
/// </summary>
/// <remarks>
/// The rule errs towards shaping: shaping a string that did not need it draws the same letters (with the font's kerning
/// applied), only slower, while drawing a string that needed it unshaped draws it wrong.
/// </remarks>
internal static class ComplexText
{
    /// <summary>
    /// The blocks whose characters need shaping, sorted and disjoint, each with why. Combining marks and format
    /// controls elsewhere are found by their Unicode category instead (<see cref="NeedsShaping(int)"/>).
    /// </summary>
    internal static readonly ComplexRange[] Ranges =
    [
        // Right to left: drawn in reverse order (bidirectional algorithm, Bidi), and Arabic's letters join.
        new(0x0590, 0x05FF, "Hebrew", "right to left; points are marks placed on their letter"),
        new(0x0600, 0x06FF, "Arabic", "right to left; letters join (initial, medial, final forms)"),
        new(0x0700, 0x074F, "Syriac", "right to left; letters join"),
        new(0x0750, 0x077F, "Arabic Supplement", "right to left; letters join"),
        new(0x0780, 0x07BF, "Thaana", "right to left; vowels are marks"),
        new(0x07C0, 0x07FF, "NKo", "right to left; letters join"),
        new(0x0800, 0x083F, "Samaritan", "right to left"),
        new(0x0840, 0x085F, "Mandaic", "right to left; letters join"),
        new(0x0860, 0x086F, "Syriac Supplement", "right to left; letters join"),
        new(0x0870, 0x089F, "Arabic Extended-B", "right to left; letters join"),
        new(0x08A0, 0x08FF, "Arabic Extended-A", "right to left; letters join"),
        // Brahmic scripts: vowel signs drawn before their consonant, conjuncts, stacked marks.
        new(0x0900, 0x0DFF, "Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam, Sinhala",
            "vowel signs reorder around their consonant; consonant clusters form conjuncts"),
        new(0x0E00, 0x0E7F, "Thai", "vowel and tone marks stack above and below"),
        new(0x0E80, 0x0EFF, "Lao", "vowel and tone marks stack above and below"),
        new(0x0F00, 0x0FFF, "Tibetan", "consonants stack vertically"),
        new(0x1000, 0x109F, "Myanmar", "vowel signs reorder; medials stack"),
        new(0x1100, 0x11FF, "Hangul Jamo", "conjoining jamo compose into syllable blocks"),
        new(0x1700, 0x18AF, "Tagalog to Mongolian (Philippine scripts, Khmer, Mongolian)",
            "Khmer reorders and stacks subscript consonants; Mongolian letters join"),
        new(0x1900, 0x1CFF, "Limbu to Vedic Extensions (Southeast Asian Brahmic scripts)", "vowel signs reorder; marks stack"),
        new(0x200C, 0x200F, "zero-width non-joiner, joiner, left-to-right and right-to-left marks",
            "controls that shaping and the bidirectional algorithm interpret and do not draw"),
        new(0x202A, 0x202E, "bidirectional embeddings and overrides", "invisible direction controls, not drawn"),
        new(0x2066, 0x2069, "bidirectional isolates", "invisible direction controls, not drawn"),
        new(0xA800, 0xABFF, "Syloti Nagri to Meetei Mayek (South and Southeast Asian scripts)", "vowel signs reorder; marks stack"),
        new(0xD7B0, 0xD7FF, "Hangul Jamo Extended-B", "conjoining jamo compose into syllable blocks"),
        new(0xFB1D, 0xFB4F, "Hebrew presentation forms", "right to left"),
        new(0xFB50, 0xFDFF, "Arabic Presentation Forms-A", "right to left"),
        new(0xFE00, 0xFE0F, "variation selectors", "select a glyph variant of the character before; not drawn themselves"),
        new(0xFE70, 0xFEFF, "Arabic Presentation Forms-B", "right to left"),
        new(0x10800, 0x10FFF, "Cypriot to Old Uyghur and the other historic right-to-left scripts", "right to left; some join"),
        new(0x11000, 0x11FFF, "Brahmi to Tamil Supplement (historic Brahmic scripts)", "vowel signs reorder; conjuncts"),
        new(0x1E800, 0x1EFFF, "Mende Kikakui, Adlam, Indic Siyaq, Arabic mathematical symbols", "right to left; Adlam joins"),
        new(0xE0100, 0xE01EF, "variation selectors supplement", "select a glyph variant of the character before; not drawn themselves"),
    ];

    /// <summary>Whether any character of <paramref name="text"/> needs shaping (<see cref="NeedsShaping(int)"/>).</summary>
    internal static bool NeedsShaping(string text)
    {
        ReadOnlySpan<char> rest = text;
        while (!rest.IsEmpty)
        {
            // Below U+0300 (Latin, Latin-1, Latin Extended, IPA, spacing modifiers) nothing needs shaping: no decoding.
            if (rest[0] < 0x0300)
            {
                rest = rest[1..];
                continue;
            }
            // A lone surrogate decodes as U+FFFD, which needs no shaping, as it draws one replacement glyph either way.
            Rune.DecodeFromUtf16(rest, out Rune rune, out int used);
            if (NeedsShaping(rune.Value)) return true;
            rest = rest[used..];
        }
        return false;
    }

    /// <summary>
    /// Whether code point <paramref name="codePoint"/> needs shaping: it is in one of <see cref="Ranges"/>, or it is a
    /// combining mark (Unicode categories Mn, Mc, Me: the font's mark attachment places it on its base letter, which
    /// drawing one advance per character does not), or a format control (Cf: soft hyphen aside, joiners and
    /// direction marks, which shaping applies and hides where plain drawing shows the font's empty box).
    /// </summary>
    internal static bool NeedsShaping(int codePoint)
    {
        if (codePoint < 0x0300) return false;
        if (IsMarkOrFormat(CharUnicodeInfo.GetUnicodeCategory(codePoint))) return true;
        // Binary search: the ranges are sorted and disjoint.
        int low = 0, high = Ranges.Length - 1;
        while (low <= high)
        {
            int middle = (low + high) / 2;
            ComplexRange range = Ranges[middle];
            if (codePoint < range.First) high = middle - 1;
            else if (codePoint > range.Last) low = middle + 1;
            else return true;
        }
        return false;
    }

    /// <summary>
    /// Combining marks (Mn, Mc, Me) and format controls (Cf): characters that modify the one before them rather than
    /// stand alone, so they need shaping and stay in their base character's font run (<see cref="FontRuns"/>).
    /// </summary>
    internal static bool IsMarkOrFormat(UnicodeCategory category) => category is UnicodeCategory.NonSpacingMark
        or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format;
}
