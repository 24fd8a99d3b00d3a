using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FastDense.Generators.Diagnostics;
using FastDense.Generators.Helpers;
using FastDense.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FastDense.Generators.Layers;

/// <summary>
/// Everything the generator knows about one kind of layer: how its attribute is read, which tensors and workspace
/// blocks its layers own, and the code its forward, backward and initialization emit. <see cref="ParameterLayout"/>
/// places what a kind asks for; the emitter prints each layer through its kind, in order.
/// </summary>
internal abstract class LayerKind
{
    /// <summary>The attribute that declares it: <c>FastDense.DenseAttribute</c>.</summary>
    public abstract string AttributeName { get; }

    /// <summary>Its name in the runtime's <c>LayerKind</c> enum and Keras's class name: <c>Dense</c>.</summary>
    public abstract string KerasClassName { get; }

    /// <summary>The prefix of its layers' names, Keras's snake case: <c>dense</c> (<c>dense_0</c>).</summary>
    public abstract string SnakeName { get; }

    /// <summary>The prefix of its generated constants: <c>Dense</c> (<c>Dense0Kernel</c>).</summary>
    public string Identifier => KerasClassName;

    /// <summary>Whether its layers have a gradient block of their own (a layer that keeps the width works in its predecessor's).</summary>
    public abstract bool OwnsGradientBlock { get; }

    /// <summary>Reads one attribute into a spec, adding a diagnostic for each rule it breaks; null when an argument did not bind.</summary>
    public abstract LayerSpec? Parse(LayerAttribute attribute, List<DiagnosticInfo> diagnostics);

    /// <summary>The width of the layer's output for an input of <paramref name="inputs"/>.</summary>
    public abstract int OutputWidth(LayerSpec spec, int inputs);

    /// <summary>The constant naming that width (<c>Units0</c>), or null when it is the input's.</summary>
    public virtual string? OutputWidthName(LayerSpec spec, int kindIndex) => null;

    /// <summary>
    /// The public width constants the layer declares in the model's class, with their summaries: its output width's,
    /// when it names one (<see cref="OutputWidthName"/>).
    /// </summary>
    public virtual IEnumerable<(string Name, int Value, string Summary)> WidthConstants(LayerLayout layer)
    {
        if (OutputWidthName(layer.Spec, layer.KindIndex) is string width) yield return (width, layer.Outputs, $"The output width of {layer.Name}.");
    }

    /// <summary>What the gradient block, if the kind owns one, holds once backward has passed the layer.</summary>
    public virtual string GradientRole(LayerSpec spec, int kindIndex) => $"dLoss/d(output of {SnakeName}_{kindIndex})";

    /// <summary>The layer's tensors, trainable and not, in Keras's order.</summary>
    public virtual IEnumerable<TensorShape> Tensors(LayerSpec spec, int inputs, string inputWidth, int kindIndex)
    {
        yield break;
    }

    /// <summary>The blocks the layer keeps from forward for backward, each as wide as its output.</summary>
    public virtual IEnumerable<BlockShape> Blocks(LayerSpec spec, int index, int kindIndex)
    {
        yield break;
    }

    /// <summary>The blocks the layer needs beside <see cref="Blocks"/> when it is the model's output, each as wide as its output.</summary>
    public virtual IEnumerable<BlockShape> OutputBlocks(LayerSpec spec, int index, int kindIndex)
    {
        yield break;
    }

    /// <summary>The layer in the header's one-line summary, Keras's arguments: <c>Dense(64, relu)</c>.</summary>
    public abstract string Describe(LayerSpec spec);

    /// <summary>The <c>Activation</c> member the description reports (<c>Linear</c> for a layer without one).</summary>
    public virtual Activation ActivationOf(LayerSpec spec) => Activation.Linear;

    /// <summary>
    /// The layer's own arguments as the description reports them (<c>LayerDescription.Arguments</c>): Keras's names, every
    /// one the declaration fixes, in the order of Keras's signature; flags as 1 or 0.
    /// </summary>
    public virtual IEnumerable<(string KerasName, double Value)> DescriptionArguments(LayerSpec spec) => [];

