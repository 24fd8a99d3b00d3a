using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FastDense.Generators.Diagnostics;
using FastDense.Generators.Helpers;
using FastDense.Generators.Model;
using Microsoft.CodeAnalysis;
using static FastDense.Generators.RuntimeNames;

namespace FastDense.Generators.Layers;

/// <summary>
/// <c>[Normalization]</c>: <c>a = (x − mean) / max(sqrt(variance), 1e-7)</c> (or inverted), the mean and variance
/// non-trainable tensors in the state buffer (zeros and ones, or the declared values, until <c>Adapt</c>). Its
/// backward divides the gradient by the same scale, in place in its predecessor's gradient block.
/// </summary>
internal sealed class NormalizationKind : LayerKind
{
    public override string AttributeName => "FastDense.NormalizationAttribute";

    public override string KerasClassName => "Normalization";

    public override string SnakeName => "normalization";

    public override bool OwnsGradientBlock => false;

    public override LayerSpec? Parse(LayerAttribute attribute, List<DiagnosticInfo> diagnostics)
    {
        bool perFeature = attribute.Named("PerFeature")?.Value is not bool flag || flag;
        bool invert = attribute.Named("Invert")?.Value is true;
        double[]? mean = Values(attribute.Named("Mean")), variance = Values(attribute.Named("Variance"));
        Location where = attribute.NamedArgumentLocation(mean is null ? "Variance" : "Mean") ?? attribute.Syntax.GetLocation();
        if ((mean is null) != (variance is null))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NormalizationArgumentsInvalid, where, N(attribute.Position),
                "needs both Mean and Variance, or neither (Keras: 'both `mean` and `variance` must be set')"));
        }
        else if (mean is not null && variance is not null)
        {
            if (mean.Length != variance.Length)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NormalizationArgumentsInvalid, where, N(attribute.Position),
                    $"Mean has {N(mean.Length)} values but Variance has {N(variance.Length)}; they must have the same shape"));
            }
            if (variance.Any(v => !(v >= 0) || double.IsInfinity(v)) || mean.Any(m => double.IsNaN(m) || double.IsInfinity(m)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NormalizationArgumentsInvalid, attribute.NamedArgumentLocation("Variance") ?? where, N(attribute.Position),
                    "Mean must be finite and Variance finite and not negative"));
            }
        }
        if (attribute.Position == attribute.Count - 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerCannotBeOutput, attribute.Syntax.GetLocation(), "Normalization", N(attribute.Position), ""));
        }
        return new NormalizationSpec(perFeature, invert,
            new EquatableArray<double>(mean ?? new double[0]), new EquatableArray<double>(variance ?? new double[0]));
    }

    public override void CheckWidth(LayerSpec spec, int inputs, LayerAttribute attribute, List<DiagnosticInfo> diagnostics)
    {
        var normalization = (NormalizationSpec)spec;
        int expected = normalization.PerFeature ? inputs : 1;
        if (normalization.Mean.Count > 0 && normalization.Mean.Count == normalization.Variance.Count && normalization.Mean.Count != expected)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NormalizationArgumentsInvalid,
                attribute.NamedArgumentLocation("Mean") ?? attribute.Syntax.GetLocation(), N(attribute.Position),
                normalization.PerFeature
                    ? $"Mean and Variance have {N(normalization.Mean.Count)} values but its input has {N(inputs)} features: give one per feature"
                    : $"Mean and Variance have {N(normalization.Mean.Count)} values but PerFeature = false takes one"));
        }
    }

    public override int OutputWidth(LayerSpec spec, int inputs) => inputs;

    public override IEnumerable<TensorShape> Tensors(LayerSpec spec, int inputs, string inputWidth, int kindIndex)
    {
        bool perFeature = ((NormalizationSpec)spec).PerFeature;
        int[] shape = perFeature ? new[] { inputs } : new[] { 1 };
        string[] names = perFeature ? new[] { inputWidth } : new[] { "1" };
        yield return new TensorShape("mean", shape, names, Trainable: false);
        yield return new TensorShape("variance", shape, names, Trainable: false);
    }

    public override IEnumerable<(string KerasName, double Value)> DescriptionArguments(LayerSpec spec)
        => [("invert", Flag(((NormalizationSpec)spec).Invert))];

    public override string Describe(LayerSpec spec)
    {
        var normalization = (NormalizationSpec)spec;
        var arguments = new List<string>();
        if (!normalization.PerFeature) arguments.Add("axis=None");
        if (normalization.Invert) arguments.Add("invert=True");
        return $"Normalization({string.Join(", ", arguments)})";
    }

    public override void EmitInitialize(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        var normalization = (NormalizationSpec)layer.Spec;
        TensorLayout mean = layer.Tensor("mean"), variance = layer.Tensor("variance");
        if (normalization.Mean.Count == 0)
        {
            w.WriteLine($"// {layer.Name}/mean and /variance ({mean.LengthExpression}): 0 and 1 until Adapt, as Keras's");
            w.WriteLine($"state.Slice({mean.ConstName}, {mean.LengthExpression}).Clear();");
            w.WriteLine($"state.Slice({variance.ConstName}, {variance.LengthExpression}).Fill(1);");
            return;
        }
        w.WriteLine($"// {layer.Name}/mean and /variance ({mean.LengthExpression}): as declared");
        for (int i = 0; i < normalization.Mean.Count; i++)
        {
            w.WriteLine($"state[{mean.ConstName} + {N(i)}] = ({context.T}){Literal(normalization.Mean[i])};");
        }
        for (int i = 0; i < normalization.Variance.Count; i++)
        {
            w.WriteLine($"state[{variance.ConstName} + {N(i)}] = ({context.T}){Literal(normalization.Variance[i])};");
        }
    }

    public override void EmitForward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        var normalization = (NormalizationSpec)layer.Spec;
        TensorLayout mean = layer.Tensor("mean"), variance = layer.Tensor("variance");
        string a = layer.Output.Name, x = layer.InputBlock;
        w.WriteLine(normalization.Invert
            ? $"// {a} (rows, {N(layer.Outputs)}) = mean + {x} · max(sqrt(variance), 1e-7)   ({layer.Name}, inverted)"
            : $"// {a} (rows, {N(layer.Outputs)}) = ({x} - mean) / max(sqrt(variance), 1e-7)   ({layer.Name})");
        w.WriteLine($"{Normalization}.Forward({x}, {a}, state.Slice({mean.ConstName}, {mean.LengthExpression}), state.Slice({variance.ConstName}, {variance.LengthExpression}), rows, {layer.OutputWidth}, invert: {(normalization.Invert ? "true" : "false")});");
    }

    public override bool HasBackward(LayerLayout layer) => layer.NeedsInputGradient;

    public override void EmitBackward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        var normalization = (NormalizationSpec)layer.Spec;
        TensorLayout variance = layer.Tensor("variance");
        string d = layer.Gradient!.Name;
        LayerLayout previous = context.Layout.Layers[layer.Index - 1];
        w.WriteLine($"// {d} (rows, {N(layer.Outputs)}) {(normalization.Invert ? "⊙" : "⊘")}= max(sqrt(variance), 1e-7): dLoss/d(output of {previous.Name})");
        w.WriteLine($"{Normalization}.Backward(state.Slice({variance.ConstName}, {variance.LengthExpression}), {d}, rows, {layer.OutputWidth}, invert: {(normalization.Invert ? "true" : "false")});");
    }

    /// <summary>The array argument's values, or null when not written (or not an array of numbers).</summary>
    private static double[]? Values(TypedConstant? constant)
    {
        if (constant is not TypedConstant { Kind: TypedConstantKind.Array, IsNull: false } array) return null;
        return array.Values.Select(v => v.Value is double d ? d : v.Value is int i ? i : v.Value is float f ? f : double.NaN).ToArray();
    }

    /// <summary>A C# literal that converts exactly to the model's element type.</summary>
    private static string Literal(double value) => value.ToString("R", CultureInfo.InvariantCulture) + "d";
}
