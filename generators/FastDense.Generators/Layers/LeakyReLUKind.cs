using System.Collections.Generic;
using FastDense.Generators.Diagnostics;
using FastDense.Generators.Helpers;
using FastDense.Generators.Model;

namespace FastDense.Generators.Layers;

/// <summary>
/// <c>[LeakyReLU(NegativeSlope = …)]</c>, Keras's <c>LeakyReLU</c> layer: leaky_relu with the layer's slope, 0.3 by
/// default (the function's is 0.2). Keras's layer refuses a negative slope: FD0020.
/// </summary>
internal sealed class LeakyReLUKind : ActivationLayerKind
{
    public override string KerasClassName => "LeakyReLU";

    // Keras's naming.to_snake_case("LeakyReLU").
    public override string SnakeName => "leaky_re_lu";

    public override LayerSpec? Parse(LayerAttribute attribute, List<DiagnosticInfo> diagnostics)
    {
        double negativeSlope = attribute.Named("NegativeSlope")?.Value is double s ? s : 0.3;
        CheckArgument(attribute, "NegativeSlope", negativeSlope, positive: false, diagnostics);
        var spec = new ActivationLayerSpec(KerasClassName, Activation.LeakyRelu) { ActivationArguments = new EquatableArray<double>(new[] { negativeSlope }) };
        CheckNotOutput(attribute, spec, diagnostics);
        return spec;
    }

    public override string Describe(LayerSpec spec)
        => $"LeakyReLU(negative_slope={ActivationArguments.Format(((ActivationLayerSpec)spec).ActivationArguments[0])})";
}
