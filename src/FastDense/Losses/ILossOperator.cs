using System.Numerics;

namespace FastDense.__Internals;

/// <summary>
/// A loss as a typed operator, as <see cref="IActivation"/> is for activations: generated code passes the model's loss
/// and its output activation to <see cref="Losses.Backward{T, TLoss, TActivation}"/>, and the loss decides how its
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
