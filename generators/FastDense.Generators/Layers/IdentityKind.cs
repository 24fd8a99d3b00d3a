using System.Collections.Generic;
using FastDense.Generators.Diagnostics;
using FastDense.Generators.Helpers;
using FastDense.Generators.Model;

namespace FastDense.Generators.Layers;

/// <summary><c>[Identity]</c>, Keras's <c>Identity</c> layer: the output is a copy of the input; the gradient passes through unchanged.</summary>
internal sealed class IdentityKind : LayerKind
{
    public override string AttributeName => "FastDense.IdentityAttribute";

    public override string KerasClassName => "Identity";

    public override string SnakeName => "identity";

    public override bool OwnsGradientBlock => false;

    public override LayerSpec? Parse(LayerAttribute attribute, List<DiagnosticInfo> diagnostics)
    {
        if (attribute.Position == attribute.Count - 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerCannotBeOutput, attribute.Syntax.GetLocation(), KerasClassName, N(attribute.Position), ""));
        }
        return new IdentitySpec();
    }

    public override int OutputWidth(LayerSpec spec, int inputs) => inputs;

    public override string Describe(LayerSpec spec) => "Identity()";

    public override void EmitForward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        w.WriteLine($"// {layer.Output.Name} (rows, {N(layer.Outputs)}) = {layer.InputBlock}");
        w.WriteLine($"{layer.InputBlock}.Slice(0, rows * {layer.OutputWidth}).CopyTo({layer.Output.Name});");
    }

    // Its derivative is 1: the gradient passes through in place.
    public override bool HasBackward(LayerLayout layer) => false;

    public override void EmitBackward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
    }
}
