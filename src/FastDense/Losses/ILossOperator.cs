using System.Numerics;

namespace FastDense.__Internals;

/// <summary>
/// A loss as a typed operator, as <see cref="IActivation"/> is for activations: generated code passes the model's loss
/// and its output activation to <see cref="Losses.Backward{T, TLoss, TActivation}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, TLoss, TActivation)"/>, and the loss decides how its
/// gradient reaches the output layer's pre-activation: fused with the activation where the pair has a closed form
/// (softmax and categorical cross-entropy: <c>(p − y) / rows</c>), through the activation's derivative otherwise.
/// </summary>
public interface ILossOperator
{
    /// <summary>
    /// delta (rows, columns) = d(mean loss over the batch)/d(the output layer's pre-activation), from its output
    /// (after <paramref name="activation"/>) and the targets <paramref name="y"/>.
    /// </summary>
    void Backward<T, TActivation>(ReadOnlySpan<T> output, ReadOnlySpan<T> y, Span<T> delta, int rows, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation;
}

/// <summary>
/// A loss whose backward reads the output layer's logits as well as its output: binary focal cross-entropy, whose
/// cross-entropy factor is computed from the logits (as Keras's TensorFlow backend computes it, from the sigmoid's
/// <c>_keras_logits</c>) so that it stays exact where the sigmoid saturates. Generated code passes the logits block (the
/// output itself when the output is linear, under <c>FromLogits</c>) to
/// <see cref="Losses.Backward{T, TLoss, TActivation}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, TLoss, TActivation)"/>.
/// </summary>
public interface ILogitsLossOperator
{
    /// <summary>
    /// delta (rows, columns) = d(mean loss over the batch)/d(the output layer's pre-activation), from its output (after
    /// <paramref name="activation"/>), its <paramref name="logits"/> and the targets <paramref name="y"/>.
    /// </summary>
    void Backward<T, TActivation>(ReadOnlySpan<T> output, ReadOnlySpan<T> logits, ReadOnlySpan<T> y, Span<T> delta, int rows, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation;
}
