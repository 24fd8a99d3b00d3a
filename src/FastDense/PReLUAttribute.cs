namespace FastDense;

/// <summary>
/// A PReLU layer (Keras's <c>keras.layers.PReLU(alpha_initializer="Zeros", alpha_regularizer=None, alpha_constraint=None,
/// shared_axes=None)</c>): <c>f(x) = max(0, x) + alpha · min(0, x)</c> with a trainable <c>alpha</c> of the layer's width, one
/// per feature, or of one value shared by every feature (<see cref="SharedAxes"/> <c>new[] { 1 }</c>). Its derivative is 1
/// above 0, alpha below and 0 at 0 (TensorFlow's relu gradients); alpha's is <c>min(0, x)</c>. Keras's initializer,
/// regularizer and constraint of alpha are the <c>Alpha…</c> properties, read as those of BatchNormalization's gamma.
/// The layer keeps the width and cannot be the model's last (FD0015).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PReLUAttribute : Attribute
{
    /// <summary>
    /// Keras's <c>shared_axes</c> for the layer's (rows, features) input: null (the default: an alpha per feature) or
    /// <c>new[] { 1 }</c> (one alpha for every feature; alpha's shape is then (1)). An empty array is null, as in Keras;
    /// anything else is error FD0020.
    /// </summary>
    public int[]? SharedAxes { get; set; }

    /// <summary>
    /// Keras's <c>alpha_initializer</c>: how alpha starts (Keras's default <see cref="Initializer.Zeros"/>: the layer starts as
    /// relu). Its arguments are the <c>Alpha…</c> properties below; one the initializer does not read is error FD0021, as are
    /// <see cref="Initializer.Orthogonal"/> and <see cref="Initializer.Identity"/>, which need a 2-D tensor (Keras raises).
    /// For the variance-scaling initializers, alpha's fan_in and fan_out are both its length (Keras's <c>compute_fans</c>).
    /// </summary>
    public Initializer AlphaInitializer { get; set; } = Initializer.Zeros;

    /// <summary>Keras's <c>value</c> of <see cref="Initializer.Constant"/> for <see cref="AlphaInitializer"/> (default 0).</summary>
    public double AlphaValue { get; set; }

    /// <summary>Keras's <c>mean</c> of <see cref="Initializer.RandomNormal"/> and <see cref="Initializer.TruncatedNormal"/> for <see cref="AlphaInitializer"/> (default 0).</summary>
    public double AlphaMean { get; set; }

    /// <summary>Keras's <c>stddev</c> of <see cref="Initializer.RandomNormal"/> and <see cref="Initializer.TruncatedNormal"/> for <see cref="AlphaInitializer"/> (default 0.05; positive).</summary>
    public double AlphaStddev { get; set; } = 0.05;

    /// <summary>Keras's <c>minval</c> of <see cref="Initializer.RandomUniform"/> for <see cref="AlphaInitializer"/> (default −0.05).</summary>
    public double AlphaMinValue { get; set; } = -0.05;

    /// <summary>Keras's <c>maxval</c> of <see cref="Initializer.RandomUniform"/> for <see cref="AlphaInitializer"/> (default 0.05; above the minimum).</summary>
    public double AlphaMaxValue { get; set; } = 0.05;

    /// <summary>Keras's <c>scale</c> of <see cref="Initializer.VarianceScaling"/> for <see cref="AlphaInitializer"/> (default 1; positive).</summary>
    public double AlphaScale { get; set; } = 1;

    /// <summary>Keras's <c>mode</c> of <see cref="Initializer.VarianceScaling"/> for <see cref="AlphaInitializer"/> (default <see cref="VarianceScalingMode.FanIn"/>; every fan of alpha is its length).</summary>
    public VarianceScalingMode AlphaMode { get; set; }

    /// <summary>Keras's <c>distribution</c> of <see cref="Initializer.VarianceScaling"/> for <see cref="AlphaInitializer"/> (default <see cref="VarianceScalingDistribution.TruncatedNormal"/>).</summary>
    public VarianceScalingDistribution AlphaDistribution { get; set; }

    /// <summary>
    /// Keras's <c>alpha_regularizer=L1(l1)</c> (or the <c>l1</c> of <c>L1L2</c>): adds <c>l1·Σ|alpha|</c> to the loss, trained
    /// and reported (keras/src/regularizers/regularizers.py). Default 0: none. Non-negative and finite (FD0020).
    /// </summary>
    public double AlphaRegularizerL1 { get; set; }

    /// <summary>Keras's <c>alpha_regularizer=L2(l2)</c> (or the <c>l2</c> of <c>L1L2</c>): adds <c>l2·Σalpha²</c> to the loss. Default 0: none.</summary>
    public double AlphaRegularizerL2 { get; set; }

    /// <summary>
    /// Keras's <c>alpha_constraint</c>: a projection of alpha after every optimizer step (default <see cref="Constraint.None"/>;
    /// <see cref="Constraint.NonNeg"/> keeps the layer monotonic); a norm is the whole vector's. Its arguments are the
    /// <c>AlphaConstraint…</c> properties; one the constraint does not read, or out of range, is error FD0025.
    /// </summary>
    public Constraint AlphaConstraint { get; set; }

    /// <summary>Keras's <c>max_value</c> of <see cref="Constraint.MaxNorm"/> (default 2) and <see cref="Constraint.MinMaxNorm"/> (default 1 when not written) for <see cref="AlphaConstraint"/>.</summary>
    public double AlphaConstraintMaxValue { get; set; } = 2;

    /// <summary>Keras's <c>min_value</c> of <see cref="Constraint.MinMaxNorm"/> for <see cref="AlphaConstraint"/> (default 0).</summary>
    public double AlphaConstraintMinValue { get; set; }

    /// <summary>Keras's <c>rate</c> of <see cref="Constraint.MinMaxNorm"/> for <see cref="AlphaConstraint"/> (default 1), in [0, 1].</summary>
    public double AlphaConstraintRate { get; set; } = 1;
}
