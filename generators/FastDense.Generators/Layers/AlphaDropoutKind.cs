using System.Collections.Generic;
using System.Globalization;
using FastDense.Generators.Diagnostics;
using FastDense.Generators.Helpers;
using FastDense.Generators.Model;
using static FastDense.Generators.RuntimeNames;

namespace FastDense.Generators.Layers;

/// <summary>
/// <c>[AlphaDropout(rate)]</c>, Keras's <c>AlphaDropout</c>: in training <c>a = m ⊙ x + (b where kept, a'·α' + b where
/// dropped)</c>, the mask <c>m{i}</c> (a where kept, 0 where dropped: the derivative) kept for backward, which multiplies the
/// gradient by it in place; in inference <c>a = x</c>. Its draws, seed and <c>noise_shape</c> are Dropout's.
/// </summary>
internal sealed class AlphaDropoutKind : LayerKind
{
    public override string AttributeName => "FastDense.AlphaDropoutAttribute";

    public override string KerasClassName => "AlphaDropout";

    public override string SnakeName => "alpha_dropout";

    public override bool OwnsGradientBlock => false;

    public override LayerSpec? Parse(LayerAttribute attribute, List<DiagnosticInfo> diagnostics)
    {
        if (attribute.Data.ConstructorArguments.Length != 1 || attribute.Data.ConstructorArguments[0].Value is not double rate) return null;
        // Keras takes 0 <= rate <= 1, but at 1 its factor ((1 - rate)(1 + rate·α'²))^-1/2 is infinite.
        if (!(rate >= 0 && rate < 1))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerArgumentOutOfRange, attribute.ArgumentLocation("rate", 0),
                N(attribute.Position), KerasClassName, "rate", "at least 0 and less than 1", Format(rate)));
        }
        if (attribute.Position == attribute.Count - 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerCannotBeOutput, attribute.Syntax.GetLocation(), KerasClassName, N(attribute.Position), ""));
        }
        (bool sameRow, bool sameColumn) = DropoutKind.ReadNoiseShape(attribute, diagnostics);
        return new AlphaDropoutSpec(rate, attribute.Named("Seed")?.Value is int seed ? seed : null) { SameForEveryRow = sameRow, SameForEveryColumn = sameColumn };
    }

    public override int OutputWidth(LayerSpec spec, int inputs) => inputs;

    public override IEnumerable<BlockShape> Blocks(LayerSpec spec, int index, int kindIndex)
    {
        yield return new BlockShape($"m{index}", $"mask of alpha_dropout_{kindIndex}: a where kept, 0 where dropped", BlockUse.Forward | BlockUse.Backward);
    }

    public override IEnumerable<(string KerasName, double Value)> DescriptionArguments(LayerSpec spec)
    {
        var dropout = (AlphaDropoutSpec)spec;
        yield return ("rate", dropout.Rate);
        if (dropout.Seed is int seed) yield return ("seed", seed);
        if (dropout.SameForEveryRow) yield return ("noise_shape.0", 1);
        if (dropout.SameForEveryColumn) yield return ("noise_shape.1", 1);
    }

    public override string Describe(LayerSpec spec)
    {
        var dropout = (AlphaDropoutSpec)spec;
        return dropout.SameForEveryRow || dropout.SameForEveryColumn
            ? $"AlphaDropout({Format(dropout.Rate)}, noise_shape=({(dropout.SameForEveryRow ? "1" : "None")}, {(dropout.SameForEveryColumn ? "1" : "None")}))"
            : $"AlphaDropout({Format(dropout.Rate)})";
    }

    public override void EmitConstants(SourceWriter w, LayerLayout layer)
    {
        var dropout = (AlphaDropoutSpec)layer.Spec;
        string prefix = $"{layer.Kind.Identifier}{layer.KindIndex}";
        w.WriteLine($"private const double {prefix}Rate = {Format(dropout.Rate)};");
        w.WriteLine($"private const ulong {prefix}Key = 0x{LayerKey(dropout.Seed, layer.Index).ToString("X16", CultureInfo.InvariantCulture)}UL;");
    }

    public override void EmitForward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        var dropout = (AlphaDropoutSpec)layer.Spec;
        string prefix = $"{layer.Kind.Identifier}{layer.KindIndex}", a = layer.Output.Name, m = layer.Blocks[0].Name, x = layer.InputBlock;
        w.WriteLine($"// {a} (rows, {N(layer.Outputs)}) = {m} ⊙ {x} + (b where kept, a·α' + b where dropped) in training ({m} drawn: rate {Format(dropout.Rate)}, a where kept); {x} in inference");
        w.WriteLine($"{AlphaDropout}.Forward({x}, {a}, {m}, rows, {layer.OutputWidth}, {prefix}Rate, {prefix}Key, in mode, sameForEveryRow: {(dropout.SameForEveryRow ? "true" : "false")}, sameForEveryColumn: {(dropout.SameForEveryColumn ? "true" : "false")});");
    }

    public override bool HasBackward(LayerLayout layer) => layer.NeedsInputGradient;

    public override void EmitBackward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        string d = layer.Gradient!.Name, m = layer.Blocks[0].Name;
        w.WriteLine($"// {d} (rows, {N(layer.Outputs)}) ⊙= {m}: dLoss/d(output of {context.Layout.Layers[layer.Index - 1].Name}), only through the kept inputs, times a");
        w.WriteLine($"{AlphaDropout}.Backward({m}, {d}, rows, {layer.OutputWidth});");
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
