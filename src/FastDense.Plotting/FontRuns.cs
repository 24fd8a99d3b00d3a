using System.Text;

namespace FastDense.Plotting;

/// <summary>Splits a string into runs by the font that draws each character, for font fallback.</summary>
internal static class FontRuns
{
    /// <summary>
    /// The runs of <paramref name="text"/>, in logical order, each the longest stretch whose characters
    /// <paramref name="fontOf"/> gives the same font (0 for the label's own font). Combining marks and format controls
    /// (joiners, variation selectors) are not looked up: they stay in the run of the character they modify, since a
    /// mark can only be placed on a letter of its own font. A surrogate pair is one character; a lone surrogate is
    /// looked up as U+FFFD.
    /// </summary>
    internal static List<FontRun> Split(string text, Func<int, int> fontOf)
    {
        var runs = new List<FontRun>();
        int start = 0, font = 0;
        for (int i = 0; i < text.Length;)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out Rune rune, out int used);
            // Marks and format controls belong to the character before them.
            bool clinging = i > 0 && ComplexText.IsMarkOrFormat(Rune.GetUnicodeCategory(rune));
            int next = clinging ? font : fontOf(rune.Value);
            if (i > 0 && next != font)
            {
                runs.Add(new FontRun(start, i - start, font));
                start = i;
            }
            font = next;
            i += used;
        }
        if (text.Length > 0) runs.Add(new FontRun(start, text.Length - start, font));
        return runs;
    }
}
