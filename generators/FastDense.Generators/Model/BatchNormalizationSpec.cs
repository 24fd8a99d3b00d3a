namespace FastDense.Generators.Model;

/// <summary>A BatchNormalization layer as declared (Keras's arguments).</summary>
/// <param name="Momentum">How much of the moving statistics each step keeps.</param>
/// <param name="Epsilon">Added to the variance.</param>
/// <param name="Center">Whether the layer has β.</param>
/// <param name="Scale">Whether the layer has γ.</param>
internal sealed record BatchNormalizationSpec(double Momentum, double Epsilon, bool Center, bool Scale) : LayerSpec
{
    /// <summary>Keras's <c>gamma_initializer</c>, <c>gamma_regularizer</c> and <c>gamma_constraint</c> (Keras's defaults without <see cref="Scale"/>).</summary>
    public VectorWeightSpec Gamma { get; init; } = VectorWeightSpec.Ones;

    /// <summary>Keras's <c>beta_initializer</c>, <c>beta_regularizer</c> and <c>beta_constraint</c> (Keras's defaults without <see cref="Center"/>).</summary>
    public VectorWeightSpec Beta { get; init; } = VectorWeightSpec.Zeros;

    /// <summary>Keras's <c>moving_mean_initializer</c>.</summary>
    public InitializerSpec MovingMean { get; init; } = InitializerSpec.Zeros;

    /// <summary>Keras's <c>moving_variance_initializer</c>.</summary>
    public InitializerSpec MovingVariance { get; init; } = InitializerSpec.Ones;

    /// <summary>Keras's <c>renorm</c>: batch renormalization, with the three state tensors it adds.</summary>
    public bool Renorm { get; init; }

    /// <summary>Keras's <c>renorm_clipping["rmax"]</c>; +∞ when not given (Keras's meaning of a missing key).</summary>
    public double RenormClippingRMax { get; init; } = double.PositiveInfinity;

    /// <summary>Keras's <c>renorm_clipping["rmin"]</c>; 0 when not given (Keras's meaning of a missing key).</summary>
    public double RenormClippingRMin { get; init; }

    /// <summary>Keras's <c>renorm_clipping["dmax"]</c>; +∞ when not given (Keras's meaning of a missing key).</summary>
    public double RenormClippingDMax { get; init; } = double.PositiveInfinity;

    /// <summary>Keras's <c>renorm_momentum</c>.</summary>
    public double RenormMomentum { get; init; } = 0.99;

    /// <summary>Keras's <c>synchronized</c>: no effect here (the statistics are always the whole batch's).</summary>
    public bool Synchronized { get; init; }
}
