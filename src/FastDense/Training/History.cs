using System.Globalization;
using System.Text;

namespace FastDense;

/// <summary>
/// What <c>Fit</c> returns: one value per epoch under each metric name, as Keras's <c>history.history</c>. Keys are
/// <c>loss</c> and the model's metric (<c>accuracy</c>, or <c>mae</c> for mean squared error), plus the same with a
/// <c>val_</c> prefix (<c>val_loss</c>, <c>val_accuracy</c> or <c>val_mae</c>) when there is validation data. Training values are the sample-weighted means over the
/// epoch's batches, each computed before that batch's update; validation values use the weights at the epoch's end.
/// </summary>
public sealed class History
{
    private readonly Dictionary<string, List<double>> _series = new(StringComparer.Ordinal);
    private readonly List<string> _keys = new();

    internal History(IEnumerable<string> keys, int capacity)
    {
        foreach (string key in keys)
        {
            _series.Add(key, new List<double>(capacity));
            _keys.Add(key);
        }
    }

    /// <summary>The metric names, in the order Keras prints them.</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>The number of finished epochs.</summary>
    public int Epochs => _keys.Count == 0 ? 0 : _series[_keys[0]].Count;

    /// <summary>The values of <paramref name="key"/>, one per epoch.</summary>
    /// <exception cref="KeyNotFoundException">No such metric; the message lists the ones there are.</exception>
    public IReadOnlyList<double> this[string key] => _series.TryGetValue(key, out List<double>? values)
        ? values
        : throw new KeyNotFoundException($"History has no '{key}'; its keys are: {string.Join(", ", _keys)}.");

    /// <summary>Whether <paramref name="key"/> was recorded.</summary>
    public bool Contains(string key) => _series.ContainsKey(key);

    /// <summary>Training loss per epoch (<c>history["loss"]</c>).</summary>
    public IReadOnlyList<double> Loss => Series("loss");

    /// <summary>Training accuracy per epoch (<c>history["accuracy"]</c>); empty for a model that reports another metric.</summary>
    public IReadOnlyList<double> Accuracy => Series("accuracy");

    /// <summary>Validation loss per epoch (<c>history["val_loss"]</c>); empty without validation data.</summary>
    public IReadOnlyList<double> ValidationLoss => Series("val_loss");

    /// <summary>Validation accuracy per epoch (<c>history["val_accuracy"]</c>); empty without validation data or accuracy.</summary>
    public IReadOnlyList<double> ValidationAccuracy => Series("val_accuracy");

    /// <summary>Why training ended before its last epoch, and where; null when every epoch ran.</summary>
    public TrainingStop? Stop { get; internal set; }

    internal void Add(string key, double value) => _series[key].Add(value);

    private IReadOnlyList<double> Series(string key) => _series.TryGetValue(key, out List<double>? values) ? values : Array.Empty<double>();

    /// <summary>A table: one row per epoch, one column per key.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("epoch");
        foreach (string key in _keys) text.Append(CultureInfo.InvariantCulture, $"  {key,12}");
        text.Append('\n');
        for (int e = 0; e < Epochs; e++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{e + 1,5}");
            foreach (string key in _keys) text.Append(CultureInfo.InvariantCulture, $"  {_series[key][e],12:F4}");
            text.Append('\n');
        }
        if (Stop is not null) text.Append(Stop.Message).Append('\n');
        return text.ToString();
    }
}

/// <summary>Why and where <c>Fit</c> stopped before its last epoch (<see cref="History.Stop"/>).</summary>
/// <param name="Reason">What stopped it.</param>
/// <param name="Epoch">The epoch it stopped in, from 0 (Keras's numbering; progress lines count from 1).</param>
/// <param name="Batch">The batch of that epoch, from 0: the last one applied for a callback's stop, the one not applied for a non-finite loss or gradient.</param>
/// <param name="Message">The line written to the progress output.</param>
public sealed record TrainingStop(TrainingStopReason Reason, int Epoch, int Batch, string Message);

/// <summary>What stopped <c>Fit</c> early.</summary>
public enum TrainingStopReason
{
    /// <summary>A callback set <see cref="IFitControl.StopTraining"/>.</summary>
    Callback,

    /// <summary>A batch's loss was NaN or infinite (<see cref="FitOptions.StopOnNonFinite"/>).</summary>
    NonFiniteLoss,

    /// <summary>A batch's loss was finite but a layer's deltas held NaN or infinity, so its gradient did (<see cref="FitOptions.StopOnNonFinite"/>).</summary>
    NonFiniteGradient,
}
