using System.Globalization;
using System.Text;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace FastDense.Plotting;

/// <summary>
/// Draws resolved series with ScottPlot, styled after matplotlib's defaults so the picture reads like the Keras
/// lesson's: white figure, framed data area without grid, DejaVu Sans at 10 points (14 pixels at 100 dpi), 5% data margins.
/// </summary>
internal static class PlotRenderer
{
    // matplotlib's default font, when the machine has it; ScottPlot's own choice otherwise.
    private const string FontName = "DejaVu Sans";
    private const float TextSize = 14f;
    private const float TitleSize = 17f;

    // matplotlib's candidate order for 'best'; its first location with the least overlap wins.
    private static readonly LegendLocation[] BestOrder =
    [
        LegendLocation.UpperRight, LegendLocation.UpperLeft, LegendLocation.LowerLeft, LegendLocation.LowerRight,
        LegendLocation.Right, LegendLocation.CenterLeft, LegendLocation.CenterRight, LegendLocation.LowerCenter,
        LegendLocation.UpperCenter, LegendLocation.Center,
    ];

    /// <summary>Renders <paramref name="series"/> (already checked) to the bytes of a PNG or SVG file.</summary>
    internal static byte[] Render(IReadOnlyList<PlotSeries> series, string yLabel, HistoryPlotOptions options, IReadOnlyList<Color> colors, PlotFormat format)
    {
        using var plot = new Plot();
        Style(plot, options, yLabel);

        for (int i = 0; i < series.Count; i++)
        {
            Color color = colors[i % colors.Count];
            AddLine(plot, series[i], options.FirstEpoch, color, options.LineWidth);
            if (options.ShowLegend)
            {
                // Legend entries are added apart from the lines: a line broken by non-finite epochs is several
                // plottables, and a line with no finite value has none, yet each key gets exactly one entry.
                plot.Legend.ManualItems.Add(new LegendItem
                {
                    LabelText = series[i].Label,
                    LineColor = color,
                    LineWidth = options.LineWidth,
                    MarkerShape = MarkerShape.None,
                });
            }
        }

        SetLimits(plot, series, options);

        if (options.ShowLegend)
        {
            plot.Legend.IsVisible = true;
            LegendLocation location = options.Legend == LegendLocation.Best ? FindBest(plot, series, options) : options.Legend;
            plot.Legend.Alignment = ToAlignment(location);
        }

        return format == PlotFormat.Svg
            ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(plot.GetSvgXml(options.Width, options.Height))
            : plot.GetImageBytes(options.Width, options.Height, ImageFormat.Png);
    }

    private static void Style(Plot plot, HistoryPlotOptions options, string yLabel)
    {
        if (Fonts.GetTypeface(FontName, bold: false, italic: false) is not null) plot.Font.Set(FontName);

        plot.HideGrid();
        plot.XLabel(options.XLabel, TextSize);
        plot.YLabel(yLabel, TextSize);
        plot.Axes.Bottom.Label.Bold = false;
        plot.Axes.Left.Label.Bold = false;
        foreach (IAxis axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.TickLabelStyle.FontSize = TextSize;
            // matplotlib draws major ticks only.
            axis.MinorTickStyle.Length = 0;
        }

        // Epochs are whole numbers: a tick at 2.5 would name an epoch that does not exist.
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };

        if (!string.IsNullOrEmpty(options.Title))
        {
            plot.Title(options.Title, TitleSize);
            plot.Axes.Title.Label.Bold = false;
        }

