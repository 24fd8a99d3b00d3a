using System.Collections.Generic;
using FastDense.Generators.Model;

namespace FastDense.Generators.Losses;

/// <summary>Huber (<c>Delta</c>): from the output, <c>clip(p − y, ±delta) / (rows · columns)</c> through the output activation; any output.</summary>
internal sealed class HuberKind : LossKind
{
    public override Loss Loss => Loss.Huber;

    public override string KerasName => "huber";

    public override IReadOnlyList<LossArgument> Arguments { get; } = new[] { LossArgument.Delta };

    public override bool KeepsLogits(LossArgumentsSpec arguments) => false;

    public override string? Mismatch(Activation output, LossArgumentsSpec arguments) => null;

    public override string BackwardComment(string output, string delta, string columns, Activation activation, LossArgumentsSpec arguments)
        => $"{delta} (rows, {columns}) = clip({output} - y, -delta, delta) / (rows * {columns}){ThroughActivation(output, activation)}: huber, delta = {LossArgument.Delta.Literal(arguments.Delta)}";
}
