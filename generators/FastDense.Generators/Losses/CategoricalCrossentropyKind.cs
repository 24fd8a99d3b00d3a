using System.Collections.Generic;
using FastDense.Generators.Model;

namespace FastDense.Generators.Losses;

/// <summary>
/// Categorical cross-entropy (<c>FromLogits</c>, <c>LabelSmoothing</c>): from the logits, fused with softmax
/// (<c>(p − y) / rows</c>), or from a linear output's own logits (<c>(softmax(z) − y) / rows</c>).
/// </summary>
internal sealed class CategoricalCrossentropyKind : LossKind
{
    public override Loss Loss => Loss.CategoricalCrossentropy;

    public override string KerasName => "categorical_crossentropy";

    public override IReadOnlyList<LossArgument> Arguments { get; } = new[] { LossArgument.FromLogits, LossArgument.LabelSmoothing };

    public override bool KeepsLogits(LossArgumentsSpec arguments) => !arguments.FromLogits;

    // The fused backward (p - y) is the gradient with respect to the logits only for softmax.
    public override string? Mismatch(Activation output, LossArgumentsSpec arguments) => FromLogitsMismatch(output, arguments, Activation.Softmax,
        "categorical cross-entropy needs a softmax last layer (its outputs must be a probability distribution)");

    public override string BackwardComment(string output, string delta, string columns, Activation activation, LossArgumentsSpec arguments)
        => arguments.FromLogits
            ? $"{delta} (rows, {columns}) = (softmax({output}) - {SmoothedTargets(arguments, columns)}) / rows: categorical cross-entropy from the logits {output}"
            : $"{delta} (rows, {columns}) = ({output} - {SmoothedTargets(arguments, columns)}) / rows: softmax and categorical cross-entropy, fused";
}
