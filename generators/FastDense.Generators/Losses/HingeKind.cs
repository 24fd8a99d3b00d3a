using FastDense.Generators.Model;

namespace FastDense.Generators.Losses;

/// <summary>Hinge: from the output (targets 0/1 read as −1/1), <c>−y·[1 − y·p ≥ 0] / (rows · columns)</c> through the output activation; any output.</summary>
internal sealed class HingeKind : LossKind
{
    public override Loss Loss => Loss.Hinge;

    public override string KerasName => "hinge";

    public override bool KeepsLogits(LossArgumentsSpec arguments) => false;

    public override string? Mismatch(Activation output, LossArgumentsSpec arguments) => null;

    public override string BackwardComment(string output, string delta, string columns, Activation activation, LossArgumentsSpec arguments)
        => $"{delta} (rows, {columns}) = -y [1 - y {output} >= 0] / (rows * {columns}), 0 targets read as -1{ThroughActivation(output, activation)}: hinge";
}
