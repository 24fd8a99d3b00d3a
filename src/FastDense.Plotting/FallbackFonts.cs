using System.Text;
using SkiaSharp;

namespace FastDense.Plotting;

/// <summary>
/// Finds an installed font for a character the label's font lacks (DejaVu Sans has no Chinese, Japanese or Korean, for
/// instance), so it is drawn rather than shown as the font's empty box. Only asked when a label has such a character.
/// </summary>
/// <remarks>
/// SkiaSharp's font manager answers <see cref="SKFontManager.MatchCharacter(string, SKFontStyle, string[], int)"/>
/// on Windows and macOS from the system's own fallback lists. The Linux native library this package ships
/// (NoDependencies: no fontconfig) reads the fonts in /usr/share/fonts itself and always answers null, even for a
/// character an installed font has; so when it answers nothing, the installed families are searched in the font
/// manager's order, and the first that has the character is taken. The answers are kept for the process: typefaces are
/// immutable and safe to share between threads, and fonts are not installed while a plot is drawn.
/// </remarks>
internal static class FallbackFonts
{
    private static readonly Lock s_lock = new();
    private static readonly Dictionary<(SKTypeface Primary, int CodePoint), SKTypeface?> s_found = [];
    private static SKTypeface[]? s_installed;

    /// <summary>
    /// A typeface other than <paramref name="primary"/>'s family that has <paramref name="codePoint"/>; null when no
    /// installed font has the character. The installed families are taken in the style of the first primary asked
    /// about (the plot's fonts all have the regular style), or each family's nearest to it.
    /// </summary>
    internal static SKTypeface? For(SKTypeface primary, int codePoint)
    {
        lock (s_lock)
        {
            if (s_found.TryGetValue((primary, codePoint), out SKTypeface? known)) return known;
            SKTypeface? found = Find(primary, codePoint);
            s_found[(primary, codePoint)] = found;
            return found;
        }
    }

    /// <summary>Whether some character of <paramref name="text"/> that <paramref name="primary"/> lacks has a fallback.</summary>
    internal static bool AnyFor(string text, SKTypeface primary)
    {
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (!primary.ContainsGlyph(rune.Value) && For(primary, rune.Value) is not null) return true;
        }
        return false;
    }

    private static SKTypeface? Find(SKTypeface primary, int codePoint)
    {
        SKFontManager manager = SKFontManager.Default;
        SKTypeface? matched = manager.MatchCharacter(primary.FamilyName, primary.FontStyle, null, codePoint);
        if (matched is not null && matched.ContainsGlyph(codePoint)) return matched;

        s_installed ??= Installed(manager, primary.FontStyle);
        foreach (SKTypeface typeface in s_installed)
        {
            if (typeface.FamilyName != primary.FamilyName && typeface.ContainsGlyph(codePoint)) return typeface;
        }
        return null;
    }

    /// <summary>One typeface per installed family, in <paramref name="style"/> or the family's nearest to it.</summary>
    private static SKTypeface[] Installed(SKFontManager manager, SKFontStyle style)
    {
        var typefaces = new List<SKTypeface>();
        foreach (string family in manager.FontFamilies)
        {
            if (manager.MatchFamily(family, style) is { } typeface) typefaces.Add(typeface);
        }
        return typefaces.ToArray();
    }
}
