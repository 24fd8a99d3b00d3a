namespace FastDense.Generators.Model;

/// <summary>
/// A normalization layer's γ or β as declared, beside its shape (the layer's width): Keras's initializer, regularizer
/// (<c>l1</c> and <c>l2</c>, both 0 for none) and constraint.
/// </summary>
internal sealed record VectorWeightSpec(InitializerSpec Initializer, double RegularizerL1, double RegularizerL2, ConstraintSpec Constraint)
{
    /// <summary>Whether a regularizer adds to the loss.</summary>
    public bool Regularized => RegularizerL1 != 0 || RegularizerL2 != 0;

    /// <summary>Keras's γ: ones, no regularizer, no constraint.</summary>
    public static readonly VectorWeightSpec Ones = new(InitializerSpec.Ones, 0, 0, ConstraintSpec.None);

    /// <summary>Keras's β: zeros, no regularizer, no constraint.</summary>
    public static readonly VectorWeightSpec Zeros = new(InitializerSpec.Zeros, 0, 0, ConstraintSpec.None);
}
