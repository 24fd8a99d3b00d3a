using System.Collections.Generic;
using FastDense.Generators.Model;

namespace FastDense.Generators.Losses;

/// <summary>
/// Binary cross-entropy (<c>FromLogits</c>, <c>LabelSmoothing</c>): from the logits, fused with sigmoid
/// (<c>(p − y) / (rows · columns)</c>), or from a linear output's own logits (<c>(σ(z) − y) / (rows · columns)</c>).
/// </summary>
internal sealed class BinaryCrossentropyKind : LossKind
{
    public override Loss Loss => Loss.BinaryCrossentropy;

    public override string KerasName => "binary_crossentropy";

    public override IReadOnlyList<LossArgument> Arguments { get; } = new[] { LossArgument.FromLogits, LossArgument.LabelSmoothing };

    // A linear output under FromLogits is the logits already: nothing to keep apart.
    public override bool KeepsLogits(LossArgumentsSpec arguments) => !arguments.FromLogits;

    public override string? Mismatch(Activation output, LossArgumentsSpec arguments) => FromLogitsMismatch(output, arguments, Activation.Sigmoid,
        "binary cross-entropy needs a sigmoid last layer (each output must be a probability)");

    public override string BackwardComment(string output, string delta, string columns, Activation activation, LossArgumentsSpec arguments)
        => arguments.FromLogits
            ? $"{delta} (rows, {columns}) = (sigmoid({output}) - {SmoothedTargets(arguments, "2")}) / (rows * {columns}): binary cross-entropy from the logits {output}"
            : $"{delta} (rows, {columns}) = ({output} - {SmoothedTargets(arguments, "2")}) / (rows * {columns}): sigmoid and binary cross-entropy, fused";
}
