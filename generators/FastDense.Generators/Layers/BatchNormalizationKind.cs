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
/// With <c>Renorm</c> (batch renormalization) the state gains <c>moving_stddev</c>, <c>renorm_mean</c>, <c>renorm_stddev</c>
/// (Keras's order, after <c>moving_variance</c>), forward keeps the corrections <c>renormR{i}</c> and <c>renormD{i}</c> (once per
/// batch) for backward, and the runtime's <c>…Renorm</c> calls replace the plain ones; without it the code is as before.
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
        var spec = new BatchNormalizationSpec(momentum, epsilon, center, scale)
        {
            Beta = NormalizationWeights.Read(attribute, "Beta", Initializer.Zeros, center, "Center", diagnostics),
            Gamma = NormalizationWeights.Read(attribute, "Gamma", Initializer.Ones, scale, "Scale", diagnostics),
            MovingMean = DenseKind.ReadInitializer(attribute, "MovingMean", Initializer.Zeros, diagnostics),
            MovingVariance = DenseKind.ReadInitializer(attribute, "MovingVariance", Initializer.Ones, diagnostics),
            Synchronized = attribute.Named("Synchronized")?.Value is true,
        };
        return ReadRenorm(attribute, spec, diagnostics);
    }

    /// <summary>The renorm arguments, each by its property name, in Keras's order (<c>renorm_clipping</c>'s keys, then <c>renorm_momentum</c>).</summary>
    private static readonly string[] RenormArguments = ["RenormClippingRMax", "RenormClippingRMin", "RenormClippingDMax", "RenormMomentum"];

    /// <summary>
    /// <c>Renorm</c> and its arguments. Without it, each renorm argument written is FD0028 (Keras accepts and ignores
    /// them). With it: <c>RenormMomentum</c> in [0, 1], <c>RenormClippingRMax</c> not NaN and at least
    /// <c>RenormClippingRMin</c>, which is finite, <c>RenormClippingDMax</c> non-negative (Keras's checks of
    /// <c>renorm_clipping</c>), and a moving variance initializer that draws no negative value, whose square roots start
    /// <c>moving_stddev</c> and <c>renorm_stddev</c> (Keras would make them NaN): FD0019.
    /// </summary>
    private static BatchNormalizationSpec ReadRenorm(LayerAttribute attribute, BatchNormalizationSpec spec, List<DiagnosticInfo> diagnostics)
    {
        if (attribute.Named("Renorm")?.Value is not true)
        {
            foreach (string name in RenormArguments)
            {
                if (attribute.Named(name) is null) continue;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ArgumentOfAbsentTensor, attribute.NamedArgumentLocation(name) ?? attribute.Syntax.GetLocation(),
                    attribute.KindName, N(attribute.Position), name, "batch renormalization", "Renorm = false"));
            }
            return spec;
        }
        double rMax = attribute.Named("RenormClippingRMax")?.Value is double a ? a : double.PositiveInfinity;
        double rMin = attribute.Named("RenormClippingRMin")?.Value is double b ? b : 0;
        double dMax = attribute.Named("RenormClippingDMax")?.Value is double c ? c : double.PositiveInfinity;
        double momentum = attribute.Named("RenormMomentum")?.Value is double m ? m : 0.99;
        void OutOfRange(string name, string range, double value)
            => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BatchNormalizationArgumentOutOfRange,
                attribute.NamedArgumentLocation(name) ?? attribute.Syntax.GetLocation(), N(attribute.Position), name, range, Format(value)));
        if (double.IsNaN(rMax)) OutOfRange("RenormClippingRMax", "a number (+∞ for no upper clip)", rMax);
        if (double.IsNaN(rMin) || double.IsInfinity(rMin)) OutOfRange("RenormClippingRMin", "finite", rMin);
        else if (rMax < rMin) OutOfRange("RenormClippingRMax", $"at least RenormClippingRMin ({Format(rMin)})", rMax);
        if (!(dMax >= 0)) OutOfRange("RenormClippingDMax", "non-negative (+∞ for no clip)", dMax);
        if (!(momentum >= 0 && momentum <= 1)) OutOfRange("RenormMomentum", "in [0, 1]", momentum);
        if (CanDrawNegative(spec.MovingVariance))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BatchNormalizationArgumentOutOfRange,
                attribute.NamedArgumentLocation("MovingVarianceInitializer") ?? attribute.Syntax.GetLocation(), N(attribute.Position), "MovingVarianceInitializer",
                "an initializer that draws no negative value with Renorm = true (moving_stddev and renorm_stddev start at the square roots of its draws)",
                DenseKind.Describe(spec.MovingVariance)));
        }
        return spec with
        {
            Renorm = true, RenormClippingRMax = rMax, RenormClippingRMin = rMin, RenormClippingDMax = dMax, RenormMomentum = momentum,
        };
    }

    /// <summary>
    /// Whether an initializer may draw a negative value: a constant below 0, a uniform range below 0, a truncated normal
    /// reaching below 0 (its draws lie within two standard deviations of its mean), or any initializer symmetric about 0
    /// or unbounded (random_normal, variance scaling and its glorot, he and lecun forms).
    /// </summary>
    private static bool CanDrawNegative(InitializerSpec initializer) => initializer.Kind switch
    {
        Initializer.Zeros or Initializer.Ones => false,
        Initializer.Constant or Initializer.RandomUniform => initializer.A < 0,
        Initializer.TruncatedNormal => initializer.A - 2 * initializer.B < 0,
        _ => true,
    };

    public override int OutputWidth(LayerSpec spec, int inputs) => inputs;

    public override IEnumerable<TensorShape> Tensors(LayerSpec spec, int inputs, string inputWidth, int kindIndex)
    {
        var norm = (BatchNormalizationSpec)spec;
        if (norm.Scale) yield return new TensorShape("gamma", new[] { inputs }, new[] { inputWidth });
        if (norm.Center) yield return new TensorShape("beta", new[] { inputs }, new[] { inputWidth });
        yield return new TensorShape("moving_mean", new[] { inputs }, new[] { inputWidth }, Trainable: false);
        yield return new TensorShape("moving_variance", new[] { inputs }, new[] { inputWidth }, Trainable: false);
        if (!norm.Renorm) yield break;
        // Keras's build adds these after moving_variance, in this order.
        yield return new TensorShape("moving_stddev", new[] { inputs }, new[] { inputWidth }, Trainable: false);
        yield return new TensorShape("renorm_mean", new[] { inputs }, new[] { inputWidth }, Trainable: false);
        yield return new TensorShape("renorm_stddev", new[] { inputs }, new[] { inputWidth }, Trainable: false);
    }

    public override IEnumerable<BlockShape> Blocks(LayerSpec spec, int index, int kindIndex)
    {
        string name = $"batch_normalization_{kindIndex}";
        yield return new BlockShape($"n{index}", $"x̂ of {name}: (x - batch mean) / sqrt(batch variance + epsilon)", BlockUse.Forward | BlockUse.Backward);
        yield return new BlockShape($"mean{index}", $"the batch's mean of {name}'s input", BlockUse.Forward, PerRow: false);
        yield return new BlockShape($"variance{index}", $"the batch's variance of {name}'s input", BlockUse.Forward, PerRow: false);
        yield return new BlockShape($"inverseStd{index}", $"1 / sqrt(batch variance + epsilon) of {name}", BlockUse.Forward | BlockUse.Backward, PerRow: false);
        if (!((BatchNormalizationSpec)spec).Renorm) yield break;
        yield return new BlockShape($"renormR{index}", $"renorm's r of {name}: clip(batch stddev / max(renorm_stddev, sqrt(epsilon)))", BlockUse.Forward | BlockUse.Backward, PerRow: false);
        yield return new BlockShape($"renormD{index}", $"renorm's d of {name}: clip((batch mean - renorm_mean) / max(renorm_stddev, sqrt(epsilon)))", BlockUse.Forward | BlockUse.Backward, PerRow: false);
    }

    public override IEnumerable<(string KerasName, double Value)> DescriptionArguments(LayerSpec spec)
    {
        var norm = (BatchNormalizationSpec)spec;
        return new[] { ("momentum", norm.Momentum), ("epsilon", norm.Epsilon), ("center", Flag(norm.Center)), ("scale", Flag(norm.Scale)) }
            .Concat(DenseKind.InitializerArguments("beta_initializer", norm.Beta.Initializer, InitializerSpec.Zeros))
            .Concat(DenseKind.InitializerArguments("gamma_initializer", norm.Gamma.Initializer, InitializerSpec.Ones))
            .Concat(DenseKind.InitializerArguments("moving_mean_initializer", norm.MovingMean, InitializerSpec.Zeros))
            .Concat(DenseKind.InitializerArguments("moving_variance_initializer", norm.MovingVariance, InitializerSpec.Ones))
            .Concat(NormalizationWeights.RegularizerArguments("beta_regularizer", norm.Beta))
            .Concat(NormalizationWeights.RegularizerArguments("gamma_regularizer", norm.Gamma))
            .Concat(DenseKind.ConstraintArguments("beta_constraint", norm.Beta.Constraint))
            .Concat(DenseKind.ConstraintArguments("gamma_constraint", norm.Gamma.Constraint))
            .Concat(RenormDescriptionArguments(norm));
    }

    /// <summary>
    /// With renorm: <c>renorm</c> 1, the <c>renorm_clipping</c> keys that clip (<c>renorm_clipping.rmax</c> and
    /// <c>.dmax</c> when finite, <c>.rmin</c> when not 0), <c>renorm_momentum</c>; then <c>synchronized</c> 1 when set.
    /// Nothing for Keras's defaults, so the description of a layer without them is as before.
    /// </summary>
    private static IEnumerable<(string, double)> RenormDescriptionArguments(BatchNormalizationSpec norm)
    {
        if (norm.Renorm)
        {
            yield return ("renorm", 1);
            if (!double.IsPositiveInfinity(norm.RenormClippingRMax)) yield return ("renorm_clipping.rmax", norm.RenormClippingRMax);
            if (norm.RenormClippingRMin != 0) yield return ("renorm_clipping.rmin", norm.RenormClippingRMin);
            if (!double.IsPositiveInfinity(norm.RenormClippingDMax)) yield return ("renorm_clipping.dmax", norm.RenormClippingDMax);
            yield return ("renorm_momentum", norm.RenormMomentum);
        }
        if (norm.Synchronized) yield return ("synchronized", 1);
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
        if (norm.Renorm)
        {
            arguments.Add("renorm=True");
            var clipping = new List<string>();
            if (!double.IsPositiveInfinity(norm.RenormClippingRMax)) clipping.Add("'rmax': " + Format(norm.RenormClippingRMax));
            if (norm.RenormClippingRMin != 0) clipping.Add("'rmin': " + Format(norm.RenormClippingRMin));
            if (!double.IsPositiveInfinity(norm.RenormClippingDMax)) clipping.Add("'dmax': " + Format(norm.RenormClippingDMax));
            if (clipping.Count > 0) arguments.Add($"renorm_clipping={{{string.Join(", ", clipping)}}}");
            if (norm.RenormMomentum != 0.99) arguments.Add("renorm_momentum=" + Format(norm.RenormMomentum));
        }
        if (norm.Synchronized) arguments.Add("synchronized=True");
        return $"BatchNormalization({string.Join(", ", arguments)})";
    }

    public override void EmitConstants(SourceWriter w, LayerLayout layer)
    {
        var norm = (BatchNormalizationSpec)layer.Spec;
        string prefix = $"{layer.Kind.Identifier}{layer.KindIndex}";
        w.WriteLine($"private const double {prefix}Momentum = {Format(norm.Momentum)}, {prefix}Epsilon = {Format(norm.Epsilon)};");
        if (!norm.Renorm) return;
        // renorm_clipping's rmin, rmax, dmax (0, +∞, +∞ when not given: no clip) and renorm_momentum.
        w.WriteLine($"private const double {prefix}RenormRMin = {ActivationArguments.Literal(norm.RenormClippingRMin)}, {prefix}RenormRMax = {ActivationArguments.Literal(norm.RenormClippingRMax)}, " +
            $"{prefix}RenormDMax = {ActivationArguments.Literal(norm.RenormClippingDMax)}, {prefix}RenormMomentum = {Format(norm.RenormMomentum)};");
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
            EmitInitializeRenorm(w, layer, norm);
            return;
        }
        string renorm = norm.Renorm ? ", moving_stddev ones, renorm_mean zeros, renorm_stddev ones" : "";
        w.WriteLine($"// {layer.Name}: gamma ones, beta zeros, moving_mean zeros, moving_variance ones{renorm} (Keras's initializers)");
        if (norm.Scale) w.WriteLine($"p.Slice({layer.Tensor("gamma").ConstName}, {layer.OutputWidth}).Fill(1);");
        if (norm.Center) w.WriteLine($"p.Slice({layer.Tensor("beta").ConstName}, {layer.OutputWidth}).Clear();");
        w.WriteLine($"state.Slice({mean.ConstName}, {layer.OutputWidth}).Clear();");
        w.WriteLine($"state.Slice({variance.ConstName}, {layer.OutputWidth}).Fill(1);");
        if (!norm.Renorm) return;
        w.WriteLine($"state.Slice({layer.Tensor("moving_stddev").ConstName}, {layer.OutputWidth}).Fill(1);");
        w.WriteLine($"state.Slice({layer.Tensor("renorm_mean").ConstName}, {layer.OutputWidth}).Clear();");
        w.WriteLine($"state.Slice({layer.Tensor("renorm_stddev").ConstName}, {layer.OutputWidth}).Fill(1);");
    }

    /// <summary>
    /// Keras's build with renorm, after moving_variance: moving_stddev and renorm_stddev each the square root of a draw of
    /// the moving variance's initializer (a clone of it: its own draw), renorm_mean a draw of the moving mean's.
    /// </summary>
    private static void EmitInitializeRenorm(SourceWriter w, LayerLayout layer, BatchNormalizationSpec norm)
    {
        if (!norm.Renorm) return;
        foreach ((string name, InitializerSpec initializer, bool root) in new[]
        {
            ("moving_stddev", norm.MovingVariance, true), ("renorm_mean", norm.MovingMean, false), ("renorm_stddev", norm.MovingVariance, true),
        })
        {
            string slice = $"state.Slice({layer.Tensor(name).ConstName}, {layer.OutputWidth})";
            NormalizationWeights.EmitInitialize(w, $"{layer.Name}/{name}", slice, layer.OutputWidth, initializer);
            // sqrt leaves zeros and ones as they are.
            if (root && initializer != InitializerSpec.Zeros && initializer != InitializerSpec.Ones)
            {
                w.WriteLine($"// {layer.Name}/{name}: the square root of that draw (Keras's moving_stddev_initializer)");
                w.WriteLine($"{BatchNormalization}.SquareRoot({slice});");
            }
        }
    }

    public override void EmitForward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        var norm = (BatchNormalizationSpec)layer.Spec;
        string prefix = $"{layer.Kind.Identifier}{layer.KindIndex}", a = layer.Output.Name, x = layer.InputBlock, width = layer.OutputWidth;
        int i = layer.Index;
        if (norm.Renorm)
        {
            w.WriteLine($"// {a} (rows, {N(layer.Outputs)}) = x̂ ⊙ (renormR{i} ⊙ gamma) + (renormD{i} ⊙ gamma + beta) in training, x̂ = ({x} - batch mean) / sqrt(batch variance + epsilon), " +
                $"renormR{i} and renormD{i} ({N(layer.Outputs)}) renorm's corrections; gamma ⊙ ({x} - moving mean) / sqrt(moving variance + epsilon) + beta in inference");
            w.WriteLine($"{BatchNormalization}.ForwardRenorm({x}, {a}, n{i}, mean{i}, variance{i}, inverseStd{i}, renormR{i}, renormD{i}, {Slice(layer, "gamma", norm.Scale)}, {Slice(layer, "beta", norm.Center)}, " +
                $"state.Slice({layer.Tensor("moving_mean").ConstName}, {width}), state.Slice({layer.Tensor("moving_variance").ConstName}, {width}), " +
                $"state.Slice({layer.Tensor("renorm_mean").ConstName}, {width}), state.Slice({layer.Tensor("renorm_stddev").ConstName}, {width}), rows, {width}, {prefix}Epsilon, " +
                $"{prefix}RenormRMin, {prefix}RenormRMax, {prefix}RenormDMax, in mode);");
            return;
        }
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
        if (norm.Renorm)
        {
            string through = layer.NeedsInputGradient ? $" (batch normalization's with the scale renormR{i} ⊙ gamma)" : "";
            w.WriteLine($"// renormR{i}, renormD{i} are constants of the gradient (Keras's stop_gradient): dGamma ({N(layer.Outputs)}) = column sums of {d} ⊙ (n{i} ⊙ renormR{i} + renormD{i});   dBeta = column sums of {d}{after}{through}");
            w.WriteLine($"{BatchNormalization}.BackwardRenorm(n{i}, inverseStd{i}, renormR{i}, renormD{i}, {Slice(layer, "gamma", norm.Scale)}, {d}, {gammaGradient}, {betaGradient}, rows, {width}, inputGradient: {(layer.NeedsInputGradient ? "true" : "false")});");
            NormalizationWeights.EmitRegularizerGradients(w, layer, Weights(norm));
            return;
        }
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
        if (((BatchNormalizationSpec)layer.Spec).Renorm)
        {
            w.WriteLine($"// {layer.Name}: renorm_mean, renorm_stddev = renorm * renorm_momentum + batch * (1 - renorm_momentum); moving_mean, moving_stddev likewise by momentum " +
                "(the batch's stddev sqrt(variance + epsilon)); moving_variance = relu(moving_stddev² - epsilon)");
            w.WriteLine($"{BatchNormalization}.UpdateRenorm(state.Slice({layer.Tensor("moving_mean").ConstName}, {width}), state.Slice({layer.Tensor("moving_variance").ConstName}, {width}), " +
                $"state.Slice({layer.Tensor("moving_stddev").ConstName}, {width}), state.Slice({layer.Tensor("renorm_mean").ConstName}, {width}), state.Slice({layer.Tensor("renorm_stddev").ConstName}, {width}), " +
                $"{ModelGenerator.Emitter.SliceOf(mean)}, {ModelGenerator.Emitter.SliceOf(variance)}, {prefix}Momentum, {prefix}RenormMomentum, {prefix}Epsilon);");
            return;
        }
        w.WriteLine($"// {layer.Name}: moving = moving * momentum + batch * (1 - momentum)");
        w.WriteLine($"{BatchNormalization}.UpdateMoving(state.Slice({layer.Tensor("moving_mean").ConstName}, {width}), state.Slice({layer.Tensor("moving_variance").ConstName}, {width}), " +
            $"{ModelGenerator.Emitter.SliceOf(mean)}, {ModelGenerator.Emitter.SliceOf(variance)}, {prefix}Momentum);");
    }

    private static string Slice(LayerLayout layer, string tensor, bool present)
        => present ? $"p.Slice({layer.Tensor(tensor).ConstName}, {layer.OutputWidth})" : "default";

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
