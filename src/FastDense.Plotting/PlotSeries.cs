namespace FastDense.Plotting;

/// <summary>One line to draw: its legend text and its values, one per epoch.</summary>
internal readonly record struct PlotSeries(string Label, IReadOnlyList<double> Values);
