namespace FastDense;

/// <summary>
/// A LayerNormalization layer (Keras's <c>keras.layers.LayerNormalization(axis=-1, epsilon=1e-3, center=True,
/// scale=True)</c>): each row normalized by its own mean and variance over its features,
/// <c>γ · (x − μ_row) / sqrt(σ²_row + ε) + β</c>, the same in training and inference; γ (<c>gamma</c>, ones) and β
/// (<c>beta</c>, zeros) train; their initializers, regularizers and constraints are the <c>Beta…</c> and <c>Gamma…</c>
/// properties (an argument of γ without <see cref="Scale"/>, or of β without <see cref="Center"/>, is error FD0028). Not
/// supported: the deprecated <c>rms_scaling</c>. <see cref="Epsilon"/> must be positive (FD0020); the layer cannot be
/// the output (FD0015).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LayerNormalizationAttribute : Attribute
{
    /// <summary>Keras's <c>epsilon</c>, added to each row's variance. Default 1e-3.</summary>
    public double Epsilon { get; set; } = 1e-3;

    /// <summary>Keras's <c>center</c>: whether the layer has β. Default true.</summary>
    public bool Center { get; set; } = true;

    /// <summary>Keras's <c>scale</c>: whether the layer has γ. Default true.</summary>
    public bool Scale { get; set; } = true;

    /// <summary>
    /// Keras's <c>beta_initializer</c>: how β (with <see cref="Center"/>; FD0028 without) starts (Keras's default <see cref="Initializer.Zeros"/>).
    /// Its arguments are the <c>Beta…</c> properties below; one the initializer does not read is error FD0021, as are
    /// <see cref="Initializer.Orthogonal"/> and <see cref="Initializer.Identity"/>, which need a 2-D tensor (Keras raises).
    /// For the variance-scaling initializers, a 1-D tensor's fan_in and fan_out are both its length (Keras's <c>compute_fans</c>).
    /// </summary>
    public Initializer BetaInitializer { get; set; } = Initializer.Zeros;

    /// <summary>Keras's <c>value</c> of <see cref="Initializer.Constant"/> for <see cref="BetaInitializer"/> (default 0).</summary>
    public double BetaValue { get; set; }

    /// <summary>Keras's <c>mean</c> of <see cref="Initializer.RandomNormal"/> and <see cref="Initializer.TruncatedNormal"/> for <see cref="BetaInitializer"/> (default 0).</summary>
    public double BetaMean { get; set; }

    /// <summary>Keras's <c>stddev</c> of <see cref="Initializer.RandomNormal"/> and <see cref="Initializer.TruncatedNormal"/> for <see cref="BetaInitializer"/> (default 0.05; positive).</summary>
    public double BetaStddev { get; set; } = 0.05;

    /// <summary>Keras's <c>minval</c> of <see cref="Initializer.RandomUniform"/> for <see cref="BetaInitializer"/> (default −0.05).</summary>
    public double BetaMinValue { get; set; } = -0.05;

    /// <summary>Keras's <c>maxval</c> of <see cref="Initializer.RandomUniform"/> for <see cref="BetaInitializer"/> (default 0.05; above the minimum).</summary>
    public double BetaMaxValue { get; set; } = 0.05;

    /// <summary>Keras's <c>scale</c> of <see cref="Initializer.VarianceScaling"/> for <see cref="BetaInitializer"/> (default 1; positive).</summary>
    public double BetaScale { get; set; } = 1;

    /// <summary>Keras's <c>mode</c> of <see cref="Initializer.VarianceScaling"/> for <see cref="BetaInitializer"/> (default <see cref="VarianceScalingMode.FanIn"/>; every fan of a 1-D tensor is its length).</summary>
    public VarianceScalingMode BetaMode { get; set; }

    /// <summary>Keras's <c>distribution</c> of <see cref="Initializer.VarianceScaling"/> for <see cref="BetaInitializer"/> (default <see cref="VarianceScalingDistribution.TruncatedNormal"/>).</summary>
    public VarianceScalingDistribution BetaDistribution { get; set; }

    /// <summary>
    /// Keras's <c>gamma_initializer</c>: how γ (with <see cref="Scale"/>; FD0028 without) starts (Keras's default <see cref="Initializer.Ones"/>).
    /// Its arguments are the <c>Gamma…</c> properties below; one the initializer does not read is error FD0021, as are
    /// <see cref="Initializer.Orthogonal"/> and <see cref="Initializer.Identity"/>, which need a 2-D tensor (Keras raises).
    /// For the variance-scaling initializers, a 1-D tensor's fan_in and fan_out are both its length (Keras's <c>compute_fans</c>).
    /// </summary>
    public Initializer GammaInitializer { get; set; } = Initializer.Ones;

    /// <summary>Keras's <c>value</c> of <see cref="Initializer.Constant"/> for <see cref="GammaInitializer"/> (default 0).</summary>
    public double GammaValue { get; set; }

    /// <summary>Keras's <c>mean</c> of <see cref="Initializer.RandomNormal"/> and <see cref="Initializer.TruncatedNormal"/> for <see cref="GammaInitializer"/> (default 0).</summary>
    public double GammaMean { get; set; }

    /// <summary>Keras's <c>stddev</c> of <see cref="Initializer.RandomNormal"/> and <see cref="Initializer.TruncatedNormal"/> for <see cref="GammaInitializer"/> (default 0.05; positive).</summary>
    public double GammaStddev { get; set; } = 0.05;

    /// <summary>Keras's <c>minval</c> of <see cref="Initializer.RandomUniform"/> for <see cref="GammaInitializer"/> (default −0.05).</summary>
    public double GammaMinValue { get; set; } = -0.05;

    /// <summary>Keras's <c>maxval</c> of <see cref="Initializer.RandomUniform"/> for <see cref="GammaInitializer"/> (default 0.05; above the minimum).</summary>
    public double GammaMaxValue { get; set; } = 0.05;

    /// <summary>Keras's <c>scale</c> of <see cref="Initializer.VarianceScaling"/> for <see cref="GammaInitializer"/> (default 1; positive).</summary>
    public double GammaScale { get; set; } = 1;

    /// <summary>Keras's <c>mode</c> of <see cref="Initializer.VarianceScaling"/> for <see cref="GammaInitializer"/> (default <see cref="VarianceScalingMode.FanIn"/>; every fan of a 1-D tensor is its length).</summary>
    public VarianceScalingMode GammaMode { get; set; }

    /// <summary>Keras's <c>distribution</c> of <see cref="Initializer.VarianceScaling"/> for <see cref="GammaInitializer"/> (default <see cref="VarianceScalingDistribution.TruncatedNormal"/>).</summary>
    public VarianceScalingDistribution GammaDistribution { get; set; }

    /// <summary>
    /// Keras's <c>beta_regularizer=L1(l1)</c> (or the <c>l1</c> of <c>L1L2</c>): adds <c>l1·Σ|β|</c> to the loss, trained
    /// and reported (keras/src/regularizers/regularizers.py). Default 0: none. Non-negative and finite (FD0020); only with
    /// <see cref="Center"/> (FD0028).
    /// </summary>
    public double BetaRegularizerL1 { get; set; }

    /// <summary>Keras's <c>beta_regularizer=L2(l2)</c> (or the <c>l2</c> of <c>L1L2</c>): adds <c>l2·Σβ²</c> to the loss. Default 0: none.</summary>
    public double BetaRegularizerL2 { get; set; }

    /// <summary>
    /// Keras's <c>gamma_regularizer=L1(l1)</c> (or the <c>l1</c> of <c>L1L2</c>): adds <c>l1·Σ|γ|</c> to the loss, trained
    /// and reported (keras/src/regularizers/regularizers.py). Default 0: none. Non-negative and finite (FD0020); only with
    /// <see cref="Scale"/> (FD0028).
    /// </summary>
    public double GammaRegularizerL1 { get; set; }

    /// <summary>Keras's <c>gamma_regularizer=L2(l2)</c> (or the <c>l2</c> of <c>L1L2</c>): adds <c>l2·Σγ²</c> to the loss. Default 0: none.</summary>
    public double GammaRegularizerL2 { get; set; }

    /// <summary>
    /// Keras's <c>beta_constraint</c>: a projection of beta after every optimizer step (default <see cref="Constraint.None"/>);
    /// a norm is the whole vector's. Its arguments are the <c>BetaConstraint…</c> properties; one the constraint does not
    /// read, or out of range, is error FD0025; only with <see cref="Center"/> (FD0028).
    /// </summary>
    public Constraint BetaConstraint { get; set; }

    /// <summary>Keras's <c>max_value</c> of <see cref="Constraint.MaxNorm"/> (default 2) and <see cref="Constraint.MinMaxNorm"/> (default 1 when not written) for <see cref="BetaConstraint"/>.</summary>
    public double BetaConstraintMaxValue { get; set; } = 2;

    /// <summary>Keras's <c>min_value</c> of <see cref="Constraint.MinMaxNorm"/> for <see cref="BetaConstraint"/> (default 0).</summary>
    public double BetaConstraintMinValue { get; set; }

    /// <summary>Keras's <c>rate</c> of <see cref="Constraint.MinMaxNorm"/> for <see cref="BetaConstraint"/> (default 1), in [0, 1].</summary>
    public double BetaConstraintRate { get; set; } = 1;

    /// <summary>
    /// Keras's <c>gamma_constraint</c>: a projection of gamma after every optimizer step (default <see cref="Constraint.None"/>);
    /// a norm is the whole vector's. Its arguments are the <c>GammaConstraint…</c> properties; one the constraint does not
    /// read, or out of range, is error FD0025; only with <see cref="Scale"/> (FD0028).
    /// </summary>
    public Constraint GammaConstraint { get; set; }

    /// <summary>Keras's <c>max_value</c> of <see cref="Constraint.MaxNorm"/> (default 2) and <see cref="Constraint.MinMaxNorm"/> (default 1 when not written) for <see cref="GammaConstraint"/>.</summary>
    public double GammaConstraintMaxValue { get; set; } = 2;

    /// <summary>Keras's <c>min_value</c> of <see cref="Constraint.MinMaxNorm"/> for <see cref="GammaConstraint"/> (default 0).</summary>
    public double GammaConstraintMinValue { get; set; }

    /// <summary>Keras's <c>rate</c> of <see cref="Constraint.MinMaxNorm"/> for <see cref="GammaConstraint"/> (default 1), in [0, 1].</summary>
    public double GammaConstraintRate { get; set; } = 1;
}
