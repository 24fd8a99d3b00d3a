using System.Collections.Generic;
using FastDense.Generators.Model;

namespace FastDense.Generators.Losses;

/// <summary>
/// Categorical focal cross-entropy (<c>Alpha</c>, <c>Gamma</c>, <c>FromLogits</c>, <c>LabelSmoothing</c>): from the
/// probabilities, as Keras computes it, through softmax's Jacobian.
/// </summary>
internal sealed class CategoricalFocalCrossentropyKind : LossKind
{
    public override Loss Loss => Loss.CategoricalFocalCrossentropy;

    public override string KerasName => "categorical_focal_crossentropy";

    // Keras's order: alpha, gamma, from_logits, label_smoothing.
    public override IReadOnlyList<LossArgument> Arguments { get; } = new[]
    {
        LossArgument.Alpha, LossArgument.Gamma, LossArgument.FromLogits, LossArgument.LabelSmoothing,
    };

    // With alpha as a list the operator reads the description's arguments, which hold it (no array in generated code twice).
    public override string OperatorExpression(string internals, LossArgumentsSpec arguments)
        => arguments.AlphaPerClass.Count == 0 ? base.OperatorExpression(internals, arguments) : $"new {internals}.{Operator}(Description.LossArguments)";

    // Keras computes it from the probabilities, not from the softmax's logits.
    public override bool KeepsLogits(LossArgumentsSpec arguments) => false;

    public override string? Mismatch(Activation output, LossArgumentsSpec arguments) => FromLogitsMismatch(output, arguments, Activation.Softmax,
        "categorical focal cross-entropy needs a softmax last layer (its outputs must be a probability distribution)");

    public override string BackwardComment(string output, string delta, string columns, Activation activation, LossArgumentsSpec arguments)
        => $"{delta} (rows, {columns}) = d(-Σ alpha{(arguments.AlphaPerClass.Count == 0 ? "" : "_c")} (1 - q)^gamma y log q)/dz / rows, q = clip({(arguments.FromLogits ? $"softmax({output})" : output)}, 1e-7, 1 - 1e-7): categorical focal cross-entropy";
}
