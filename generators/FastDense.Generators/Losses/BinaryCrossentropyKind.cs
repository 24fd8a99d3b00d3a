using FastDense.Generators.Model;

namespace FastDense.Generators.Losses;

/// <summary>Binary cross-entropy: from the logits, fused with sigmoid (<c>(p − y) / (rows · columns)</c>).</summary>
internal sealed class BinaryCrossentropyKind : LossKind
{
    public override Loss Loss => Loss.BinaryCrossentropy;

    public override string KerasName => "binary_crossentropy";

    public override bool KeepsLogits(LossArgumentsSpec arguments) => true;

    public override string? Mismatch(Activation output, LossArgumentsSpec arguments) => output != Activation.Sigmoid
        ? "binary cross-entropy needs a sigmoid last layer (each output must be a probability)"
        : null;

    public override string BackwardComment(string output, string delta, string columns, Activation activation, LossArgumentsSpec arguments)
        => $"{delta} (rows, {columns}) = ({output} - y) / (rows * {columns}): sigmoid and binary cross-entropy, fused";
}
