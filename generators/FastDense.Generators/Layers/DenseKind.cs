using System;
using System.Collections.Generic;
using System.Linq;
using FastDense.Generators.Diagnostics;
using FastDense.Generators.Helpers;
using FastDense.Generators.Model;
using Microsoft.CodeAnalysis;
using static FastDense.Generators.RuntimeNames;

namespace FastDense.Generators.Layers;

/// <summary>
/// <c>[Dense(units, activation)]</c>: <c>a = activation(x · kernel + bias)</c>, kernel <c>[inputs, units]</c> (Glorot
/// uniform) then bias <c>[units]</c> (zeros), as Keras's Dense; with <c>UseBias = false</c> the kernel alone. Its gradient block <c>d{i}</c> holds dLoss/d(its
/// pre-activation) once its activation's derivative is applied.
/// </summary>
internal sealed class DenseKind : LayerKind
{
    public override string AttributeName => "FastDense.DenseAttribute";

    public override string KerasClassName => "Dense";

    public override string SnakeName => "dense";

    public override bool OwnsGradientBlock => true;

    public override LayerSpec? Parse(LayerAttribute attribute, List<DiagnosticInfo> diagnostics)
    {
        // A constructor argument that does not bind is the compiler's error to report; skip the layer.
        if (attribute.Data.ConstructorArguments.Length != 2 ||
            attribute.Data.ConstructorArguments[0].Value is not int units ||
            attribute.Data.ConstructorArguments[1].Value is not int activationValue)
        {
            return null;
        }
        if (units <= 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnitsMustBePositive, attribute.ArgumentLocation("units", 0), N(attribute.Position), N(units)));
        }
        if (!Enum.IsDefined(typeof(Activation), activationValue))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedEnumValue, attribute.ArgumentLocation("activation", 1), nameof(Activation), N(activationValue)));
        }
        var activation = (Activation)activationValue;
        // A row-wise activation over one unit is a constant (softmax and sparsemax 1, log_softmax 0): always a mistake,
        // typically a binary classifier written Dense(1, softmax).
        if (Enum.IsDefined(typeof(Activation), activationValue) && activation.IsRowWise() && units == 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RowActivationOfOneUnit, attribute.ArgumentLocation("activation", 1), "Dense", N(attribute.Position),
                activation.KerasName(), activation == Activation.LogSoftmax ? "0" : "1"));
        }
        // glu splits each row into two halves of equal width (Keras's glu raises on an odd axis size).
        if (activation == Activation.Glu && units > 0 && units % 2 != 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GluOddUnits, attribute.ArgumentLocation("units", 0), N(attribute.Position), N(units)));
        }
        // use_bias=False: no bias tensor, so every Bias… property would be ignored (Keras ignores them silently).
        bool useBias = attribute.Named("UseBias")?.Value is not false;
        if (!useBias)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.Data.NamedArguments)
            {
                if (!argument.Key.StartsWith("Bias", StringComparison.Ordinal)) continue;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ArgumentOfAbsentTensor, attribute.NamedArgumentLocation(argument.Key) ?? attribute.Syntax.GetLocation(),
                    "Dense", N(attribute.Position), argument.Key, "bias", "UseBias = false"));
            }
        }
        return new DenseSpec(units, activation)
        {
            UseBias = useBias,
            // An undefined member (FD0011 above) takes no arguments; its written ones are not reported again.
            ActivationArguments = Enum.IsDefined(typeof(Activation), activationValue)
                ? ActivationArguments.Read(attribute, activation, diagnostics)
                : EquatableArray<double>.Empty,
            Kernel = ReadInitializer(attribute, "Kernel", Initializer.GlorotUniform, diagnostics),
            Bias = useBias ? ReadInitializer(attribute, "Bias", Initializer.Zeros, diagnostics) : InitializerSpec.Zeros,
            Regularization = ReadRegularization(attribute, useBias, diagnostics),
            KernelConstraint = ReadConstraint(attribute, "Kernel", diagnostics),
            BiasConstraint = useBias ? ReadConstraint(attribute, "Bias", diagnostics) : ConstraintSpec.None,
        };
    }

    /// <summary>The arguments each constraint reads, by property suffix (<c>KernelConstraintMaxValue</c>…).</summary>
    private static string[] ArgumentsOf(Constraint constraint) => constraint switch
    {
        Constraint.MaxNorm => new[] { "MaxValue", "Axis" },
        Constraint.UnitNorm => new[] { "Axis" },
        Constraint.MinMaxNorm => new[] { "MinValue", "MaxValue", "Rate", "Axis" },
        _ => new string[0],
    };

    /// <summary>
    /// <c>{part}Constraint</c> and its arguments, Keras's defaults filled in: FD0011 for an undefined member, FD0025 for an
    /// argument the constraint does not read (it would be silently ignored) or out of range.
    /// </summary>
    internal static ConstraintSpec ReadConstraint(LayerAttribute attribute, string part, List<DiagnosticInfo> diagnostics)
    {
        var kind = Constraint.None;
        if (attribute.Named(part + "Constraint")?.Value is int value)
        {
            if (Enum.IsDefined(typeof(Constraint), value)) kind = (Constraint)value;
            else diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedEnumValue, attribute.NamedArgumentLocation(part + "Constraint") ?? attribute.Syntax.GetLocation(), nameof(Constraint), N(value)));
        }
        string[] reads = ArgumentsOf(kind);
        foreach (string argument in new[] { "MaxValue", "MinValue", "Rate", "Axis" })
        {
            string property = part + "Constraint" + argument;
            if (attribute.Named(property) is null || reads.Contains(argument) && (part == "Kernel" || argument != "Axis")) continue;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConstraintArgumentInvalid, attribute.NamedArgumentLocation(property) ?? attribute.Syntax.GetLocation(),
                attribute.KindName, N(attribute.Position), argument == "Axis" && reads.Contains("Axis")
                    ? $"{property} is not an argument: a bias is one vector, whose norm is the whole bias's"
                    : $"{property} is not an argument of Constraint.{kind}, which would ignore it"));
        }
        double maxValue = attribute.Named(part + "ConstraintMaxValue")?.Value is double max ? max : kind == Constraint.MinMaxNorm ? 1 : 2;
        double minValue = attribute.Named(part + "ConstraintMinValue")?.Value is double min ? min : 0;
        double rate = attribute.Named(part + "ConstraintRate")?.Value is double r ? r : 1;
        int axis = attribute.Named(part + "ConstraintAxis")?.Value is int a ? a : 0;
        void Invalid(string argument, string what) => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConstraintArgumentInvalid,
            attribute.NamedArgumentLocation(part + "Constraint" + argument) ?? attribute.Syntax.GetLocation(), attribute.KindName, N(attribute.Position), what));
        if (reads.Contains("MaxValue") && !(maxValue >= 0 && !double.IsInfinity(maxValue)))
        {
            Invalid("MaxValue", $"{part}ConstraintMaxValue must be non-negative and finite, but is {Format(maxValue)}");
        }
        if (reads.Contains("MinValue") && !(minValue >= 0 && minValue <= maxValue))
        {
            Invalid("MinValue", $"{part}ConstraintMinValue must be in [0, {part}ConstraintMaxValue = {Format(maxValue)}], but is {Format(minValue)}");
        }
        if (reads.Contains("Rate") && !(rate >= 0 && rate <= 1))
        {
            Invalid("Rate", $"{part}ConstraintRate must be in [0, 1], but is {Format(rate)}");
        }
        if (reads.Contains("Axis") && axis is not (0 or 1 or -1))
        {
            Invalid("Axis", $"{part}ConstraintAxis must be 0 (each unit's incoming weights) or 1 (−1: each input's outgoing weights), but is {N(axis)}");
        }
        return kind == Constraint.None ? ConstraintSpec.None : new ConstraintSpec(kind, maxValue, minValue, rate, axis == -1 ? 1 : axis);
    }

    private static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The six L1/L2 factors (<c>KernelRegularizerL1</c>…) and the kernel's orthogonal regularizer: FD0020 for a factor
    /// that is negative or not finite (Keras's <c>validate_float_arg</c>), for an orthogonal regularizer beside an L1/L2
    /// one on the kernel (Keras takes one object) and for its mode written without it; FD0011 for an undefined mode.
    /// Without a bias its two are 0 (written, they are FD0028).
    /// </summary>
    private static RegularizationSpec ReadRegularization(LayerAttribute attribute, bool useBias, List<DiagnosticInfo> diagnostics)
    {
        double Read(string name) => RegularizationFactor(attribute, "Dense", name, diagnostics);
        double ReadBias(string name) => useBias ? Read(name) : 0;
        var spec = new RegularizationSpec(Read("KernelRegularizerL1"), Read("KernelRegularizerL2"), ReadBias("BiasRegularizerL1"), ReadBias("BiasRegularizerL2"),
            Read("ActivityRegularizerL1"), Read("ActivityRegularizerL2"))
        {
            KernelOrthogonalFactor = Read(OrthogonalFactor),
            KernelOrthogonalMode = ReadOrthogonalMode(attribute, diagnostics),
        };
        void Invalid(string name, string what, string value) => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerArgumentOutOfRange,
            attribute.NamedArgumentLocation(name) ?? attribute.Syntax.GetLocation(), N(attribute.Position), "Dense", name, what, value));
        if (spec.KernelOrthogonal && spec.Kernel)
        {
            // Keras's kernel_regularizer is one object: an L1L2 or an OrthogonalRegularizer, not both.
            Invalid(OrthogonalFactor, $"0 when {(spec.KernelL1 != 0 ? "KernelRegularizerL1" : "KernelRegularizerL2")} is set (Keras's kernel_regularizer is one regularizer: L1L2 or OrthogonalRegularizer)",
                Format(spec.KernelOrthogonalFactor));
        }
        if (!spec.KernelOrthogonal && attribute.Named(OrthogonalMode)?.Value is int mode)
        {
            Invalid(OrthogonalMode, $"left unwritten while {OrthogonalFactor} is 0 (no orthogonal regularizer reads it)",
                Enum.IsDefined(typeof(OrthogonalRegularizerMode), mode) ? ((OrthogonalRegularizerMode)mode).ToString() : N(mode));
        }
        return spec;
    }

    private const string OrthogonalFactor = "KernelRegularizerOrthogonalFactor", OrthogonalMode = "KernelRegularizerOrthogonalMode";

    /// <summary><c>KernelRegularizerOrthogonalMode</c>: Keras's default rows, FD0011 for an undefined member.</summary>
    private static OrthogonalRegularizerMode ReadOrthogonalMode(LayerAttribute attribute, List<DiagnosticInfo> diagnostics)
    {
        if (attribute.Named(OrthogonalMode)?.Value is not int value) return OrthogonalRegularizerMode.Rows;
        if (Enum.IsDefined(typeof(OrthogonalRegularizerMode), value)) return (OrthogonalRegularizerMode)value;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedEnumValue, attribute.NamedArgumentLocation(OrthogonalMode) ?? attribute.Syntax.GetLocation(),
            nameof(OrthogonalRegularizerMode), N(value)));
        return OrthogonalRegularizerMode.Rows;
    }

    /// <summary>
    /// An orthogonal regularizer needs two vectors to compare: a kernel of one row (one input) in rows mode, or of one
    /// column (one unit) in columns mode, has no pair, and Keras's mean over pairs is 0/0 (FD0020).
    /// </summary>
    public override void CheckWidth(LayerSpec spec, int inputs, LayerAttribute attribute, List<DiagnosticInfo> diagnostics)
    {
        var dense = (DenseSpec)spec;
        RegularizationSpec r = dense.Regularization;
        if (!r.KernelOrthogonal) return;
        bool rows = r.KernelOrthogonalMode == OrthogonalRegularizerMode.Rows;
        if ((rows ? inputs : dense.Units) != 1) return;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerArgumentOutOfRange, attribute.NamedArgumentLocation(OrthogonalFactor) ?? attribute.Syntax.GetLocation(),
            N(attribute.Position), "Dense", OrthogonalFactor,
            $"0 on a kernel of one {(rows ? "row (one input)" : "column (one unit)")} in {r.KernelOrthogonalMode} mode (no pair of {(rows ? "rows" : "columns")} to compare: Keras's mean over pairs is 0/0)",
            Format(r.KernelOrthogonalFactor)));
    }

    /// <summary>The arguments each initializer reads, by property suffix (<c>KernelMean</c>…), with Keras's defaults.</summary>
    private static string[] ArgumentsOf(Initializer initializer) => initializer switch
    {
        Initializer.Constant => new[] { "Value" },
        Initializer.RandomNormal or Initializer.TruncatedNormal => new[] { "Mean", "Stddev" },
        Initializer.RandomUniform => new[] { "MinValue", "MaxValue" },
        Initializer.Orthogonal or Initializer.Identity => new[] { "Gain" },
        Initializer.VarianceScaling => new[] { "Scale", "Mode", "Distribution" },
        _ => new string[0],
    };

    private static readonly Dictionary<string, double> Defaults = new()
    {
        ["Value"] = 0, ["Mean"] = 0, ["Stddev"] = 0.05, ["MinValue"] = -0.05, ["MaxValue"] = 0.05, ["Gain"] = 1, ["Scale"] = 1,
    };

    /// <summary>
    /// <c>{part}Initializer</c> and its arguments: FD0011 for an undefined member, FD0021 for an argument the initializer
    /// does not read (it would be silently ignored) or out of range.
    /// </summary>
    internal static InitializerSpec ReadInitializer(LayerAttribute attribute, string part, Initializer fallback, List<DiagnosticInfo> diagnostics)
    {
        Initializer kind = fallback;
        if (attribute.Named(part + "Initializer")?.Value is int value)
        {
            if (!Enum.IsDefined(typeof(Initializer), value))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedEnumValue, attribute.NamedArgumentLocation(part + "Initializer")!, nameof(Initializer), N(value)));
                return fallback == Initializer.Zeros ? InitializerSpec.Zeros : InitializerSpec.GlorotUniform;
            }
            kind = (Initializer)value;
        }
        // Keras's Orthogonal and Identity raise for a tensor of fewer than two dimensions: every tensor but a kernel is 1-D.
        if (part != "Kernel" && kind is Initializer.Orthogonal or Initializer.Identity)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InitializerArgumentInvalid, attribute.NamedArgumentLocation(part + "Initializer") ?? attribute.Syntax.GetLocation(),
                attribute.KindName, N(attribute.Position), $"{part}Initializer {kind} needs a 2-D tensor, but {Snake(part)} is 1-D (Keras raises)"));
        }
        string[] reads = ArgumentsOf(kind);
        var values = new Dictionary<string, double>(Defaults);
        foreach (string argument in Defaults.Keys)
        {
            if (attribute.Named(part + argument)?.Value is not double given) continue;
            if (Array.IndexOf(reads, argument) < 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InitializerArgumentInvalid, attribute.NamedArgumentLocation(part + argument)!, attribute.KindName, N(attribute.Position),
                    $"{part}{argument} is not an argument of {part}Initializer {kind}{(reads.Length == 0 ? ", which takes none" : $", which takes {string.Join(" and ", reads.Select(r => part + r))}")}"));
                continue;
            }
            if (double.IsNaN(given) || double.IsInfinity(given))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InitializerArgumentInvalid, attribute.NamedArgumentLocation(part + argument)!, attribute.KindName, N(attribute.Position), $"{part}{argument} must be finite"));
                continue;
            }
            values[argument] = given;
        }
        if (reads.Contains("Stddev") && !(values["Stddev"] > 0))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InitializerArgumentInvalid, attribute.NamedArgumentLocation(part + "Stddev") ?? attribute.Syntax.GetLocation(), attribute.KindName, N(attribute.Position),
                $"{part}Stddev must be positive, but is {values["Stddev"].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}"));
        }
        if (reads.Contains("MinValue") && !(values["MinValue"] < values["MaxValue"]))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InitializerArgumentInvalid, attribute.NamedArgumentLocation(part + "MinValue") ?? attribute.Syntax.GetLocation(), attribute.KindName, N(attribute.Position),
                $"{part}MinValue must be less than {part}MaxValue"));
        }
        if (reads.Contains("Scale") && !(values["Scale"] > 0))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InitializerArgumentInvalid, attribute.NamedArgumentLocation(part + "Scale") ?? attribute.Syntax.GetLocation(), attribute.KindName, N(attribute.Position),
                $"{part}Scale must be positive, but is {values["Scale"].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}"));
        }
        // VarianceScaling's two enum arguments: read only by it, and only defined members.
        int mode = 0, distribution = 0;
        foreach ((string argument, Type type) in new[] { ("Mode", typeof(VarianceScalingMode)), ("Distribution", typeof(VarianceScalingDistribution)) })
        {
            if (attribute.Named(part + argument)?.Value is not int given) continue;
            Location where = attribute.NamedArgumentLocation(part + argument) ?? attribute.Syntax.GetLocation();
            if (Array.IndexOf(reads, argument) < 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InitializerArgumentInvalid, where, attribute.KindName, N(attribute.Position),
                    $"{part}{argument} is not an argument of {part}Initializer {kind}{(reads.Length == 0 ? ", which takes none" : $", which takes {string.Join(" and ", reads.Select(r => part + r))}")}"));
            }
            else if (!Enum.IsDefined(type, given))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedEnumValue, where, type.Name, N(given)));
            }
            else if (argument == "Mode") mode = given;
            else distribution = given;
        }
        // Keras's seed: any int once written (unwritten is Keras's None). The initializers that draw nothing take none
        // in Keras (their constructors refuse it).
        int? seed = attribute.Named(part + "Seed")?.Value is int s ? s : null;
        if (seed is not null && !InitializerSpec.Draws(kind))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InitializerArgumentInvalid, attribute.NamedArgumentLocation(part + "Seed") ?? attribute.Syntax.GetLocation(), attribute.KindName, N(attribute.Position),
                $"{part}Seed is not an argument of {part}Initializer {kind}, which draws nothing (Keras's {kind} takes no seed)"));
            seed = null;
        }
        double a = reads.Length > 0 ? values[reads[0]] : 0, b = reads.Length > 1 && reads[1] != "Mode" ? values[reads[1]] : 0;
        return new InitializerSpec(kind, a, b) { Mode = (VarianceScalingMode)mode, Distribution = (VarianceScalingDistribution)distribution, Seed = seed };
    }

    public override int OutputWidth(LayerSpec spec, int inputs) => ((DenseSpec)spec).Activation.OutputWidth(((DenseSpec)spec).Units);

    /// <summary><c>Units{k}</c>, or <c>Outputs{k}</c> under glu, whose output is half the units.</summary>
    public override string? OutputWidthName(LayerSpec spec, int kindIndex) => ((DenseSpec)spec).Activation.HalvesWidth() ? $"Outputs{kindIndex}" : $"Units{kindIndex}";

    /// <summary>The constant naming the layer's units (its kernel's and bias's width): <c>Units{k}</c>.</summary>
    internal static string UnitsName(LayerLayout layer) => $"Units{layer.KindIndex}";

    /// <summary>The layer's units, Keras's argument: the width of its kernel, bias and pre-activation.</summary>
    private static int UnitsOf(LayerLayout layer) => ((DenseSpec)layer.Spec).Units;

    /// <summary><c>Units{k}</c>, and under glu also <c>Outputs{k}</c>, half of it.</summary>
    public override IEnumerable<(string Name, int Value, string Summary)> WidthConstants(LayerLayout layer)
    {
        if (!((DenseSpec)layer.Spec).Activation.HalvesWidth())
        {
            foreach ((string Name, int Value, string Summary) constant in base.WidthConstants(layer)) yield return constant;
            yield break;
        }
        yield return (UnitsName(layer), UnitsOf(layer), $"The units of {layer.Name}: the width of its kernel, bias and pre-activation.");
        yield return (layer.OutputWidth, layer.Outputs, $"The output width of {layer.Name}: glu halves its units.");
    }

    /// <summary>dLoss/d(pre-activation) once the activation's derivative is applied; under glu it stays dLoss/d(output), the pre-activation's gradient is written over z.</summary>
    public override string GradientRole(LayerSpec spec, int kindIndex) => ((DenseSpec)spec).Activation.HalvesWidth()
        ? $"dLoss/d(output of dense_{kindIndex})"
        : $"dLoss/d(pre-activation of dense_{kindIndex})";

    /// <summary>
    /// The pre-activation <c>z{i}</c> of a layer whose activation's derivative is taken from its input (gelu, silu, …):
    /// forward writes it beside the output, backward reads it. For an output layer whose loss keeps the logits, the
    /// layout makes it the logits block (the same values).
    /// </summary>
    public override IEnumerable<BlockShape> Blocks(LayerSpec spec, int index, int kindIndex)
    {
        var dense = (DenseSpec)spec;
        Activation activation = dense.Activation;
        if (activation.HalvesWidth())
        {
            // As wide as the units, twice the output: backward overwrites it with dLoss/d(pre-activation).
            yield return new BlockShape($"z{index}", $"pre-activation of dense_{kindIndex}: {activation.KerasName()}'s derivative reads it, then backward writes dLoss/d(pre-activation) over it",
                BlockUse.Forward | BlockUse.Backward, Width: $"Units{kindIndex}", WidthValue: dense.Units);
        }
        else if (activation.NeedsInput())
        {
            yield return new BlockShape($"z{index}", $"pre-activation of dense_{kindIndex}: {activation.KerasName()}'s derivative reads it", BlockUse.Forward | BlockUse.Backward);
        }
    }

    /// <summary>
    /// <c>r{i}</c> for an output layer with an activity regularizer: the penalty's gradient with respect to the output,
    /// taken through the activation there before it is added to the loss's dLoss/d(pre-activation).
    /// </summary>
    public override IEnumerable<BlockShape> OutputBlocks(LayerSpec spec, int index, int kindIndex)
    {
        // An activation whose derivative reads its input takes the penalty's gradient before that derivative instead.
        var dense = (DenseSpec)spec;
        if (dense.Regularization.Activity && !dense.Activation.NeedsInput())
        {
            yield return new BlockShape($"r{index}", $"the activity regularizer's gradient at the output of dense_{kindIndex}", BlockUse.Backward);
        }
    }

    public override IEnumerable<TensorShape> Tensors(LayerSpec spec, int inputs, string inputWidth, int kindIndex)
    {
        var dense = (DenseSpec)spec;
        int units = dense.Units;
        yield return new TensorShape("kernel", new[] { inputs, units }, new[] { inputWidth, $"Units{kindIndex}" });
        // use_bias=False: the kernel alone, as Keras builds it (and counts its parameters).
        if (dense.UseBias) yield return new TensorShape("bias", new[] { units }, new[] { $"Units{kindIndex}" });
    }

    public override string Describe(LayerSpec spec)
    {
        var dense = (DenseSpec)spec;
        return $"Dense({N(dense.Units)}, {ActivationArguments.Text(dense)}{(dense.UseBias ? "" : ", use_bias=False")})";
    }

    public override Activation ActivationOf(LayerSpec spec) => ((DenseSpec)spec).Activation;

    /// <summary>The activation's arguments that differ from Keras's defaults, as the description's <c>ActivationArguments</c>.</summary>
    public override string DescriptionInitializer(LayerSpec spec)
    {
        var dense = (DenseSpec)spec;
        string activation = Pairs(ActivationArguments.NonDefault(dense).Select(a => (a.Argument.KerasName, a.Value)));
        string own = Pairs(DescriptionArguments(spec));
        var parts = new List<string>();
        if (activation.Length > 0) parts.Add($"ActivationArguments = {activation}");
        if (own.Length > 0) parts.Add($"Arguments = {own}");
        return parts.Count == 0 ? "" : $" {{ {string.Join(", ", parts)} }}";
    }

    /// <summary>
    /// <c>use_bias</c> (0) for a layer without a bias, then the regularizers' factors that are set, as
    /// <c>kernel_regularizer.l1</c>… (Keras's <c>L1L2</c> config keys), then the constraints.
    /// </summary>
    public override IEnumerable<(string KerasName, double Value)> DescriptionArguments(LayerSpec spec)
    {
        var dense = (DenseSpec)spec;
        IEnumerable<(string, double)> useBias = dense.UseBias ? Enumerable.Empty<(string, double)>() : new[] { ("use_bias", 0.0) };
        // Then the initializers that are not Keras's unseeded defaults, in Keras's signature order (kernel, bias).
        IEnumerable<(string, double)> initializers = InitializerArguments("kernel_initializer", dense.Kernel, InitializerSpec.GlorotUniform)
            .Concat(dense.UseBias ? InitializerArguments("bias_initializer", dense.Bias, InitializerSpec.Zeros) : Enumerable.Empty<(string, double)>());
        RegularizationSpec r = dense.Regularization;
        var all = new (string, double)[]
        {
            ("kernel_regularizer.l1", r.KernelL1), ("kernel_regularizer.l2", r.KernelL2),
            // OrthogonalRegularizer's config keys: factor, and mode (0 rows, 1 columns) whenever the factor is set.
            ("kernel_regularizer.factor", r.KernelOrthogonalFactor),
            ("bias_regularizer.l1", r.BiasL1), ("bias_regularizer.l2", r.BiasL2),
            ("activity_regularizer.l1", r.ActivityL1), ("activity_regularizer.l2", r.ActivityL2),
        };
        IEnumerable<(string, double)> constraints = ConstraintArguments("kernel_constraint", ((DenseSpec)spec).KernelConstraint)
            .Concat(ConstraintArguments("bias_constraint", ((DenseSpec)spec).BiasConstraint));
        IEnumerable<(string, double)> set = all.Where(a => a.Item2 != 0).SelectMany(a => a.Item1 == "kernel_regularizer.factor"
            ? new[] { a, ("kernel_regularizer.mode", (double)(int)r.KernelOrthogonalMode) }
            : new[] { a });
        return useBias.Concat(initializers).Concat(set).Concat(constraints);
    }

    /// <summary>
    /// An initializer as description arguments, unless it is <paramref name="fallback"/> (Keras's default, unseeded), for
    /// every layer that declares one: <c>kernel_initializer</c>, <c>gamma_initializer</c>… (the <c>Initializer</c> member's value), then the arguments it reads by Keras's names
    /// (<c>.value</c>; <c>.mean</c>, <c>.stddev</c>; <c>.minval</c>, <c>.maxval</c>; <c>.gain</c>; <c>.scale</c>, <c>.mode</c> and
    /// <c>.distribution</c> as their members' values), then <c>.seed</c> when written.
    /// </summary>
    internal static IEnumerable<(string, double)> InitializerArguments(string key, InitializerSpec initializer, InitializerSpec fallback)
    {
        if (initializer == fallback) yield break;
        yield return (key, (int)initializer.Kind);
        switch (initializer.Kind)
        {
            case Initializer.Constant:
                yield return (key + ".value", initializer.A);
                break;
            case Initializer.RandomNormal or Initializer.TruncatedNormal:
                yield return (key + ".mean", initializer.A);
                yield return (key + ".stddev", initializer.B);
                break;
            case Initializer.RandomUniform:
                yield return (key + ".minval", initializer.A);
                yield return (key + ".maxval", initializer.B);
                break;
            case Initializer.Orthogonal or Initializer.Identity:
                yield return (key + ".gain", initializer.A);
                break;
            case Initializer.VarianceScaling:
                yield return (key + ".scale", initializer.A);
                yield return (key + ".mode", (int)initializer.Mode);
                yield return (key + ".distribution", (int)initializer.Distribution);
                break;
        }
        if (initializer.Seed is int seed) yield return (key + ".seed", seed);
    }

    /// <summary>A constraint as description arguments: <c>kernel_constraint</c> (the <c>Constraint</c> member's value) and the arguments it reads.</summary>
    internal static IEnumerable<(string, double)> ConstraintArguments(string key, ConstraintSpec constraint)
    {
        if (constraint.Kind == Constraint.None) yield break;
        yield return (key, (int)constraint.Kind);
        string[] reads = ArgumentsOf(constraint.Kind);
        if (reads.Contains("MinValue")) yield return (key + ".min_value", constraint.MinValue);
        if (reads.Contains("MaxValue")) yield return (key + ".max_value", constraint.MaxValue);
        if (reads.Contains("Rate")) yield return (key + ".rate", constraint.Rate);
        if (reads.Contains("Axis") && key == "kernel_constraint") yield return (key + ".axis", constraint.Axis);
    }

    /// <summary>The layer's statements of the model's <c>ApplyConstraints</c>: one per constrained kernel or bias.</summary>
    public override IEnumerable<string> ConstraintStatements(LayerLayout layer)
    {
        var dense = (DenseSpec)layer.Spec;
        var constrained = new List<(ConstraintSpec, TensorLayout, string)> { (dense.KernelConstraint, layer.Tensor("kernel"), $"{layer.InputWidth}, {UnitsName(layer)}") };
        if (dense.UseBias) constrained.Add((dense.BiasConstraint, layer.Tensor("bias"), $"1, {UnitsName(layer)}"));
        foreach ((ConstraintSpec constraint, TensorLayout tensor, string shape) in constrained)
        {
            string slice = $"p.Slice({tensor.ConstName}, {tensor.LengthExpression})";
            // A bias is one row: its norm (axis 1) is the whole vector's.
            int axis = tensor.ShortName == "bias" ? 1 : constraint.Axis;
            if (ConstraintCall(constraint, slice, shape, axis) is not string call) continue;
            yield return $"// {layer.Name}/{tensor.ShortName}: Keras's {constraint.Kind} constraint";
            yield return call;
        }
    }

    /// <summary>
    /// The runtime call that projects <paramref name="slice"/>, seen as a (rows, columns) matrix <paramref name="shape"/>,
    /// by <paramref name="constraint"/> along <paramref name="axis"/>; null for no constraint.
    /// </summary>
    internal static string? ConstraintCall(ConstraintSpec constraint, string slice, string shape, int axis) => constraint.Kind switch
    {
        Constraint.MaxNorm => $"{Constraints}.MaxNorm({slice}, {shape}, axis: {N(axis)}, maxValue: {Literal(constraint.MaxValue)});",
        Constraint.NonNeg => $"{Constraints}.NonNeg({slice});",
        Constraint.UnitNorm => $"{Constraints}.UnitNorm({slice}, {shape}, axis: {N(axis)});",
        Constraint.MinMaxNorm => $"{Constraints}.MinMaxNorm({slice}, {shape}, axis: {N(axis)}, minValue: {Literal(constraint.MinValue)}, maxValue: {Literal(constraint.MaxValue)}, rate: {Literal(constraint.Rate)});",
        _ => null,
    };

    /// <summary>
    /// The layer's terms of the model's <c>RegularizationLoss</c> (Keras's <c>model.losses</c>): one expression per
    /// regularized kernel, bias and activity, or none.
    /// </summary>
    public override IEnumerable<string> RegularizationTerms(LayerLayout layer)
    {
        RegularizationSpec r = ((DenseSpec)layer.Spec).Regularization;
        if (r.Kernel)
        {
            TensorLayout kernel = layer.Tensor("kernel");
            yield return $"{Regularizers}.Penalty(p.Slice({kernel.ConstName}, {kernel.LengthExpression}), {Literal(r.KernelL1)}, {Literal(r.KernelL2)})";
        }
        if (r.KernelOrthogonal)
        {
            TensorLayout kernel = layer.Tensor("kernel");
            yield return $"{Regularizers}.OrthogonalPenalty(p.Slice({kernel.ConstName}, {kernel.LengthExpression}), {layer.InputWidth}, {UnitsName(layer)}, {Literal(r.KernelOrthogonalFactor)}, {OrthogonalModeEnum}.{r.KernelOrthogonalMode})";
        }
        if (r.Bias)
        {
            TensorLayout bias = layer.Tensor("bias");
            yield return $"{Regularizers}.Penalty(p.Slice({bias.ConstName}, {bias.LengthExpression}), {Literal(r.BiasL1)}, {Literal(r.BiasL2)})";
        }
        if (r.Activity)
        {
            yield return $"{Regularizers}.Penalty({ModelGenerator.Emitter.SliceOf(layer.Output)}, {Literal(r.ActivityL1)}, {Literal(r.ActivityL2)}) / rows";
        }
    }

    public override void EmitInitialize(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        var dense = (DenseSpec)layer.Spec;
        TensorLayout kernel = layer.Tensor("kernel");
        // The fans are the kernel's shape (inputs, units), as Keras computes them, whatever the activation's output width.
        string units = UnitsName(layer);
        if (dense.Kernel == InitializerSpec.GlorotUniform)
        {
            w.WriteLine($"// {layer.Name}/kernel ({layer.InputWidth}, {units}): uniform in ±sqrt(6 / (fan_in + fan_out))");
            w.WriteLine($"{Initializers}.GlorotUniform(p.Slice({kernel.ConstName}, {kernel.LengthExpression}), {layer.InputWidth}, {units}, ref random);");
        }
        else
        {
            w.WriteLine($"// {layer.Name}/kernel ({layer.InputWidth}, {units}): {Describe(dense.Kernel)}{OwnStream(dense.Kernel)}");
            string random = SeededStream(w, dense.Kernel, $"dense{layer.KindIndex}KernelRandom");
            w.WriteLine(InitializeCall(dense.Kernel, $"p.Slice({kernel.ConstName}, {kernel.LengthExpression})", layer.InputWidth, units, random));
        }
        if (!dense.UseBias) return;
        TensorLayout bias = layer.Tensor("bias");
        if (dense.Bias == InitializerSpec.Zeros)
        {
            w.WriteLine($"// {layer.Name}/bias: zeros");
            w.WriteLine($"p.Slice({bias.ConstName}, {bias.LengthExpression}).Clear();");
        }
        else
        {
            w.WriteLine($"// {layer.Name}/bias ({units}): {Describe(dense.Bias)}{OwnStream(dense.Bias)}");
            string random = SeededStream(w, dense.Bias, $"dense{layer.KindIndex}BiasRandom");
            w.WriteLine(InitializeCall(dense.Bias, $"p.Slice({bias.ConstName}, {bias.LengthExpression})", units, units, random));
        }
    }

    /// <summary>
    /// The runtime call that fills <paramref name="slice"/> from the stream <paramref name="random"/>: VarianceScaling's own
    /// (its enum arguments by name), glorot_uniform's own (a seeded one draws as the default does), else <c>Initialize</c>.
    /// </summary>
    internal static string InitializeCall(InitializerSpec initializer, string slice, string fanIn, string fanOut, string random) => initializer.Kind switch
    {
        Initializer.VarianceScaling => $"{Initializers}.VarianceScaling({slice}, {fanIn}, {fanOut}, {Literal(initializer.A)}, global::FastDense.VarianceScalingMode.{initializer.Mode}, global::FastDense.VarianceScalingDistribution.{initializer.Distribution}, ref {random});",
        Initializer.GlorotUniform => $"{Initializers}.GlorotUniform({slice}, {fanIn}, {fanOut}, ref {random});",
        _ => $"{Initializers}.Initialize({slice}, {fanIn}, {fanOut}, {InitializerEnum}.{initializer.Kind}, {Literal(initializer.A)}, {Literal(initializer.B)}, ref {random});",
    };

    /// <summary>
    /// The stream a tensor draws from: the model's (<c>random</c>), or for a seeded initializer a stream of its own,
    /// declared here, started from its seed alone (Keras's integer seed: the same seed, initializer and shape draw the
    /// same values, whatever the model's seed); the model's stream is then not advanced.
    /// </summary>
    private static string SeededStream(SourceWriter w, InitializerSpec initializer, string name)
    {
        if (initializer.Seed is not int seed) return "random";
        w.WriteLine($"var {name} = {Initializers}.SeededStream({N(seed)});");
        return name;
    }

    private static string OwnStream(InitializerSpec initializer) => initializer.Seed is null ? "" : ", from a stream of its own";

    /// <summary><c>VarianceScaling</c> as <c>variance_scaling</c>: Keras's spelling of a member's name.</summary>
    private static string Snake(string name)
        => string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>The initializer in Keras's terms for the comment: <c>he_normal</c>, <c>random_normal(mean=0, stddev=0.1)</c>.</summary>
    internal static string Describe(InitializerSpec initializer)
    {
        string name = Snake(initializer.Kind.ToString());
        string[] arguments = initializer.Kind switch
        {
            Initializer.Constant => new[] { $"value={Literal(initializer.A)}" },
            Initializer.RandomNormal or Initializer.TruncatedNormal => new[] { $"mean={Literal(initializer.A)}", $"stddev={Literal(initializer.B)}" },
            Initializer.RandomUniform => new[] { $"minval={Literal(initializer.A)}", $"maxval={Literal(initializer.B)}" },
            Initializer.Orthogonal or Initializer.Identity => new[] { $"gain={Literal(initializer.A)}" },
            Initializer.VarianceScaling => new[] { $"scale={Literal(initializer.A)}", $"mode={Snake(initializer.Mode.ToString())}", $"distribution={Snake(initializer.Distribution.ToString())}" },
            _ => new string[0],
        };
        if (initializer.Seed is int seed) arguments = arguments.Concat(new[] { $"seed={N(seed)}" }).ToArray();
        return arguments.Length == 0 ? name : $"{name}({string.Join(", ", arguments)})";
    }

    private static string Literal(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    public override void EmitForward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        var dense = (DenseSpec)layer.Spec;
        Activation activation = dense.Activation;
        string name = ActivationArguments.Text(dense);
        string source = layer.InputBlock, a = layer.Output.Name, parameters = Parameters("p", layer);
        string unitsN = N(UnitsOf(layer));
        string product = $"{source} (rows, {N(layer.Inputs)}) · kernel{layer.KindIndex} ({N(layer.Inputs)}, {unitsN})" + (dense.UseBias ? $" + bias{layer.KindIndex}" : "");
        // use_bias=False: the products without a bias (the sums start from 0).
        string withoutBias = dense.UseBias ? "" : "WithoutBias";
        string sizes = $"rows, {layer.InputWidth}, {UnitsName(layer)}";
        // The activation is a typed operator: the runtime decides whether a fused kernel computes it.
        string op = Operator(dense);
        if (context.IsOutput(layer) && context.Layout.Logits is BlockLayout logits)
        {
            // The logits are kept: the cross-entropy is computed from them, not from the probabilities.
            string z = logits.Name;
            w.WriteLine($"// {z} (rows, {N(layer.Outputs)}) = {product};   {a} = {name}({z}){(activation == Activation.Softmax ? ", row by row" : "")}");
            w.WriteLine($"{Dense}.ForwardKeepingLogits{withoutBias}({source}, {parameters}, {z}, {a}, {sizes}, {op});");
            return;
        }
        if (PreActivation(layer) is BlockLayout kept)
        {
            // The pre-activation is kept too: the activation's derivative is taken from it.
            string z = kept.Name;
            string output = activation.HalvesWidth()
                ? $"{a} (rows, {N(layer.Outputs)}) = {z}[:, :{N(layer.Outputs)}] ⊙ sigmoid({z}[:, {N(layer.Outputs)}:]) (glu)"
                : $"{a} = {name}({z})";
            w.WriteLine($"// {z} (rows, {unitsN}) = {product};   {output}, {z} kept for {activation.KerasName()}'s derivative");
            w.WriteLine($"{Dense}.ForwardKeepingLogits{withoutBias}({source}, {parameters}, {z}, {a}, {sizes}, {op});");
            return;
        }
        w.WriteLine($"// {a} (rows, {N(layer.Outputs)}) = {name}({product}){(activation.IsRowWise() ? ", row by row" : "")}");
        w.WriteLine($"{Dense}.Forward{withoutBias}({source}, {parameters}, {a}, {sizes}, {op});");
    }

    public override void EmitBackward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        var dense = (DenseSpec)layer.Spec;
        Activation activation = dense.Activation;
        string d = layer.Gradient!.Name, a = layer.Output.Name, source = layer.InputBlock;
        string inN = N(layer.Inputs), outN = N(layer.Outputs), unitsN = N(UnitsOf(layer)), sizes = $"rows, {layer.InputWidth}, {UnitsName(layer)}";
        // dLoss/d(pre-activation), (rows, units): the gradient block, or under glu the kept pre-activation it is written over.
        string delta = activation.HalvesWidth() ? PreActivation(layer)!.Name : d;
        RegularizationSpec regularization = dense.Regularization;
        if (regularization.Activity && context.IsOutput(layer) && !activation.NeedsInput())
        {
            // The loss wrote dLoss/d(pre-activation) into d: the penalty's gradient goes through the activation apart.
            string r = layer.Blocks.First(b => b.Name == $"r{layer.Index}").Name;
            w.WriteLine($"// {d} (rows, {outN}) += {ActivationArguments.Text(dense)}'ᵀ · (l1·sign({a}) + 2·l2·{a}) / rows, through {r}: the activity regularizer's gradient (Keras divides its penalty by the batch size)");
            w.WriteLine($"{Dense}.AddActivityGradient({a}, {r}, {d}, {layer.OutputWidth}, {Literal(regularization.ActivityL1)}, {Literal(regularization.ActivityL2)}, rows, {Operator(dense)});");
        }
        else if (regularization.Activity && !context.IsOutput(layer))
        {
            // On a hidden layer d holds dLoss/d(output) here, before the activation's derivative.
            w.WriteLine($"// {d} (rows, {outN}) += (l1·sign({a}) + 2·l2·{a}) / rows: the activity regularizer's gradient (Keras divides its penalty by the batch size)");
            w.WriteLine($"{Regularizers}.AddActivityGradient({a}, {d}, {Literal(regularization.ActivityL1)}, {Literal(regularization.ActivityL2)}, rows);");
        }
        // The output layer's delta comes from the loss, already with respect to the pre-activation.
        if (!context.IsOutput(layer) && PreActivation(layer) is not null)
        {
            EmitDerivativeFromInput(w, layer);
        }
        else if (!context.IsOutput(layer) && activation.IsRowWise())
        {
            w.WriteLine($"// {d} (rows, {outN}) = {activation.KerasName()}'s Jacobian at {a}, row by row, times {d}: dLoss/d(pre-activation of {layer.Name})");
            w.WriteLine($"{Dense}.ActivationBackward({a}, {d}, {layer.OutputWidth}, {Operator(dense)});");
        }
        else if (!context.IsOutput(layer) && activation != Activation.Linear)
        {
            w.WriteLine($"// {d} (rows, {outN}) ⊙= {ActivationArguments.Text(dense)}'({a}): dLoss/d(pre-activation of {layer.Name})");
            w.WriteLine($"{Dense}.ActivationBackward({a}, {d}, {Operator(dense)});");
        }
        TensorLayout kernel = layer.Tensor("kernel");
        if (dense.UseBias)
        {
            TensorLayout bias = layer.Tensor("bias");
            w.WriteLine($"// dKernel{layer.KindIndex} ({inN}, {unitsN}) = {source}ᵀ ({inN}, rows) · {delta} (rows, {unitsN});   dBias{layer.KindIndex} ({unitsN}) = column sums of {delta}");
            w.WriteLine($"{Dense}.BackwardParameters({source}, {delta}, g.Slice({kernel.ConstName}, {kernel.LengthExpression}), g.Slice({bias.ConstName}, {bias.LengthExpression}), {sizes});");
        }
        else
        {
            w.WriteLine($"// dKernel{layer.KindIndex} ({inN}, {unitsN}) = {source}ᵀ ({inN}, rows) · {delta} (rows, {unitsN}); no bias (use_bias=False)");
            w.WriteLine($"{Dense}.BackwardKernel({source}, {delta}, g.Slice({kernel.ConstName}, {kernel.LengthExpression}), {sizes});");
        }
        if (regularization.Kernel)
        {
            w.WriteLine($"// dKernel{layer.KindIndex} += l1·sign(kernel{layer.KindIndex}) + 2·l2·kernel{layer.KindIndex}: the kernel regularizer's gradient");
            w.WriteLine($"{Regularizers}.AddGradient(p.Slice({kernel.ConstName}, {kernel.LengthExpression}), g.Slice({kernel.ConstName}, {kernel.LengthExpression}), {Literal(regularization.KernelL1)}, {Literal(regularization.KernelL2)});");
        }
        if (regularization.KernelOrthogonal)
        {
            string vectors = regularization.KernelOrthogonalMode == OrthogonalRegularizerMode.Rows ? "rows" : "columns";
            w.WriteLine($"// dKernel{layer.KindIndex} += the orthogonal regularizer's gradient: through |û_i · û_j| of kernel{layer.KindIndex}'s {vectors}, each l2-normalized");
            w.WriteLine($"{Regularizers}.AddOrthogonalGradient(p.Slice({kernel.ConstName}, {kernel.LengthExpression}), g.Slice({kernel.ConstName}, {kernel.LengthExpression}), {layer.InputWidth}, {UnitsName(layer)}, {Literal(regularization.KernelOrthogonalFactor)}, {OrthogonalModeEnum}.{regularization.KernelOrthogonalMode});");
        }
        if (regularization.Bias)
        {
            TensorLayout bias = layer.Tensor("bias");
            w.WriteLine($"// dBias{layer.KindIndex} += l1·sign(bias{layer.KindIndex}) + 2·l2·bias{layer.KindIndex}: the bias regularizer's gradient");
            w.WriteLine($"{Regularizers}.AddGradient(p.Slice({bias.ConstName}, {bias.LengthExpression}), g.Slice({bias.ConstName}, {bias.LengthExpression}), {Literal(regularization.BiasL1)}, {Literal(regularization.BiasL2)});");
        }
        if (!layer.NeedsInputGradient)
        {
            w.WriteLine(layer.Index == 0 ? "// No dx: x is the model's input." : $"// No input gradient: nothing before {layer.Name} trains.");
            return;
        }
        LayerLayout previous = context.Layout.Layers[layer.Index - 1];
        string target = previous.Gradient!.Name;
        w.WriteLine($"// {target} (rows, {inN}) = {delta} (rows, {unitsN}) · kernel{layer.KindIndex}ᵀ ({unitsN}, {inN}): dLoss/d(output of {previous.Name})");
        w.WriteLine($"{Dense}.BackwardInput({delta}, p.Slice({kernel.ConstName}, {kernel.LengthExpression}), {target}, {sizes});");
    }

    /// <summary>
    /// dLoss/d(output) in the layer's gradient block becomes dLoss/d(pre-activation), through the activation's
    /// derivative at the kept pre-activation: a hidden layer's backward, and the output layer's after a loss that
    /// gave the gradient with respect to the output.
    /// </summary>
    internal static void EmitDerivativeFromInput(SourceWriter w, LayerLayout layer)
    {
        var dense = (DenseSpec)layer.Spec;
        string d = layer.Gradient!.Name, z = PreActivation(layer)!.Name;
        if (dense.Activation.HalvesWidth())
        {
            // The gradient is twice as wide as d: it is written over z, which backward reads here for the last time.
            int units = dense.Units, half = layer.Outputs;
            w.WriteLine($"// {z} (rows, {N(units)}) = [{d} ⊙ sigmoid(b), {d} ⊙ a ⊙ sigmoid(b) ⊙ (1 - sigmoid(b))], a = {z}[:, :{N(half)}], b = {z}[:, {N(half)}:], {d} (rows, {N(half)}): dLoss/d(pre-activation of {layer.Name}), over the kept pre-activation (glu)");
            w.WriteLine($"{Dense}.ActivationBackwardFromInput({z}, {d}, {z}, {UnitsName(layer)}, {Operator(dense)});");
            return;
        }
        w.WriteLine($"// {d} (rows, {N(layer.Outputs)}) ⊙= {ActivationArguments.Text(dense)}'({z}): dLoss/d(pre-activation of {layer.Name}), from the kept pre-activation");
        w.WriteLine($"{Dense}.ActivationBackwardFromInput({z}, {d}, {Operator(dense)});");
    }

    /// <summary>
    /// An output layer whose activation's derivative reads its input, with an activity regularizer: its penalty's
    /// gradient joins dLoss/d(output) in the gradient block, after the loss and before that derivative, as on a hidden layer.
    /// </summary>
    internal static void EmitOutputActivityGradient(SourceWriter w, LayerLayout layer)
    {
        RegularizationSpec regularization = ((DenseSpec)layer.Spec).Regularization;
        if (!regularization.Activity) return;
        string d = layer.Gradient!.Name, a = layer.Output.Name;
        w.WriteLine($"// {d} (rows, {N(layer.Outputs)}) += (l1·sign({a}) + 2·l2·{a}) / rows: the activity regularizer's gradient (Keras divides its penalty by the batch size)");
        w.WriteLine($"{Regularizers}.AddActivityGradient({a}, {d}, {Literal(regularization.ActivityL1)}, {Literal(regularization.ActivityL2)}, rows);");
    }

    /// <summary>The block that keeps the layer's pre-activation for its activation's derivative, or null.</summary>
    internal static BlockLayout? PreActivation(LayerLayout layer)
        => layer.Blocks.FirstOrDefault(b => b.Name == $"z{layer.Index}");

    /// <summary>An activation without arguments as an argument: <c>default(global::FastDense.__Internals.LinearActivation)</c>.</summary>
    internal static string Operator(Activation activation) => $"default({Internals}.{activation}Activation)";

    /// <summary>
    /// The layer's typed operator as an argument: <c>default(global::FastDense.__Internals.ReluActivation)</c>, or with
    /// the activation's arguments <c>new global::FastDense.__Internals.LeakyReluActivation(0.2)</c>.
    /// </summary>
    internal static string Operator(LayerSpec spec) => ActivationArguments.Operator((DenseSpec)spec);

    /// <summary><c>p.Slice(Dense0Kernel, InputSize * Units0), p.Slice(Dense0Bias, Units0)</c>; the kernel's alone for a layer without a bias.</summary>
    private static string Parameters(string buffer, LayerLayout layer)
    {
        TensorLayout kernel = layer.Tensor("kernel");
        string kernelSlice = $"{buffer}.Slice({kernel.ConstName}, {kernel.LengthExpression})";
        if (!((DenseSpec)layer.Spec).UseBias) return kernelSlice;
        TensorLayout bias = layer.Tensor("bias");
        return $"{kernelSlice}, {buffer}.Slice({bias.ConstName}, {bias.LengthExpression})";
    }
}
