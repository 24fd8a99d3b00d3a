namespace FastDense.Generators.Model;

/// <summary>A LayerNormalization layer as declared (Keras's arguments).</summary>
/// <param name="Epsilon">Added to each row's variance.</param>
/// <param name="Center">Whether the layer has β.</param>
/// <param name="Scale">Whether the layer has γ.</param>
internal sealed record LayerNormalizationSpec(double Epsilon, bool Center, bool Scale) : LayerSpec;
