using FastDense.Generators.Model;

namespace FastDense.Generators.Losses;

/// <summary>KL divergence: from the output (clipped to [ε, 1]), <c>−y / p / rows</c> through the output activation; probability outputs.</summary>
internal sealed class KLDivergenceKind : LossKind
{
    public override Loss Loss => Loss.KLDivergence;

    public override string KerasName => "kl_divergence";

    public override bool KeepsLogits(LossArgumentsSpec arguments) => false;

    // Sparsemax's exact zeros are clipped to 1e-7 and get no gradient, as Keras's kl_divergence computes them.
    public override string? Mismatch(Activation output, LossArgumentsSpec arguments) => output is Activation.Softmax or Activation.Sigmoid or Activation.Sparsemax
        ? null
        : "kl divergence compares probabilities, so it needs a softmax, sigmoid or sparsemax last layer (outputs outside [1e-7, 1] are clipped and get no gradient)";

    public override string BackwardComment(string output, string delta, string columns, Activation activation, LossArgumentsSpec arguments)
        => $"{delta} (rows, {columns}) = -clip(y, 1e-7, 1) / {output} / rows (0 where {output} is outside [1e-7, 1]){ThroughActivation(output, activation)}: kl divergence";
}
