namespace FastDense;

/// <summary>
/// A Softmax layer (Keras's <c>keras.layers.Softmax(axis=-1)</c>): <c>e^xᵢ / Σⱼ e^xⱼ</c> over each row, the same as
/// <see cref="Activation.Softmax"/>; its gradient goes through softmax's Jacobian, row by row. Over a single feature it is
/// the constant 1 (error FD0005). The layer keeps the width and cannot be the model's last (FD0015): a classifier's
/// softmax is its last Dense layer's activation, <c>[Dense(10, Activation.Softmax)]</c>, which the loss reads.
/// Keras's call-time <c>mask</c> is not supported.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SoftmaxAttribute : Attribute
{
    /// <summary>Keras's <c>axis</c>: −1 (the default) or 1, the features of a (rows, features) input; any other is error FD0020.</summary>
    public int Axis { get; set; } = -1;
}
