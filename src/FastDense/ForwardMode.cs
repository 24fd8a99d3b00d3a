namespace FastDense;

/// <summary>
/// Whether a forward pass trains or infers, and in training where its random draws come from. Layers that act only in
/// training (Dropout) read it: in inference they pass their input through; in training they draw their masks from
/// <see cref="NoiseKey"/>, row by row, so that a row's mask depends on the key and on the row's index in the batch
/// (<see cref="FirstRow"/> plus its index in the slice), never on how the batch was split over threads.
/// </summary>
public readonly struct ForwardMode : IEquatable<ForwardMode>
{
    private ForwardMode(bool isTraining, ulong noiseKey, int firstRow)
    {
        IsTraining = isTraining;
        NoiseKey = noiseKey;
        FirstRow = firstRow;
    }

    /// <summary>The inference pass: every layer is deterministic (Keras's <c>training=False</c>).</summary>
    public static ForwardMode Inference => default;

    /// <summary>A training pass (Keras's <c>training=True</c>) whose random draws come from <paramref name="noiseKey"/>.</summary>
    /// <param name="noiseKey">The key of this step's draws: the same key draws the same masks.</param>
    /// <param name="firstRow">The index, in the whole batch, of the first row this pass computes (non-zero for a shard).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="firstRow"/> is negative.</exception>
    public static ForwardMode Training(ulong noiseKey, int firstRow = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstRow);
        return new ForwardMode(true, noiseKey, firstRow);
    }

    /// <summary>Whether this is a training pass.</summary>
    public bool IsTraining { get; }

    /// <summary>The key of the step's random draws (0 in inference).</summary>
    public ulong NoiseKey { get; }

    /// <summary>The index, in the whole batch, of the first row this pass computes.</summary>
    public int FirstRow { get; }

    /// <summary>The same pass for the slice of the batch that starts <paramref name="rows"/> rows further on.</summary>
    /// <param name="rows">How many rows further the slice starts. Must not be negative.</param>
    public ForwardMode Skip(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        return IsTraining ? new ForwardMode(true, NoiseKey, checked(FirstRow + rows)) : this;
    }

    /// <inheritdoc />
    public bool Equals(ForwardMode other) => IsTraining == other.IsTraining && NoiseKey == other.NoiseKey && FirstRow == other.FirstRow;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ForwardMode other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(IsTraining, NoiseKey, FirstRow);

    /// <summary>Whether two modes are the same pass.</summary>
    public static bool operator ==(ForwardMode left, ForwardMode right) => left.Equals(right);

    /// <summary>Whether two modes differ.</summary>
    public static bool operator !=(ForwardMode left, ForwardMode right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => IsTraining ? $"Training (key {NoiseKey:X16}, first row {FirstRow})" : "Inference";
}
