namespace FastDense.Generators.Model;

/// <summary>A Dropout layer as declared.</summary>
/// <param name="Rate">The probability that an input is dropped in training, in [0, 1).</param>
/// <param name="Seed">The layer's seed when the declaration sets one; otherwise its position stands in for it.</param>
internal sealed record DropoutSpec(double Rate, int? Seed) : LayerSpec;
