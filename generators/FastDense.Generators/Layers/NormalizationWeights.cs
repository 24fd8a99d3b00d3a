using System.Collections.Generic;
using System.Globalization;
using FastDense.Generators.Diagnostics;
using FastDense.Generators.Helpers;
using FastDense.Generators.Model;
using static FastDense.Generators.RuntimeNames;

namespace FastDense.Generators.Layers;

/// <summary>
/// γ and β of BatchNormalization and LayerNormalization, and the moving statistics' initializers: their Keras arguments
/// (the <c>Gamma…</c>, <c>Beta…</c> properties, read by Dense's readers: FD0021, FD0020, FD0025; FD0028 for a tensor the
/// layer does not have), and the code they add: initialization, the regularizers' penalties and gradients, the
/// constraints after each step. Every one of these tensors is 1-D, <c>(width)</c>: its fan_in and fan_out are both its
/// length (Keras's <c>compute_fans</c>), and a constraint's norm is the whole vector's.
/// </summary>
internal static class NormalizationWeights
{
    /// <summary>The property suffixes of one tensor's arguments: <c>Gamma</c> + each.</summary>
    private static readonly string[] Suffixes =
    [
        "Initializer", "Value", "Mean", "Stddev", "MinValue", "MaxValue", "Scale", "Mode", "Distribution",
        "RegularizerL1", "RegularizerL2", "Constraint", "ConstraintMaxValue", "ConstraintMinValue", "ConstraintRate",
    ];

    /// <summary>
    /// <c>{part}Initializer</c> (Keras's <paramref name="fallback"/> unwritten), <c>{part}RegularizerL1/L2</c> and
    /// <c>{part}Constraint</c> with their arguments. When the layer has no such tensor (<paramref name="present"/> false:
    /// <paramref name="flag"/> is false), each argument written for it is FD0028 and Keras's defaults are returned.
    /// </summary>
    public static VectorWeightSpec Read(LayerAttribute attribute, string part, Initializer fallback, bool present, string flag, List<DiagnosticInfo> diagnostics)
    {
        if (!present)
        {
            foreach (string suffix in Suffixes)
            {
                if (attribute.Named(part + suffix) is null) continue;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ArgumentOfAbsentTensor, attribute.NamedArgumentLocation(part + suffix) ?? attribute.Syntax.GetLocation(),
                    attribute.KindName, N(attribute.Position), part + suffix, part.ToLowerInvariant(), flag + " = false"));
            }
            return fallback == Initializer.Ones ? VectorWeightSpec.Ones : VectorWeightSpec.Zeros;
        }
        return new VectorWeightSpec(
            DenseKind.ReadInitializer(attribute, part, fallback, diagnostics),
            LayerKind.RegularizationFactor(attribute, attribute.KindName, part + "RegularizerL1", diagnostics),
            LayerKind.RegularizationFactor(attribute, attribute.KindName, part + "RegularizerL2", diagnostics),
            DenseKind.ReadConstraint(attribute, part, diagnostics));
    }

    /// <summary>
    /// Writes the initialization of the 1-D tensor <paramref name="slice"/> (<paramref name="label"/>: <c>layer/gamma</c>)
    /// of <paramref name="width"/> elements: a clear, a fill of ones, or the runtime initializer with both fans the width.
    /// </summary>
    public static void EmitInitialize(SourceWriter w, string label, string slice, string width, InitializerSpec initializer)
    {
        if (initializer == InitializerSpec.Zeros)
        {
            w.WriteLine($"// {label}: zeros");
            w.WriteLine($"{slice}.Clear();");
            return;
        }
        if (initializer == InitializerSpec.Ones)
        {
            w.WriteLine($"// {label}: ones");
            w.WriteLine($"{slice}.Fill(1);");
            return;
        }
        w.WriteLine($"// {label} ({width}): {DenseKind.Describe(initializer)}{(ReadsFans(initializer.Kind) ? $", fan_in = fan_out = {width} (1-D)" : "")}");
        w.WriteLine(DenseKind.InitializeCall(initializer, slice, width, width, "random"));
    }

    private static bool ReadsFans(Initializer kind) => kind is Initializer.GlorotUniform or Initializer.GlorotNormal or Initializer.HeUniform or Initializer.HeNormal
        or Initializer.LecunUniform or Initializer.LecunNormal or Initializer.VarianceScaling;

    /// <summary>The penalty of each regularized tensor of <paramref name="weights"/> (name, spec): terms of <c>RegularizationLoss</c>.</summary>
    public static IEnumerable<string> RegularizationTerms(LayerLayout layer, IEnumerable<(string Name, VectorWeightSpec Weight)> weights)
    {
        foreach ((string name, VectorWeightSpec weight) in weights)
        {
            if (!weight.Regularized) continue;
            TensorLayout tensor = layer.Tensor(name);
            yield return $"{Regularizers}.Penalty(p.Slice({tensor.ConstName}, {tensor.LengthExpression}), {Literal(weight.RegularizerL1)}, {Literal(weight.RegularizerL2)})";
        }
    }

    /// <summary>Writes, after the layer's backward has assigned γ's and β's gradients, each regularizer's gradient added to them.</summary>
    public static void EmitRegularizerGradients(SourceWriter w, LayerLayout layer, IEnumerable<(string Name, VectorWeightSpec Weight)> weights)
    {
        foreach ((string name, VectorWeightSpec weight) in weights)
        {
            if (!weight.Regularized) continue;
            TensorLayout tensor = layer.Tensor(name);
            string symbol = "d" + char.ToUpperInvariant(name[0]) + name.Substring(1);
            w.WriteLine($"// {symbol} ({N(tensor.Length)}) += l1·sign({name}) + 2·l2·{name}: the {name} regularizer's gradient");
            w.WriteLine($"{Regularizers}.AddGradient(p.Slice({tensor.ConstName}, {tensor.LengthExpression}), g.Slice({tensor.ConstName}, {tensor.LengthExpression}), " +
                $"{Literal(weight.RegularizerL1)}, {Literal(weight.RegularizerL2)});");
        }
    }

    /// <summary>The statements of <c>ApplyConstraints</c> for each constrained tensor: one row of the width, so the norm is the whole vector's.</summary>
    public static IEnumerable<string> ConstraintStatements(LayerLayout layer, IEnumerable<(string Name, VectorWeightSpec Weight)> weights)
    {
        foreach ((string name, VectorWeightSpec weight) in weights)
        {
            TensorLayout tensor = layer.Tensor(name);
            if (DenseKind.ConstraintCall(weight.Constraint, $"p.Slice({tensor.ConstName}, {tensor.LengthExpression})", $"1, {tensor.LengthExpression}", axis: 1) is not string call) continue;
            string norm = weight.Constraint.Kind == Constraint.NonNeg ? "" : ", on the whole vector's norm";
            yield return $"// {layer.Name}/{name} ({N(tensor.Length)}): Keras's {weight.Constraint.Kind} constraint{norm}";
            yield return call;
        }
    }

    /// <summary>A regularizer's factors that are set, as <c>{key}.l1</c> and <c>{key}.l2</c> (Keras's <c>L1L2</c> config keys).</summary>
    public static IEnumerable<(string, double)> RegularizerArguments(string key, VectorWeightSpec weight)
    {
        if (weight.RegularizerL1 != 0) yield return (key + ".l1", weight.RegularizerL1);
        if (weight.RegularizerL2 != 0) yield return (key + ".l2", weight.RegularizerL2);
    }

    private static string Literal(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
