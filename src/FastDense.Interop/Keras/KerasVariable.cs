namespace FastDense.Interop.Keras;

/// <summary>
/// One dataset of a Keras weights file: <c>layers/{layer}/vars/{index}</c>, holding either one of the model's tensors
/// or, for a Normalization layer, Keras's integer <c>count</c>, which FastDense does not keep.
/// </summary>
/// <param name="Path">The dataset's full path, e.g. <c>layers/dense_1/vars/0</c>.</param>
/// <param name="Index">Its key in the <c>vars</c> group: the variable's position in the layer's <c>_trainable_variables + _non_trainable_variables</c>.</param>
/// <param name="Shape">The shape Keras gives the variable (empty for a scalar).</param>
/// <param name="Tensor">The model's tensor it holds, or null for Normalization's <c>count</c>.</param>
/// <param name="Kind">The kind of the layer it belongs to.</param>
internal sealed record KerasVariable(string Path, string Index, ulong[] Shape, TensorDescription? Tensor, LayerKind Kind)
{
    /// <summary>Whether this is Normalization's scalar integer <c>count</c>.</summary>
    public bool IsCount => Tensor is null;

    /// <summary>
    /// Whether the file may hold it as () or (1,) alike: a Normalization's mean or variance of one value, which Keras
    /// shapes () with <c>axis=None</c> and (1,) for a one-feature input; the two normalize the same way.
    /// </summary>
    public bool IsSingleNormalizationValue => Kind == LayerKind.Normalization && Tensor is { Length: 1 };

    /// <summary>The shape as Python prints it: <c>(64, 10)</c>, <c>(10,)</c>, <c>()</c>.</summary>
    public string ShapeText => KerasWeightsLayout.ShapeText(Shape);
}
