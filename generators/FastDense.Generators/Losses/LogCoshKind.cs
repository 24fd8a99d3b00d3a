using FastDense.Generators.Model;

namespace FastDense.Generators.Losses;

/// <summary>Log-cosh: from the output, <c>tanh(p − y) / (rows · columns)</c> through the output activation; any output.</summary>
internal sealed class LogCoshKind : LossKind
{
    public override Loss Loss => Loss.LogCosh;

    public override string KerasName => "log_cosh";

    public override bool KeepsLogits(LossArgumentsSpec arguments) => false;

    public override string? Mismatch(Activation output, LossArgumentsSpec arguments) => null;

    public override string BackwardComment(string output, string delta, string columns, Activation activation, LossArgumentsSpec arguments)
        => $"{delta} (rows, {columns}) = tanh({output} - y) / (rows * {columns}){ThroughActivation(output, activation)}: log-cosh";
}
