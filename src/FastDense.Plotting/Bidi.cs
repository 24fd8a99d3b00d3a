using System.Globalization;
using System.Text;

namespace FastDense.Plotting;

/// <summary>
/// The order in which a label's characters appear: the implicit rules of the Unicode Bidirectional Algorithm (UAX #9)
/// for one line of one paragraph, so that a Hebrew or Arabic label reads right to left while a number or a Latin word
/// inside it still reads left to right ("דיוק 95%" shows the 95% left of the word, as every browser shows it).
/// </summary>
/// <remarks>
/// A label is one short line, so what UAX #9 has for paragraphs, line breaks and explicit embeddings is left out: the
/// paragraph direction is its first strong letter's (rules P2-P3), and the explicit embedding, override and isolate
/// controls (U+202A-U+202E, U+2066-U+2069) are ignored like the other format controls. The character types come from
/// Unicode blocks and categories (<see cref="ClassOf"/>) rather than from the Unicode database's Bidi_Class, which .NET
/// does not expose; they agree for letters, digits and the common number signs and separators. Arabic letters (AL) are
/// taken as R, so rule W2 (European digits after Arabic letters become Arabic numbers) does not apply; it changes how
/// separators between such digits resolve, not where the digits go.
/// </remarks>
internal static class Bidi
{
    /// <summary>
    /// The embedding level of each UTF-16 unit of <paramref name="text"/> (even: left to right; odd: right to left;
    /// 0 to 2), and the paragraph's level: 1 when its first strong letter is right-to-left, else 0. Both units of a
    /// surrogate pair get their character's level.
    /// </summary>
    internal static byte[] ResolveLevels(string text, out byte paragraphLevel)
    {
        int n = text.Length;
        var types = new BidiClass[n];
        for (int i = 0; i < n;)
        {
            int length = 1;
            BidiClass type = BidiClass.ON;   // a lone surrogate
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out Rune rune, out int used) == System.Buffers.OperationStatus.Done)
            {
                type = ClassOf(rune.Value);
                length = used;
            }
            for (int k = 0; k < length; k++) types[i + k] = type;
            i += length;
        }

        // P2-P3: the first strong type sets the paragraph's direction; none (digits, punctuation) is left to right.
        paragraphLevel = 0;
        foreach (BidiClass type in types)
        {
            if (type is BidiClass.L or BidiClass.R)
            {
                paragraphLevel = type == BidiClass.R ? (byte)1 : (byte)0;
                break;
            }
        }
        // Without explicit embeddings the whole line is one level run, whose start and end of sequence (sos, eos) are
        // the paragraph's direction.
        BidiClass edge = paragraphLevel == 1 ? BidiClass.R : BidiClass.L;

        // W1: a mark takes the type of the character before it (sos at the start).
        for (int i = 0; i < n; i++)
        {
            if (types[i] == BidiClass.NSM) types[i] = i == 0 ? edge : types[i - 1];
        }
        // W4: one separator between two digits of the same kind joins them (ES only between European digits).
        for (int i = 1; i < n - 1; i++)
        {
            BidiClass before = types[i - 1], after = types[i + 1];
            if (types[i] == BidiClass.ES && before == BidiClass.EN && after == BidiClass.EN) types[i] = BidiClass.EN;
            else if (types[i] == BidiClass.CS && before == after && before is BidiClass.EN or BidiClass.AN) types[i] = before;
        }
        // W5: terminators next to a European digit belong to the number ("50%", "$5").
        for (int i = 0; i < n; i++)
        {
            if (types[i] != BidiClass.ET) continue;
            int end = i;
            while (end < n && types[end] == BidiClass.ET) end++;
            bool byDigit = (i > 0 && types[i - 1] == BidiClass.EN) || (end < n && types[end] == BidiClass.EN);
            if (byDigit) types.AsSpan(i, end - i).Fill(BidiClass.EN);
            i = end - 1;
        }
        // W6: separators and terminators left over are neutral. W7: European digits after a left-to-right letter (or at
        // the start of a left-to-right line) are left to right.
        BidiClass lastStrong = edge;
        for (int i = 0; i < n; i++)
        {
            if (types[i] is BidiClass.ES or BidiClass.ET or BidiClass.CS) types[i] = BidiClass.ON;
            else if (types[i] is BidiClass.L or BidiClass.R) lastStrong = types[i];
            else if (types[i] == BidiClass.EN && lastStrong == BidiClass.L) types[i] = BidiClass.L;
        }
        // N1-N2: a run of neutrals takes the direction of the text on both sides when they agree (digits count as
        // right to left), else the paragraph's.
        for (int i = 0; i < n; i++)
        {
            if (types[i] != BidiClass.ON) continue;
            int end = i;
            while (end < n && types[end] == BidiClass.ON) end++;
            BidiClass before = i == 0 ? edge : Direction(types[i - 1]);
            BidiClass after = end == n ? edge : Direction(types[end]);
            types.AsSpan(i, end - i).Fill(before == after ? before : edge);
            i = end - 1;
        }
        // I1-I2: levels from the resolved types.
        var levels = new byte[n];
        for (int i = 0; i < n; i++)
        {
            BidiClass type = types[i];
            levels[i] = (byte)(paragraphLevel == 0
                ? type switch { BidiClass.R => 1, BidiClass.EN or BidiClass.AN => 2, _ => 0 }
                : type switch { BidiClass.L or BidiClass.EN or BidiClass.AN => 2, _ => 1 });
        }
        return levels;
    }

    /// <summary>For rule N1: digits count as right-to-left text.</summary>
    private static BidiClass Direction(BidiClass type) => type == BidiClass.L ? BidiClass.L : BidiClass.R;

    /// <summary>
    /// Rule L2: the visual order of items (characters or runs of them) with these embedding levels, left to right, as
    /// indices into <paramref name="levels"/>. From the highest level down to the lowest odd one, every stretch of items
    /// at that level or higher is reversed.
    /// </summary>
    internal static int[] VisualOrder(IReadOnlyList<byte> levels)
    {
        int n = levels.Count;
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        if (n == 0) return order;

        byte highest = 0, lowestOdd = byte.MaxValue;
        foreach (byte level in levels)
        {
            highest = Math.Max(highest, level);
            if ((level & 1) == 1) lowestOdd = Math.Min(lowestOdd, level);
        }
        for (int level = highest; level >= lowestOdd && level > 0; level--)
        {
            for (int i = 0; i < n; i++)
            {
                if (levels[order[i]] < level) continue;
                int end = i;
                while (end < n && levels[order[end]] >= level) end++;
                order.AsSpan(i, end - i).Reverse();
                i = end;
            }
        }
        return order;
    }

    /// <summary>
    /// The bidirectional type of <paramref name="codePoint"/>, from its block and Unicode category: a letter or other
    /// non-digit of a right-to-left block is R, any other letter, spacing mark or digit L, except the digits and
    /// number signs that UAX #9 gives a type of their own; combining marks and format controls take the type before
    /// them; the rest (spaces, punctuation, symbols) is neutral.
    /// </summary>
    internal static BidiClass ClassOf(int codePoint)
    {
        switch (codePoint)
        {
            case >= '0' and <= '9':
            case 0x00B2 or 0x00B3 or 0x00B9:       // superscript two, three, one
            case 0x2070 or (>= 0x2074 and <= 0x2079) or (>= 0x2080 and <= 0x2089):   // superscript and subscript digits
            case >= 0x06F0 and <= 0x06F9:          // extended Arabic-Indic digits (Persian, Urdu): European in UAX #9
            case >= 0xFF10 and <= 0xFF19:          // full-width digits
                return BidiClass.EN;
            case >= 0x0660 and <= 0x0669:          // Arabic-Indic digits
            case 0x066B or 0x066C:                 // Arabic decimal and thousands separators
                return BidiClass.AN;
            case '+' or '-' or 0x2212 or 0x207A or 0x207B or 0x208A or 0x208B or 0xFF0B or 0xFF0D:
                return BidiClass.ES;
            case '#' or '$' or '%' or 0x00B0 or 0x00B1 or (>= 0x2030 and <= 0x2034) or 0x066A or 0xFF03 or 0xFF04 or 0xFF05:
                return BidiClass.ET;
            case ',' or '.' or '/' or ':' or 0x00A0 or 0x060C or 0x202F or 0x2044 or 0xFF0C or 0xFF0E or 0xFF0F or 0xFF1A:
                return BidiClass.CS;
            case 0x200E:                           // left-to-right mark
                return BidiClass.L;
            case 0x200F or 0x061C:                 // right-to-left mark, Arabic letter mark
                return BidiClass.R;
        }

        UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format) return BidiClass.NSM;
        if (category == UnicodeCategory.CurrencySymbol) return BidiClass.ET;
        if (IsRightToLeftBlock(codePoint) && category != UnicodeCategory.OtherNotAssigned) return BidiClass.R;
        return category switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber => BidiClass.L,
            _ => BidiClass.ON,
        };
    }

    /// <summary>
    /// The blocks of right-to-left scripts: Hebrew to Arabic Extended-A, the Hebrew and Arabic presentation forms
    /// (less the variation selectors and other blocks between them), and the right-to-left parts of planes 1.
    /// </summary>
    private static bool IsRightToLeftBlock(int codePoint) => codePoint switch
    {
        >= 0x0590 and <= 0x08FF => true,
        >= 0xFB1D and <= 0xFDFF => true,
        >= 0xFE70 and <= 0xFEFE => true,
        >= 0x10800 and <= 0x10FFF => true,
        >= 0x1E800 and <= 0x1EFFF => true,
        _ => false,
    };
}
