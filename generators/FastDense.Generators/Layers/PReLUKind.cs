using System.Collections.Generic;
using System.Linq;
using FastDense.Generators.Diagnostics;
using FastDense.Generators.Helpers;
using FastDense.Generators.Model;
using Microsoft.CodeAnalysis;
using static FastDense.Generators.RuntimeNames;

namespace FastDense.Generators.Layers;

/// <summary>
/// <c>[PReLU]</c>, Keras's <c>PReLU</c> layer: <c>a = max(0, x) + alpha ⊙ min(0, x)</c> with a trainable <c>alpha</c>, (width)
/// or (1) with <c>SharedAxes = new[] { 1 }</c>. Backward reads the layer's input (the previous layer's output, kept), writes
/// alpha's gradient and turns the gradient into dLoss/d(input) in place. Alpha's initializer (Keras's default zeros),
/// regularizer and constraint are read and emitted as a normalization's gamma (<see cref="NormalizationWeights"/>).
/// </summary>
internal sealed class PReLUKind : LayerKind
{
    public override string AttributeName => "FastDense.PReLUAttribute";

    public override string KerasClassName => "PReLU";

    // Keras's naming.to_snake_case("PReLU").
    public override string SnakeName => "p_re_lu";

    public override bool OwnsGradientBlock => false;

    public override LayerSpec? Parse(LayerAttribute attribute, List<DiagnosticInfo> diagnostics)
    {
        bool shared = ReadSharedAxes(attribute, diagnostics);
        if (attribute.Position == attribute.Count - 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerCannotBeOutput, attribute.Syntax.GetLocation(), KerasClassName, N(attribute.Position), ""));
        }
        return new PReLUSpec(shared) { Alpha = NormalizationWeights.Read(attribute, "Alpha", Initializer.Zeros, present: true, flag: "", diagnostics) };
    }

    /// <summary>
    /// Keras's <c>shared_axes</c> on a (rows, features) input: null or empty (an alpha per feature) or [1] (one alpha,
    /// shape (1), for every feature); FD0020 otherwise.
    /// </summary>
    private static bool ReadSharedAxes(LayerAttribute attribute, List<DiagnosticInfo> diagnostics)
    {
        if (attribute.Named("SharedAxes") is not TypedConstant constant || constant.IsNull) return false;
        int[] axes = constant.Values.Select(v => v.Value is int i ? i : int.MinValue).ToArray();
        if (axes.Length == 0) return false;
        if (axes.Length == 1 && axes[0] == 1) return true;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerArgumentOutOfRange, attribute.NamedArgumentLocation("SharedAxes") ?? attribute.Syntax.GetLocation(),
            N(attribute.Position), "PReLU", "SharedAxes", "null, empty (an alpha per feature) or [1] (one alpha for every feature of a (rows, features) input)",
            $"[{string.Join(", ", axes.Select(a => a == int.MinValue ? "?" : N(a)))}]"));
        return false;
    }

    public override int OutputWidth(LayerSpec spec, int inputs) => inputs;

    public override IEnumerable<TensorShape> Tensors(LayerSpec spec, int inputs, string inputWidth, int kindIndex)
    {
        yield return ((PReLUSpec)spec).Shared
            ? new TensorShape("alpha", new[] { 1 }, new[] { "1" })
            : new TensorShape("alpha", new[] { inputs }, new[] { inputWidth });
    }

    public override IEnumerable<(string KerasName, double Value)> DescriptionArguments(LayerSpec spec)
    {
        var prelu = (PReLUSpec)spec;
        IEnumerable<(string, double)> shared = prelu.Shared ? new[] { ("shared_axes.0", 1.0) } : [];
        return shared
            .Concat(DenseKind.InitializerArguments("alpha_initializer", prelu.Alpha.Initializer, InitializerSpec.Zeros))
            .Concat(NormalizationWeights.RegularizerArguments("alpha_regularizer", prelu.Alpha))
            .Concat(DenseKind.ConstraintArguments("alpha_constraint", prelu.Alpha.Constraint));
    }

    public override string Describe(LayerSpec spec) => ((PReLUSpec)spec).Shared ? "PReLU(shared_axes=[1])" : "PReLU()";

    private static IEnumerable<(string Name, VectorWeightSpec Weight)> Weights(PReLUSpec spec)
    {
        yield return ("alpha", spec.Alpha);
    }

    public override IEnumerable<string> RegularizationTerms(LayerLayout layer) => NormalizationWeights.RegularizationTerms(layer, Weights((PReLUSpec)layer.Spec));

    public override IEnumerable<string> ConstraintStatements(LayerLayout layer) => NormalizationWeights.ConstraintStatements(layer, Weights((PReLUSpec)layer.Spec));

    public override void EmitInitialize(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        TensorLayout alpha = layer.Tensor("alpha");
        NormalizationWeights.EmitInitialize(w, $"{layer.Name}/alpha", Alpha("p", layer), alpha.LengthExpression, ((PReLUSpec)layer.Spec).Alpha.Initializer);
    }

    public override void EmitForward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        string shape = ((PReLUSpec)layer.Spec).Shared ? "alpha (1)" : $"alpha ({N(layer.Outputs)})";
        w.WriteLine($"// {layer.Output.Name} (rows, {N(layer.Outputs)}) = max(0, {layer.InputBlock}) + {shape} ⊙ min(0, {layer.InputBlock})");
        w.WriteLine($"{PRelu}.Forward({layer.InputBlock}, {layer.Output.Name}, {Alpha("p", layer)}, rows, {layer.OutputWidth});");
    }

    public override void EmitBackward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        var prelu = (PReLUSpec)layer.Spec;
        string d = layer.Gradient!.Name, x = layer.InputBlock;
        string sums = prelu.Shared ? $"the sum of {d} ⊙ min(0, {x})" : $"column sums of {d} ⊙ min(0, {x})";
        string after = layer.NeedsInputGradient ? $"; then {d} ⊙= (1 where {x} > 0, alpha where {x} < 0, 0 at 0): dLoss/d(input of {layer.Name}), in place" : "";
        w.WriteLine($"// dAlpha ({(prelu.Shared ? "1" : N(layer.Outputs))}) = {sums}{after}");
        w.WriteLine($"{PRelu}.Backward({x}, {Alpha("p", layer)}, {d}, {Alpha("g", layer)}, rows, {layer.OutputWidth}, inputGradient: {(layer.NeedsInputGradient ? "true" : "false")});");
        NormalizationWeights.EmitRegularizerGradients(w, layer, Weights(prelu));
    }

    private static string Alpha(string buffer, LayerLayout layer)
    {
        TensorLayout alpha = layer.Tensor("alpha");
        return $"{buffer}.Slice({alpha.ConstName}, {alpha.LengthExpression})";
    }
}