    /// <summary>What follows the layer's <c>new(…)</c> in the generated description: an object initializer, or nothing.</summary>
    public virtual string DescriptionInitializer(LayerSpec spec)
    {
        string pairs = Pairs(DescriptionArguments(spec));
        return pairs.Length == 0 ? "" : $" {{ Arguments = {pairs} }}";
    }

    /// <summary>Name-value pairs as a <c>KeyValuePair&lt;string, double&gt;[]</c> expression, or "" for none.</summary>
    protected static string Pairs(IEnumerable<(string KerasName, double Value)> arguments)
    {
        string[] items = arguments.Select(a => $"new(\"{a.KerasName}\", {ActivationArguments.Literal(a.Value)})").ToArray();
        return items.Length == 0 ? "" : $"new global::System.Collections.Generic.KeyValuePair<string, double>[] {{ {string.Join(", ", items)} }}";
    }

    /// <summary>
    /// A regularization factor (Keras's <c>l1</c> or <c>l2</c>): the named argument <paramref name="name"/>, 0 when not
    /// written; FD0020 when it is negative or not finite (Keras's <c>validate_float_arg</c>).
    /// </summary>
    internal static double RegularizationFactor(LayerAttribute attribute, string kind, string name, List<DiagnosticInfo> diagnostics)
    {
        double value = attribute.Named(name)?.Value is double v ? v : 0;
        if (!(value >= 0 && !double.IsInfinity(value)))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerArgumentOutOfRange, attribute.NamedArgumentLocation(name) ?? attribute.Syntax.GetLocation(),
                N(attribute.Position), kind, name, "non-negative and finite", value.ToString("R", CultureInfo.InvariantCulture)));
        }
        return value;
    }

    /// <summary>
    /// The layer's terms of the model's <c>RegularizationLoss</c> (Keras's <c>model.losses</c>): one <c>double</c> expression
    /// per regularized tensor or activity, reading <c>p</c>, <c>ws</c> and <c>rows</c>; none for a layer without regularizers.
    /// </summary>
    public virtual IEnumerable<string> RegularizationTerms(LayerLayout layer) => [];

    /// <summary>The layer's statements of the model's <c>ApplyConstraints</c> (each comment, then its call); none without constraints.</summary>
    public virtual IEnumerable<string> ConstraintStatements(LayerLayout layer) => [];

    /// <summary>A flag as a description argument: 1 or 0.</summary>
    protected static double Flag(bool value) => value ? 1 : 0;

    /// <summary>Writes the layer's private constants (offsets are written by the emitter).</summary>
    public virtual void EmitConstants(SourceWriter w, LayerLayout layer)
    {
    }

    /// <summary>Writes the layer's initialization into <c>p</c> (drawing from <c>random</c>) and <c>state</c>.</summary>
    public virtual void EmitInitialize(SourceWriter w, LayerLayout layer, EmitContext context)
    {
    }

    /// <summary>Writes the layer's forward: from its input block to its output block.</summary>
    public abstract void EmitForward(SourceWriter w, LayerLayout layer, EmitContext context);

    /// <summary>
    /// Checks the layer's arguments against its input width, which the parser knows only once every layer is read
    /// (a Normalization's given mean must be that wide).
    /// </summary>
    public virtual void CheckWidth(LayerSpec spec, int inputs, LayerAttribute attribute, List<DiagnosticInfo> diagnostics)
    {
    }

    /// <summary>Writes what the layer updates in the state after an applied training step (a BatchNormalization's moving statistics).</summary>
    public virtual void EmitUpdateState(SourceWriter w, LayerLayout layer)
    {
    }

    /// <summary>Whether the layer updates state after training steps (and so has an <see cref="EmitUpdateState"/>).</summary>
    public virtual bool UpdatesState(LayerSpec spec) => false;

    /// <summary>Whether the layer has any backward to write (a Dropout before every trainable layer has none).</summary>
    public virtual bool HasBackward(LayerLayout layer) => true;

    /// <summary>
    /// Writes the layer's backward. On entry the layer's gradient block holds dLoss/d(its output) (for the output
    /// layer the loss has already turned it into dLoss/d(its pre-activation)); on exit its parameters' gradients are
    /// in <c>g</c> and, when <see cref="LayerLayout.NeedsInputGradient"/>, dLoss/d(its input) is in the previous
    /// layer's gradient block.
    /// </summary>
    public abstract void EmitBackward(SourceWriter w, LayerLayout layer, EmitContext context);

    /// <summary>
    /// The key that makes a random layer's draws its own: its declared seed (Keras's <c>seed</c>), or else its position,
    /// apart from any seed.
    /// </summary>
    protected static ulong LayerKey(int? seed, int index) => seed is int s ? 0x5EED_0000_0000_0000UL ^ unchecked((uint)s) : (ulong)index;

    protected static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

}

