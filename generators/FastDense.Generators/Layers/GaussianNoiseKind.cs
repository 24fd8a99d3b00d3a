using System.Collections.Generic;
using System.Globalization;
using FastDense.Generators.Diagnostics;
using FastDense.Generators.Helpers;
using FastDense.Generators.Model;
using static FastDense.Generators.RuntimeNames;

namespace FastDense.Generators.Layers;

/// <summary><c>[GaussianNoise(stddev)]</c>: additive noise in training. Its derivative is 1: backward has nothing to do.</summary>
internal sealed class GaussianNoiseKind : LayerKind
{
    public override string AttributeName => "FastDense.GaussianNoiseAttribute";

    public override string KerasClassName => "GaussianNoise";

    public override string SnakeName => "gaussian_noise";

    public override bool OwnsGradientBlock => false;

    public override LayerSpec? Parse(LayerAttribute attribute, List<DiagnosticInfo> diagnostics)
    {
        if (attribute.Data.ConstructorArguments.Length != 1 || attribute.Data.ConstructorArguments[0].Value is not double stddev) return null;
        if (!(stddev >= 0 && !double.IsInfinity(stddev)))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerArgumentOutOfRange, attribute.ArgumentLocation("stddev", 0),
                N(attribute.Position), "GaussianNoise", "stddev", "finite and not negative", stddev.ToString("R", CultureInfo.InvariantCulture)));
        }
        if (attribute.Position == attribute.Count - 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerCannotBeOutput, attribute.Syntax.GetLocation(), "GaussianNoise", N(attribute.Position), ""));
        }
        return new GaussianNoiseSpec(stddev, attribute.Named("Seed")?.Value is int seed ? seed : null);
    }

    public override int OutputWidth(LayerSpec spec, int inputs) => inputs;

    public override IEnumerable<(string KerasName, double Value)> DescriptionArguments(LayerSpec spec)
    {
        var noise = (GaussianNoiseSpec)spec;
        yield return ("stddev", noise.Stddev);
        if (noise.Seed is int seed) yield return ("seed", seed);
    }

    public override string Describe(LayerSpec spec) => $"GaussianNoise({((GaussianNoiseSpec)spec).Stddev.ToString("R", CultureInfo.InvariantCulture)})";

    public override void EmitConstants(SourceWriter w, LayerLayout layer)
    {
        var noise = (GaussianNoiseSpec)layer.Spec;
        string prefix = $"{layer.Kind.Identifier}{layer.KindIndex}";
        w.WriteLine($"private const double {prefix}Stddev = {noise.Stddev.ToString("R", CultureInfo.InvariantCulture)};");
        w.WriteLine($"private const ulong {prefix}Key = 0x{LayerKey(noise.Seed, layer.Index).ToString("X16", CultureInfo.InvariantCulture)}UL;");
    }

    public override void EmitForward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        string prefix = $"{layer.Kind.Identifier}{layer.KindIndex}";
        w.WriteLine($"// {layer.Output.Name} (rows, {N(layer.Outputs)}) = {layer.InputBlock} + N(0, stddev) in training; {layer.InputBlock} in inference");
        w.WriteLine($"{GaussianNoise}.Add({layer.InputBlock}, {layer.Output.Name}, rows, {layer.OutputWidth}, {prefix}Stddev, {prefix}Key, in mode);");
    }

    // d(x + noise)/dx = 1: the gradient passes through unchanged, in place.
    public override bool HasBackward(LayerLayout layer) => false;

    public override void EmitBackward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
    }
}
