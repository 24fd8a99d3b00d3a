using FastDense.Generators.Model;

namespace FastDense.Generators.Losses;

/// <summary>Squared hinge: from the output (targets 0/1 read as −1/1), <c>−2y·max(1 − y·p, 0) / (rows · columns)</c> through the output activation; any output.</summary>
internal sealed class SquaredHingeKind : LossKind
{
    public override Loss Loss => Loss.SquaredHinge;

    public override string KerasName => "squared_hinge";

    public override bool KeepsLogits(LossArgumentsSpec arguments) => false;

    public override string? Mismatch(Activation output, LossArgumentsSpec arguments) => null;

    public override string BackwardComment(string output, string delta, string columns, Activation activation, LossArgumentsSpec arguments)
        => $"{delta} (rows, {columns}) = -2 y max(1 - y {output}, 0) / (rows * {columns}), 0 targets read as -1{ThroughActivation(output, activation)}: squared hinge";
}
