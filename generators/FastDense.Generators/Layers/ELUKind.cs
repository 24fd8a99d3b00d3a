using System.Collections.Generic;
using FastDense.Generators.Diagnostics;
using FastDense.Generators.Helpers;
using FastDense.Generators.Model;

namespace FastDense.Generators.Layers;

/// <summary>
/// <c>[ELU(Alpha = …)]</c>, Keras's <c>ELU</c> layer: elu with the layer's alpha (1 by default). Alpha must be positive
/// (FD0020), as for elu on a Dense layer (FD0023): the derivative is taken from the output.
/// </summary>
internal sealed class ELUKind : ActivationLayerKind
{
    public override string KerasClassName => "ELU";

    // Keras's naming.to_snake_case("ELU").
    public override string SnakeName => "elu";

    public override LayerSpec? Parse(LayerAttribute attribute, List<DiagnosticInfo> diagnostics)
    {
        double alpha = attribute.Named("Alpha")?.Value is double a ? a : 1;
        CheckArgument(attribute, "Alpha", alpha, positive: true, diagnostics);
        var spec = new ActivationLayerSpec(KerasClassName, Activation.Elu) { ActivationArguments = new EquatableArray<double>(new[] { alpha }) };
        CheckNotOutput(attribute, spec, diagnostics);
        return spec;
    }

    public override string Describe(LayerSpec spec)
    {
        double alpha = ((ActivationLayerSpec)spec).ActivationArguments[0];
        return alpha == 1 ? "ELU()" : $"ELU(alpha={ActivationArguments.Format(alpha)})";
    }
}
