namespace FastDense;

/// <summary>
/// A LeakyReLU layer (Keras's <c>keras.layers.LeakyReLU(negative_slope=0.3)</c>): <c>f(x) = x</c> for <c>x &gt; 0</c>, else
/// <c>negative_slope · x</c>; the same as <see cref="Activation.LeakyRelu"/> with this slope. The layer's default, 0.3, is
/// not the function's (0.2: <c>activation="leaky_relu"</c>), as in Keras. A negative slope is error FD0020, as Keras's
/// layer refuses it. The layer keeps the width and cannot be the model's last (FD0015).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LeakyReLUAttribute : Attribute
{
    /// <summary>Keras's <c>negative_slope</c>: the slope for negative inputs (default 0.3), finite and not negative.</summary>
    public double NegativeSlope { get; set; } = 0.3;
}
