using System.Collections.Generic;
using System.Globalization;
using FastDense.Generators.Diagnostics;
using FastDense.Generators.Helpers;
using FastDense.Generators.Model;
using System.Linq;
using Microsoft.CodeAnalysis;
using static FastDense.Generators.RuntimeNames;

namespace FastDense.Generators.Layers;

/// <summary>
/// <c>[Dropout(rate)]</c>: in training <c>a = x ⊙ mask</c>, the mask (kept for backward in block <c>m{i}</c>) holding
/// <c>1 / (1 - rate)</c> where an input is kept and 0 where it is dropped; in inference <c>a = x</c>. No tensors; its
/// backward multiplies the gradient by the same mask, in place in its predecessor's gradient block.
/// </summary>
internal sealed class DropoutKind : LayerKind
{
    public override string AttributeName => "FastDense.DropoutAttribute";

    public override string KerasClassName => "Dropout";

    public override string SnakeName => "dropout";

    public override bool OwnsGradientBlock => false;

    public override LayerSpec? Parse(LayerAttribute attribute, List<DiagnosticInfo> diagnostics)
    {
        if (attribute.Data.ConstructorArguments.Length != 1 || attribute.Data.ConstructorArguments[0].Value is not double rate)
        {
            return null;
        }
        // Keras: 0 <= rate <= 1, but a rate of 1 drops everything and divides by zero (TensorFlow refuses it too).
        if (!(rate >= 0 && rate < 1))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DropoutRateOutOfRange, attribute.ArgumentLocation("rate", 0),
                N(attribute.Position), rate.ToString("R", CultureInfo.InvariantCulture)));
        }
        if (attribute.Position == attribute.Count - 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerCannotBeOutput, attribute.Syntax.GetLocation(), "Dropout", N(attribute.Position), ""));
        }
        int? seed = attribute.Named("Seed")?.Value is int value ? value : null;
        (bool sameRow, bool sameColumn) = ReadNoiseShape(attribute, diagnostics);
        return new DropoutSpec(rate, seed) { SameForEveryRow = sameRow, SameForEveryColumn = sameColumn };
    }

    /// <summary>
    /// Keras's <c>noise_shape</c> for a (rows, features) input: two entries, 0 or −1 for None (a draw per entry along the
    /// axis) or 1 (one draw shared along it); FD0026 otherwise.
    /// </summary>
    internal static (bool SameForEveryRow, bool SameForEveryColumn) ReadNoiseShape(LayerAttribute attribute, List<DiagnosticInfo> diagnostics)
    {
        if (attribute.Named("NoiseShape") is not TypedConstant constant || constant.IsNull) return (false, false);
        int[] shape = constant.Values.Select(v => v.Value is int i ? i : int.MinValue).ToArray();
        Location where = attribute.NamedArgumentLocation("NoiseShape") ?? attribute.Syntax.GetLocation();
        if (shape.Length != 2 || shape.Any(d => d is not (0 or -1 or 1)))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DropoutNoiseShapeInvalid, where, N(attribute.Position), attribute.KindName,
                $"must have two entries, each 0 (Keras's None: a draw per entry along that axis) or 1 (one draw shared along it), but is [{string.Join(", ", shape.Select(d => d == int.MinValue ? "?" : N(d)))}]"));
            return (false, false);
        }
        return (shape[0] == 1, shape[1] == 1);
    }

    public override int OutputWidth(LayerSpec spec, int inputs) => inputs;

    public override IEnumerable<BlockShape> Blocks(LayerSpec spec, int index, int kindIndex)
    {
        yield return new BlockShape($"m{index}", $"mask of dropout_{kindIndex}: 1 / (1 - rate) where kept, 0 where dropped", BlockUse.Forward | BlockUse.Backward);
    }

    public override IEnumerable<(string KerasName, double Value)> DescriptionArguments(LayerSpec spec)
    {
        var dropout = (DropoutSpec)spec;
        yield return ("rate", dropout.Rate);
        if (dropout.Seed is int seed) yield return ("seed", seed);
        // noise_shape's shared axes, as Keras's 1 (an axis absent here is None).
        if (dropout.SameForEveryRow) yield return ("noise_shape.0", 1);
        if (dropout.SameForEveryColumn) yield return ("noise_shape.1", 1);
    }

    public override string Describe(LayerSpec spec)
    {
        var dropout = (DropoutSpec)spec;
        return dropout.SameForEveryRow || dropout.SameForEveryColumn
            ? $"Dropout({Rate(dropout)}, noise_shape=({(dropout.SameForEveryRow ? "1" : "None")}, {(dropout.SameForEveryColumn ? "1" : "None")}))"
            : $"Dropout({Rate(dropout)})";
    }

    public override void EmitConstants(SourceWriter w, LayerLayout layer)
    {
        var dropout = (DropoutSpec)layer.Spec;
        ulong key = LayerKey(dropout.Seed, layer.Index);
        w.WriteLine($"private const double {layer.Kind.Identifier}{layer.KindIndex}Rate = {Rate(dropout)};");
        w.WriteLine($"private const ulong {layer.Kind.Identifier}{layer.KindIndex}Key = 0x{key.ToString("X16", CultureInfo.InvariantCulture)}UL;");
    }

    public override void EmitForward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        string prefix = $"{layer.Kind.Identifier}{layer.KindIndex}", a = layer.Output.Name, m = layer.Blocks[0].Name;
        w.WriteLine($"// {a} (rows, {N(layer.Outputs)}) = {layer.InputBlock} ⊙ {m} in training ({m} drawn: rate {Rate((DropoutSpec)layer.Spec)}, kept scaled by 1 / (1 - rate)); {layer.InputBlock} in inference");
        var dropout = (DropoutSpec)layer.Spec;
        if (dropout.SameForEveryRow || dropout.SameForEveryColumn)
        {
            w.WriteLine($"// noise_shape ({(dropout.SameForEveryRow ? "1" : "None")}, {(dropout.SameForEveryColumn ? "1" : "None")}): {(dropout.SameForEveryRow ? "one mask for every row" : "each row kept or dropped whole")}{(dropout.SameForEveryRow && dropout.SameForEveryColumn ? ", and each element of it shared by the row" : "")}");
            w.WriteLine($"{Dropout}.Forward({layer.InputBlock}, {a}, {m}, rows, {layer.OutputWidth}, {prefix}Rate, {prefix}Key, in mode, sameForEveryRow: {(dropout.SameForEveryRow ? "true" : "false")}, sameForEveryColumn: {(dropout.SameForEveryColumn ? "true" : "false")});");
            return;
        }
        w.WriteLine($"{Dropout}.Forward({layer.InputBlock}, {a}, {m}, rows, {layer.OutputWidth}, {prefix}Rate, {prefix}Key, in mode);");
    }

    public override bool HasBackward(LayerLayout layer) => layer.NeedsInputGradient;

    public override void EmitBackward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        string d = layer.Gradient!.Name, m = layer.Blocks[0].Name;
        LayerLayout previous = context.Layout.Layers[layer.Index - 1];
        w.WriteLine($"// {d} (rows, {N(layer.Outputs)}) ⊙= {m}: dLoss/d(output of {previous.Name}), only through the kept inputs");
        w.WriteLine($"{Dropout}.Backward({m}, {d}, rows, {layer.OutputWidth});");
    }

    private static string Rate(DropoutSpec spec) => spec.Rate.ToString("R", CultureInfo.InvariantCulture);
}
