namespace FastDense.Generators.Model;

/// <summary>A PReLU layer as declared.</summary>
/// <param name="Shared">Keras's <c>shared_axes=[1]</c>: one alpha (shape (1)) for every feature; otherwise one per feature.</param>
internal sealed record PReLUSpec(bool Shared) : LayerSpec
{
    /// <summary>Alpha's initializer (Keras's default zeros), regularizer and constraint.</summary>
    public VectorWeightSpec Alpha { get; init; } = VectorWeightSpec.Zeros;
}
