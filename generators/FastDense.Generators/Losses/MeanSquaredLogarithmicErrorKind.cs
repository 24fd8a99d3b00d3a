using FastDense.Generators.Model;

namespace FastDense.Generators.Losses;

/// <summary>Mean squared logarithmic error: from the output (clipped at ε), through the output activation; any output.</summary>
internal sealed class MeanSquaredLogarithmicErrorKind : LossKind
{
    public override Loss Loss => Loss.MeanSquaredLogarithmicError;

    public override string KerasName => "mean_squared_logarithmic_error";

    public override bool KeepsLogits(LossArgumentsSpec arguments) => false;

    public override string? Mismatch(Activation output, LossArgumentsSpec arguments) => null;

    public override string BackwardComment(string output, string delta, string columns, Activation activation, LossArgumentsSpec arguments)
        => $"{delta} (rows, {columns}) = 2 (log(max({output}, 1e-7) + 1) - log(max(y, 1e-7) + 1)) / ({output} + 1) / (rows * {columns}){ThroughActivation(output, activation)}: mean squared logarithmic error";
}
