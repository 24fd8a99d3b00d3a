using SkiaSharp;

namespace FastDense.Plotting.Tests;

/// <summary>Reads rendered images back the way a person would look at them: sizes, colours, where a colour lies.</summary>
internal static class Pixels
{
    public const string C0 = "#1f77b4";
    public const string C1 = "#ff7f0e";

    public static SKBitmap Decode(byte[] png) => SKBitmap.Decode(png) ?? throw new InvalidDataException("not a decodable image");

    public static byte[] Png(History history, HistoryPlotOptions? options = null)
    {
        using var stream = new MemoryStream();
        HistoryPlot.Save(history, stream, PlotFormat.Png, options);
        return stream.ToArray();
    }

    /// <summary>
    /// Whether <paramref name="pixel"/> is <paramref name="hex"/> give or take antialiasing: each channel within
    /// <paramref name="tolerance"/>. Line cores are drawn in the exact colour; edges blend with white.
    /// </summary>
    public static bool Near(SKColor pixel, string hex, int tolerance = 24)
    {
        SKColor target = SKColor.Parse(hex);
        return Math.Abs(pixel.Red - target.Red) <= tolerance
            && Math.Abs(pixel.Green - target.Green) <= tolerance
            && Math.Abs(pixel.Blue - target.Blue) <= tolerance;
    }

    /// <summary>The (x, y) of every pixel near <paramref name="hex"/>.</summary>
    public static List<(int X, int Y)> Find(SKBitmap bitmap, string hex)
    {
        var found = new List<(int, int)>();
        for (int y = 0; y < bitmap.Height; y++)
            for (int x = 0; x < bitmap.Width; x++)
                if (Near(bitmap.GetPixel(x, y), hex)) found.Add((x, y));
        return found;
    }

    public static int DistinctColours(SKBitmap bitmap)
    {
        var colours = new HashSet<uint>();
        for (int y = 0; y < bitmap.Height; y++)
            for (int x = 0; x < bitmap.Width; x++)
                colours.Add((uint)bitmap.GetPixel(x, y));
        return colours.Count;
    }
}
