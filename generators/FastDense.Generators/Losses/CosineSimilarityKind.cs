using FastDense.Generators.Model;

namespace FastDense.Generators.Losses;

/// <summary>Cosine similarity: from the output, the gradient of <c>−ŷ·p̂</c> over rows through the output activation; any output.</summary>
internal sealed class CosineSimilarityKind : LossKind
{
    public override Loss Loss => Loss.CosineSimilarity;

    public override string KerasName => "cosine_similarity";

    public override bool KeepsLogits(LossArgumentsSpec arguments) => false;

    public override string? Mismatch(Activation output, LossArgumentsSpec arguments) => null;

    public override string BackwardComment(string output, string delta, string columns, Activation activation, LossArgumentsSpec arguments)
        => $"{delta} (rows, {columns}) = -(ŷ - (ŷ·p̂) p̂) / |{output}| / rows, ŷ and p̂ the l2-normalized rows of y and {output}{ThroughActivation(output, activation)}: cosine similarity";
}
