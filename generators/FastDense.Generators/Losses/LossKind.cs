using System.Collections.Generic;
using System.Linq;
using FastDense.Generators.Model;

namespace FastDense.Generators.Losses;

/// <summary>
/// What the generator knows of one loss: its Keras name, its arguments, whether it reads the output layer's logits,
/// which output activations it can train, and the comment its backward line carries. The gradient itself is the
/// runtime's (<c>FastDense.__Internals.{Operator}</c>); the generated code only passes the typed operator, built with
/// the loss's arguments.
/// </summary>
internal abstract class LossKind
{
    /// <summary>The loss's member of <c>Loss</c>.</summary>
    public abstract Loss Loss { get; }

    /// <summary>Keras's name: <c>categorical_crossentropy</c>.</summary>
    public abstract string KerasName { get; }

    /// <summary>
    /// The <c>[Model]</c> arguments the loss takes, in the order of its operator's constructor; any other one given is
    /// FD0022. Empty for a loss without arguments.
    /// </summary>
    public virtual IReadOnlyList<LossArgument> Arguments => System.Array.Empty<LossArgument>();

    /// <summary>
    /// Whether the loss is computed from the output layer's logits, kept apart from its output (the layout then keeps
    /// them). False when the output itself is the logits (a linear output under <c>FromLogits</c>).
    /// </summary>
    public abstract bool KeepsLogits(LossArgumentsSpec arguments);

    /// <summary>Whether the backward reads the logits too (<c>Losses.Backward(output, logits, y, …)</c>): the logits block is then kept for backward.</summary>
    public virtual bool BackwardReadsLogits(LossArgumentsSpec arguments) => false;

    /// <summary>The runtime's typed operator: <c>CategoricalCrossentropyLoss</c>.</summary>
    public string Operator => Loss + "Loss";

    /// <summary>
    /// The operator as generated code passes it: <c>new …HuberLoss(delta: 2.0)</c>, with every argument the loss takes;
    /// <c>default(…)</c> when it takes none or all are 0 and false (what a default struct holds).
    /// </summary>
    public virtual string OperatorExpression(string internals, LossArgumentsSpec arguments)
    {
        string type = $"{internals}.{Operator}";
        // default(TLoss) is every argument 0 or false and ignore_class None.
        if (Arguments.All(a => a.IsInteger ? double.IsNaN(arguments.ValueOf(a)) : arguments.ValueOf(a) == 0)) return $"default({type})";
        return $"new {type}({string.Join(", ", Arguments.Select(a => $"{a.ParameterName}: {a.Literal(arguments.ValueOf(a))}"))})";
    }

    /// <summary>The arguments that differ from Keras's defaults, as <c>FastDense.LossArguments</c> initializers: <c>Delta = 2.0</c>.</summary>
    public IEnumerable<string> DescriptionArguments(LossArgumentsSpec arguments)
        => Arguments.Where(a => !a.IsDefault(arguments.ValueOf(a))).Select(a => $"{a.Name} = {a.Literal(arguments.ValueOf(a))}");

    /// <summary>Keras's call with the arguments that differ from its defaults: <c>huber(delta=2.0)</c>, or the bare name.</summary>
    public string Describe(LossArgumentsSpec arguments)
    {
        string[] given = Arguments.Where(a => !a.IsDefault(arguments.ValueOf(a)))
            .Select(a => $"{a.KerasName}={a.KerasLiteral(arguments.ValueOf(a))}")
            .Concat(arguments.AlphaPerClass.Count == 0 ? new string[0]
                : new[] { $"alpha=[{string.Join(", ", arguments.AlphaPerClass.Select(a => a.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}]" })
            .ToArray();
        return given.Length == 0 ? KerasName : $"{KerasName}({string.Join(", ", given)})";
    }

    /// <summary>Why this loss cannot train a model whose last layer uses <paramref name="output"/> (FD0006), or null.</summary>
    public abstract string? Mismatch(Activation output, LossArgumentsSpec arguments);

    /// <summary>
    /// Why a given argument cannot be used as given with this loss, beyond its range (FD0022), or null: an argument
    /// that has no effect without another.
    /// </summary>
    public virtual string? ArgumentWithoutEffect(LossArgument argument, LossArgumentsSpec arguments) => null;

    /// <summary>The shape comment above the backward line: <c>d1 (rows, 10) = (a1 - y) / rows: ...</c>.</summary>
    public abstract string BackwardComment(string output, string delta, string columns, Activation activation, LossArgumentsSpec arguments);

    protected static string Lower(Activation activation) => activation.KerasName();

    /// <summary>
    /// The FD0006 rule of the cross-entropies: their own output activation, or a linear output (the logits) under
    /// <c>FromLogits</c>. Keras would take the softmax's or sigmoid's own logits under <c>from_logits=True</c>, with a
    /// warning that the output is not logits; FastDense refuses the pair instead. A sparsemax output is refused with its
    /// own reason: its probabilities are exactly 0 off its support.
    /// </summary>
    protected static string? FromLogitsMismatch(Activation output, LossArgumentsSpec arguments, Activation own, string requirement)
    {
        if (output == Activation.Sparsemax && !arguments.FromLogits)
        {
            // Its outputs are probabilities, but exactly 0 outside the support: the log would be -inf there (Keras's
            // TensorFlow backend clips them to 1e-7 and passes them no gradient), and the fused backward is sigmoid's or softmax's.
            return $"{requirement}, or a linear one with FromLogits = true; sparsemax's outputs are exactly 0 outside its support, where the cross-entropy's log has no value (Keras clips them to 1e-7 and passes no gradient there)";
        }
        if (arguments.FromLogits)
        {
            return output == Activation.Linear ? null
                : $"FromLogits = true reads the last layer's outputs as logits, so it needs a linear last layer (a {Lower(own)} one trains without FromLogits)";
        }
        return output == own ? null : requirement + ", or a linear one with FromLogits = true";
    }

    /// <summary>The targets as the backward comment shows them: <c>y</c>, or <c>(y (1 - 0.1) + 0.1 / 2)</c> under label smoothing.</summary>
    protected static string SmoothedTargets(LossArgumentsSpec arguments, string classes)
    {
        if (arguments.LabelSmoothing == 0) return "y";
        string s = LossArgument.LabelSmoothing.Literal(arguments.LabelSmoothing);
        return $"(y (1 - {s}) + {s} / {classes})";
    }

    /// <summary><c> ⊙ tanh'(a1)</c>, <c> through softmax's Jacobian</c>, or nothing for a linear output: the tail of a backward comment.</summary>
    protected static string ThroughActivation(string output, Activation activation) => activation switch
    {
        Activation.Linear => "",
        Activation.Softmax => $", through softmax's Jacobian at {output}",
        Activation.LogSoftmax => $", through log_softmax's Jacobian at {output}",
        Activation.Sparsemax => $", through sparsemax's Jacobian at {output}",
        _ => $" ⊙ {Lower(activation)}'({output})",
    };
}
