namespace FastDense;

/// <summary>
/// One fully connected layer of a <see cref="ModelAttribute"/> model: <c>y = activation(x·kernel + bias)</c>, with the
/// kernel stored <c>[inputs, units]</c> as Keras stores it. Layers run in the order the attributes are written.
/// A class with <c>[Dense]</c> needs a <see cref="ModelAttribute"/> on one of its declarations (otherwise error FD0012).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : Attribute
{
    /// <summary>Declares a layer of <paramref name="units"/> outputs followed by <paramref name="activation"/>.</summary>
    /// <param name="units">
    /// Keras's <c>units</c>: the width of the kernel and bias, and the layer's output width, except under
    /// <see cref="Activation.Glu"/>, which halves it (so it must be even, otherwise error FD0027). Must be positive (FD0003).
    /// </param>
    /// <param name="activation">The activation applied to the layer's output; its arguments are the properties below named as Keras names them.</param>
    public DenseAttribute(int units, Activation activation = Activation.Linear)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>Keras's <c>units</c>: the kernel's and bias's width, and the layer's output width (half of it under <see cref="Activation.Glu"/>).</summary>
    public int Units { get; }

    /// <summary>The activation applied to the layer's output.</summary>
    public Activation Activation { get; }

    /// <summary>
    /// Keras's <c>use_bias</c> (default true). False: the layer computes <c>activation(x·kernel)</c> and has no bias tensor
    /// (the parameter buffer, <see cref="LayerDescription.Tensors"/> and every saved file hold only its kernel; its
    /// parameter count is Keras's <c>inputs · units</c>), as Keras's Dense builds none. The common use is a Dense before a
    /// BatchNormalization, whose beta is the bias. A <c>Bias…</c> property written on such a layer (initializer, seed,
    /// regularizer, constraint) is error FD0028.
    /// </summary>
    public bool UseBias { get; set; } = true;

    /// <summary>
    /// Keras's <c>negative_slope</c> of <see cref="Activation.Relu"/> (default 0) and <see cref="Activation.LeakyRelu"/>
    /// (default 0.2, the function's; Keras's <c>LeakyReLU</c> layer defaults to 0.3): the slope below the threshold. Not
    /// negative (Keras's <c>ReLU</c> and <c>LeakyReLU</c> layers' rule). Unwritten, each activation takes its own default;
    /// written for another activation, error FD0023.
    /// </summary>
    public double NegativeSlope { get; set; }

    /// <summary>Keras's <c>max_value</c> of <see cref="Activation.Relu"/>: where it saturates, not negative; <see cref="double.PositiveInfinity"/> (the default) is Keras's <c>None</c>.</summary>
    public double MaxValue { get; set; } = double.PositiveInfinity;

    /// <summary>
    /// Keras's <c>threshold</c> of <see cref="Activation.Relu"/> (default 0: below it, the output is the slope's line),
    /// <see cref="Activation.SoftShrink"/> and <see cref="Activation.HardShrink"/> (default 0.5), not negative for these;
    /// and of <see cref="Activation.Threshold"/>, where it must be written (any finite value). Unwritten, each activation
    /// takes its own default.
    /// </summary>
    public double Threshold { get; set; }

    /// <summary>Keras's <c>alpha</c> of <see cref="Activation.Elu"/> and <see cref="Activation.Celu"/> (default 1; positive).</summary>
    public double Alpha { get; set; } = 1;

    /// <summary>Keras's <c>approximate</c> of <see cref="Activation.Gelu"/> (default false: the exact form with erf; true: the tanh form).</summary>
    public bool Approximate { get; set; }

    /// <summary>Keras's <c>b</c> of <see cref="Activation.Squareplus"/> (default 4; positive).</summary>
    public double B { get; set; } = 4;

    /// <summary>Keras's <c>default_value</c> of <see cref="Activation.Threshold"/>: the output at and below the threshold. Must be written (finite), as Keras's has no default.</summary>
    public double DefaultValue { get; set; }

    /// <summary>Keras's <c>kernel_initializer</c>: how the kernel [inputs, units] starts (Keras's default <see cref="Initializer.GlorotUniform"/>). Its arguments are the <c>Kernel…</c> properties below; one the initializer does not read is error FD0021.</summary>
    public Initializer KernelInitializer { get; set; } = Initializer.GlorotUniform;

    /// <summary>Keras's <c>value</c> for <see cref="Initializer.Constant"/> (default 0).</summary>
    public double KernelValue { get; set; }

    /// <summary>Keras's <c>mean</c> for <see cref="Initializer.RandomNormal"/> and <see cref="Initializer.TruncatedNormal"/> (default 0).</summary>
    public double KernelMean { get; set; }

    /// <summary>Keras's <c>stddev</c> for <see cref="Initializer.RandomNormal"/> and <see cref="Initializer.TruncatedNormal"/> (default 0.05; positive).</summary>
    public double KernelStddev { get; set; } = 0.05;

    /// <summary>Keras's <c>minval</c> for <see cref="Initializer.RandomUniform"/> (default −0.05).</summary>
    public double KernelMinValue { get; set; } = -0.05;

    /// <summary>Keras's <c>maxval</c> for <see cref="Initializer.RandomUniform"/> (default 0.05; above the minimum).</summary>
    public double KernelMaxValue { get; set; } = 0.05;

    /// <summary>Keras's <c>gain</c> for <see cref="Initializer.Orthogonal"/> and <see cref="Initializer.Identity"/> (default 1).</summary>
    public double KernelGain { get; set; } = 1;

    /// <summary>Keras's <c>scale</c> for <see cref="Initializer.VarianceScaling"/> (default 1; positive).</summary>
    public double KernelScale { get; set; } = 1;

    /// <summary>Keras's <c>mode</c> for <see cref="Initializer.VarianceScaling"/> (default <see cref="VarianceScalingMode.FanIn"/>).</summary>
    public VarianceScalingMode KernelMode { get; set; }

    /// <summary>Keras's <c>distribution</c> for <see cref="Initializer.VarianceScaling"/> (default <see cref="VarianceScalingDistribution.TruncatedNormal"/>).</summary>
    public VarianceScalingDistribution KernelDistribution { get; set; }

    /// <summary>
    /// Keras's <c>seed</c> of <see cref="KernelInitializer"/>. Written, the kernel draws from a stream of its own, started
    /// from this seed alone: its values depend on the seed, the initializer with its arguments and the kernel's shape only,
    /// whatever the model's seed, so two kernels of the same shape, initializer and seed start identical, as Keras's
    /// integer-seeded initializers do (the numbers are FastDense's, not TensorFlow's). Such a kernel takes nothing from the
    /// model's stream, so the unseeded tensors after it take what it would have. Unwritten (Keras's <c>None</c>), the
    /// kernel draws from the model's stream in layer order. Attributes take no <c>int?</c>: any value written, 0 included,
    /// is a seed, as <see cref="DropoutAttribute.Seed"/>. Keras's Zeros, Ones, Constant and Identity take no seed (their
    /// constructors refuse one): error FD0021.
    /// </summary>
    public int KernelSeed { get; set; }

    /// <summary>Keras's <c>bias_initializer</c>: how the bias [units] starts (Keras's default <see cref="Initializer.Zeros"/>). Its arguments are the <c>Bias…</c> properties below; one the initializer does not read is error FD0021.</summary>
    public Initializer BiasInitializer { get; set; } = Initializer.Zeros;

    /// <summary>Keras's <c>value</c> for <see cref="Initializer.Constant"/> (default 0).</summary>
    public double BiasValue { get; set; }

    /// <summary>Keras's <c>mean</c> for <see cref="Initializer.RandomNormal"/> and <see cref="Initializer.TruncatedNormal"/> (default 0).</summary>
    public double BiasMean { get; set; }

    /// <summary>Keras's <c>stddev</c> for <see cref="Initializer.RandomNormal"/> and <see cref="Initializer.TruncatedNormal"/> (default 0.05; positive).</summary>
    public double BiasStddev { get; set; } = 0.05;

    /// <summary>Keras's <c>minval</c> for <see cref="Initializer.RandomUniform"/> (default −0.05).</summary>
    public double BiasMinValue { get; set; } = -0.05;

    /// <summary>Keras's <c>maxval</c> for <see cref="Initializer.RandomUniform"/> (default 0.05; above the minimum).</summary>
    public double BiasMaxValue { get; set; } = 0.05;

    /// <summary>Keras's <c>gain</c> for <see cref="Initializer.Orthogonal"/> and <see cref="Initializer.Identity"/> (default 1).</summary>
    public double BiasGain { get; set; } = 1;

    /// <summary>Keras's <c>scale</c> for a bias's <see cref="Initializer.VarianceScaling"/> (default 1; positive; a bias's fans are both its length).</summary>
    public double BiasScale { get; set; } = 1;

    /// <summary>Keras's <c>mode</c> for a bias's <see cref="Initializer.VarianceScaling"/>.</summary>
    public VarianceScalingMode BiasMode { get; set; }

    /// <summary>Keras's <c>distribution</c> for a bias's <see cref="Initializer.VarianceScaling"/>.</summary>
    public VarianceScalingDistribution BiasDistribution { get; set; }

    /// <summary>
    /// Keras's <c>seed</c> of <see cref="BiasInitializer"/>, as <see cref="KernelSeed"/> for the kernel: the bias draws
    /// from a stream of its own started from it. The default bias initializer, Zeros, draws nothing and takes no seed
    /// (error FD0021); nor does a layer without a bias (FD0028).
    /// </summary>
    public int BiasSeed { get; set; }

    /// <summary>
    /// Keras's <c>kernel_regularizer=L1(l1)</c> (or the <c>l1</c> of <c>L1L2</c>): adds <c>l1·Σ|kernel|</c> to the loss,
    /// trained and reported (keras/src/regularizers/regularizers.py). Default 0: none. Non-negative and finite (FD0020).
    /// </summary>
    public double KernelRegularizerL1 { get; set; }

    /// <summary>Keras's <c>kernel_regularizer=L2(l2)</c> (or the <c>l2</c> of <c>L1L2</c>): adds <c>l2·Σ kernel²</c> to the loss. Default 0: none.</summary>
    public double KernelRegularizerL2 { get; set; }

    /// <summary>
    /// Keras's <c>kernel_regularizer=OrthogonalRegularizer(factor, mode)</c> (keras/src/regularizers/regularizers.py): adds
    /// <c>factor · Σ_{i&lt;j} |v̂_i · v̂_j| / (n (n − 1) / 2)</c> to the loss, the mean absolute cosine between the kernel's n
    /// rows or columns (<see cref="KernelRegularizerOrthogonalMode"/>), each l2-normalized as Keras's <c>normalize</c>
    /// (<c>v / max(‖v‖, 1e-7)</c>). Default 0: none; Keras's default factor, 0.01, must be written. Non-negative and finite
    /// (FD0020). Keras takes one kernel regularizer, so it is not written with <see cref="KernelRegularizerL1"/> or
    /// <see cref="KernelRegularizerL2"/> (FD0020), nor on a kernel with a single row or column in its mode (no pair to
    /// compare: Keras's mean over pairs would be 0/0; FD0020). A bias is one vector: Keras refuses it there.
    /// </summary>
    public double KernelRegularizerOrthogonalFactor { get; set; }

    /// <summary>
    /// Keras's <c>mode</c> of <see cref="KernelRegularizerOrthogonalFactor"/>'s regularizer (default
    /// <see cref="OrthogonalRegularizerMode.Rows"/>, each input's outgoing weights; <see cref="OrthogonalRegularizerMode.Columns"/>,
    /// each unit's incoming weights). Written without the factor it would be ignored: error FD0020.
    /// </summary>
    public OrthogonalRegularizerMode KernelRegularizerOrthogonalMode { get; set; }

    /// <summary>Keras's <c>bias_regularizer=L1(l1)</c>: adds <c>l1·Σ|bias|</c> to the loss. Default 0: none.</summary>
    public double BiasRegularizerL1 { get; set; }

    /// <summary>Keras's <c>bias_regularizer=L2(l2)</c>: adds <c>l2·Σ bias²</c> to the loss. Default 0: none.</summary>
    public double BiasRegularizerL2 { get; set; }

    /// <summary>
    /// Keras's <c>activity_regularizer=L1(l1)</c>: adds <c>l1·Σ|output|</c> over the batch, divided by the batch's rows
    /// (keras/src/layers/layer.py normalizes by the batch size), to the loss. Default 0: none. On the output layer the
    /// output is the activation's (softmax's probabilities, not the logits).
    /// </summary>
    public double ActivityRegularizerL1 { get; set; }

    /// <summary>
    /// Keras's <c>kernel_constraint</c>: a projection of the kernel [inputs, units] after every optimizer step (default
    /// <see cref="Constraint.None"/>). Its arguments are the <c>KernelConstraint…</c> properties; one the constraint does
    /// not read, or out of range, is error FD0025.
    /// </summary>
    public Constraint KernelConstraint { get; set; }

    /// <summary>Keras's <c>max_value</c> of <see cref="Constraint.MaxNorm"/> (default 2) and <see cref="Constraint.MinMaxNorm"/> (default 1 when not written).</summary>
    public double KernelConstraintMaxValue { get; set; } = 2;

    /// <summary>Keras's <c>min_value</c> of <see cref="Constraint.MinMaxNorm"/> (default 0).</summary>
    public double KernelConstraintMinValue { get; set; }

    /// <summary>Keras's <c>rate</c> of <see cref="Constraint.MinMaxNorm"/> (default 1: the strict projection), in [0, 1].</summary>
    public double KernelConstraintRate { get; set; } = 1;

    /// <summary>
    /// Keras's <c>axis</c> of the norm constraints: 0 (the default; each unit's incoming weights) or 1 (−1: each input's
    /// outgoing weights).
    /// </summary>
    public int KernelConstraintAxis { get; set; }

    /// <summary>Keras's <c>bias_constraint</c> (default <see cref="Constraint.None"/>); the norm is the whole bias's.</summary>
    public Constraint BiasConstraint { get; set; }

    /// <summary>Keras's <c>max_value</c> for the bias's constraint (as <see cref="KernelConstraintMaxValue"/>).</summary>
    public double BiasConstraintMaxValue { get; set; } = 2;

    /// <summary>Keras's <c>min_value</c> for the bias's <see cref="Constraint.MinMaxNorm"/> (default 0).</summary>
    public double BiasConstraintMinValue { get; set; }

    /// <summary>Keras's <c>rate</c> for the bias's <see cref="Constraint.MinMaxNorm"/> (default 1).</summary>
    public double BiasConstraintRate { get; set; } = 1;

    /// <summary>Keras's <c>activity_regularizer=L2(l2)</c>: adds <c>l2·Σ output²</c> over the batch, divided by its rows, to the loss. Default 0: none.</summary>
    public double ActivityRegularizerL2 { get; set; }
}
