namespace FastDense.Generators.Model;

/// <summary>A GaussianNoise layer as declared.</summary>
/// <param name="Stddev">The noise's standard deviation.</param>
/// <param name="Seed">The layer's seed when declared.</param>
internal sealed record GaussianNoiseSpec(double Stddev, int? Seed) : LayerSpec;
