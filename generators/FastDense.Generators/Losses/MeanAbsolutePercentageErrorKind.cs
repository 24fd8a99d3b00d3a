using FastDense.Generators.Model;

namespace FastDense.Generators.Losses;

/// <summary>Mean absolute percentage error: from the output, <c>100 sign(p − y) / max(|y|, ε) / (rows · columns)</c> through the output activation; any output.</summary>
internal sealed class MeanAbsolutePercentageErrorKind : LossKind
{
    public override Loss Loss => Loss.MeanAbsolutePercentageError;

    public override string KerasName => "mean_absolute_percentage_error";

    public override bool KeepsLogits(LossArgumentsSpec arguments) => false;

    public override string? Mismatch(Activation output, LossArgumentsSpec arguments) => null;

    public override string BackwardComment(string output, string delta, string columns, Activation activation, LossArgumentsSpec arguments)
        => $"{delta} (rows, {columns}) = 100 sign({output} - y) / max(|y|, 1e-7) / (rows * {columns}){ThroughActivation(output, activation)}: mean absolute percentage error";
}
