using SkiaSharp;
using SkiaSharp.HarfBuzz;
using HarfBuzzFont = HarfBuzzSharp.Font;

namespace FastDense.Plotting;

/// <summary>
/// HarfBuzz's view of each typeface labels are shaped with, made once per process: reading the font's tables is the
/// costly part, and a HarfBuzz font is safe to shape with from several threads at once (each shaping has its own
/// buffer). Never disposed: they live as long as the typefaces, which live as long as the process.
/// </summary>
/// <remarks>
/// Only <see cref="ShapedText"/> uses this class, so HarfBuzzSharp is loaded only when a label needs shaping.
/// </remarks>
internal static class HarfBuzzFonts
{
    private static readonly Lock s_lock = new();
    private static readonly Dictionary<SKTypeface, HarfBuzzFont> s_fonts = new(ReferenceEqualityComparer.Instance);
    // The font files' streams: a blob made from a stream that maps its file points into the stream's memory, so the
    // streams must outlive the fonts, which live as long as the process.
    private static readonly List<SKStreamAsset> s_streams = [];

    /// <summary>
    /// The HarfBuzz font of <paramref name="typeface"/>, scaled to its units per em: shaping then returns positions in
    /// font units, exact, which <see cref="ShapedText"/> scales to the text size as SkiaSharp scales unhinted advances.
    /// </summary>
    internal static HarfBuzzFont For(SKTypeface typeface)
    {
        lock (s_lock)
        {
            if (s_fonts.TryGetValue(typeface, out HarfBuzzFont? known)) return known;

            SKStreamAsset stream = typeface.OpenStream(out int index)
                ?? throw new InvalidOperationException($"SkiaSharp cannot read the font file of '{typeface.FamilyName}' for shaping.");
            s_streams.Add(stream);
            // The face and the font hold their own references to the blob, so these wrappers can go.
            using HarfBuzzSharp.Blob blob = stream.ToHarfBuzzBlob();
            using var face = new HarfBuzzSharp.Face(blob, index);
            var font = new HarfBuzzFont(face);
            font.SetScale(face.UnitsPerEm, face.UnitsPerEm);
            // HarfBuzz's own OpenType tables reader for advances and glyphs, not callbacks into managed code.
            font.SetFunctionsOpenType();
            s_fonts[typeface] = font;
            return font;
        }
    }
}