        // matplotlib's legend: no shadow, light grey edge, 10-point text.
        plot.Legend.FontSize = TextSize;
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.Legend.OutlineColor = Color.FromHex("#cccccc");
    }

    /// <summary>
    /// Adds one plottable per run of finite values, so a NaN or infinite epoch leaves a gap as in matplotlib. Each
    /// value goes at its recorded epoch plus <paramref name="firstEpoch"/>; values of epochs that are not consecutive
    /// (validation every few epochs) are joined, as <c>plt.plot(epochs, values)</c> joins them.
    /// </summary>
    private static void AddLine(Plot plot, PlotSeries series, int firstEpoch, Color color, float lineWidth)
    {
        IReadOnlyList<double> values = series.Values;
        int start = 0;
        while (start < values.Count)
        {
            while (start < values.Count && !double.IsFinite(values[start])) start++;
            int end = start;
            while (end < values.Count && double.IsFinite(values[end])) end++;
            if (end > start)
            {
                var xs = new double[end - start];
                var ys = new double[end - start];
                for (int i = start; i < end; i++)
                {
                    xs[i - start] = X(series, i, firstEpoch);
                    ys[i - start] = values[i];
                }
                var line = plot.Add.Scatter(xs, ys, color);
                line.LineWidth = lineWidth;
                line.MarkerSize = 0;
            }
            start = end;
        }
    }

    /// <summary>The x of value <paramref name="index"/> of <paramref name="series"/>: the epoch it was recorded at, shifted.</summary>
    private static double X(PlotSeries series, int index, int firstEpoch) => firstEpoch + (double)series.Epochs[index];

    /// <summary>
    /// Sets both ranges explicitly (ScottPlot's autoscaling has its own margins): matplotlib's 5% of the span on each
    /// side, or the caller's y limits. The x range runs from the first to the last recorded epoch of any series drawn,
    /// non-finite values included, so a diverged tail still shows as empty epochs.
    /// </summary>
    private static void SetLimits(Plot plot, IReadOnlyList<PlotSeries> series, HistoryPlotOptions options)
    {
        double first = double.PositiveInfinity, last = double.NegativeInfinity;
        foreach (PlotSeries s in series)
        {
            if (s.Epochs.Count == 0) continue;
            first = Math.Min(first, X(s, 0, options.FirstEpoch));
            last = Math.Max(last, X(s, s.Epochs.Count - 1, options.FirstEpoch));
        }
        // Only empty series (a val_ key that was never validated): one epoch's width at FirstEpoch, not an error.
        if (!double.IsFinite(first)) first = last = options.FirstEpoch;
        (double left, double right) = Pad(first, last);
        plot.Axes.SetLimitsX(left, right);

        if (options.YLimits is (double bottom, double top))
        {
            plot.Axes.SetLimitsY(bottom, top);
            return;
        }

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
        (double low, double high) = double.IsFinite(min) ? Pad(min, max) : (0, 1);
        plot.Axes.SetLimitsY(low, high);
    }

    private static (double Low, double High) Pad(double min, double max)
    {
        double span = max - min;
        // A single epoch or a constant series has no span; a small fixed one keeps the point inside the frame.
        if (span <= 0)
        {
            double half = min == 0 ? 0.05 : Math.Abs(min) * 0.05;
            return (min - half, max + half);
        }
        return (min - 0.05 * span, max + 0.05 * span);
    }

    /// <summary>
    /// matplotlib's 'best': render once to learn where the data area and the legend box fall, then take the first
    /// location, in matplotlib's order, whose box holds the fewest line vertices plus crossing segments.
    /// </summary>
    private static LegendLocation FindBest(Plot plot, IReadOnlyList<PlotSeries> series, HistoryPlotOptions options)
    {
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.RenderInMemory(options.Width, options.Height);
        PixelRect data = plot.LastRender.DataRect;
        PixelSize size = plot.Legend.LastRenderSize;
        PixelPadding margin = plot.Legend.Margin;

        var lines = new List<List<Pixel>>();
        foreach (PlotSeries s in series)
        {
            List<Pixel>? run = null;
            for (int i = 0; i < s.Values.Count; i++)
            {
                double v = s.Values[i];
                if (!double.IsFinite(v))
                {
                    run = null;
                    continue;
                }
                if (run is null) lines.Add(run = new List<Pixel>());
                run.Add(plot.GetPixel(new Coordinates(X(s, i, options.FirstEpoch), v)));
            }
        }

        LegendLocation best = BestOrder[0];
        int bestBadness = int.MaxValue;
        foreach (LegendLocation location in BestOrder)
        {
            PixelRect box = LegendBox(data, size, margin, ToAlignment(location));
            int badness = 0;
            foreach (List<Pixel> run in lines)
            {
                for (int i = 0; i < run.Count; i++)
                {
                    if (box.Contains(run[i])) badness++;
                    if (i > 0 && SegmentCrosses(run[i - 1], run[i], box)) badness++;
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

    private static PixelRect LegendBox(PixelRect data, PixelSize size, PixelPadding margin, Alignment alignment)
    {
        float left = alignment switch
        {
            Alignment.UpperLeft or Alignment.MiddleLeft or Alignment.LowerLeft => data.Left + margin.Left,
            Alignment.UpperRight or Alignment.MiddleRight or Alignment.LowerRight => data.Right - margin.Right - size.Width,
            _ => data.HorizontalCenter - size.Width / 2,
        };
        float top = alignment switch
        {
            Alignment.UpperLeft or Alignment.UpperCenter or Alignment.UpperRight => data.Top + margin.Top,
            Alignment.LowerLeft or Alignment.LowerCenter or Alignment.LowerRight => data.Bottom - margin.Bottom - size.Height,
            _ => data.VerticalCenter - size.Height / 2,
        };
        return new PixelRect(left, left + size.Width, top + size.Height, top);
    }

    /// <summary>Whether the segment from <paramref name="a"/> to <paramref name="b"/> meets the box (Liang-Barsky clipping).</summary>
    private static bool SegmentCrosses(Pixel a, Pixel b, PixelRect box)
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

    private static Alignment ToAlignment(LegendLocation location) => location switch
    {
        LegendLocation.UpperLeft => Alignment.UpperLeft,
        LegendLocation.LowerLeft => Alignment.LowerLeft,
        LegendLocation.LowerRight => Alignment.LowerRight,
        LegendLocation.Right or LegendLocation.CenterRight => Alignment.MiddleRight,
        LegendLocation.CenterLeft => Alignment.MiddleLeft,
        LegendLocation.LowerCenter => Alignment.LowerCenter,
        LegendLocation.UpperCenter => Alignment.UpperCenter,
        LegendLocation.Center => Alignment.MiddleCenter,
        _ => Alignment.UpperRight,
    };

    /// <summary>Parses <c>#rrggbb</c>; null when <paramref name="hex"/> is not that.</summary>
    internal static Color? ParseColor(string? hex)
    {
        if (hex is not { Length: 7 } || hex[0] != '#') return null;
        return int.TryParse(hex.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int rgb)
            ? new Color((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb)
            : null;
    }
}
