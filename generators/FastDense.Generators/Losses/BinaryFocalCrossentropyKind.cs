using System.Collections.Generic;
using FastDense.Generators.Model;

namespace FastDense.Generators.Losses;

/// <summary>
/// Binary focal cross-entropy (<c>ApplyClassBalancing</c>, <c>Alpha</c>, <c>Gamma</c>, <c>FromLogits</c>,
/// <c>LabelSmoothing</c>): from the logits, its backward reads them too (the cross-entropy factor stays exact where the
/// sigmoid saturates).
/// </summary>
internal sealed class BinaryFocalCrossentropyKind : LossKind
{
    public override Loss Loss => Loss.BinaryFocalCrossentropy;

    public override string KerasName => "binary_focal_crossentropy";

    // Keras's order: apply_class_balancing, alpha, gamma, from_logits, label_smoothing.
    public override IReadOnlyList<LossArgument> Arguments { get; } = new[]
    {
        LossArgument.ApplyClassBalancing, LossArgument.Alpha, LossArgument.Gamma, LossArgument.FromLogits, LossArgument.LabelSmoothing,
    };

    public override bool KeepsLogits(LossArgumentsSpec arguments) => !arguments.FromLogits;

    public override bool BackwardReadsLogits(LossArgumentsSpec arguments) => true;

    public override string? Mismatch(Activation output, LossArgumentsSpec arguments) => FromLogitsMismatch(output, arguments, Activation.Sigmoid,
        "binary focal cross-entropy needs a sigmoid last layer (each output must be a probability)");

    public override string? ArgumentWithoutEffect(LossArgument argument, LossArgumentsSpec arguments)
        => argument == LossArgument.Alpha && !arguments.ApplyClassBalancing
            ? "has no effect on Loss.BinaryFocalCrossentropy without ApplyClassBalancing = true (Keras reads alpha only to balance the classes)"
            : null;

    public override string BackwardComment(string output, string delta, string columns, Activation activation, LossArgumentsSpec arguments)
        => $"{delta} (rows, {columns}) = d(w (1 - p_t)^gamma bce)/dz / (rows * {columns}), p = {(arguments.FromLogits ? $"sigmoid({output})" : output)}, bce from the logits: binary focal cross-entropy";
}
