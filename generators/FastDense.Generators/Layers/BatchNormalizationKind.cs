using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FastDense.Generators.Diagnostics;
using FastDense.Generators.Helpers;
using FastDense.Generators.Model;
using static FastDense.Generators.RuntimeNames;

namespace FastDense.Generators.Layers;

/// <summary>
/// <c>[BatchNormalization]</c>: trainable γ (<c>gamma</c>, ones) and β (<c>beta</c>, zeros), non-trainable
/// <c>moving_mean</c> (zeros) and <c>moving_variance</c> (ones), Keras's order. Forward keeps x̂ (<c>n{i}</c>, per row) and
/// the batch's mean, variance and <c>1 / sqrt(σ² + ε)</c> (once per batch); backward writes γ's and β's gradients and
/// turns the gradient into dLoss/d(input) in place; <c>UpdateState</c> moves the moving statistics. γ's and β's
/// initializers, regularizers and constraints, and the moving statistics' initializers, are <see cref="NormalizationWeights"/>'.
/// </summary>
internal sealed class BatchNormalizationKind : LayerKind
{
    public override string AttributeName => "FastDense.BatchNormalizationAttribute";

    public override string KerasClassName => "BatchNormalization";

    public override string SnakeName => "batch_normalization";

    public override bool OwnsGradientBlock => false;

