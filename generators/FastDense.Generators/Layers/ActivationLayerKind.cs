using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FastDense.Generators.Diagnostics;
using FastDense.Generators.Helpers;
using FastDense.Generators.Model;
using static FastDense.Generators.RuntimeNames;

namespace FastDense.Generators.Layers;

/// <summary>
/// The layers that only apply an activation (Keras's Activation, ReLU, LeakyReLU, ELU, Softmax), one kind per Keras class
/// over one spec (<see cref="ActivationLayerSpec"/>): <c>a = f(x)</c> with the typed operator Dense takes, the width kept.
/// Backward works in place in the predecessor's gradient block: from the layer's output (the operator's
/// <c>Backward</c>; softmax's and log_softmax's Jacobians row by row), or, for an activation whose output does not
/// determine its derivative (gelu, silu, …), from the layer's input, the previous layer's output block, which backward
/// leaves as forward wrote it. The layer cannot be the output (FD0015): the loss reads the last Dense layer, whose
/// activation the message suggests instead.
/// </summary>
internal abstract class ActivationLayerKind : LayerKind
{
    public override string AttributeName => $"FastDense.{KerasClassName}Attribute";

    public override bool OwnsGradientBlock => false;

    public override int OutputWidth(LayerSpec spec, int inputs) => inputs;

    public override Activation ActivationOf(LayerSpec spec) => ((ActivationLayerSpec)spec).Activation;

    /// <summary>The activation's arguments that differ from the function's defaults, as the description's <c>ActivationArguments</c>.</summary>
    public override string DescriptionInitializer(LayerSpec spec)
    {
        var layer = (ActivationLayerSpec)spec;
        string activation = Pairs(ActivationArguments.NonDefault(layer.Activation, layer.ActivationArguments).Select(a => (a.Argument.KerasName, a.Value)));
        return activation.Length == 0 ? "" : $" {{ ActivationArguments = {activation} }}";
    }

    /// <summary>
    /// FD0015 when the layer is the model's last, suggesting the same activation on the last Dense layer:
    /// <c>[Dense(units, Activation.LeakyRelu, NegativeSlope = 0.3)]</c>.
    /// </summary>
    protected static void CheckNotOutput(LayerAttribute attribute, ActivationLayerSpec spec, List<DiagnosticInfo> diagnostics)
    {
        if (attribute.Position != attribute.Count - 1) return;
        string hint = "";
        if (System.Enum.IsDefined(typeof(Activation), spec.Activation))
        {
            IEnumerable<string> properties = ActivationArguments.NonDefault(spec.Activation, spec.ActivationArguments).Select(a => a.Argument.Range == ActivationArguments.Range.Boolean
                ? $", {a.Argument.Property} = {(a.Value != 0 ? "true" : "false")}"
                : $", {a.Argument.Property} = {(double.IsPositiveInfinity(a.Value) ? "double.PositiveInfinity" : a.Value.ToString("R", CultureInfo.InvariantCulture))}");
            hint = $"; to end with {ActivationArguments.Text(spec.Activation, spec.ActivationArguments)}, give it to the last Dense layer: [Dense(units, Activation.{spec.Activation}{string.Concat(properties)})]";
        }
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerCannotBeOutput, attribute.Syntax.GetLocation(), attribute.KindName, N(attribute.Position), hint));
    }

    /// <summary>FD0020 unless <paramref name="value"/> (the property <paramref name="name"/>) is finite and not negative, or positive when <paramref name="positive"/>.</summary>
    protected static void CheckArgument(LayerAttribute attribute, string name, double value, bool positive, List<DiagnosticInfo> diagnostics, bool infinityAllowed = false)
    {
        bool valid = (positive ? value > 0 : value >= 0) && (infinityAllowed || !double.IsInfinity(value));
        if (valid) return;
        string rule = infinityAllowed ? "not negative (+∞ for Keras's None)" : positive ? "finite and positive" : "finite and not negative";
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerArgumentOutOfRange, attribute.NamedArgumentLocation(name) ?? attribute.Syntax.GetLocation(),
            N(attribute.Position), attribute.KindName, name, rule, ActivationArguments.Format(value)));
    }

    /// <summary>FD0005 for softmax or log_softmax over a single feature: a constant (1 or 0) that passes no gradient.</summary>
    public override void CheckWidth(LayerSpec spec, int inputs, LayerAttribute attribute, List<DiagnosticInfo> diagnostics)
    {
        Activation activation = ((ActivationLayerSpec)spec).Activation;
        if (inputs != 1 || !System.Enum.IsDefined(typeof(Activation), activation) || !activation.IsRowWise()) return;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RowActivationOfOneUnit, ActivationLocation(attribute), attribute.KindName, N(attribute.Position),
            activation.KerasName(), activation == Activation.Softmax ? "1" : "0"));
    }

    /// <summary>Where a diagnostic about the activation itself lands: the attribute (the Activation kind: its argument).</summary>
    protected virtual Microsoft.CodeAnalysis.Location ActivationLocation(LayerAttribute attribute) => attribute.Syntax.GetLocation();

    public override void EmitForward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        var spec = (ActivationLayerSpec)layer.Spec;
        string a = layer.Output.Name, x = layer.InputBlock;
        w.WriteLine($"// {a} (rows, {N(layer.Outputs)}) = {ActivationArguments.Text(spec.Activation, spec.ActivationArguments)}({x}){(spec.Activation.IsRowWise() ? ", row by row" : "")}");
        // The model's input may be longer than the batch's rows; a layer's block is exactly as long.
        string input = layer.Index == 0 ? $"{x}.Slice(0, rows * {layer.OutputWidth})" : x;
        w.WriteLine($"{ActivationLayer}.Forward({input}, {a}, {layer.OutputWidth}, {ActivationArguments.Operator(spec.Activation, spec.ActivationArguments)});");
    }

    // Nothing to do when nothing before the layer trains, or for linear (its derivative is 1).
    public override bool HasBackward(LayerLayout layer) => layer.NeedsInputGradient && ((ActivationLayerSpec)layer.Spec).Activation != Activation.Linear;

    public override void EmitBackward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        var spec = (ActivationLayerSpec)layer.Spec;
        string d = layer.Gradient!.Name, a = layer.Output.Name, x = layer.InputBlock, n = N(layer.Outputs);
        string text = ActivationArguments.Text(spec.Activation, spec.ActivationArguments), op = ActivationArguments.Operator(spec.Activation, spec.ActivationArguments);
        string target = $"dLoss/d(output of {context.Layout.Layers[layer.Index - 1].Name})";
        if (spec.Activation.NeedsInput())
        {
            w.WriteLine($"// {d} (rows, {n}) ⊙= {text}'({x}): {target}, from the layer's input (kept: {spec.Activation.KerasName()}'s output does not determine its derivative)");
            w.WriteLine($"{ActivationLayer}.BackwardFromInput({x}, {d}, {op});");
        }
        else if (spec.Activation.IsRowWise())
        {
            w.WriteLine($"// {d} (rows, {n}) = {text}'s Jacobian at {a}, row by row, times {d}: {target}");
            w.WriteLine($"{ActivationLayer}.Backward({a}, {d}, {layer.OutputWidth}, {op});");
        }
        else
        {
            w.WriteLine($"// {d} (rows, {n}) ⊙= {text}'({a}): {target}");
            w.WriteLine($"{ActivationLayer}.Backward({a}, {d}, {layer.OutputWidth}, {op});");
        }
    }
}
