using System;
using System.Collections.Generic;
using FastDense.Generators.Diagnostics;
using FastDense.Generators.Helpers;
using FastDense.Generators.Model;
using static FastDense.Generators.RuntimeNames;

namespace FastDense.Generators.Layers;

/// <summary>
/// <c>[Dense(units, activation)]</c>: <c>a = activation(x · kernel + bias)</c>, kernel <c>[inputs, units]</c> (Glorot
/// uniform) then bias <c>[units]</c> (zeros), as Keras's Dense. Its gradient block <c>d{i}</c> holds dLoss/d(its
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
        if (activation == Activation.Softmax && attribute.Position != attribute.Count - 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxNotLast, attribute.ArgumentLocation("activation", 1), N(attribute.Position), N(attribute.Count - 1)));
        }
        return new DenseSpec(units, activation);
    }

    public override int OutputWidth(LayerSpec spec, int inputs) => ((DenseSpec)spec).Units;

    public override string? OutputWidthName(LayerSpec spec, int kindIndex) => $"Units{kindIndex}";

    public override string GradientRole(int kindIndex) => $"dLoss/d(pre-activation of dense_{kindIndex})";

    public override IEnumerable<TensorShape> Tensors(LayerSpec spec, int inputs, string inputWidth, int kindIndex)
    {
        int units = ((DenseSpec)spec).Units;
        yield return new TensorShape("kernel", new[] { inputs, units }, new[] { inputWidth, $"Units{kindIndex}" });
        yield return new TensorShape("bias", new[] { units }, new[] { $"Units{kindIndex}" });
    }

    public override string Describe(LayerSpec spec)
    {
        var dense = (DenseSpec)spec;
        return $"Dense({N(dense.Units)}, {Lower(dense.Activation)})";
    }

    public override Activation ActivationOf(LayerSpec spec) => ((DenseSpec)spec).Activation;

    public override void EmitInitialize(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        TensorLayout kernel = layer.Tensor("kernel"), bias = layer.Tensor("bias");
        w.WriteLine($"// {layer.Name}/kernel ({layer.InputWidth}, {layer.OutputWidth}): uniform in ±sqrt(6 / (fan_in + fan_out)); {layer.Name}/bias: zeros");
        w.WriteLine($"{Initializers}.GlorotUniform(p.Slice({kernel.ConstName}, {kernel.LengthExpression}), {layer.InputWidth}, {layer.OutputWidth}, ref random);");
        w.WriteLine($"p.Slice({bias.ConstName}, {bias.LengthExpression}).Clear();");
    }

    public override void EmitForward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        Activation activation = ((DenseSpec)layer.Spec).Activation;
        string source = layer.InputBlock, a = layer.Output.Name, parameters = Parameters("p", layer);
        string product = $"{source} (rows, {N(layer.Inputs)}) · kernel{layer.KindIndex} ({N(layer.Inputs)}, {N(layer.Outputs)}) + bias{layer.KindIndex}";
        string sizes = $"rows, {layer.InputWidth}, {layer.OutputWidth}";
        // The activation is a typed operator: the runtime decides whether a fused kernel computes it.
        string op = Operator(activation);
        if (context.IsOutput(layer) && context.Layout.Logits is BlockLayout logits)
        {
            // The logits are kept: the cross-entropy is computed from them, not from the probabilities.
            string z = logits.Name;
            w.WriteLine($"// {z} (rows, {N(layer.Outputs)}) = {product};   {a} = {Lower(activation)}({z}){(activation == Activation.Softmax ? ", row by row" : "")}");
            w.WriteLine($"{Dense}.ForwardKeepingLogits({source}, {parameters}, {z}, {a}, {sizes}, {op});");
            return;
        }
        if (activation == Activation.Softmax && !context.IsOutput(layer))
        {
            // The parser allows softmax only on the last layer (FD0005).
            throw new InvalidOperationException("A softmax layer must be the model's output.");
        }
        w.WriteLine($"// {a} (rows, {N(layer.Outputs)}) = {Lower(activation)}({product})");
        w.WriteLine($"{Dense}.Forward({source}, {parameters}, {a}, {sizes}, {op});");
    }

    public override void EmitBackward(SourceWriter w, LayerLayout layer, EmitContext context)
    {
        Activation activation = ((DenseSpec)layer.Spec).Activation;
        string d = layer.Gradient!.Name, a = layer.Output.Name, source = layer.InputBlock;
        string inN = N(layer.Inputs), outN = N(layer.Outputs), sizes = $"rows, {layer.InputWidth}, {layer.OutputWidth}";
        // The output layer's delta comes from the loss, already with respect to the pre-activation.
        if (!context.IsOutput(layer) && activation != Activation.Linear)
        {
            w.WriteLine($"// {d} (rows, {outN}) ⊙= {Lower(activation)}'({a}): dLoss/d(pre-activation of {layer.Name})");
            w.WriteLine($"{Dense}.ActivationBackward({a}, {d}, {Operator(activation)});");
        }
        TensorLayout kernel = layer.Tensor("kernel"), bias = layer.Tensor("bias");
        w.WriteLine($"// dKernel{layer.KindIndex} ({inN}, {outN}) = {source}ᵀ ({inN}, rows) · {d} (rows, {outN});   dBias{layer.KindIndex} ({outN}) = column sums of {d}");
        w.WriteLine($"{Dense}.BackwardParameters({source}, {d}, g.Slice({kernel.ConstName}, {kernel.LengthExpression}), g.Slice({bias.ConstName}, {bias.LengthExpression}), {sizes});");
        if (!layer.NeedsInputGradient)
        {
            w.WriteLine(layer.Index == 0 ? "// No dx: x is the model's input." : $"// No input gradient: nothing before {layer.Name} trains.");
            return;
        }
        LayerLayout previous = context.Layout.Layers[layer.Index - 1];
        string target = previous.Gradient!.Name;
        w.WriteLine($"// {target} (rows, {inN}) = {d} (rows, {outN}) · kernel{layer.KindIndex}ᵀ ({outN}, {inN}): dLoss/d(output of {previous.Name})");
        w.WriteLine($"{Dense}.BackwardInput({d}, p.Slice({kernel.ConstName}, {kernel.LengthExpression}), {target}, {sizes});");
    }

    /// <summary>The activation's typed operator as an argument: <c>default(global::FastDense.__Internals.ReluActivation)</c>.</summary>
    internal static string Operator(Activation activation) => $"default({Internals}.{activation}Activation)";

    /// <summary><c>p.Slice(Dense0Kernel, InputSize * Units0), p.Slice(Dense0Bias, Units0)</c>.</summary>
    private static string Parameters(string buffer, LayerLayout layer)
    {
        TensorLayout kernel = layer.Tensor("kernel"), bias = layer.Tensor("bias");
        return $"{buffer}.Slice({kernel.ConstName}, {kernel.LengthExpression}), {buffer}.Slice({bias.ConstName}, {bias.LengthExpression})";
    }
}
