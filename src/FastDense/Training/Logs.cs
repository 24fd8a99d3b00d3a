using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace FastDense;

/// <summary>
/// The values a <see cref="Callback"/> receives, keyed as Keras's <c>logs</c> dict: <c>loss</c>, the metrics'
/// names (<c>accuracy</c>, <c>mae</c>), the weighted metrics' keys (<see cref="FitOptions.WeightedMetrics"/>:
/// <c>weighted_accuracy</c> beside an unweighted <c>accuracy</c>), and after a validated epoch <c>val_loss</c> and
/// <c>val_</c> + each of those. After a
/// batch they are the epoch's running means so far; after an epoch, the epoch's values. <c>Fit</c> reuses one
/// instance per kind for the whole run and overwrites it: read what you need during the call, or copy it
/// (<see cref="ToDictionary"/>). Reading by key allocates nothing.
/// </summary>
public sealed class Logs : IReadOnlyDictionary<string, double>
{
    private readonly string[] _keys;
    private readonly double[] _values;
    private readonly bool[] _present;

    internal Logs(IReadOnlyList<string> keys)
    {
        _keys = keys.ToArray();
        _values = new double[_keys.Length];
        _present = new bool[_keys.Length];
    }

    /// <summary>How many keys hold a value now.</summary>
    public int Count
    {
        get
        {
            int count = 0;
            foreach (bool present in _present) if (present) count++;
            return count;
        }
    }

    /// <summary>The keys that hold a value now, in their fixed order (<c>loss</c> first).</summary>
    public IEnumerable<string> Keys
    {
        get
        {
            for (int i = 0; i < _keys.Length; i++) if (_present[i]) yield return _keys[i];
        }
    }

    /// <summary>The values, in the order of <see cref="Keys"/>.</summary>
    public IEnumerable<double> Values
    {
        get
        {
            for (int i = 0; i < _keys.Length; i++) if (_present[i]) yield return _values[i];
        }
    }

    /// <summary>The value of <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">No value has that key now; the message lists the keys that have one.</exception>
    public double this[string key]
    {
        get
        {
            int index = IndexOf(key);
            if (index < 0 || !_present[index])
            {
                throw new KeyNotFoundException($"The logs have no '{key}' now; they hold: {string.Join(", ", Keys)}" +
                    (key.StartsWith("val_", StringComparison.Ordinal) ? " (validation values are present only after an epoch that validated)." : "."));
            }
            return _values[index];
        }
    }

    /// <summary>Whether <paramref name="key"/> holds a value now.</summary>
    public bool ContainsKey(string key)
    {
        int index = IndexOf(key);
        return index >= 0 && _present[index];
    }

    /// <summary>The value of <paramref name="key"/>, if it holds one now.</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value)
    {
        int index = IndexOf(key);
        if (index >= 0 && _present[index])
        {
            value = _values[index];
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>A copy of the current values, to keep beyond the callback.</summary>
    public Dictionary<string, double> ToDictionary()
    {
        var copy = new Dictionary<string, double>(_keys.Length, StringComparer.Ordinal);
        for (int i = 0; i < _keys.Length; i++) if (_present[i]) copy[_keys[i]] = _values[i];
        return copy;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, double>> GetEnumerator()
    {
        for (int i = 0; i < _keys.Length; i++) if (_present[i]) yield return new KeyValuePair<string, double>(_keys[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Keras's progress-line form: <c>loss: 0.1234 - accuracy: 0.9561</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (int i = 0; i < _keys.Length; i++)
        {
            if (!_present[i]) continue;
            if (text.Length > 0) text.Append(" - ");
            text.Append(CultureInfo.InvariantCulture, $"{_keys[i]}: {_values[i]:F4}");
        }
        return text.ToString();
    }

    /// <summary>Sets the value of the key at <paramref name="index"/> (in the order given at construction).</summary>
    internal void Set(int index, double value)
    {
        _values[index] = value;
        _present[index] = true;
    }

    /// <summary>How many keys the logs know (present or not), for a loop without an enumerator.</summary>
    internal int KeyCount => _keys.Length;

    /// <summary>The key at <paramref name="index"/>, whether it holds a value, and the value.</summary>
    internal (string Key, bool Present, double Value) At(int index) => (_keys[index], _present[index], _values[index]);

    /// <summary>Removes every value (the keys stay known).</summary>
    internal void Clear() => Array.Clear(_present);

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (int i = 0; i < _keys.Length; i++)
        {
            if (string.Equals(_keys[i], key, StringComparison.Ordinal)) return i;
        }
        return -1;
    }
}
