namespace FastDense.Generators.Model;

/// <summary>An Identity layer: it has no arguments, so every one equals every other.</summary>
internal sealed record IdentitySpec : LayerSpec;
