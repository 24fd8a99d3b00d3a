namespace FastDense;

/// <summary>
/// A BatchNormalization layer (Keras's <c>keras.layers.BatchNormalization(axis=-1, momentum=0.99, epsilon=1e-3,
/// center=True, scale=True)</c>): in training, each feature is normalized by the batch's mean and (population) variance,
/// <c>γ · (x − μ_B) / sqrt(σ²_B + ε) + β</c>, and the moving mean and variance move toward them by
/// <c>moving · momentum + batch · (1 − momentum)</c>; in inference (evaluation, prediction, validation) the moving
/// statistics are used. γ (<c>gamma</c>, ones) and β (<c>beta</c>, zeros) train; the moving statistics
/// (<c>moving_mean</c> zeros, <c>moving_variance</c> ones) are the model's non-trainable state. A model with a
/// BatchNormalization trains each batch on one thread (the statistics are the whole batch's, as Keras's).
/// Keras's initializers, regularizers and constraints of these tensors are the <c>Beta…</c>, <c>Gamma…</c>,
/// <c>MovingMean…</c> and <c>MovingVariance…</c> properties (an argument of γ without <see cref="Scale"/>, or of β without
/// <see cref="Center"/>, is error FD0028). With <see cref="Renorm"/>, batch renormalization (Keras's <c>renorm</c>):
/// training outputs <c>x̂ · (r · γ) + (d · γ + β)</c> with the corrections <c>r</c> and <c>d</c> held constant in the
/// gradient, and the state gains <c>moving_stddev</c>, <c>renorm_mean</c> and <c>renorm_stddev</c>. <see cref="Synchronized"/>
/// is accepted and changes nothing here.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BatchNormalizationAttribute : Attribute
{
    /// <summary>Keras's <c>momentum</c>: how much of the moving statistics each step keeps, in [0, 1] (FD0019). Default 0.99.</summary>
    public double Momentum { get; set; } = 0.99;

    /// <summary>Keras's <c>epsilon</c>: added to the variance, positive (FD0019). Default 1e-3.</summary>
    public double Epsilon { get; set; } = 1e-3;

    /// <summary>Keras's <c>center</c>: whether the layer has the offset β. Default true.</summary>
    public bool Center { get; set; } = true;

    /// <summary>Keras's <c>scale</c>: whether the layer has the scale γ. Default true.</summary>
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
    /// Keras's <c>moving_mean_initializer</c>: how the moving mean (non-trainable state) starts (Keras's default <see cref="Initializer.Zeros"/>).
    /// Its arguments are the <c>MovingMean…</c> properties below; one the initializer does not read is error FD0021, as are
    /// <see cref="Initializer.Orthogonal"/> and <see cref="Initializer.Identity"/>, which need a 2-D tensor (Keras raises).
    /// For the variance-scaling initializers, a 1-D tensor's fan_in and fan_out are both its length (Keras's <c>compute_fans</c>).
    /// </summary>
    public Initializer MovingMeanInitializer { get; set; } = Initializer.Zeros;

    /// <summary>Keras's <c>value</c> of <see cref="Initializer.Constant"/> for <see cref="MovingMeanInitializer"/> (default 0).</summary>
    public double MovingMeanValue { get; set; }

    /// <summary>Keras's <c>mean</c> of <see cref="Initializer.RandomNormal"/> and <see cref="Initializer.TruncatedNormal"/> for <see cref="MovingMeanInitializer"/> (default 0).</summary>
    public double MovingMeanMean { get; set; }

    /// <summary>Keras's <c>stddev</c> of <see cref="Initializer.RandomNormal"/> and <see cref="Initializer.TruncatedNormal"/> for <see cref="MovingMeanInitializer"/> (default 0.05; positive).</summary>
    public double MovingMeanStddev { get; set; } = 0.05;

    /// <summary>Keras's <c>minval</c> of <see cref="Initializer.RandomUniform"/> for <see cref="MovingMeanInitializer"/> (default −0.05).</summary>
    public double MovingMeanMinValue { get; set; } = -0.05;

    /// <summary>Keras's <c>maxval</c> of <see cref="Initializer.RandomUniform"/> for <see cref="MovingMeanInitializer"/> (default 0.05; above the minimum).</summary>
    public double MovingMeanMaxValue { get; set; } = 0.05;

    /// <summary>Keras's <c>scale</c> of <see cref="Initializer.VarianceScaling"/> for <see cref="MovingMeanInitializer"/> (default 1; positive).</summary>
    public double MovingMeanScale { get; set; } = 1;

    /// <summary>Keras's <c>mode</c> of <see cref="Initializer.VarianceScaling"/> for <see cref="MovingMeanInitializer"/> (default <see cref="VarianceScalingMode.FanIn"/>; every fan of a 1-D tensor is its length).</summary>
    public VarianceScalingMode MovingMeanMode { get; set; }

    /// <summary>Keras's <c>distribution</c> of <see cref="Initializer.VarianceScaling"/> for <see cref="MovingMeanInitializer"/> (default <see cref="VarianceScalingDistribution.TruncatedNormal"/>).</summary>
    public VarianceScalingDistribution MovingMeanDistribution { get; set; }

    /// <summary>
    /// Keras's <c>moving_variance_initializer</c>: how the moving variance (non-trainable state) starts (Keras's default <see cref="Initializer.Ones"/>).
    /// Its arguments are the <c>MovingVariance…</c> properties below; one the initializer does not read is error FD0021, as are
    /// <see cref="Initializer.Orthogonal"/> and <see cref="Initializer.Identity"/>, which need a 2-D tensor (Keras raises).
    /// For the variance-scaling initializers, a 1-D tensor's fan_in and fan_out are both its length (Keras's <c>compute_fans</c>).
    /// </summary>
    public Initializer MovingVarianceInitializer { get; set; } = Initializer.Ones;

    /// <summary>Keras's <c>value</c> of <see cref="Initializer.Constant"/> for <see cref="MovingVarianceInitializer"/> (default 0).</summary>
    public double MovingVarianceValue { get; set; }

    /// <summary>Keras's <c>mean</c> of <see cref="Initializer.RandomNormal"/> and <see cref="Initializer.TruncatedNormal"/> for <see cref="MovingVarianceInitializer"/> (default 0).</summary>
    public double MovingVarianceMean { get; set; }

    /// <summary>Keras's <c>stddev</c> of <see cref="Initializer.RandomNormal"/> and <see cref="Initializer.TruncatedNormal"/> for <see cref="MovingVarianceInitializer"/> (default 0.05; positive).</summary>
    public double MovingVarianceStddev { get; set; } = 0.05;

    /// <summary>Keras's <c>minval</c> of <see cref="Initializer.RandomUniform"/> for <see cref="MovingVarianceInitializer"/> (default −0.05).</summary>
    public double MovingVarianceMinValue { get; set; } = -0.05;

    /// <summary>Keras's <c>maxval</c> of <see cref="Initializer.RandomUniform"/> for <see cref="MovingVarianceInitializer"/> (default 0.05; above the minimum).</summary>
    public double MovingVarianceMaxValue { get; set; } = 0.05;

    /// <summary>Keras's <c>scale</c> of <see cref="Initializer.VarianceScaling"/> for <see cref="MovingVarianceInitializer"/> (default 1; positive).</summary>
    public double MovingVarianceScale { get; set; } = 1;

    /// <summary>Keras's <c>mode</c> of <see cref="Initializer.VarianceScaling"/> for <see cref="MovingVarianceInitializer"/> (default <see cref="VarianceScalingMode.FanIn"/>; every fan of a 1-D tensor is its length).</summary>
    public VarianceScalingMode MovingVarianceMode { get; set; }

    /// <summary>Keras's <c>distribution</c> of <see cref="Initializer.VarianceScaling"/> for <see cref="MovingVarianceInitializer"/> (default <see cref="VarianceScalingDistribution.TruncatedNormal"/>).</summary>
    public VarianceScalingDistribution MovingVarianceDistribution { get; set; }

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

    /// <summary>
    /// Keras's <c>renorm</c>: batch renormalization (Ioffe, 2017; keras/src/layers/normalization/batch_normalization.py).
    /// Default false. In training, with the batch's mean μ_B and <c>σ_B = sqrt(σ²_B + ε)</c>, and
    /// <c>s = max(renorm_stddev, sqrt(ε))</c>:
    /// <code>
    /// r = clip(σ_B / s, RenormClippingRMin, RenormClippingRMax)
    /// d = clip((μ_B − renorm_mean) / s, −RenormClippingDMax, RenormClippingDMax)
    /// y = x̂ · (r · γ) + (d · γ + β)            (γ = 1 without Scale, β = 0 without Center)
    /// </code>
    /// with <c>r</c> and <c>d</c> constants of the gradient (Keras's <c>stop_gradient</c>): the input's gradient is batch
    /// normalization's with the scale <c>r · γ</c>, and γ's is <c>Σ dy · (x̂ · r + d)</c>. After each applied step,
    /// <c>renorm_mean</c> and <c>renorm_stddev</c> move toward μ_B and σ_B by <see cref="RenormMomentum"/>,
    /// <c>moving_mean</c> and <c>moving_stddev</c> by <see cref="Momentum"/>, and <c>moving_variance</c> becomes
    /// <c>max(moving_stddev² − ε, 0)</c>. Inference is unchanged: the moving mean and variance. The three tensors are
    /// non-trainable state after <c>moving_variance</c>, in Keras's order (<c>moving_stddev</c>, <c>renorm_mean</c>,
    /// <c>renorm_stddev</c>); <c>renorm_mean</c> starts as <see cref="MovingMeanInitializer"/> draws it, the two standard
    /// deviations as the square root of what <see cref="MovingVarianceInitializer"/> draws (each tensor its own draw), so
    /// that initializer must not draw negative values (error FD0019).
    /// </summary>
    public bool Renorm { get; set; }

    /// <summary>
    /// Keras's <c>renorm_clipping["rmax"]</c>: the largest correction <c>r</c>, with <see cref="Renorm"/> only (FD0028).
    /// Default +∞, Keras's meaning of a missing <c>rmax</c> (no upper clip). Not NaN, and at least
    /// <see cref="RenormClippingRMin"/> (FD0019).
    /// </summary>
    public double RenormClippingRMax { get; set; } = double.PositiveInfinity;

    /// <summary>
    /// Keras's <c>renorm_clipping["rmin"]</c>: the smallest correction <c>r</c>, with <see cref="Renorm"/> only (FD0028).
    /// Default 0, Keras's meaning of a missing <c>rmin</c> (<c>r</c> is never negative, so no lower clip). Finite (FD0019).
    /// </summary>
    public double RenormClippingRMin { get; set; }

    /// <summary>
    /// Keras's <c>renorm_clipping["dmax"]</c>: <c>d</c> is clipped to <c>[−dmax, dmax]</c>, with <see cref="Renorm"/> only
    /// (FD0028). Default +∞, Keras's meaning of a missing <c>dmax</c> (no clip). Non-negative (FD0019).
    /// </summary>
    public double RenormClippingDMax { get; set; } = double.PositiveInfinity;

    /// <summary>
    /// Keras's <c>renorm_momentum</c>: how much of <c>renorm_mean</c> and <c>renorm_stddev</c> each step keeps, in [0, 1]
    /// (FD0019), with <see cref="Renorm"/> only (FD0028). Default 0.99.
    /// </summary>
    public double RenormMomentum { get; set; } = 0.99;

    /// <summary>
    /// Keras's <c>synchronized</c> (TensorFlow only): whether the batch statistics are the global batch's across the
    /// replicas of a distribution strategy. Default false. FastDense always normalizes by the whole batch's statistics
    /// (a model with a BatchNormalization trains each batch on one thread), which is what synchronized statistics are,
    /// so the flag changes nothing here; it is kept for the description and Keras's config.
    /// </summary>
    public bool Synchronized { get; set; }
}
