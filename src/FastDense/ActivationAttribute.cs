namespace FastDense;

/// <summary>
/// An Activation layer (Keras's <c>keras.layers.Activation(activation)</c>): applies <see cref="Activation"/> to its input,
/// element by element (softmax and log_softmax row by row), and keeps the width. With it a model writes Keras's pattern
/// <c>Dense(64, use_bias=False) → BatchNormalization() → Activation("relu")</c> as <c>[Dense(64)]</c>,
/// <c>[BatchNormalization]</c>, <c>[Activation(Activation.Relu)]</c>. The activation's arguments are the properties of
/// Keras's names, as <see cref="DenseAttribute"/>'s (<see cref="NegativeSlope"/>, <see cref="MaxValue"/>,
/// <see cref="Threshold"/>, <see cref="Alpha"/>, <see cref="Approximate"/>, <see cref="B"/>, <see cref="DefaultValue"/>);
/// one the activation does not take, out of range or missing is error FD0023. The layer cannot be the model's last
/// (FD0015): give the output's activation to its <see cref="DenseAttribute"/>, which the loss reads.
/// </summary>
/// <remarks>
/// The attribute is written <c>[Activation(Activation.Relu)]</c>: C# looks an attribute's name up among attribute classes
/// only, so <c>Activation</c> there is this class, and <c>Activation.Relu</c> inside it the <see cref="FastDense.Activation"/>
/// enum's member.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ActivationAttribute : Attribute
{
    /// <summary>Declares a layer applying <paramref name="activation"/> to its input.</summary>
    /// <param name="activation">The activation (Keras's <c>activation</c>, by name there); its arguments are the properties below.</param>
    public ActivationAttribute(Activation activation)
    {
        Activation = activation;
    }

    /// <summary>The activation the layer applies.</summary>
    public Activation Activation { get; }

    /// <summary>
    /// Keras's <c>negative_slope</c> of <see cref="Activation.Relu"/> (default 0) and <see cref="Activation.LeakyRelu"/>
    /// (default 0.2, the function's; Keras's <c>LeakyReLU</c> layer, <see cref="LeakyReLUAttribute"/>, defaults to 0.3). Not
    /// negative. Unwritten, each activation takes its own default; written for another activation, error FD0023.
    /// </summary>
    public double NegativeSlope { get; set; }

    /// <summary>Keras's <c>max_value</c> of <see cref="Activation.Relu"/>: where it saturates, not negative; <see cref="double.PositiveInfinity"/> (the default) is Keras's <c>None</c>.</summary>
    public double MaxValue { get; set; } = double.PositiveInfinity;

    /// <summary>
    /// Keras's <c>threshold</c> of <see cref="Activation.Relu"/> (default 0), <see cref="Activation.SoftShrink"/> and
    /// <see cref="Activation.HardShrink"/> (default 0.5), not negative for these; and of <see cref="Activation.Threshold"/>,
    /// where it must be written (any finite value).
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
}
