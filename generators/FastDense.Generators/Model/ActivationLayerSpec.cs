using FastDense.Generators.Helpers;

namespace FastDense.Generators.Model;

/// <summary>
/// A layer that only applies an activation, as declared: Keras's Activation, ReLU, LeakyReLU, ELU or Softmax (its class
/// name, which picks its kind), and the activation it amounts to with that activation's arguments.
/// </summary>
/// <param name="KerasClass">The layer's Keras class: <c>Activation</c>, <c>ReLU</c>, <c>LeakyReLU</c>, <c>ELU</c>, <c>Softmax</c>.</param>
/// <param name="Activation">The activation applied (a ReLU layer's is <c>Relu</c>).</param>
internal sealed record ActivationLayerSpec(string KerasClass, Activation Activation) : LayerSpec
{
    /// <summary>
    /// The activation's arguments in the order of its typed operator's constructor, defaults filled in (the layer's:
    /// LeakyReLU's slope 0.3), booleans as 1 or 0; empty for an activation without any.
    /// </summary>
    public EquatableArray<double> ActivationArguments { get; init; } = EquatableArray<double>.Empty;
}
