using System.Collections.Generic;
using System.Linq;
using FastDense.Generators.Diagnostics;
using FastDense.Generators.Helpers;
using FastDense.Generators.Model;

namespace FastDense.Generators.Layers;

/// <summary>
/// <c>[ReLU(MaxValue = …, NegativeSlope = …, Threshold = …)]</c>, Keras's <c>ReLU</c> layer: relu with these arguments.
/// Keras's layer refuses a negative one (keras/src/layers/activations/relu.py): FD0020.
/// </summary>
internal sealed class ReLUKind : ActivationLayerKind
{
    public override string KerasClassName => "ReLU";

    // Keras's naming.to_snake_case("ReLU").
    public override string SnakeName => "re_lu";

    public override LayerSpec? Parse(LayerAttribute attribute, List<DiagnosticInfo> diagnostics)
    {
        double maxValue = attribute.Named("MaxValue")?.Value is double m ? m : double.PositiveInfinity;
        double negativeSlope = attribute.Named("NegativeSlope")?.Value is double s ? s : 0;
        double threshold = attribute.Named("Threshold")?.Value is double t ? t : 0;
        CheckArgument(attribute, "MaxValue", maxValue, positive: false, diagnostics, infinityAllowed: true);
        CheckArgument(attribute, "NegativeSlope", negativeSlope, positive: false, diagnostics);
        CheckArgument(attribute, "Threshold", threshold, positive: false, diagnostics);
        // relu's operator takes them in keras.activations.relu's order: negative_slope, max_value, threshold.
        var spec = new ActivationLayerSpec(KerasClassName, Activation.Relu) { ActivationArguments = new EquatableArray<double>(new[] { negativeSlope, maxValue, threshold }) };
        CheckNotOutput(attribute, spec, diagnostics);
        return spec;
    }

    public override string Describe(LayerSpec spec)
    {
        var layer = (ActivationLayerSpec)spec;
        // The arguments that differ from the layer's defaults (the function's), in the layer's order.
        string[] arguments = ActivationArguments.NonDefault(layer.Activation, layer.ActivationArguments)
            .OrderBy(a => a.Argument.KerasName == "max_value" ? 0 : a.Argument.KerasName == "negative_slope" ? 1 : 2)
            .Select(a => $"{a.Argument.KerasName}={ActivationArguments.Format(a.Value)}").ToArray();
        return $"ReLU({string.Join(", ", arguments)})";
    }
}
