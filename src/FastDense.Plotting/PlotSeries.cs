namespace FastDense.Plotting;

/// <summary>
/// One line to draw: its legend text, its values, and the epoch (from 0, <see cref="History.EpochsOf"/>) each value
/// was recorded at. Values and Epochs have the same length; the epochs rise but need not be consecutive (a
/// <c>val_</c> series validated every few epochs, or a run resumed at a later epoch).
/// </summary>
internal readonly record struct PlotSeries(string Label, IReadOnlyList<double> Values, IReadOnlyList<int> Epochs);
