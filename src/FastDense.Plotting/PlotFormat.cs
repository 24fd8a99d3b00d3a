namespace FastDense.Plotting;

/// <summary>The image format <see cref="HistoryPlot"/> writes.</summary>
public enum PlotFormat
{
    /// <summary>A PNG raster image of <see cref="HistoryPlotOptions.Width"/> by <see cref="HistoryPlotOptions.Height"/> pixels.</summary>
    Png,

    /// <summary>An SVG vector image whose view box is <see cref="HistoryPlotOptions.Width"/> by <see cref="HistoryPlotOptions.Height"/>.</summary>
    Svg,
}
