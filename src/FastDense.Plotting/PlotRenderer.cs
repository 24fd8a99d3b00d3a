using System.Globalization;
using System.Text;
using SkiaSharp;

namespace FastDense.Plotting;

/// <summary>
/// Draws resolved series directly on a SkiaSharp canvas, styled after matplotlib's defaults so the picture reads like
/// the Keras lesson's: white figure, framed data area without grid, outward ticks at round values
/// (<see cref="AxisTicks.Choose"/>), DejaVu Sans at 10 points (14 pixels at 100 dpi), 5% data margins, and a legend
/// box inside the data area. The margins around the data area are computed from the text actually drawn, so labels
/// fit at any image size and the data area takes the rest.
/// </summary>
/// <remarks>
/// Everything is drawn with a handful of SkiaSharp calls (paths, rectangles, text): the plot is usually the last step
/// of a short program, where loading and compiling a charting library's code would cost more than the drawing itself.
/// Text goes through <see cref="PlotText"/>, which draws Latin, Greek and Cyrillic labels as plain SkiaSharp text and
/// shapes only the labels that need it (right-to-left and Indic scripts, fallback fonts).
/// </remarks>
internal static class PlotRenderer
{
    // matplotlib's default font, when the machine has it; the font manager's default otherwise.
    private const string FontName = "DejaVu Sans";

    // Sizes are matplotlib's defaults in points converted at its 100 dpi (1 pt = 100/72 px).
    private const float Point = 100f / 72f;
    internal const float TextSize = 14f;              // font.size 10 pt
    private const float TitleSize = 12f * Point;      // axes.titlesize 'large'
    private const float TickLength = 3.5f * Point;    // xtick.major.size
    private const float TickPad = 3.5f * Point;       // xtick.major.pad: tick end to its label
    private const float LabelPad = 4f * Point;        // axes.labelpad: tick labels to the axis label
    private const float TitlePad = 6f * Point;        // axes.titlepad
    // axes.linewidth is 0.8 pt (1.1 px); one whole pixel on the pixel grid keeps the frame and ticks crisp.
    private const float FrameWidth = 1f;
    // Blank border between the figure's edge and the outermost text.
    private const float Border = 8f;

    // The legend's spacing in font sizes (legend.borderpad, handlelength, handletextpad, labelspacing, borderaxespad).
    private const float LegendPad = 0.4f * TextSize;
    private const float LegendHandle = 2f * TextSize;
    private const float LegendHandlePad = 0.8f * TextSize;
    private const float LegendSpacing = 0.5f * TextSize;
    private const float LegendInset = 0.5f * TextSize;
    private const float LegendCorner = 0.2f * TextSize;
    // legend.framealpha 0.8 over white; legend.edgecolor '0.8'.
    private static readonly SKColor LegendFill = new(255, 255, 255, 204);
    private static readonly SKColor LegendEdge = new(0xcc, 0xcc, 0xcc);

    // matplotlib's candidate order for 'best'; its first location with the least overlap wins.
    private static readonly LegendLocation[] BestOrder =
    [
        LegendLocation.UpperRight, LegendLocation.UpperLeft, LegendLocation.LowerLeft, LegendLocation.LowerRight,
        LegendLocation.Right, LegendLocation.CenterLeft, LegendLocation.CenterRight, LegendLocation.LowerCenter,
        LegendLocation.UpperCenter, LegendLocation.Center,
    ];

    // The picture is mostly runs of one colour along rows, which the Sub filter turns into zeros for zlib. Trying
    // every filter on every row and zlib's thorough levels (Skia's default) take longer than the few bytes they save.
    private static readonly SKPngEncoderOptions PngOptions = new(SKPngEncoderFilterFlags.Sub, zLibLevel: 3);

    // Found once per process: the font manager's lookup is the costly part, and a typeface is immutable and shared
    // safely between threads. Never disposed: it lives as long as the process that plots.
    private static readonly Lazy<SKTypeface> s_typeface = new(() => SKTypeface.FromFamilyName(FontName) ?? SKTypeface.Default);

