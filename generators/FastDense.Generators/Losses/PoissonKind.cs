using FastDense.Generators.Model;

namespace FastDense.Generators.Losses;

/// <summary>Poisson: from the output, <c>(1 − y / (p + ε)) / (rows · columns)</c> through the output activation; outputs that cannot be negative.</summary>
internal sealed class PoissonKind : LossKind
{
    public override Loss Loss => Loss.Poisson;

    public override string KerasName => "poisson";

    public override bool KeepsLogits(LossArgumentsSpec arguments) => false;

    public override string? Mismatch(Activation output, LossArgumentsSpec arguments) => output is Activation.Linear or Activation.Tanh or Activation.Glu
        ? "poisson takes the log of each prediction, so it needs a last layer whose outputs cannot be negative: relu, sigmoid or softmax"
        : null;

    public override string BackwardComment(string output, string delta, string columns, Activation activation, LossArgumentsSpec arguments)
        => $"{delta} (rows, {columns}) = (1 - y / ({output} + 1e-7)) / (rows * {columns}){ThroughActivation(output, activation)}: poisson";
}
