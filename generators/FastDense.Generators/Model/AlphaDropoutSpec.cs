namespace FastDense.Generators.Model;

/// <summary>An AlphaDropout layer as declared.</summary>
/// <param name="Rate">The probability that an input is dropped in training, in [0, 1).</param>
/// <param name="Seed">The layer's seed when the declaration sets one; otherwise its position stands in for it.</param>
internal sealed record AlphaDropoutSpec(double Rate, int? Seed) : LayerSpec
{
    /// <summary>Keras's <c>noise_shape</c> (1, None): one mask for every row of the batch.</summary>
    public bool SameForEveryRow { get; init; }

    /// <summary>Keras's <c>noise_shape</c> (None, 1): each row kept or dropped whole.</summary>
    public bool SameForEveryColumn { get; init; }
}
