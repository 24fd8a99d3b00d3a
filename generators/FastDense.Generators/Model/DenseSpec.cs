namespace FastDense.Generators.Model;

/// <summary>A Dense layer as declared: its output width and activation.</summary>
/// <param name="Units">The layer's output width.</param>
/// <param name="Activation">The activation applied to <c>x·kernel + bias</c>.</param>
internal sealed record DenseSpec(int Units, Activation Activation) : LayerSpec;
