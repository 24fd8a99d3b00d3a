namespace FastDense.Interop.Keras;

/// <summary>A layer of the model and the datasets Keras keeps for it under <c>layers/{GroupName}/vars</c>.</summary>
/// <param name="Layer">The model's layer.</param>
/// <param name="GroupName">Its Keras path name (<see cref="KerasLayerNames"/>): <c>dense</c>, <c>dense_1</c>…</param>
/// <param name="Variables">Its datasets, in index order (none for Dropout and the noise layers).</param>
internal sealed record KerasLayerVariables(LayerDescription Layer, string GroupName, KerasVariable[] Variables)
{
    /// <summary>The group that holds the datasets: <c>layers/{GroupName}/vars</c>.</summary>
    public string VarsPath => $"{KerasWeightsLayout.LayersGroup}/{GroupName}/{KerasWeightsLayout.VarsGroup}";
}
