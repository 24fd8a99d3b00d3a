namespace FastDense.Plotting;

/// <summary>
/// A key asked of <see cref="HistoryPlot"/> is not in the <see cref="History"/>: the message names it and lists the keys
/// the History has, so a typo (<c>val_acc</c> for <c>val_accuracy</c>) or a missing validation set is plain.
/// </summary>
public sealed class HistoryKeyNotFoundException : KeyNotFoundException
{
    /// <summary>Creates the exception for <paramref name="key"/> missing from a History holding <paramref name="availableKeys"/>.</summary>
    /// <param name="key">The key that was asked for.</param>
    /// <param name="availableKeys">The keys the History has.</param>
    public HistoryKeyNotFoundException(string key, IReadOnlyList<string> availableKeys)
        : base(Describe(key, availableKeys))
    {
        Key = key;
        AvailableKeys = availableKeys;
    }

    /// <summary>The key that was asked for.</summary>
    public string Key { get; }

    /// <summary>The keys the History has, in its order.</summary>
    public IReadOnlyList<string> AvailableKeys { get; }

    private static string Describe(string key, IReadOnlyList<string> availableKeys)
        => availableKeys.Count == 0
            ? $"History has no '{key}': it has no keys at all."
            : $"History has no '{key}'; its keys are: {string.Join(", ", availableKeys)}."
              + (key.StartsWith("val_", StringComparison.Ordinal) ? " Validation keys exist only when Fit had validation data (ValidationSplit or validationData)." : "");
}
