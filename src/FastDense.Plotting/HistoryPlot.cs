using SkiaSharp;

namespace FastDense.Plotting;

/// <summary>
/// Plots a <see cref="History"/> the way the Keras lesson's matplotlib code does:
/// <code>
/// // plt.plot(history.history['accuracy'], label='accuracy')
/// // plt.plot(history.history['val_accuracy'], label = 'val_accuracy')
/// // plt.xlabel('Epoch'); plt.ylabel('Accuracy'); plt.ylim([0, 1]); plt.legend(loc='lower right')
/// HistoryPlot.Save(history, "history.png", HistoryPlotOptions.Lesson);
/// </code>
/// One line per key, each value at the epoch it was recorded at (<see cref="History.EpochsOf"/>, shifted by
/// <see cref="HistoryPlotOptions.FirstEpoch"/>: 0 as in the lesson's figure), so a <c>val_</c> series validated every
/// few epochs (<see cref="FitOptions.ValidationFrequency"/>) lines up with the training series; colours from
/// matplotlib's default cycle. A NaN or infinite value (an epoch after divergence) is skipped and leaves
/// a gap in its line, as matplotlib does; the legend still lists the key.
/// </summary>
public static class HistoryPlot
{
    private static readonly string[] CycleColors =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>matplotlib's default colour cycle, C0 to C9, as <c>#rrggbb</c>.</summary>
    public static IReadOnlyList<string> MatplotlibColors { get; } = Array.AsReadOnly(CycleColors);

    /// <summary>
    /// The keys drawn when <see cref="HistoryPlotOptions.Keys"/> is null, as the lesson picks them: <c>accuracy</c>
    /// and <c>val_accuracy</c> when the History has accuracy, else <c>loss</c> and <c>val_loss</c>; a <c>val_</c> key
    /// only when the History has it (there was validation data).
    /// </summary>
    /// <param name="history">The History to plot.</param>
    public static IReadOnlyList<string> DefaultKeys(History history)
    {
        ArgumentNullException.ThrowIfNull(history);
        string metric = history.Contains("accuracy") ? "accuracy" : "loss";
        return history.Contains("val_" + metric) ? [metric, "val_" + metric] : [metric];
    }

    /// <summary>
    /// The y-axis label for <paramref name="key"/> when <see cref="HistoryPlotOptions.YLabel"/> is null: without its
    /// <c>val_</c> prefix, capitalised ("Accuracy", "Loss"), with abbreviations in capitals ("MAE", "MSE").
    /// </summary>
    /// <param name="key">A History key such as <c>val_accuracy</c>.</param>
    public static string DefaultYLabel(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        string name = key.StartsWith("val_", StringComparison.Ordinal) ? key["val_".Length..] : key;
        return name switch
        {
            "" => "",
            "mae" or "mse" or "rmse" => name.ToUpperInvariant(),
            _ => char.ToUpperInvariant(name[0]) + name[1..].Replace('_', ' '),
        };
    }

    /// <summary>
    /// Writes the plot to <paramref name="path"/>, as PNG for <c>.png</c> and SVG for <c>.svg</c> (any case). The file
    /// is replaced atomically: the image is written to a temporary file in the same folder, flushed to disk, then
    /// moved over <paramref name="path"/>; if anything fails the temporary file is deleted and an existing file at
    /// <paramref name="path"/> is left as it was.
    /// </summary>
    /// <param name="history">What <c>Fit</c> returned.</param>
    /// <param name="path">The image file to write; its folder must exist.</param>
    /// <param name="options">What to draw; null for the defaults (<see cref="HistoryPlotOptions"/>).</param>
    /// <exception cref="ArgumentException">The extension is neither <c>.png</c> nor <c>.svg</c> (the message names it), the History has no epochs, or an option is invalid.</exception>
    /// <exception cref="HistoryKeyNotFoundException">A key to draw is not in the History; the message lists the keys it has.</exception>
    /// <exception cref="IOException">The file could not be written (for instance <see cref="DirectoryNotFoundException"/>).</exception>
    public static void Save(History history, string path, HistoryPlotOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        PlotFormat format = FormatOf(path);
        // Everything that can be refused is refused before the disk is touched.
        byte[] image = Render(history, format, options);

        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
        // Same folder, so the final move is a rename within one file system rather than a copy.
        string temp = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(image);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes the plot to <paramref name="stream"/> in <paramref name="format"/>; the stream is left open.</summary>
    /// <param name="history">What <c>Fit</c> returned.</param>
    /// <param name="stream">A writable stream; the image is written at its position.</param>
    /// <param name="format">PNG or SVG.</param>
    /// <param name="options">What to draw; null for the defaults (<see cref="HistoryPlotOptions"/>).</param>
    /// <exception cref="ArgumentException">The stream is not writable, the format is not defined, the History has no epochs, or an option is invalid.</exception>
    /// <exception cref="HistoryKeyNotFoundException">A key to draw is not in the History; the message lists the keys it has.</exception>
    public static void Save(History history, Stream stream, PlotFormat format, HistoryPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite) throw new ArgumentException("The stream is not writable.", nameof(stream));
        byte[] image = Render(history, format, options);
        stream.Write(image);
        stream.Flush();
    }

