namespace FastDense;

/// <summary>
/// A ReLU layer (Keras's <c>keras.layers.ReLU(max_value=None, negative_slope=0.0, threshold=0.0)</c>):
/// <c>f(x) = min(x, max_value)</c> for <c>x &gt; threshold</c>, else <c>negative_slope · (x − threshold)</c> (keras.activations.relu; the layer calls it); the same as
/// <see cref="Activation.Relu"/> with these arguments. Keras's layer refuses a negative argument, and so does FastDense
/// (error FD0020). The layer keeps the width and cannot be the model's last (FD0015).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ReLUAttribute : Attribute
{
    /// <summary>Keras's <c>max_value</c>: where the output saturates, not negative; <see cref="double.PositiveInfinity"/> (the default) is Keras's <c>None</c>.</summary>
    public double MaxValue { get; set; } = double.PositiveInfinity;

    /// <summary>Keras's <c>negative_slope</c>: the slope below the threshold (default 0), finite and not negative.</summary>
    public double NegativeSlope { get; set; }

    /// <summary>Keras's <c>threshold</c>: where the slope changes (default 0), finite and not negative.</summary>
    public double Threshold { get; set; }
}
