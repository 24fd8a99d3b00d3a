namespace FastDense.Generators.Losses;

/// <summary>Mean squared error: from the output, <c>2 (p − y) / (rows · columns)</c> through the output activation's derivative.</summary>
internal sealed class MeanSquaredErrorKind : LossKind
{
    public override Loss Loss => Loss.MeanSquaredError;

    public override string KerasName => "mean_squared_error";

    public override bool KeepsLogits => false;

    public override string? Mismatch(Activation output) => output == Activation.Softmax
        ? "use categorical cross-entropy with softmax, or a linear/sigmoid/tanh/relu last layer with mean squared error"
        : null;

    public override string BackwardComment(string output, string delta, string columns, Activation activation)
        => $"{delta} (rows, {columns}) = 2 ({output} - y) / (rows * {columns}){(activation == Activation.Linear ? "" : $" ⊙ {Lower(activation)}'({output})")}: mean squared error";
}