    /// <summary>
    /// Renders <paramref name="series"/> (already checked) to the bytes of a PNG or SVG file. With
    /// <paramref name="shaping"/> false every string is drawn unshaped, as before shaping existed (tests compare
    /// against it).
    /// </summary>
    internal static byte[] Render(IReadOnlyList<PlotSeries> series, string yLabel, HistoryPlotOptions options, IReadOnlyList<SKColor> colors, PlotFormat format,
        bool shaping = true)
    {
        using SKFont textFont = CreateFont(TextSize);
        using SKFont titleFont = CreateFont(TitleSize);
        var text = new PlotText(textFont, shaping);
        var title = new PlotText(titleFont, shaping);

        Figure figure = Arrange(series, yLabel, options, text, title);
        Legend? legend = options.ShowLegend ? PlaceLegend(figure, series, options, text) : null;

        int width = options.Width, height = options.Height;
        if (format == PlotFormat.Svg)
        {
            using var stream = new MemoryStream();
            // The SVG document is complete only once the canvas is disposed.
            using (SKCanvas canvas = SKSvgCanvas.Create(SKRect.Create(width, height), stream))
            {
                Draw(canvas, figure, legend, series, options, colors, text, title);
            }
            return WithViewBox(stream.ToArray(), width, height);
        }

        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            Draw(canvas, figure, legend, series, options, colors, text, title);
        }
        using SKPixmap pixmap = bitmap.PeekPixels();
        using SKData png = pixmap.Encode(PngOptions)
            ?? throw new InvalidOperationException($"SkiaSharp could not encode a {width} x {height} PNG.");
        return png.ToArray();
    }

    /// <summary>
    /// The plot's font at <paramref name="size"/> pixels: unhinted advances, so text measures and spaces the same in PNG
    /// and SVG, and as the font designs it.
    /// </summary>
    internal static SKFont CreateFont(float size) => new(s_typeface.Value, size) { Subpixel = true, LinearMetrics = true };

    /// <summary>
    /// Where everything goes: the data ranges, the ticks, and the data area in pixels. The vertical budget (title, the
    /// top tick label's upper half, x tick labels, x label) and the horizontal one (y label, the widest y tick label,
    /// the last x tick label's right half) are measured from the text; the data area gets what remains.
    /// </summary>
    private static Figure Arrange(IReadOnlyList<PlotSeries> series, string yLabel, HistoryPlotOptions options, PlotText text, PlotText title)
    {
        (double xLow, double xHigh) = XRange(series, options.FirstEpoch);
        (double yLow, double yHigh) = YRange(series, options);

        float digits = DigitHeight(text.Font);
        float line = LineHeight(text.Font);
        bool hasTitle = !string.IsNullOrEmpty(options.Title);

        float top = Border + digits / 2;
        if (hasTitle) top = Math.Max(top, Border + LineHeight(title.Font) + TitlePad);
        float bottom = options.Height - Border - digits - TickPad - TickLength;
        if (options.XLabel.Length > 0) bottom -= line + LabelPad;
        bottom = Math.Max(bottom, top + 1);

        // Tick density as matplotlib's default locator picks it: about one tick per two font sizes of height and per
        // three of width (x labels are wider than they are tall), at most 9 intervals.
        AxisTicks yTicks = AxisTicks.Choose(yLow, yHigh, Intervals(bottom - top, 2 * TextSize), integer: false);
        float yTickWidth = 0;
        foreach (string label in yTicks.Labels) yTickWidth = Math.Max(yTickWidth, text.Measure(label));

        float left = Border + yTickWidth + TickPad + TickLength;
        if (yLabel.Length > 0) left += line + LabelPad;
        float right = Math.Max(options.Width - Border, left + 1);

        // Epochs are whole numbers: a tick at 2.5 would name an epoch that does not exist.
        AxisTicks xTicks = AxisTicks.Choose(xLow, xHigh, Intervals(right - left, 3 * TextSize), integer: true);
        if (xTicks.Values.Length > 0)
        {
            // The last x label is centred on its tick and may stand out past the frame: pull the frame in by as much.
            double last = xTicks.Values[^1];
            float lastX = left + (float)((last - xLow) / (xHigh - xLow)) * (right - left);
            float overflow = lastX + text.Measure(xTicks.Labels[^1]) / 2 - (options.Width - Border);
            if (overflow > 0) right = Math.Max(right - overflow, left + 1);
        }

        // Whole pixels, so the one-pixel frame and ticks fall on the pixel grid.
        var data = new SKRect(MathF.Round(left), MathF.Round(top), MathF.Round(right), MathF.Round(bottom));
        return new Figure(data, xLow, xHigh, yLow, yHigh, xTicks, yTicks, yTickWidth, yLabel);
    }

    /// <summary>How many tick intervals fit along <paramref name="length"/> pixels at one per <paramref name="perInterval"/>: 1 to 9.</summary>
    private static int Intervals(float length, float perInterval) => Math.Clamp((int)(length / perInterval), 1, 9);

    /// <summary>
    /// The x range: from the first to the last recorded epoch of any series drawn, non-finite values included (a
    /// diverged tail still shows as empty epochs), with matplotlib's 5% margins.
    /// </summary>
    private static (double Low, double High) XRange(IReadOnlyList<PlotSeries> series, int firstEpoch)
    {
        double first = double.PositiveInfinity, last = double.NegativeInfinity;
        foreach (PlotSeries s in series)
        {
            if (s.Epochs.Count == 0) continue;
            first = Math.Min(first, X(s, 0, firstEpoch));
            last = Math.Max(last, X(s, s.Epochs.Count - 1, firstEpoch));
        }
        // Only empty series (a val_ key that was never validated): one epoch's width at FirstEpoch, not an error.
        if (!double.IsFinite(first)) first = last = firstEpoch;
        return Pad(first, last);
    }

    /// <summary>The y range: the caller's limits, else the finite values' range with matplotlib's 5% margins.</summary>
    private static (double Low, double High) YRange(IReadOnlyList<PlotSeries> series, HistoryPlotOptions options)
    {
        if (options.YLimits is (double bottom, double top)) return (bottom, top);

        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (PlotSeries s in series)
        {
            foreach (double v in s.Values)
            {
                if (!double.IsFinite(v)) continue;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }
        // Nothing finite to draw (a run that diverged from its first epoch): an empty unit range, not an error.
        return double.IsFinite(min) ? Pad(min, max) : (0, 1);
    }

    private static (double Low, double High) Pad(double min, double max)
    {
        // Halves first, so that values near double's limits do not overflow the span.
        double margin = 0.05 * max - 0.05 * min;
        // A single epoch or a constant series has no span; a small fixed one keeps the point inside the frame.
        if (margin <= 0) margin = min == 0 ? 0.05 : Math.Abs(min) * 0.05;
        return (Math.Max(min - margin, double.MinValue), Math.Min(max + margin, double.MaxValue));
    }

    /// <summary>The x of value <paramref name="index"/> of <paramref name="series"/>: the epoch it was recorded at, shifted.</summary>
    private static double X(PlotSeries series, int index, int firstEpoch) => firstEpoch + (double)series.Epochs[index];

    /// <summary>
    /// Each series as runs of pixel points, one run per stretch of finite values, so that a NaN or infinite epoch
    /// leaves a gap as in matplotlib. Values of epochs that are not consecutive (validation every few epochs) are
    /// joined, as <c>plt.plot(epochs, values)</c> joins them. Shape: [series][run][point].
    /// </summary>
    private static List<List<SKPoint>>[] Runs(Figure figure, IReadOnlyList<PlotSeries> series, int firstEpoch)
    {
        var all = new List<List<SKPoint>>[series.Count];
        for (int s = 0; s < series.Count; s++)
        {
            var runs = all[s] = new List<List<SKPoint>>();
            List<SKPoint>? run = null;
            IReadOnlyList<double> values = series[s].Values;
            for (int i = 0; i < values.Count; i++)
            {
                if (!double.IsFinite(values[i]))
                {
                    run = null;
                    continue;
                }
                if (run is null) runs.Add(run = new List<SKPoint>());
                run.Add(figure.Pixel(X(series[s], i, firstEpoch), values[i]));
            }
        }
        return all;
    }

    private static void Draw(SKCanvas canvas, Figure figure, Legend? legend, IReadOnlyList<PlotSeries> series, HistoryPlotOptions options,
        IReadOnlyList<SKColor> colors, PlotText text, PlotText title)
    {
        SKRect data = figure.Data;
        canvas.Clear(SKColors.White);

        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var frame = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Stroke, StrokeWidth = FrameWidth };
        using var stroke = new SKPaint
        {
            Style = SKPaintStyle.Stroke,
            StrokeWidth = options.LineWidth,
            // matplotlib's solid_joinstyle 'round' and solid_capstyle 'projecting'.
            StrokeJoin = SKStrokeJoin.Round,
            StrokeCap = SKStrokeCap.Square,
            IsAntialias = true,
        };

        // The lines, clipped to the data area as matplotlib clips them to the axes; the frame goes over them.
        List<List<SKPoint>>[] runs = Runs(figure, series, options.FirstEpoch);
        canvas.Save();
        canvas.ClipRect(data);
        for (int s = 0; s < runs.Length; s++)
        {
            stroke.Color = colors[s % colors.Count];
            foreach (List<SKPoint> run in runs[s])
            {
                if (run.Count < 2) continue;   // one point between gaps is no line, as in matplotlib without markers
                using var path = new SKPath();
                path.MoveTo(run[0]);
                for (int i = 1; i < run.Count; i++) path.LineTo(run[i]);
                canvas.DrawPath(path, stroke);
            }
        }
        canvas.Restore();

        // The frame's pixels are the outermost rows and columns of the data area.
        const float Half = FrameWidth / 2;
        canvas.DrawRect(new SKRect(data.Left + Half, data.Top + Half, data.Right - Half, data.Bottom - Half), frame);

        // Ticks on pixel centres, and a tick at an end of the range on the frame's own pixels rather than just outside.
        float digits = DigitHeight(text.Font);
        for (int i = 0; i < figure.XTicks.Values.Length; i++)
        {
            float x = Math.Clamp(MathF.Floor(figure.Pixel(figure.XTicks.Values[i], figure.YLow).X), data.Left, data.Right - 1) + Half;
            canvas.DrawLine(x, data.Bottom, x, data.Bottom + TickLength, frame);
            text.Draw(canvas, figure.XTicks.Labels[i], x, data.Bottom + TickLength + TickPad + digits, SKTextAlign.Center, ink);
        }
        for (int i = 0; i < figure.YTicks.Values.Length; i++)
        {
            float y = Math.Clamp(MathF.Floor(figure.Pixel(figure.XLow, figure.YTicks.Values[i]).Y), data.Top, data.Bottom - 1) + Half;
            canvas.DrawLine(data.Left - TickLength, y, data.Left, y, frame);
            text.Draw(canvas, figure.YTicks.Labels[i], data.Left - TickLength - TickPad, y + digits / 2, SKTextAlign.Right, ink);
        }

        SKFontMetrics metrics = text.Font.Metrics;
        if (options.XLabel.Length > 0)
        {
            float baseline = data.Bottom + TickLength + TickPad + digits + LabelPad - metrics.Ascent;
            text.Draw(canvas, options.XLabel, data.MidX, baseline, SKTextAlign.Center, ink);
        }
        if (figure.YLabel.Length > 0)
        {
            // Turned a quarter left, it reads upwards; its descenders face the tick labels.
            float baseline = data.Left - TickLength - TickPad - figure.YTickWidth - LabelPad - metrics.Descent;
            canvas.Save();
            canvas.Translate(baseline, data.MidY);
            canvas.RotateDegrees(-90);
            text.Draw(canvas, figure.YLabel, 0, 0, SKTextAlign.Center, ink);
            canvas.Restore();
        }
        if (!string.IsNullOrEmpty(options.Title))
        {
            title.Draw(canvas, options.Title, data.MidX, data.Top - TitlePad - title.Font.Metrics.Descent, SKTextAlign.Center, ink);
        }

        if (legend is { } box) DrawLegend(canvas, box, series, options, colors, text, ink);
    }

    /// <summary>The legend's box in pixels and the height of one of its rows (one row per series).</summary>
    private readonly record struct Legend(SKRect Box, float Row);

    /// <summary>
    /// Measures the legend (a line sample and the label of each series, one row each) and puts it at the location
    /// asked for, or for <see cref="LegendLocation.Best"/> at matplotlib's choice.
    /// </summary>
    private static Legend PlaceLegend(Figure figure, IReadOnlyList<PlotSeries> series, HistoryPlotOptions options, PlotText text)
    {
        float labels = 0;
        foreach (PlotSeries s in series) labels = Math.Max(labels, text.Measure(s.Label));
        float row = LineHeight(text.Font);
        var size = new SKSize(
            2 * LegendPad + LegendHandle + LegendHandlePad + labels,
            2 * LegendPad + series.Count * row + (series.Count - 1) * LegendSpacing);

        LegendLocation location = options.Legend == LegendLocation.Best ? FindBest(figure, series, options, size) : options.Legend;
        return new Legend(LegendBox(figure.Data, size, location), row);
    }

    /// <summary>
    /// matplotlib's 'best': the first location, in matplotlib's order, whose box holds the fewest line vertices plus
    /// crossing segments.
    /// </summary>
    private static LegendLocation FindBest(Figure figure, IReadOnlyList<PlotSeries> series, HistoryPlotOptions options, SKSize size)
    {
        List<List<SKPoint>>[] runs = Runs(figure, series, options.FirstEpoch);
        LegendLocation best = BestOrder[0];
        int bestBadness = int.MaxValue;
        foreach (LegendLocation location in BestOrder)
        {
            SKRect box = LegendBox(figure.Data, size, location);
            int badness = 0;
            foreach (List<List<SKPoint>> lines in runs)
            {
                foreach (List<SKPoint> run in lines)
                {
                    for (int i = 0; i < run.Count; i++)
                    {
                        if (box.Contains(run[i])) badness++;
                        if (i > 0 && SegmentCrosses(run[i - 1], run[i], box)) badness++;
                    }
                }
            }
            if (badness < bestBadness)
            {
                best = location;
                bestBadness = badness;
            }
        }
        return best;
    }

    /// <summary>The legend box of <paramref name="size"/> at <paramref name="location"/>, half a font size inside the data area.</summary>
    internal static SKRect LegendBox(SKRect data, SKSize size, LegendLocation location)
    {
        float left = location switch
        {
            LegendLocation.UpperLeft or LegendLocation.CenterLeft or LegendLocation.LowerLeft => data.Left + LegendInset,
            LegendLocation.LowerCenter or LegendLocation.UpperCenter or LegendLocation.Center => data.MidX - size.Width / 2,
            // UpperRight, Right, CenterRight, LowerRight; Best is resolved before this.
            _ => data.Right - LegendInset - size.Width,
        };
        float top = location switch
        {
            LegendLocation.LowerLeft or LegendLocation.LowerCenter or LegendLocation.LowerRight => data.Bottom - LegendInset - size.Height,
            LegendLocation.Right or LegendLocation.CenterLeft or LegendLocation.CenterRight or LegendLocation.Center => data.MidY - size.Height / 2,
            _ => data.Top + LegendInset,
        };
        return SKRect.Create(left, top, size.Width, size.Height);
    }

    private static void DrawLegend(SKCanvas canvas, Legend legend, IReadOnlyList<PlotSeries> series, HistoryPlotOptions options,
        IReadOnlyList<SKColor> colors, PlotText text, SKPaint ink)
    {
        SKRect box = legend.Box;
        using var fill = new SKPaint { Color = LegendFill, IsAntialias = true };
        using var edge = new SKPaint { Color = LegendEdge, Style = SKPaintStyle.Stroke, StrokeWidth = FrameWidth, IsAntialias = true };
        canvas.DrawRoundRect(box, LegendCorner, LegendCorner, fill);
        canvas.DrawRoundRect(box, LegendCorner, LegendCorner, edge);

        using var sample = new SKPaint { Style = SKPaintStyle.Stroke, StrokeWidth = options.LineWidth, IsAntialias = true };
        float digits = DigitHeight(text.Font);
        for (int i = 0; i < series.Count; i++)
        {
            // Each key gets one row, whether its line has one stretch, several, or none (no finite value).
            float middle = box.Top + LegendPad + i * (legend.Row + LegendSpacing) + legend.Row / 2;
            float x = box.Left + LegendPad;
            sample.Color = colors[i % colors.Count];
            canvas.DrawLine(x, middle, x + LegendHandle, middle, sample);
            text.Draw(canvas, series[i].Label, x + LegendHandle + LegendHandlePad, middle + digits / 2, SKTextAlign.Left, ink);
        }
    }

    /// <summary>Whether the segment from <paramref name="a"/> to <paramref name="b"/> meets the box (Liang-Barsky clipping).</summary>
    private static bool SegmentCrosses(SKPoint a, SKPoint b, SKRect box)
    {
        double t0 = 0, t1 = 1;
        double dx = b.X - a.X, dy = b.Y - a.Y;
        return Clip(-dx, a.X - box.Left) && Clip(dx, box.Right - a.X) && Clip(-dy, a.Y - box.Top) && Clip(dy, box.Bottom - a.Y);

        bool Clip(double p, double q)
        {
            if (p == 0) return q >= 0;
            double r = q / p;
            if (p < 0)
            {
                if (r > t1) return false;
                if (r > t0) t0 = r;
            }
            else
            {
                if (r < t0) return false;
                if (r < t1) t1 = r;
            }
            return true;
        }
    }

    /// <summary>The height of digits and capitals above the baseline, which tick labels are centred by.</summary>
    private static float DigitHeight(SKFont font)
    {
        SKFontMetrics metrics = font.Metrics;
        // Fonts without an OS/2 table report no cap height; capitals are about 0.7 of the ascent.
        return metrics.CapHeight > 0 ? metrics.CapHeight : -metrics.Ascent * 0.7f;
    }

    /// <summary>The height of a line of text, ascent to descent.</summary>
    private static float LineHeight(SKFont font) => font.Metrics.Descent - font.Metrics.Ascent;

    /// <summary>
    /// Skia writes the SVG's size as width and height only; a view box of the same size lets the image scale when a
    /// page sets its size.
    /// </summary>
    private static byte[] WithViewBox(byte[] svg, int width, int height)
    {
        string document = Encoding.UTF8.GetString(svg);
        int root = document.IndexOf("<svg ", StringComparison.Ordinal);
        if (root < 0) return svg;
        string viewBox = string.Create(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {width} {height}\" ");
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(document.Remove(root, "<svg ".Length).Insert(root, viewBox));
    }

    /// <summary>Parses <c>#rrggbb</c>; null when <paramref name="hex"/> is not that.</summary>
    internal static SKColor? ParseColor(string? hex)
    {
        if (hex is not { Length: 7 } || hex[0] != '#') return null;
        return int.TryParse(hex.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int rgb)
            ? new SKColor((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb)
            : null;
    }

    /// <summary>
    /// The arranged figure: the data area in pixels, the data ranges it shows (x in epochs, y in values), the ticks
    /// of each axis, and the y label with the width of the y tick labels it stands beside.
    /// </summary>
    private sealed record Figure(SKRect Data, double XLow, double XHigh, double YLow, double YHigh, AxisTicks XTicks, AxisTicks YTicks,
        float YTickWidth, string YLabel)
    {
        /// <summary>The pixel of data point (<paramref name="x"/>, <paramref name="y"/>); y grows upwards in data, downwards in pixels.</summary>
        public SKPoint Pixel(double x, double y) => new(
            Data.Left + (float)((x - XLow) / (XHigh - XLow) * Data.Width),
            Data.Bottom - (float)((y - YLow) / (YHigh - YLow) * Data.Height));
    }
}
