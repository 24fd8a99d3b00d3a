namespace FastDense.Generators.Model;

/// <summary>A GaussianDropout layer as declared.</summary>
/// <param name="Rate">The drop probability, in [0, 1).</param>
/// <param name="Seed">The layer's seed when declared.</param>
internal sealed record GaussianDropoutSpec(double Rate, int? Seed) : LayerSpec;
