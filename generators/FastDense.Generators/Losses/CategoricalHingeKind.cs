using FastDense.Generators.Model;

namespace FastDense.Generators.Losses;

/// <summary>Categorical hinge: from the output, the gradient of <c>max(max((1 − y)·p) − Σ y·p + 1, 0)</c> over rows through the output activation; any output.</summary>
internal sealed class CategoricalHingeKind : LossKind
{
    public override Loss Loss => Loss.CategoricalHinge;

    public override string KerasName => "categorical_hinge";

    public override bool KeepsLogits(LossArgumentsSpec arguments) => false;

    public override string? Mismatch(Activation output, LossArgumentsSpec arguments) => null;

    public override string BackwardComment(string output, string delta, string columns, Activation activation, LossArgumentsSpec arguments)
        => $"{delta} (rows, {columns}) = ((1 - y) [at the row's max of (1 - y) {output}] - y) / rows where the margin is >= 0{ThroughActivation(output, activation)}: categorical hinge";
}
