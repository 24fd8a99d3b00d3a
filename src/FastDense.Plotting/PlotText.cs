using System.Runtime.CompilerServices;
using SkiaSharp;

namespace FastDense.Plotting;

/// <summary>
/// How the plot measures and draws a string in one font. A string that needs no shaping and no fallback font (every
/// Latin, Greek or Cyrillic label, every tick label) is measured and drawn by SkiaSharp directly, one glyph per
/// character; any other is shaped with HarfBuzz (<see cref="ShapedText"/>), and measured by the same shaping, so
/// margins, the legend box and alignment follow the glyphs actually drawn.
/// </summary>
/// <remarks>
/// The shaping path is reached only through methods of its own that the JIT compiles when first called, so a process
/// whose labels are all plain neither compiles it nor loads HarfBuzzSharp (a test runs such a process to check).
/// </remarks>
internal sealed class PlotText
{
    private readonly bool _shaping;
    // Each shaped label is measured during layout, then drawn: shaped once.
    private Dictionary<string, ShapedText>? _shaped;

    /// <summary>Text in <paramref name="font"/>; with <paramref name="shaping"/> false, every string is drawn plain (as before shaping existed; tests compare against it).</summary>
    internal PlotText(SKFont font, bool shaping = true)
    {
        Font = font;
        _shaping = shaping;
    }

    /// <summary>The font: its size and metrics place the text.</summary>
    internal SKFont Font { get; }

    /// <summary>The advance width of <paramref name="text"/> in pixels, as it will be drawn.</summary>
    internal float Measure(string text) => !_shaping || IsPlain(text, Font) ? Font.MeasureText(text) : MeasureShaped(text);

    /// <summary>
    /// Draws <paramref name="text"/> with its baseline at <paramref name="y"/> and its left end, middle or right end
    /// (<paramref name="align"/>) at <paramref name="x"/>.
    /// </summary>
    internal void Draw(SKCanvas canvas, string text, float x, float y, SKTextAlign align, SKPaint paint)
    {
        if (!_shaping || IsPlain(text, Font))
        {
            canvas.DrawText(text, x, y, align, Font, paint);
            return;
        }
        DrawShaped(canvas, text, x, y, align, paint);
    }

    /// <summary>
    /// Whether <paramref name="text"/> is drawn without shaping: it needs none (<see cref="ComplexText.NeedsShaping(string)"/>)
    /// and <paramref name="font"/> has all its characters, or no installed font has the ones it lacks (they are then
    /// drawn as the font's empty box either way). ASCII is decided without asking the font: every font has it.
    /// </summary>
    internal static bool IsPlain(string text, SKFont font)
    {
        foreach (char c in text)
        {
            if (c >= 0x80) return IsPlainBeyondAscii(text, font);
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsPlainBeyondAscii(string text, SKFont font)
        => !ComplexText.NeedsShaping(text) && (font.ContainsGlyphs(text) || !FallbackFonts.AnyFor(text, font.Typeface));

    // The shaping path: never inlined into Measure or Draw, so compiling those does not load HarfBuzzSharp.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private float MeasureShaped(string text) => Shaped(text).Width;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void DrawShaped(SKCanvas canvas, string text, float x, float y, SKTextAlign align, SKPaint paint)
    {
        ShapedText shaped = Shaped(text);
        float left = align switch
        {
            SKTextAlign.Center => x - shaped.Width / 2,
            SKTextAlign.Right => x - shaped.Width,
            _ => x,
        };
        shaped.Draw(canvas, left, y, Font, paint);
    }

    /// <summary>The shaped form of <paramref name="text"/>, shaped on first use.</summary>
    internal ShapedText Shaped(string text)
    {
        _shaped ??= [];
        if (!_shaped.TryGetValue(text, out ShapedText? shaped)) _shaped[text] = shaped = ShapedText.Shape(text, Font);
        return shaped;
    }
}
