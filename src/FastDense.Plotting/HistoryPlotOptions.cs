namespace FastDense.Plotting;

/// <summary>
/// What <see cref="HistoryPlot"/> draws and how. Every property has matplotlib's or the Keras lesson's default, so
/// <c>new HistoryPlotOptions()</c> draws what the lesson's <c>plt.plot(...)</c> lines draw, less the lesson's explicit
/// <c>ylim</c> and legend location (see <see cref="Lesson"/>). Values are checked when a plot is drawn, not when set.
/// </summary>
public sealed class HistoryPlotOptions
{
    /// <summary>
    /// The options of the Keras digits lesson: accuracy and val_accuracy, <c>plt.ylim([0, 1])</c>,
    /// <c>plt.legend(loc='lower right')</c>, labels 'Epoch' and 'Accuracy'.
    /// </summary>
    public static HistoryPlotOptions Lesson => new()
    {
        Keys = ["accuracy", "val_accuracy"],
        YLabel = "Accuracy",
        YLimits = (0, 1),
        Legend = LegendLocation.LowerRight,
    };

    /// <summary>
    /// The History keys to draw, one line each, in this order (the order of the colours and of the legend). Null draws
    /// <see cref="HistoryPlot.DefaultKeys"/>: <c>accuracy</c> and <c>val_accuracy</c> when the History has accuracy,
    /// else <c>loss</c> and <c>val_loss</c> (each <c>val_</c> key only when there was validation data).
    /// </summary>
    public IReadOnlyList<string>? Keys { get; init; }

    /// <summary>The legend text of each line, one per key; null uses the keys themselves, as the lesson's <c>label=</c> does.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>The x-axis label (<c>plt.xlabel</c>).</summary>
    public string XLabel { get; init; } = "Epoch";

    /// <summary>
    /// The y-axis label (<c>plt.ylabel</c>); null derives it from the first key: <c>accuracy</c> and <c>val_accuracy</c>
    /// give "Accuracy", <c>loss</c> "Loss", <c>mae</c> "MAE" (<see cref="HistoryPlot.DefaultYLabel"/>).
    /// </summary>
    public string? YLabel { get; init; }

    /// <summary>
    /// The y-axis range, bottom then top (<c>plt.ylim([0, 1])</c> is <c>(0, 1)</c>); null fits the data with 5% margins
    /// as matplotlib does. Both must be finite and Bottom below Top.
    /// </summary>
    public (double Bottom, double Top)? YLimits { get; init; }

    /// <summary>
    /// The x value of epoch 0: each value is drawn at the epoch it was recorded at (<see cref="History.EpochsOf"/>,
    /// counted from 0 as Keras's <c>history.epoch</c> is) plus this. 0 (the default) matches the lesson's figure, where
    /// matplotlib's <c>plt.plot(list)</c> puts epoch i at x = i; 1 matches Keras's printed "Epoch 1/10" numbering
    /// instead. A <c>val_</c> series validated every few epochs (<see cref="FitOptions.ValidationFrequency"/>) is drawn
    /// at its validated epochs only, and a run resumed at <see cref="FitOptions.InitialEpoch"/> starts there.
    /// </summary>
    public int FirstEpoch { get; init; }

    /// <summary>Whether to draw a legend (the lesson calls <c>plt.legend</c>; matplotlib draws none without it).</summary>
    public bool ShowLegend { get; init; } = true;

    /// <summary>Where the legend goes (<c>plt.legend(loc=...)</c>); matplotlib's default is <see cref="LegendLocation.Best"/>.</summary>
    public LegendLocation Legend { get; init; } = LegendLocation.Best;

    /// <summary>The title above the plot (<c>plt.title</c>); null or empty draws none, as matplotlib does by default.</summary>
    public string? Title { get; init; }

    /// <summary>Image width in pixels: matplotlib's default figure (6.4 x 4.8 inches at 100 dpi) is 640 x 480.</summary>
    public int Width { get; init; } = 640;

    /// <summary>Image height in pixels (see <see cref="Width"/>).</summary>
    public int Height { get; init; } = 480;

    /// <summary>
    /// The line colours as <c>#rrggbb</c>, taken in turn and repeated when there are more lines; null uses
    /// matplotlib's default cycle <see cref="HistoryPlot.MatplotlibColors"/> (C0 <c>#1f77b4</c>, C1 <c>#ff7f0e</c>, ...).
    /// </summary>
    public IReadOnlyList<string>? Colors { get; init; }

    /// <summary>Line width in pixels: matplotlib's 1.5 points at 100 dpi is about 2 pixels.</summary>
    public float LineWidth { get; init; } = 2f;
}
