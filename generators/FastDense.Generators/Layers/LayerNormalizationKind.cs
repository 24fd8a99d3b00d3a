using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FastDense.Generators.Diagnostics;
using FastDense.Generators.Helpers;
using FastDense.Generators.Model;
using static FastDense.Generators.RuntimeNames;

namespace FastDense.Generators.Layers;

/// <summary>
/// <c>[LayerNormalization]</c>: trainable γ (<c>gamma</c>, ones) and β (<c>beta</c>, zeros); forward keeps x̂ (<c>n{i}</c>)
/// and each row's <c>1 / sqrt(σ² + ε)</c> (<c>r{i}</c>, one value per row) for backward. γ's and β's initializers,
/// regularizers and constraints are <see cref="NormalizationWeights"/>'.
/// </summary>
internal sealed class LayerNormalizationKind : LayerKind
{
    public override string AttributeName => "FastDense.LayerNormalizationAttribute";

    public override string KerasClassName => "LayerNormalization";

    public override string SnakeName => "layer_normalization";

    public override bool OwnsGradientBlock => false;

    public override LayerSpec? Parse(LayerAttribute attribute, List<DiagnosticInfo> diagnostics)
    {
        double epsilon = attribute.Named("Epsilon")?.Value is double e ? e : 1e-3;
        bool center = attribute.Named("Center")?.Value is not bool c || c;
        bool scale = attribute.Named("Scale")?.Value is not bool s || s;
        if (!(epsilon > 0 && !double.IsInfinity(epsilon)))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerArgumentOutOfRange, attribute.NamedArgumentLocation("Epsilon") ?? attribute.Syntax.GetLocation(),
                N(attribute.Position), "LayerNormalization", "Epsilon", "positive and finite", Format(epsilon)));
        }
        if (attribute.Position == attribute.Count - 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerCannotBeOutput, attribute.Syntax.GetLocation(), "LayerNormalization", N(attribute.Position), ""));
        }
        return new LayerNormalizationSpec(epsilon, center, scale)
        {
            Beta = NormalizationWeights.Read(attribute, "Beta", Initializer.Zeros, center, "Center", diagnostics),
            Gamma = NormalizationWeights.Read(attribute, "Gamma", Initializer.Ones, scale, "Scale", diagnostics),
        };
    }

    public override int OutputWidth(LayerSpec spec, int inputs) => inputs;

    public override IEnumerable<TensorShape> Tensors(LayerSpec spec, int inputs, string inputWidth, int kindIndex)
    {
        var norm = (LayerNormalizationSpec)spec;
        if (norm.Scale) yield return new TensorShape("gamma", new[] { inputs }, new[] { inputWidth });
        if (norm.Center) yield return new TensorShape("beta", new[] { inputs }, new[] { inputWidth });
    }

    public override IEnumerable<BlockShape> Blocks(LayerSpec spec, int index, int kindIndex)
    {
        yield return new BlockShape($"n{index}", $"x̂ of layer_normalization_{kindIndex}: each row's (x - mean) / sqrt(variance + epsilon)", BlockUse.Forward | BlockUse.Backward);
        yield return new BlockShape($"r{index}", $"each row's 1 / sqrt(variance + epsilon) of layer_normalization_{kindIndex}", BlockUse.Forward | BlockUse.Backward, Width: "1", WidthValue: 1);
    }

    public override IEnumerable<(string KerasName, double Value)> DescriptionArguments(LayerSpec spec)
    {
        var norm = (LayerNormalizationSpec)spec;
        return new[] { ("epsilon", norm.Epsilon), ("center", Flag(norm.Center)), ("scale", Flag(norm.Scale)) }
            .Concat(DenseKind.InitializerArguments("beta_initializer", norm.Beta.Initializer, InitializerSpec.Zeros))
            .Concat(DenseKind.InitializerArguments("gamma_initializer", norm.Gamma.Initializer, InitializerSpec.Ones))
            .Concat(NormalizationWeights.RegularizerArguments("beta_regularizer", norm.Beta))
            .Concat(NormalizationWeights.RegularizerArguments("gamma_regularizer", norm.Gamma))
            .Concat(DenseKind.ConstraintArguments("beta_constraint", norm.Beta.Constraint))
            .Concat(DenseKind.ConstraintArguments("gamma_constraint", norm.Gamma.Constraint));
    }

    /// <summary>The layer's tensors (γ, β: Keras's order) with their declared arguments.</summary>
    private static IEnumerable<(string Name, VectorWeightSpec Weight)> Weights(LayerNormalizationSpec norm)
    {
        if (norm.Scale) yield return ("gamma", norm.Gamma);
        if (norm.Center) yield return ("beta", norm.Beta);
    }

    public override IEnumerable<string> RegularizationTerms(LayerLayout layer)
        => NormalizationWeights.RegularizationTerms(layer, Weights((LayerNormalizationSpec)layer.Spec));

    public override IEnumerable<string> ConstraintStatements(LayerLayout layer)
        => NormalizationWeights.ConstraintStatements(layer, Weights((LayerNormalizationSpec)layer.Spec));

    public override string Describe(LayerSpec spec)
    {
        var norm = (LayerNormalizationSpec)spec;
        var arguments = new List<string>();
        if (norm.Epsilon != 1e-3) arguments.Add("epsilon=" + Format(norm.Epsilon));
        if (!norm.Center) arguments.Add("center=False");
        if (!norm.Scale) arguments.Add("scale=False");
        return $"LayerNormalization({string.Join(", ", arguments)})";
    }

    public override void EmitConstants(SourceWriter w, LayerLayout layer)
        => w.WriteLine($"private const double {layer.Kind.Identifier}{layer.KindIndex}Epsilon = {Format(((LayerNormalizationSpec)layer.Spec).Epsilon)};");

    public override void EmitInitialize(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        var norm = (LayerNormalizationSpec)layer.Spec;
        if (!norm.Scale && !norm.Center) return;
        if (norm.Gamma.Initializer != InitializerSpec.Ones || norm.Beta.Initializer != InitializerSpec.Zeros)
        {
            // Declared initializers, in Keras's build order (the random ones draw in this order).
            if (norm.Scale) NormalizationWeights.EmitInitialize(w, $"{layer.Name}/gamma", Slice(layer, "gamma", true, "p"), layer.OutputWidth, norm.Gamma.Initializer);
            if (norm.Center) NormalizationWeights.EmitInitialize(w, $"{layer.Name}/beta", Slice(layer, "beta", true, "p"), layer.OutputWidth, norm.Beta.Initializer);
            return;
        }
        w.WriteLine($"// {layer.Name}: gamma ones, beta zeros (Keras's initializers)");
        if (norm.Scale) w.WriteLine($"p.Slice({layer.Tensor("gamma").ConstName}, {layer.OutputWidth}).Fill(1);");
        if (norm.Center) w.WriteLine($"p.Slice({layer.Tensor("beta").ConstName}, {layer.OutputWidth}).Clear();");
    }

    public override void EmitForward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        var norm = (LayerNormalizationSpec)layer.Spec;
        int i = layer.Index;
        w.WriteLine($"// {layer.Output.Name} (rows, {N(layer.Outputs)}) = gamma ⊙ ({layer.InputBlock} - row mean) / sqrt(row variance + epsilon) + beta");
        w.WriteLine($"{LayerNormalization}.Forward({layer.InputBlock}, {layer.Output.Name}, n{i}, r{i}, {Slice(layer, "gamma", norm.Scale, "p")}, {Slice(layer, "beta", norm.Center, "p")}, rows, {layer.OutputWidth}, {layer.Kind.Identifier}{layer.KindIndex}Epsilon);");
    }

    public override bool HasBackward(LayerLayout layer) => layer.NeedsInputGradient || layer.Tensors.Any(t => t.Trainable);

    public override void EmitBackward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        var norm = (LayerNormalizationSpec)layer.Spec;
        string d = layer.Gradient!.Name;
        int i = layer.Index;
        string after = layer.NeedsInputGradient ? $"; then {d} = dLoss/d(input of {layer.Name}), in place, row by row" : "";
        w.WriteLine($"// dGamma ({N(layer.Outputs)}) = column sums of {d} ⊙ n{i};   dBeta = column sums of {d}{after}");
        w.WriteLine($"{LayerNormalization}.Backward(n{i}, r{i}, {Slice(layer, "gamma", norm.Scale, "p")}, {d}, {Slice(layer, "gamma", norm.Scale, "g")}, {Slice(layer, "beta", norm.Center, "g")}, rows, {layer.OutputWidth}, inputGradient: {(layer.NeedsInputGradient ? "true" : "false")});");
        NormalizationWeights.EmitRegularizerGradients(w, layer, Weights(norm));
    }

    private static string Slice(LayerLayout layer, string tensor, bool present, string buffer)
        => present ? $"{buffer}.Slice({layer.Tensor(tensor).ConstName}, {layer.OutputWidth})" : "default";

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