    /// <summary>
    /// Checks everything, resolves the defaults, and renders; with <paramref name="shaping"/> false every label is drawn
    /// unshaped (tests compare the plain path against it).
    /// </summary>
    internal static byte[] Render(History history, PlotFormat format, HistoryPlotOptions? options, bool shaping = true)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (!Enum.IsDefined(format)) throw new ArgumentException($"Unknown plot format {(int)format}.", nameof(format));
        options ??= new HistoryPlotOptions();
        IReadOnlyList<SKColor> colors = Check(options);

        if (history.Epochs == 0)
        {
            string why = history.Stop is null ? "Fit ran no epoch" : $"training stopped before the first epoch ended: {history.Stop.Message}";
            throw new ArgumentException($"The History has no epochs to plot ({why}).", nameof(history));
        }

        IReadOnlyList<string> keys = options.Keys ?? DefaultKeys(history);
        if (keys.Count == 0) throw new ArgumentException("HistoryPlotOptions.Keys is empty: name at least one key, or leave it null for the defaults.", nameof(options));
        IReadOnlyList<string> labels = options.Labels ?? keys;
        if (labels.Count != keys.Count)
        {
            throw new ArgumentException($"HistoryPlotOptions.Labels has {labels.Count} labels for {keys.Count} keys: give one per key.", nameof(options));
        }

        var series = new PlotSeries[keys.Count];
        for (int i = 0; i < keys.Count; i++)
        {
            string key = keys[i] ?? throw new ArgumentException($"HistoryPlotOptions.Keys[{i}] is null.", nameof(options));
            if (!history.Contains(key)) throw new HistoryKeyNotFoundException(key, history.Keys);
            IReadOnlyList<double> values = history[key];
            IReadOnlyList<int> epochs = history.EpochsOf(key);
            // History records one epoch per value; a mismatch would be a bug in FastDense, not in the caller's input.
            if (epochs.Count != values.Count)
            {
                throw new InvalidOperationException($"History '{key}' has {values.Count} values but {epochs.Count} recorded epochs.");
            }
            series[i] = new PlotSeries(labels[i] ?? key, values, epochs);
        }

        string yLabel = options.YLabel ?? DefaultYLabel(keys[0]);
        return PlotRenderer.Render(series, yLabel, options, colors, format, shaping);
    }

    /// <summary>Checks the options that have no meaningful repair; returns the parsed colours.</summary>
    internal static IReadOnlyList<SKColor> Check(HistoryPlotOptions options)
    {
        // Skia allocates width x height x 4 bytes; past this a typo (48000 for 480) fails here, not in native code.
        const int MaxSide = 16384;
        if (options.Width is < 1 or > MaxSide || options.Height is < 1 or > MaxSide)
        {
            throw new ArgumentException($"The image must be 1 to {MaxSide} pixels each way, not {options.Width} x {options.Height}.", nameof(options));
        }
        if (options.YLimits is (double bottom, double top) && !(double.IsFinite(bottom) && double.IsFinite(top) && bottom < top))
        {
            throw new ArgumentException($"HistoryPlotOptions.YLimits must be finite with Bottom below Top, not ({bottom}, {top}).", nameof(options));
        }
        if (!(float.IsFinite(options.LineWidth) && options.LineWidth > 0))
        {
            throw new ArgumentException($"HistoryPlotOptions.LineWidth must be positive, not {options.LineWidth}.", nameof(options));
        }
        if (options.XLabel is null) throw new ArgumentException("HistoryPlotOptions.XLabel is null; use \"\" for no label.", nameof(options));

        IReadOnlyList<string> hex = options.Colors ?? CycleColors;
        if (hex.Count == 0) throw new ArgumentException("HistoryPlotOptions.Colors is empty: give at least one, or leave it null for matplotlib's cycle.", nameof(options));
        var colors = new SKColor[hex.Count];
        for (int i = 0; i < hex.Count; i++)
        {
            colors[i] = PlotRenderer.ParseColor(hex[i])
                ?? throw new ArgumentException($"HistoryPlotOptions.Colors[{i}] is '{hex[i]}', not a colour written #rrggbb.", nameof(options));
        }
        return colors;
    }

    private static PlotFormat FormatOf(string path)
    {
        string extension = Path.GetExtension(path);
        if (extension.Equals(".png", StringComparison.OrdinalIgnoreCase)) return PlotFormat.Png;
        if (extension.Equals(".svg", StringComparison.OrdinalIgnoreCase)) return PlotFormat.Svg;
        string named = extension.Length == 0 ? "no extension" : $"the extension '{extension}'";
        throw new ArgumentException($"Cannot plot to '{path}': it has {named}; use .png or .svg.", nameof(path));
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original failure is the one worth reporting; a leftover temporary file is named so it is recognisable.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
