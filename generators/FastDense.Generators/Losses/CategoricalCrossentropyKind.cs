using FastDense.Generators.Model;

namespace FastDense.Generators.Losses;

/// <summary>Categorical cross-entropy: from the logits, fused with softmax (<c>(p − y) / rows</c>).</summary>
internal sealed class CategoricalCrossentropyKind : LossKind
{
    public override Loss Loss => Loss.CategoricalCrossentropy;

    public override string KerasName => "categorical_crossentropy";

    public override bool KeepsLogits(LossArgumentsSpec arguments) => true;

    // The fused backward (p - y) is the gradient with respect to the logits only for softmax.
    public override string? Mismatch(Activation output, LossArgumentsSpec arguments) => output != Activation.Softmax
        ? "categorical cross-entropy needs a softmax last layer (its outputs must be a probability distribution)"
        : null;

    public override string BackwardComment(string output, string delta, string columns, Activation activation, LossArgumentsSpec arguments)
        => $"{delta} (rows, {columns}) = ({output} - y) / rows: softmax and categorical cross-entropy, fused";
}
