using SkiaSharp;
using HarfBuzzSharp;
using Buffer = HarfBuzzSharp.Buffer;

namespace FastDense.Plotting;

/// <summary>
/// A label shaped with HarfBuzz: its glyphs in visual order, left to right, with their positions and its width. Used
/// only for labels <see cref="PlotText.IsPlain"/> turns away (right-to-left or shaping scripts, combining marks, or
/// characters only a fallback font has); no other code touches HarfBuzzSharp, so a process whose labels are all plain
/// never loads it.
/// </summary>
/// <remarks>
/// The label is cut into items that share an embedding level (<see cref="Bidi"/>), a font (<see cref="FontRuns"/>,
/// <see cref="FallbackFonts"/>) and a script (HarfBuzz's Unicode data; characters common to all scripts, such as spaces
/// and digits, join the item before them). Each item is shaped in its direction with the whole label as context, so
/// Arabic letters join across a change of font, and the items are placed in the visual order of rule L2.
/// </remarks>
internal sealed class ShapedText
{
    private readonly GlyphRun[] _runs;

    private ShapedText(GlyphRun[] runs, float width)
    {
        _runs = runs;
        Width = width;
    }

    /// <summary>The advance width of the whole label, in pixels: what alignment and layout use.</summary>
    public float Width { get; }

    /// <summary>The glyph ids, in visual order (leftmost first), of every run; for tests.</summary>
    internal IEnumerable<(SKTypeface Typeface, ushort Glyph)> Glyphs => _runs.SelectMany(r => r.Glyphs.Select(g => (r.Typeface, g)));

    /// <summary>Shapes <paramref name="text"/> in <paramref name="font"/>, with fallback typefaces for the characters its typeface lacks.</summary>
    internal static ShapedText Shape(string text, SKFont font)
    {
        SKTypeface primary = font.Typeface;
        var typefaces = new List<SKTypeface> { primary };
        List<FontRun> fontRuns = FontRuns.Split(text, codePoint =>
        {
            if (primary.ContainsGlyph(codePoint)) return 0;
            SKTypeface? fallback = FallbackFonts.For(primary, codePoint);
            if (fallback is null) return 0;   // no installed font has it: the primary font's empty box, as unshaped
            int index = typefaces.IndexOf(fallback);
            if (index < 0)
            {
                index = typefaces.Count;
                typefaces.Add(fallback);
            }
            return index;
        });

        byte[] levels = Bidi.ResolveLevels(text, out _);
        var fonts = new int[text.Length];
        foreach (FontRun run in fontRuns) fonts.AsSpan(run.Start, run.Length).Fill(run.Font);
        Script[] scripts = Scripts(text);

        // Items: maximal stretches with one level, font and script, in logical order.
        var items = new List<(int Start, int Length)>();
        for (int i = 1, start = 0; i <= text.Length; i++)
        {
            if (i < text.Length && levels[i] == levels[start] && fonts[i] == fonts[start] && scripts[i] == scripts[start]) continue;
            items.Add((start, i - start));
            start = i;
        }

        var itemLevels = items.Select(item => levels[item.Start]).ToArray();
        var runs = new List<GlyphRun>(items.Count);
        float pen = 0;
        foreach (int index in Bidi.VisualOrder(itemLevels))
        {
            (int start, int length) = items[index];
            SKTypeface typeface = typefaces[fonts[start]];
            GlyphRun run = ShapeItem(text, start, length, (itemLevels[index] & 1) == 1, scripts[start], typeface, font, pen);
            runs.Add(run);
            pen += run.Advance;
        }
        return new ShapedText(runs.ToArray(), pen);
    }

    /// <summary>Draws the label with its left end at <paramref name="x"/> and its baseline at <paramref name="y"/>.</summary>
    internal void Draw(SKCanvas canvas, float x, float y, SKFont font, SKPaint paint)
    {
        using var builder = new SKTextBlobBuilder();
        foreach (GlyphRun run in _runs)
        {
            if (run.Glyphs.Length == 0) continue;
            // A fallback typeface is drawn at the label font's size and settings.
            using SKFont? own = ReferenceEquals(run.Typeface, font.Typeface) ? null : Like(font, run.Typeface);
            SKPositionedRunBuffer buffer = builder.AllocatePositionedRun(own ?? font, run.Glyphs.Length);
            buffer.SetGlyphs(run.Glyphs);
            buffer.SetPositions(run.Positions);
        }
        using SKTextBlob? blob = builder.Build();
        if (blob is not null) canvas.DrawText(blob, x, y, paint);
    }

