using System.Collections.Generic;
using System.Globalization;
using FastDense.Generators.Diagnostics;
using FastDense.Generators.Helpers;
using FastDense.Generators.Model;
using static FastDense.Generators.RuntimeNames;

namespace FastDense.Generators.Layers;

/// <summary>
/// <c>[ActivityRegularization(L1 = …, L2 = …)]</c>: the output is the input (a copy, in its own block), the model's
/// <c>RegularizationLoss</c> adds <c>(l1·Σ|x| + l2·Σx²) / rows</c>, and backward adds that penalty's gradient to the
/// gradient passing through, in place.
/// </summary>
internal sealed class ActivityRegularizationKind : LayerKind
{
    public override string AttributeName => "FastDense.ActivityRegularizationAttribute";

    public override string KerasClassName => "ActivityRegularization";

    public override string SnakeName => "activity_regularization";

    public override bool OwnsGradientBlock => false;

    public override LayerSpec? Parse(LayerAttribute attribute, List<DiagnosticInfo> diagnostics)
    {
        double l1 = RegularizationFactor(attribute, "ActivityRegularization", "L1", diagnostics);
        double l2 = RegularizationFactor(attribute, "ActivityRegularization", "L2", diagnostics);
        if (attribute.Position == attribute.Count - 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerCannotBeOutput, attribute.Syntax.GetLocation(), "ActivityRegularization", N(attribute.Position), ""));
        }
        return new ActivityRegularizationSpec(l1, l2);
    }

    public override int OutputWidth(LayerSpec spec, int inputs) => inputs;

    public override IEnumerable<(string KerasName, double Value)> DescriptionArguments(LayerSpec spec)
    {
        var regularization = (ActivityRegularizationSpec)spec;
        return [("l1", regularization.L1), ("l2", regularization.L2)];
    }

    public override string Describe(LayerSpec spec)
    {
        var regularization = (ActivityRegularizationSpec)spec;
        return $"ActivityRegularization(l1={Format(regularization.L1)}, l2={Format(regularization.L2)})";
    }

    public override void EmitForward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        string a = layer.Output.Name;
        w.WriteLine($"// {a} (rows, {N(layer.Outputs)}) = {layer.InputBlock}: its penalty is in RegularizationLoss");
        w.WriteLine($"{layer.InputBlock}.Slice(0, rows * {layer.OutputWidth}).CopyTo({a});");
    }

    /// <summary>The layer's one term of the model's <c>RegularizationLoss</c>: the penalty of its output (its input's copy) over the rows.</summary>
    public override IEnumerable<string> RegularizationTerms(LayerLayout layer)
    {
        var regularization = (ActivityRegularizationSpec)layer.Spec;
        yield return $"{Regularizers}.Penalty({ModelGenerator.Emitter.SliceOf(layer.Output)}, {ActivationArguments.Literal(regularization.L1)}, {ActivationArguments.Literal(regularization.L2)}) / rows";
    }

    // The penalty's gradient matters only where something before the layer trains.
    public override bool HasBackward(LayerLayout layer) => layer.NeedsInputGradient;

    public override void EmitBackward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        var regularization = (ActivityRegularizationSpec)layer.Spec;
        string d = layer.Gradient!.Name, a = layer.Output.Name;
        LayerLayout previous = context.Layout.Layers[layer.Index - 1];
        w.WriteLine($"// {d} (rows, {N(layer.Outputs)}) += (l1·sign({a}) + 2·l2·{a}) / rows: dLoss/d(output of {previous.Name}), with the penalty's gradient");
        w.WriteLine($"{Regularizers}.AddActivityGradient({a}, {d}, {ActivationArguments.Literal(regularization.L1)}, {ActivationArguments.Literal(regularization.L2)}, rows);");
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
