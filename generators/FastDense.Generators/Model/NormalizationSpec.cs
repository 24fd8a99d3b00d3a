using FastDense.Generators.Helpers;

namespace FastDense.Generators.Model;

/// <summary>A Normalization layer as declared.</summary>
/// <param name="PerFeature">One mean and variance per feature (Keras's <c>axis=-1</c>) or one for all (<c>axis=None</c>).</param>
/// <param name="Invert">Keras's <c>invert</c>.</param>
/// <param name="Mean">The given initial mean (empty when not given: 0).</param>
/// <param name="Variance">The given initial variance (empty when not given: 1).</param>
internal sealed record NormalizationSpec(bool PerFeature, bool Invert, EquatableArray<double> Mean, EquatableArray<double> Variance) : LayerSpec;
