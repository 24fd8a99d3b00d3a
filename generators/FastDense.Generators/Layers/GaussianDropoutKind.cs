using System.Collections.Generic;
using System.Globalization;
using FastDense.Generators.Diagnostics;
using FastDense.Generators.Helpers;
using FastDense.Generators.Model;
using static FastDense.Generators.RuntimeNames;

namespace FastDense.Generators.Layers;

/// <summary><c>[GaussianDropout(rate)]</c>: multiplicative noise in training, kept (<c>m{i}</c>) for backward, which multiplies by it.</summary>
internal sealed class GaussianDropoutKind : LayerKind
{
    public override string AttributeName => "FastDense.GaussianDropoutAttribute";

    public override string KerasClassName => "GaussianDropout";

    public override string SnakeName => "gaussian_dropout";

    public override bool OwnsGradientBlock => false;

    public override LayerSpec? Parse(LayerAttribute attribute, List<DiagnosticInfo> diagnostics)
    {
        if (attribute.Data.ConstructorArguments.Length != 1 || attribute.Data.ConstructorArguments[0].Value is not double rate) return null;
        if (!(rate >= 0 && rate < 1))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerArgumentOutOfRange, attribute.ArgumentLocation("rate", 0),
                N(attribute.Position), "GaussianDropout", "rate", "at least 0 and less than 1", rate.ToString("R", CultureInfo.InvariantCulture)));
        }
        if (attribute.Position == attribute.Count - 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerCannotBeOutput, attribute.Syntax.GetLocation(), "GaussianDropout", N(attribute.Position), ""));
        }
        return new GaussianDropoutSpec(rate, attribute.Named("Seed")?.Value is int seed ? seed : null);
    }

    public override int OutputWidth(LayerSpec spec, int inputs) => inputs;

    public override IEnumerable<BlockShape> Blocks(LayerSpec spec, int index, int kindIndex)
    {
        yield return new BlockShape($"m{index}", $"noise of gaussian_dropout_{kindIndex}: N(1, sqrt(rate / (1 - rate)))", BlockUse.Forward | BlockUse.Backward);
    }

    public override IEnumerable<(string KerasName, double Value)> DescriptionArguments(LayerSpec spec)
    {
        var noise = (GaussianDropoutSpec)spec;
        yield return ("rate", noise.Rate);
        if (noise.Seed is int seed) yield return ("seed", seed);
    }

    public override string Describe(LayerSpec spec) => $"GaussianDropout({((GaussianDropoutSpec)spec).Rate.ToString("R", CultureInfo.InvariantCulture)})";

    public override void EmitConstants(SourceWriter w, LayerLayout layer)
    {
        var noise = (GaussianDropoutSpec)layer.Spec;
        string prefix = $"{layer.Kind.Identifier}{layer.KindIndex}";
        w.WriteLine($"private const double {prefix}Rate = {noise.Rate.ToString("R", CultureInfo.InvariantCulture)};");
        w.WriteLine($"private const ulong {prefix}Key = 0x{LayerKey(noise.Seed, layer.Index).ToString("X16", CultureInfo.InvariantCulture)}UL;");
    }

    public override void EmitForward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        string prefix = $"{layer.Kind.Identifier}{layer.KindIndex}", m = layer.Blocks[0].Name;
        w.WriteLine($"// {layer.Output.Name} (rows, {N(layer.Outputs)}) = {layer.InputBlock} ⊙ {m} in training ({m} ~ N(1, sqrt(rate / (1 - rate)))); {layer.InputBlock} in inference");
        w.WriteLine($"{GaussianNoise}.Multiply({layer.InputBlock}, {layer.Output.Name}, {m}, rows, {layer.OutputWidth}, {prefix}Rate, {prefix}Key, in mode);");
    }

    public override bool HasBackward(LayerLayout layer) => layer.NeedsInputGradient;

    public override void EmitBackward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        string d = layer.Gradient!.Name, m = layer.Blocks[0].Name;
        w.WriteLine($"// {d} (rows, {N(layer.Outputs)}) ⊙= {m}: dLoss/d(output of {context.Layout.Layers[layer.Index - 1].Name})");
        w.WriteLine($"{GaussianNoise}.MultiplyBackward({m}, {d}, rows, {layer.OutputWidth});");
    }
}
