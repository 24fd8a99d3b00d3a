namespace FastDense.Generators.Model;

/// <summary>An ActivityRegularization layer as declared: Keras's <c>l1</c> and <c>l2</c>.</summary>
internal sealed record ActivityRegularizationSpec(double L1, double L2) : LayerSpec;
