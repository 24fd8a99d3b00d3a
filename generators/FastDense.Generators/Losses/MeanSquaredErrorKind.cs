using FastDense.Generators.Model;

namespace FastDense.Generators.Losses;

/// <summary>Mean squared error: from the output, <c>2 (p − y) / (rows · columns)</c> through the output activation's derivative (softmax's Jacobian).</summary>
internal sealed class MeanSquaredErrorKind : LossKind
{
    public override Loss Loss => Loss.MeanSquaredError;

    public override string KerasName => "mean_squared_error";

    public override bool KeepsLogits(LossArgumentsSpec arguments) => false;

    // Through the output activation's derivative, or softmax's Jacobian: any output.
    public override string? Mismatch(Activation output, LossArgumentsSpec arguments) => null;

    public override string BackwardComment(string output, string delta, string columns, Activation activation, LossArgumentsSpec arguments)
        => $"{delta} (rows, {columns}) = 2 ({output} - y) / (rows * {columns}){ThroughActivation(output, activation)}: mean squared error";
}
