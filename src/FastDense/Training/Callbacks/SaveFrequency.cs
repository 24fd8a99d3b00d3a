using System.Globalization;

namespace FastDense;

/// <summary>
/// Keras's <c>save_freq</c> of <see cref="ModelCheckpoint"/> and <c>BackupAndRestore</c>: <c>"epoch"</c> (the
/// default) saves at each epoch's end; an integer N saves after every N batches, counted across epochs. Written as in
/// Keras, through the conversions: <c>saveFreq: "epoch"</c> or <c>saveFreq: 100</c>.
/// </summary>
public readonly struct SaveFrequency : IEquatable<SaveFrequency>
{
    private readonly int _batches;   // 0: every epoch (the default value of the struct)

    private SaveFrequency(int batches) => _batches = batches;

    /// <summary>At each epoch's end (Keras's <c>"epoch"</c>, the default).</summary>
    public static SaveFrequency Epoch => default;

    /// <summary>Whether saving happens at epoch ends.</summary>
    public bool IsEpoch => _batches == 0;

    /// <summary>The number of batches between saves, or 0 for <see cref="Epoch"/>.</summary>
    public int Batches => _batches;

    /// <summary>After every <paramref name="batches"/> batches.</summary>
    /// <exception cref="ArgumentException"><paramref name="batches"/> is less than 1.</exception>
    public static SaveFrequency EveryBatches(int batches) => batches >= 1
        ? new SaveFrequency(batches)
        : throw new ArgumentException($"saveFreq must be \"epoch\" or a number of batches, 1 or more; got {batches}.", "saveFreq");

    /// <summary><c>saveFreq: 100</c>: <see cref="EveryBatches"/>.</summary>
    /// <exception cref="ArgumentException">Less than 1.</exception>
    public static implicit operator SaveFrequency(int batches) => EveryBatches(batches);

    /// <summary><c>saveFreq: "epoch"</c>: <see cref="Epoch"/>.</summary>
    /// <exception cref="ArgumentException">Any other text (Keras's "Unrecognized save_freq").</exception>
    public static implicit operator SaveFrequency(string value) => value == "epoch"
        ? Epoch
        : throw new ArgumentException($"Unrecognized saveFreq: \"{value}\". Expected saveFreq are \"epoch\" or a number of batches.", "saveFreq");

    /// <summary>The same frequency.</summary>
    public bool Equals(SaveFrequency other) => _batches == other._batches;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SaveFrequency other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _batches;

    /// <summary>Equality.</summary>
    public static bool operator ==(SaveFrequency left, SaveFrequency right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(SaveFrequency left, SaveFrequency right) => !left.Equals(right);

    /// <summary><c>epoch</c>, or the number of batches.</summary>
    public override string ToString() => IsEpoch ? "epoch" : _batches.ToString(CultureInfo.InvariantCulture);
}
