namespace FastDense.Generators.Model;

/// <summary>A BatchNormalization layer as declared (Keras's arguments).</summary>
/// <param name="Momentum">How much of the moving statistics each step keeps.</param>
/// <param name="Epsilon">Added to the variance.</param>
/// <param name="Center">Whether the layer has β.</param>
/// <param name="Scale">Whether the layer has γ.</param>
internal sealed record BatchNormalizationSpec(double Momentum, double Epsilon, bool Center, bool Scale) : LayerSpec;
