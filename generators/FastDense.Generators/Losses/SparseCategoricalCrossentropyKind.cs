using System.Collections.Generic;
using FastDense.Generators.Model;

namespace FastDense.Generators.Losses;

/// <summary>
/// Sparse categorical cross-entropy (<c>FromLogits</c>): targets are class indices, one a row; from the logits, fused
/// with softmax (<c>(p − onehot(y)) / rows</c>), or from a linear output's own logits.
/// </summary>
internal sealed class SparseCategoricalCrossentropyKind : LossKind
{
    public override Loss Loss => Loss.SparseCategoricalCrossentropy;

    public override string KerasName => "sparse_categorical_crossentropy";

    public override IReadOnlyList<LossArgument> Arguments { get; } = new[] { LossArgument.FromLogits, LossArgument.IgnoreClass };

    public override bool KeepsLogits(LossArgumentsSpec arguments) => !arguments.FromLogits;

    // The fused backward (p - onehot) is the gradient with respect to the logits only for softmax.
    public override string? Mismatch(Activation output, LossArgumentsSpec arguments) => FromLogitsMismatch(output, arguments, Activation.Softmax,
        "sparse categorical cross-entropy needs a softmax last layer (its outputs must be a probability distribution)");

    public override string BackwardComment(string output, string delta, string columns, Activation activation, LossArgumentsSpec arguments)
        => arguments.FromLogits
            ? $"{delta} (rows, {columns}) = (softmax({output}) - onehot(y)) / rows: sparse categorical cross-entropy from the logits {output}, y (rows) class indices"
            : $"{delta} (rows, {columns}) = ({output} - onehot(y)) / rows: softmax and sparse categorical cross-entropy, fused; y (rows) class indices";
}
