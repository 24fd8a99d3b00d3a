using FastDense.Generators.Helpers;

namespace FastDense.Generators.Model;

/// <summary>
/// Everything the emitter needs to know about one <c>[Model]</c> class, and nothing more.
/// </summary>
/// <remarks>
/// The spec is immutable and compares structurally: it holds only strings, numbers, enums and
/// <see cref="EquatableArray{T}"/>s, never an <c>ISymbol</c>, <c>SyntaxNode</c> or <c>Location</c>. That is what lets the
/// incremental pipeline skip emitting when an edit elsewhere leaves the declaration as it was, and keeps the
/// compilation from being rooted by the generator's cache.
/// </remarks>
/// <param name="Namespace">The containing namespace, or <see langword="null"/> for the global namespace.</param>
/// <param name="ContainingTypes">Outermost first: the types the model class is nested in.</param>
/// <param name="ClassName">The model class's name.</param>
/// <param name="Inputs">The width of one input row.</param>
/// <param name="Loss">The loss the model trains on.</param>
/// <param name="ElementType">The C# keyword of the element type: <c>float</c> or <c>double</c>.</param>
/// <param name="Layers">The layers, in the order they are declared.</param>
internal sealed record ModelSpec(
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string ClassName,
    int Inputs,
    Loss Loss,
    string ElementType,
    EquatableArray<LayerSpec> Layers)
{
    /// <summary>The metrics the declaration names (<c>[Model(Metrics = …)]</c>), Keras's identifiers; empty when none.</summary>
    public EquatableArray<string> Metrics { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The weighted metrics the declaration names (<c>[Model(WeightedMetrics = …)]</c>); empty when none.</summary>
    public EquatableArray<string> WeightedMetrics { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The loss's arguments (<c>[Model(Delta = 2.0)]</c>), Keras's defaults for those not given.</summary>
    public LossArgumentsSpec LossArguments { get; init; } = LossArgumentsSpec.Default;

    /// <summary>The dotted name used in the header and the file name: <c>Demo.Outer.DigitsNet</c>.</summary>
    public string FullName
    {
        get
        {
            var parts = new System.Collections.Generic.List<string>();
            if (Namespace is not null) parts.Add(Namespace);
            foreach (ContainingTypeSpec type in ContainingTypes) parts.Add(type.Name);
            parts.Add(ClassName);
            return string.Join(".", parts);
        }
    }
}

/// <summary>A type that contains the model class, re-declared <c>partial</c> around the generated part.</summary>
/// <param name="Keyword">How it is declared: <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">Its name.</param>
internal sealed record ContainingTypeSpec(string Keyword, string Name);
