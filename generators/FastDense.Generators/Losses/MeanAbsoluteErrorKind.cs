using FastDense.Generators.Model;

namespace FastDense.Generators.Losses;

/// <summary>Mean absolute error: from the output, <c>sign(p − y) / (rows · columns)</c> through the output activation; any output.</summary>
internal sealed class MeanAbsoluteErrorKind : LossKind
{
    public override Loss Loss => Loss.MeanAbsoluteError;

    public override string KerasName => "mean_absolute_error";

    public override bool KeepsLogits(LossArgumentsSpec arguments) => false;

    public override string? Mismatch(Activation output, LossArgumentsSpec arguments) => null;

    public override string BackwardComment(string output, string delta, string columns, Activation activation, LossArgumentsSpec arguments)
        => $"{delta} (rows, {columns}) = sign({output} - y) / (rows * {columns}){ThroughActivation(output, activation)}: mean absolute error";
}
