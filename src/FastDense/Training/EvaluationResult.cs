using System.Globalization;
using System.Text;

namespace FastDense;

/// <summary>What <c>Evaluate</c> returns: the mean loss and each metric's value, as Keras's <c>evaluate(return_dict=True)</c>.</summary>
public sealed class EvaluationResult
{
    private readonly string[] _names;
    private readonly double[] _values;

    internal EvaluationResult(double loss, string[] names, double[] values)
    {
        Loss = loss;
        _names = names;
        _values = values;
        var metrics = new Dictionary<string, double>(names.Length, StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++) metrics[names[i]] = values[i];
        Metrics = metrics.AsReadOnly();
    }

    /// <summary>The mean loss over the rows.</summary>
    public double Loss { get; }

    /// <summary>Each metric's value, by name, in the order the metrics were given.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; }

    /// <summary>The value of <c>accuracy</c>, or null when it was not computed (mean squared error reports mae).</summary>
    public double? Accuracy => Metrics.TryGetValue("accuracy", out double value) ? value : null;

    /// <summary>The loss (key <c>loss</c>) or the metric named <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such key; the message lists the keys there are.</exception>
    public double this[string key]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(key);
            if (key == "loss") return Loss;
            if (Metrics.TryGetValue(key, out double value)) return value;
            throw new KeyNotFoundException($"The evaluation has no '{key}'; its keys: loss{string.Concat(_names.Select(n => ", " + n))}.");
        }
    }

    /// <summary>Keras's form: <c>loss: 0.1670 - accuracy: 0.9556</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"loss: {Loss:F4}");
        for (int i = 0; i < _names.Length; i++) text.Append(CultureInfo.InvariantCulture, $" - {_names[i]}: {_values[i]:F4}");
        return text.ToString();
    }
}
