using System.Globalization;
using System.Text;

namespace FastDense;

/// <summary>
/// What <c>Fit</c> returns: one value per epoch under each metric name, as Keras's <c>history.history</c>. Keys are
/// <c>loss</c> and the model's metric (<c>accuracy</c>, or <c>mae</c> for mean squared error), plus the same with a
/// <c>val_</c> prefix (<c>val_loss</c>, <c>val_accuracy</c> or <c>val_mae</c>) when there is validation data. The
/// weighted metrics (<see cref="FitOptions.WeightedMetrics"/>) follow the metrics, under their Keras keys. Training values are the sample-weighted means over the
/// epoch's batches, each computed before that batch's update; validation values use the weights at the epoch's end.
/// </summary>
public sealed class History
{
    private readonly Dictionary<string, List<double>> _series = new(StringComparer.Ordinal);
    private readonly List<string> _keys = new();
    private readonly Dictionary<string, List<int>> _epochs = new(StringComparer.Ordinal);

    internal History(IEnumerable<string> keys, int capacity)
    {
        foreach (string key in keys)
        {
            _series.Add(key, new List<double>(capacity));
            _epochs.Add(key, new List<int>(capacity));
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

    internal void Add(string key, double value, int epoch)
    {
        _series[key].Add(value);
        _epochs[key].Add(epoch);
    }

    /// <summary>
    /// The epochs (from 0, Keras's numbering) at which <paramref name="key"/>'s values were recorded: every trained
    /// epoch for the training keys; for the <c>val_</c> keys only the validated ones (<see cref="FitOptions.ValidationFrequency"/>).
    /// Empty for a key that was not recorded.
    /// </summary>
    public IReadOnlyList<int> EpochsOf(string key) => _epochs.TryGetValue(key, out List<int>? epochs) ? epochs : Array.Empty<int>();

    private IReadOnlyList<double> Series(string key) => _series.TryGetValue(key, out List<double>? values) ? values : Array.Empty<double>();

    /// <summary>A table: one row per trained epoch (numbered from 1, as progress lines are), one column per key; blank where a key has no value for that epoch (validation every few epochs).</summary>
    public override string ToString()
    {
        var text = new StringBuilder("epoch");
        foreach (string key in _keys) text.Append(CultureInfo.InvariantCulture, $"  {key,12}");
        text.Append('\n');
        IReadOnlyList<int> rows = _keys.Count == 0 ? Array.Empty<int>() : _epochs[_keys[0]];
        var next = new int[_keys.Count];   // per key, its first value not yet printed
        foreach (int epoch in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{epoch + 1,5}");
            for (int k = 0; k < _keys.Count; k++)
            {
                List<int> epochs = _epochs[_keys[k]];
                if (next[k] < epochs.Count && epochs[next[k]] == epoch)
                {
                    text.Append(CultureInfo.InvariantCulture, $"  {_series[_keys[k]][next[k]],12:F4}");
                    next[k]++;
                }
                else
                {
                    text.Append(' ', 14);
                }
            }
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

    /// <summary>
    /// At the end of an epoch the weights or the optimizer's state held NaN or infinity, left by an update whose loss
    /// and gradient checks passed; the epoch's start was restored (<see cref="FitOptions.StopOnNonFinite"/>).
    /// </summary>
    NonFiniteWeights,
}
