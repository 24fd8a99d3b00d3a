namespace FastDense.Generators.Model;

/// <summary>
/// One layer as declared, of any kind. Each kind is a sealed record deriving from this one (<see cref="DenseSpec"/>,
/// <see cref="DropoutSpec"/>), holding the attribute's arguments and nothing else, so that specs compare by value.
/// What a kind lays out and emits lives in its <see cref="Layers.LayerKind"/>.
/// </summary>
internal abstract record LayerSpec;
