namespace FastDense.Generators.Model;

/// <summary>
/// A Dense layer's regularizers as Keras's <c>L1L2</c> factors: <c>l1·Σ|x| + l2·Σx²</c> on its kernel, its bias, and its
/// output (the activity, divided by the batch's rows).
/// </summary>
internal sealed record RegularizationSpec(double KernelL1, double KernelL2, double BiasL1, double BiasL2, double ActivityL1, double ActivityL2)
{
    /// <summary>No regularizer.</summary>
    public static readonly RegularizationSpec None = new(0, 0, 0, 0, 0, 0);

    /// <summary>Whether the kernel is regularized.</summary>
    public bool Kernel => KernelL1 != 0 || KernelL2 != 0;

    /// <summary>Whether the bias is regularized.</summary>
    public bool Bias => BiasL1 != 0 || BiasL2 != 0;

    /// <summary>Whether the layer's output is regularized.</summary>
    public bool Activity => ActivityL1 != 0 || ActivityL2 != 0;
}