/// <summary>
/// A tensor a kind asks for: its name within the layer, its shape as numbers and as generated constants, and whether
/// the optimizer trains it (a non-trainable tensor lives in the model's state buffer, as a Normalization's mean).
/// </summary>
internal sealed record TensorShape(string ShortName, int[] Dimensions, string[] DimensionNames, bool Trainable = true);

/// <summary>
/// A workspace block a kind keeps from forward for backward: <c>(rows, width)</c>, or once per batch <c>(width)</c>
/// when not <paramref name="PerRow"/> (a BatchNormalization's batch statistics).
/// </summary>
/// <param name="Width">The block's width as a generated constant or literal, when not the layer's output width.</param>
/// <param name="WidthValue">That width's value.</param>
internal sealed record BlockShape(string Name, string Role, BlockUse Use, bool PerRow = true, string? Width = null, int WidthValue = 0);

/// <summary>What every layer's emission may read about the whole model.</summary>
/// <param name="Spec">The model.</param>
/// <param name="Layout">Its layout.</param>
internal sealed record EmitContext(ModelSpec Spec, ParameterLayout Layout)
{
    /// <summary>The element type's keyword.</summary>
    public string T => Spec.ElementType;

    /// <summary>Whether <paramref name="layer"/> is the model's output.</summary>
    public bool IsOutput(LayerLayout layer) => layer.Index == Layout.Layers.Count - 1;
}

/// <summary>One layer attribute as written, for a kind's parser.</summary>
/// <param name="Syntax">The attribute's syntax, for diagnostic locations.</param>
/// <param name="Data">Its bound arguments.</param>
/// <param name="Position">Its position among all the model's layers.</param>
/// <param name="Count">How many layers the model declares.</param>
internal sealed record LayerAttribute(AttributeSyntax Syntax, AttributeData Data, int Position, int Count)
{
    /// <summary>The location of the constructor argument <paramref name="name"/> (or at <paramref name="position"/>), else of the attribute.</summary>
    public Location ArgumentLocation(string name, int position)
    {
        SeparatedSyntaxList<AttributeArgumentSyntax> args = Syntax.ArgumentList?.Arguments ?? default;
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i].NameEquals is not null) continue;
            string? argumentName = args[i].NameColon?.Name.Identifier.ValueText;
            if (argumentName == name || (argumentName is null && i == position)) return args[i].Expression.GetLocation();
        }
        return Syntax.GetLocation();
    }

    /// <summary>The location of the named property argument <paramref name="name"/> (<c>Seed = 3</c>), or null.</summary>
    public Location? NamedArgumentLocation(string name)
    {
        foreach (AttributeArgumentSyntax argument in Syntax.ArgumentList?.Arguments ?? default)
        {
            if (argument.NameEquals?.Name.Identifier.ValueText == name) return argument.Expression.GetLocation();
        }
        return null;
    }

    /// <summary>The layer's kind as its attribute is named, for messages: <c>Dense</c> for <c>[Dense]</c>.</summary>
    public string KindName
        => Data.AttributeClass?.Name is string name && name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : "Layer";

    /// <summary>The value of the named property argument <paramref name="name"/>, if written and bound.</summary>
    public TypedConstant? Named(string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in Data.NamedArguments)
        {
            if (argument.Key == name) return argument.Value;
        }
        return null;
    }
}
