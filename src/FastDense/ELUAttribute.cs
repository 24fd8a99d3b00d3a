namespace FastDense;

/// <summary>
/// An ELU layer (Keras's <c>keras.layers.ELU(alpha=1.0)</c>): <c>f(x) = x</c> for <c>x &gt; 0</c>, else
/// <c>alpha · (eˣ − 1)</c>; the same as <see cref="Activation.Elu"/> with this alpha. The layer keeps the width and cannot
/// be the model's last (FD0015).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ELUAttribute : Attribute
{
    /// <summary>
    /// Keras's <c>alpha</c>: the negative side's saturation (default 1). Positive and finite (error FD0020): FastDense takes
    /// the derivative from the output, which a non-positive alpha leaves ambiguous (Keras's layer takes any value).
    /// </summary>
    public double Alpha { get; set; } = 1;
}
