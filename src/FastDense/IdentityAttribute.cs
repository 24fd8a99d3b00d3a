namespace FastDense;

/// <summary>
/// An Identity layer (Keras's <c>keras.layers.Identity()</c>): its output is its input, in training and in inference. It
/// keeps a Keras model's layers one for one (a placeholder layer survives a <c>.keras</c> round trip) and cannot be the
/// model's last (FD0015).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class IdentityAttribute : Attribute
{
}
