using System.Collections.Generic;
using FastDense.Generators.Diagnostics;
using FastDense.Generators.Model;

namespace FastDense.Generators.Layers;

/// <summary>
/// <c>[Softmax]</c>, Keras's <c>Softmax</c> layer: softmax over each row. <c>Axis</c> −1 or 1 (the features of a
/// (rows, features) input), anything else FD0020; over a single feature FD0005.
/// </summary>
internal sealed class SoftmaxKind : ActivationLayerKind
{
    public override string KerasClassName => "Softmax";

    public override string SnakeName => "softmax";

    public override LayerSpec? Parse(LayerAttribute attribute, List<DiagnosticInfo> diagnostics)
    {
        int axis = attribute.Named("Axis")?.Value is int a ? a : -1;
        if (axis is not (-1 or 1))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerArgumentOutOfRange, attribute.NamedArgumentLocation("Axis") ?? attribute.Syntax.GetLocation(),
                N(attribute.Position), KerasClassName, "Axis", "-1 or 1 (the features of a (rows, features) input)", N(axis)));
        }
        var spec = new ActivationLayerSpec(KerasClassName, Activation.Softmax);
        CheckNotOutput(attribute, spec, diagnostics);
        return spec;
    }

    public override string Describe(LayerSpec spec) => "Softmax()";
}