    /// <summary>Shapes one item; positions are relative to the label's left end, <paramref name="pen"/> where the item starts.</summary>
    private static GlyphRun ShapeItem(string text, int start, int length, bool rightToLeft, Script script, SKTypeface typeface, SKFont font, float pen)
    {
        HarfBuzzSharp.Font shaper = HarfBuzzFonts.For(typeface);
        using var buffer = new Buffer
        {
            Direction = rightToLeft ? Direction.RightToLeft : Direction.LeftToRight,
            Script = script,
        };
        // The whole label goes in, the item marked within it: the characters around it are context (joining, marks).
        buffer.AddUtf16(text, start, length);
        // Fills what is left unset: the language (the default, which picks no language-specific forms).
        buffer.GuessSegmentProperties();
        shaper.Shape(buffer);

        ReadOnlySpan<GlyphInfo> infos = buffer.GetGlyphInfoSpan();
        ReadOnlySpan<GlyphPosition> positions = buffer.GetGlyphPositionSpan();
        // Font units to pixels, as SkiaSharp scales unhinted (linear) advances.
        float scaleY = font.Size / typeface.UnitsPerEm;
        float scaleX = scaleY * font.ScaleX;
        var glyphs = new ushort[infos.Length];
        var points = new SKPoint[infos.Length];
        float x = pen;
        for (int i = 0; i < infos.Length; i++)
        {
            glyphs[i] = (ushort)infos[i].Codepoint;   // after shaping, a glyph id
            points[i] = new SKPoint(x + positions[i].XOffset * scaleX, -positions[i].YOffset * scaleY);
            x += positions[i].XAdvance * scaleX;
        }
        return new GlyphRun(typeface, glyphs, points, x - pen);
    }

    /// <summary>
    /// The script of each UTF-16 unit, for HarfBuzz to pick its shaper: characters common to all scripts (spaces,
    /// digits, punctuation) or inheriting one (marks) take the script before them, or at the start the first one after.
    /// </summary>
    private static Script[] Scripts(string text)
    {
        var scripts = new Script[text.Length];
        UnicodeFunctions unicode = UnicodeFunctions.Default;
        Script current = Script.Invalid;
        int firstResolved = -1;
        for (int i = 0; i < text.Length;)
        {
            int codePoint = char.IsSurrogatePair(text, i) ? char.ConvertToUtf32(text[i], text[i + 1]) : text[i];
            int units = codePoint > 0xFFFF ? 2 : 1;
            Script script = unicode.GetScript(codePoint);
            if (script != Script.Common && script != Script.Inherited && script != Script.Unknown)
            {
                current = script;
                if (firstResolved < 0) firstResolved = i;
            }
            scripts.AsSpan(i, units).Fill(current);
            i += units;
        }
        if (firstResolved > 0) scripts.AsSpan(0, firstResolved).Fill(scripts[firstResolved]);
        // No script of its own at all (digits and punctuation with a mark): HarfBuzz's common shaping.
        if (firstResolved < 0) scripts.AsSpan().Fill(Script.Common);
        return scripts;
    }

    /// <summary>A font like <paramref name="font"/> (size, scale, rendering settings) with another typeface.</summary>
    private static SKFont Like(SKFont font, SKTypeface typeface) => new(typeface, font.Size, font.ScaleX, font.SkewX)
    {
        Subpixel = font.Subpixel,
        LinearMetrics = font.LinearMetrics,
        Edging = font.Edging,
        Hinting = font.Hinting,
        Embolden = font.Embolden,
        BaselineSnap = font.BaselineSnap,
    };

    /// <summary>One shaped item: its typeface, glyphs and their positions from the label's left end, and its advance.</summary>
    private sealed record GlyphRun(SKTypeface Typeface, ushort[] Glyphs, SKPoint[] Positions, float Advance);
}