    public override LayerSpec? Parse(LayerAttribute attribute, List<DiagnosticInfo> diagnostics)
    {
        double momentum = attribute.Named("Momentum")?.Value is double m ? m : 0.99;
        double epsilon = attribute.Named("Epsilon")?.Value is double e ? e : 1e-3;
        bool center = attribute.Named("Center")?.Value is not bool c || c;
        bool scale = attribute.Named("Scale")?.Value is not bool s || s;
        if (!(momentum >= 0 && momentum <= 1))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BatchNormalizationArgumentOutOfRange,
                attribute.NamedArgumentLocation("Momentum") ?? attribute.Syntax.GetLocation(), N(attribute.Position), "Momentum", "in [0, 1]", Format(momentum)));
        }
        if (!(epsilon > 0 && !double.IsInfinity(epsilon)))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BatchNormalizationArgumentOutOfRange,
                attribute.NamedArgumentLocation("Epsilon") ?? attribute.Syntax.GetLocation(), N(attribute.Position), "Epsilon", "positive and finite", Format(epsilon)));
        }
        if (attribute.Position == attribute.Count - 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerCannotBeOutput, attribute.Syntax.GetLocation(), "BatchNormalization", N(attribute.Position), ""));
        }
        // Keras's argument order: beta's, gamma's, then the moving statistics' initializers.
        return new BatchNormalizationSpec(momentum, epsilon, center, scale)
        {
            Beta = NormalizationWeights.Read(attribute, "Beta", Initializer.Zeros, center, "Center", diagnostics),
            Gamma = NormalizationWeights.Read(attribute, "Gamma", Initializer.Ones, scale, "Scale", diagnostics),
            MovingMean = DenseKind.ReadInitializer(attribute, "MovingMean", Initializer.Zeros, diagnostics),
            MovingVariance = DenseKind.ReadInitializer(attribute, "MovingVariance", Initializer.Ones, diagnostics),
        };
    }

    public override int OutputWidth(LayerSpec spec, int inputs) => inputs;

    public override IEnumerable<TensorShape> Tensors(LayerSpec spec, int inputs, string inputWidth, int kindIndex)
    {
        var norm = (BatchNormalizationSpec)spec;
        if (norm.Scale) yield return new TensorShape("gamma", new[] { inputs }, new[] { inputWidth });
        if (norm.Center) yield return new TensorShape("beta", new[] { inputs }, new[] { inputWidth });
        yield return new TensorShape("moving_mean", new[] { inputs }, new[] { inputWidth }, Trainable: false);
        yield return new TensorShape("moving_variance", new[] { inputs }, new[] { inputWidth }, Trainable: false);
    }

    public override IEnumerable<BlockShape> Blocks(LayerSpec spec, int index, int kindIndex)
    {
        string name = $"batch_normalization_{kindIndex}";
        yield return new BlockShape($"n{index}", $"x̂ of {name}: (x - batch mean) / sqrt(batch variance + epsilon)", BlockUse.Forward | BlockUse.Backward);
        yield return new BlockShape($"mean{index}", $"the batch's mean of {name}'s input", BlockUse.Forward, PerRow: false);
        yield return new BlockShape($"variance{index}", $"the batch's variance of {name}'s input", BlockUse.Forward, PerRow: false);
        yield return new BlockShape($"inverseStd{index}", $"1 / sqrt(batch variance + epsilon) of {name}", BlockUse.Forward | BlockUse.Backward, PerRow: false);
    }

    public override IEnumerable<(string KerasName, double Value)> DescriptionArguments(LayerSpec spec)
    {
        var norm = (BatchNormalizationSpec)spec;
        return new[] { ("momentum", norm.Momentum), ("epsilon", norm.Epsilon), ("center", Flag(norm.Center)), ("scale", Flag(norm.Scale)) }
            .Concat(NormalizationWeights.InitializerArguments("beta_initializer", norm.Beta.Initializer, InitializerSpec.Zeros))
            .Concat(NormalizationWeights.InitializerArguments("gamma_initializer", norm.Gamma.Initializer, InitializerSpec.Ones))
            .Concat(NormalizationWeights.InitializerArguments("moving_mean_initializer", norm.MovingMean, InitializerSpec.Zeros))
            .Concat(NormalizationWeights.InitializerArguments("moving_variance_initializer", norm.MovingVariance, InitializerSpec.Ones))
            .Concat(NormalizationWeights.RegularizerArguments("beta_regularizer", norm.Beta))
            .Concat(NormalizationWeights.RegularizerArguments("gamma_regularizer", norm.Gamma))
            .Concat(DenseKind.ConstraintArguments("beta_constraint", norm.Beta.Constraint))
            .Concat(DenseKind.ConstraintArguments("gamma_constraint", norm.Gamma.Constraint));
    }

    /// <summary>The layer's trainable tensors (γ, β: Keras's order) with their declared arguments.</summary>
    private static IEnumerable<(string Name, VectorWeightSpec Weight)> Weights(BatchNormalizationSpec norm)
    {
        if (norm.Scale) yield return ("gamma", norm.Gamma);
        if (norm.Center) yield return ("beta", norm.Beta);
    }

    public override IEnumerable<string> RegularizationTerms(LayerLayout layer)
        => NormalizationWeights.RegularizationTerms(layer, Weights((BatchNormalizationSpec)layer.Spec));

    public override IEnumerable<string> ConstraintStatements(LayerLayout layer)
        => NormalizationWeights.ConstraintStatements(layer, Weights((BatchNormalizationSpec)layer.Spec));

    public override string Describe(LayerSpec spec)
    {
        var norm = (BatchNormalizationSpec)spec;
        var arguments = new List<string>();
        if (norm.Momentum != 0.99) arguments.Add("momentum=" + Format(norm.Momentum));
        if (norm.Epsilon != 1e-3) arguments.Add("epsilon=" + Format(norm.Epsilon));
        if (!norm.Center) arguments.Add("center=False");
        if (!norm.Scale) arguments.Add("scale=False");
        return $"BatchNormalization({string.Join(", ", arguments)})";
    }

    public override void EmitConstants(SourceWriter w, LayerLayout layer)
    {
        var norm = (BatchNormalizationSpec)layer.Spec;
        string prefix = $"{layer.Kind.Identifier}{layer.KindIndex}";
        w.WriteLine($"private const double {prefix}Momentum = {Format(norm.Momentum)}, {prefix}Epsilon = {Format(norm.Epsilon)};");
    }

    public override void EmitInitialize(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        var norm = (BatchNormalizationSpec)layer.Spec;
        TensorLayout mean = layer.Tensor("moving_mean"), variance = layer.Tensor("moving_variance");
        if (norm.Gamma.Initializer != InitializerSpec.Ones || norm.Beta.Initializer != InitializerSpec.Zeros
            || norm.MovingMean != InitializerSpec.Zeros || norm.MovingVariance != InitializerSpec.Ones)
        {
            // Declared initializers, tensor by tensor in Keras's build order (the random ones draw in this order).
            if (norm.Scale) NormalizationWeights.EmitInitialize(w, $"{layer.Name}/gamma", $"p.Slice({layer.Tensor("gamma").ConstName}, {layer.OutputWidth})", layer.OutputWidth, norm.Gamma.Initializer);
            if (norm.Center) NormalizationWeights.EmitInitialize(w, $"{layer.Name}/beta", $"p.Slice({layer.Tensor("beta").ConstName}, {layer.OutputWidth})", layer.OutputWidth, norm.Beta.Initializer);
            NormalizationWeights.EmitInitialize(w, $"{layer.Name}/moving_mean", $"state.Slice({mean.ConstName}, {layer.OutputWidth})", layer.OutputWidth, norm.MovingMean);
            NormalizationWeights.EmitInitialize(w, $"{layer.Name}/moving_variance", $"state.Slice({variance.ConstName}, {layer.OutputWidth})", layer.OutputWidth, norm.MovingVariance);
            return;
        }
        w.WriteLine($"// {layer.Name}: gamma ones, beta zeros, moving_mean zeros, moving_variance ones (Keras's initializers)");
        if (norm.Scale) w.WriteLine($"p.Slice({layer.Tensor("gamma").ConstName}, {layer.OutputWidth}).Fill(1);");
        if (norm.Center) w.WriteLine($"p.Slice({layer.Tensor("beta").ConstName}, {layer.OutputWidth}).Clear();");
        w.WriteLine($"state.Slice({mean.ConstName}, {layer.OutputWidth}).Clear();");
        w.WriteLine($"state.Slice({variance.ConstName}, {layer.OutputWidth}).Fill(1);");
    }

    public override void EmitForward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        var norm = (BatchNormalizationSpec)layer.Spec;
        string prefix = $"{layer.Kind.Identifier}{layer.KindIndex}", a = layer.Output.Name, x = layer.InputBlock, width = layer.OutputWidth;
        int i = layer.Index;
        w.WriteLine($"// {a} (rows, {N(layer.Outputs)}) = gamma ⊙ ({x} - mean) / sqrt(variance + epsilon) + beta: the batch's statistics in training, the moving ones in inference");
        w.WriteLine($"{BatchNormalization}.Forward({x}, {a}, n{i}, mean{i}, variance{i}, inverseStd{i}, {Slice(layer, "gamma", norm.Scale)}, {Slice(layer, "beta", norm.Center)}, " +
            $"state.Slice({layer.Tensor("moving_mean").ConstName}, {width}), state.Slice({layer.Tensor("moving_variance").ConstName}, {width}), rows, {width}, {prefix}Epsilon, in mode);");
    }

    public override void EmitBackward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        var norm = (BatchNormalizationSpec)layer.Spec;
        string d = layer.Gradient!.Name, width = layer.OutputWidth;
        int i = layer.Index;
        string gammaGradient = norm.Scale ? $"g.Slice({layer.Tensor("gamma").ConstName}, {width})" : "default";
        string betaGradient = norm.Center ? $"g.Slice({layer.Tensor("beta").ConstName}, {width})" : "default";
        string after = layer.NeedsInputGradient ? $"; then {d} = dLoss/d(input of {layer.Name}), in place" : "";
        w.WriteLine($"// dGamma ({N(layer.Outputs)}) = column sums of {d} ⊙ n{i};   dBeta = column sums of {d}{after}");
        w.WriteLine($"{BatchNormalization}.Backward(n{i}, inverseStd{i}, {Slice(layer, "gamma", norm.Scale)}, {d}, {gammaGradient}, {betaGradient}, rows, {width}, inputGradient: {(layer.NeedsInputGradient ? "true" : "false")});");
        NormalizationWeights.EmitRegularizerGradients(w, layer, Weights(norm));
    }

    public override bool HasBackward(LayerLayout layer) => layer.NeedsInputGradient || layer.Tensors.Any(t => t.Trainable);

    public override bool UpdatesState(LayerSpec spec) => true;

    public override void EmitUpdateState(SourceWriter w, LayerLayout layer)
    {
        string prefix = $"{layer.Kind.Identifier}{layer.KindIndex}", width = layer.OutputWidth;
        BlockLayout mean = layer.Blocks[1], variance = layer.Blocks[2];
        w.WriteLine($"// {layer.Name}: moving = moving * momentum + batch * (1 - momentum)");
        w.WriteLine($"{BatchNormalization}.UpdateMoving(state.Slice({layer.Tensor("moving_mean").ConstName}, {width}), state.Slice({layer.Tensor("moving_variance").ConstName}, {width}), " +
            $"{ModelGenerator.Emitter.SliceOf(mean)}, {ModelGenerator.Emitter.SliceOf(variance)}, {prefix}Momentum);");
    }

    private static string Slice(LayerLayout layer, string tensor, bool present)
        => present ? $"p.Slice({layer.Tensor(tensor).ConstName}, {layer.OutputWidth})" : "default";

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
