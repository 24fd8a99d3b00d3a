using FastDense.Generators.Helpers;

namespace FastDense.Generators.Model;

/// <summary>A Dense layer as declared: its output width and activation.</summary>
/// <param name="Units">The layer's output width.</param>
/// <param name="Activation">The activation applied to <c>x·kernel + bias</c>.</param>
internal sealed record DenseSpec(int Units, Activation Activation) : LayerSpec
{
    /// <summary>Keras's <c>use_bias</c>: false for a layer without a bias tensor (<c>activation(x·kernel)</c>).</summary>
    public bool UseBias { get; init; } = true;

    /// <summary>How the kernel starts (Keras's default glorot_uniform).</summary>
    public InitializerSpec Kernel { get; init; } = InitializerSpec.GlorotUniform;

    /// <summary>
    /// The activation's arguments in the order of its typed operator's constructor (Keras's signature), defaults filled
    /// in, booleans as 1 or 0; empty for an activation without any (see <c>DenseKind.ArgumentsOf</c>).
    /// </summary>
    public EquatableArray<double> ActivationArguments { get; init; } = EquatableArray<double>.Empty;

    /// <summary>How the bias starts (Keras's default zeros).</summary>
    public InitializerSpec Bias { get; init; } = InitializerSpec.Zeros;

    /// <summary>Keras's <c>kernel_constraint</c>.</summary>
    public ConstraintSpec KernelConstraint { get; init; } = ConstraintSpec.None;

    /// <summary>Keras's <c>bias_constraint</c>.</summary>
    public ConstraintSpec BiasConstraint { get; init; } = ConstraintSpec.None;

    /// <summary>Keras's <c>kernel_regularizer</c>, <c>bias_regularizer</c> and <c>activity_regularizer</c> as L1/L2 factors (all 0: none).</summary>
    public RegularizationSpec Regularization { get; init; } = RegularizationSpec.None;
}
