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
    /// <param name="units">The layer's output width. Must be positive.</param>
    /// <param name="activation">The activation applied to the layer's output.</param>
    public DenseAttribute(int units, Activation activation = Activation.Linear)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>The layer's output width.</summary>
    public int Units { get; }

    /// <summary>The activation applied to the layer's output.</summary>
    public Activation Activation { get; }
}
