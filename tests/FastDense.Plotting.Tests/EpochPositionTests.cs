using SkiaSharp;

namespace FastDense.Plotting.Tests;

/// <summary>
/// Each value is drawn at the epoch History recorded it at: a val_ series validated every few epochs lines up with the
/// training series under it instead of being squeezed to the left as if every epoch had been validated.
/// </summary>
public class EpochPositionTests
{
    // Ten epochs, validation after epochs 1, 3, 5, 7 and 9 (from 0): Keras's validation_freq=2.
    private static readonly Lazy<History> s_everySecond = new(() =>
    {
        (float[] x, float[] y) = Histories.TwoClasses(rows: 200, seed: 7);
        return new TwoClassNet(seed: 8).Fit(x, y, new FitOptions { Epochs = 10, BatchSize = 16, ValidationSplit = 0.25, ValidationFrequency = 2, Verbose = 0 });
    });

    [Fact]
    public void ValidationEverySecondEpoch_IsDrawnAtTheValidatedEpochs()
    {
        History history = s_everySecond.Value;
        Assert.Equal([1, 3, 5, 7, 9], history.EpochsOf("val_loss"));   // precondition: what the plot must follow

        (int Left, int Right) loss = Columns(history, Pixels.C0), validation = Columns(history, Pixels.C1);

        // loss spans epochs 0..9 and so the whole data area; val_loss spans 1..9: it ends where loss ends (drawn at
        // indices 0..4 it would end near the middle) and starts one ninth of the span to the right of loss's start.
        double perEpoch = (loss.Right - loss.Left) / 9.0;
        Assert.True(perEpoch > 40, $"precondition: loss spans only columns {loss.Left} to {loss.Right}");
        Assert.InRange(validation.Right, loss.Right - 4, loss.Right + 4);
        Assert.InRange(validation.Left, loss.Left + perEpoch - 4, loss.Left + perEpoch + 4);
    }

    [Fact]
    public void FirstEpoch_ShiftsEverySeriesAlike()
    {
        // FirstEpoch = 1 numbers the x axis as Keras prints epochs; both lines move together, so their relative
        // placement is unchanged (the axis, not the data, moves).
        History history = s_everySecond.Value;
        var options = new HistoryPlotOptions { Keys = ["loss", "val_loss"], ShowLegend = false, FirstEpoch = 1 };
        (int Left, int Right) loss = Columns(history, Pixels.C0, options), validation = Columns(history, Pixels.C1, options);
        double perEpoch = (loss.Right - loss.Left) / 9.0;
        Assert.InRange(validation.Right, loss.Right - 4, loss.Right + 4);
        Assert.InRange(validation.Left, loss.Left + perEpoch - 4, loss.Left + perEpoch + 4);
    }

    /// <summary>The leftmost and rightmost pixel columns of the line drawn in <paramref name="hex"/>.</summary>
    private static (int Left, int Right) Columns(History history, string hex, HistoryPlotOptions? options = null)
    {
        options ??= new HistoryPlotOptions { Keys = ["loss", "val_loss"], ShowLegend = false };
        using SKBitmap image = Pixels.Decode(Pixels.Png(history, options));
        List<int> columns = Pixels.Find(image, hex).Select(p => p.X).ToList();
        Assert.True(columns.Count > 50, $"too few {hex} pixels: the line is not drawn");
        return (columns.Min(), columns.Max());
    }
}
