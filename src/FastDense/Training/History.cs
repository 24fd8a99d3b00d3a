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
    public IReadOnlyList<double> Loss => this["loss"];

    /// <summary>Training accuracy per epoch (<c>history["accuracy"]</c>).</summary>
    public IReadOnlyList<double> Accuracy => this["accuracy"];

    /// <summary>Validation loss per epoch (<c>history["val_loss"]</c>).</summary>
    public IReadOnlyList<double> ValidationLoss => this["val_loss"];

    /// <summary>Validation accuracy per epoch (<c>history["val_accuracy"]</c>).</summary>
    public IReadOnlyList<double> ValidationAccuracy => this["val_accuracy"];

    internal void Add(string key, double value) => _series[key].Add(value);

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
        return text.ToString();
    }
}
