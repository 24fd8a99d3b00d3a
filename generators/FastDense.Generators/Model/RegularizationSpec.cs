namespace FastDense.Generators.Model;

/// <summary>
/// A Dense layer's regularizers as Keras's <c>L1L2</c> factors: <c>l1·Σ|x| + l2·Σx²</c> on its kernel, its bias, and its
/// output (the activity, divided by the batch's rows); or on the kernel Keras's <c>OrthogonalRegularizer</c>.
/// </summary>
internal sealed record RegularizationSpec(double KernelL1, double KernelL2, double BiasL1, double BiasL2, double ActivityL1, double ActivityL2)
{
    /// <summary>No regularizer.</summary>
    public static readonly RegularizationSpec None = new(0, 0, 0, 0, 0, 0);

    /// <summary>Keras's <c>OrthogonalRegularizer</c>'s factor on the kernel (0: none); not with <see cref="KernelL1"/> or <see cref="KernelL2"/>.</summary>
    public double KernelOrthogonalFactor { get; init; }

    /// <summary>Its mode: the kernel's rows or columns.</summary>
    public OrthogonalRegularizerMode KernelOrthogonalMode { get; init; }

    /// <summary>Whether the kernel is regularized by L1/L2.</summary>
    public bool Kernel => KernelL1 != 0 || KernelL2 != 0;

    /// <summary>Whether the kernel is regularized by Keras's <c>OrthogonalRegularizer</c>.</summary>
    public bool KernelOrthogonal => KernelOrthogonalFactor != 0;

    /// <summary>Whether the bias is regularized.</summary>
    public bool Bias => BiasL1 != 0 || BiasL2 != 0;

    /// <summary>Whether the layer's output is regularized.</summary>
    public bool Activity => ActivityL1 != 0 || ActivityL2 != 0;
}
