using System.Numerics;

namespace FastDense;

/// <summary>
/// The fixed-shape code of one model, as the source generator emits it (a nested <c>Kernel</c> struct in each
/// <c>[Model]</c> class). Members are <c>static abstract</c> so that <see cref="Model{TKernel, T}"/>, generic over a
/// struct that implements this, is compiled once per model with every call direct and every size a constant.
/// </summary>
/// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IModelKernel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The width of one input row.</summary>
    static abstract int InputSize { get; }

    /// <summary>The width of one output row (the last layer's units).</summary>
    static abstract int OutputSize { get; }

    /// <summary>The length of the flat parameter buffer (all kernels and biases, contiguous).</summary>
    static abstract int ParameterCount { get; }

    /// <summary>Workspace elements per batch row: a batch of <c>rows</c> rows needs <c>rows · WorkspacePerRow</c>.</summary>
    static abstract int WorkspacePerRow { get; }

    /// <summary>
    /// Workspace elements needed once per batch, after the per-row blocks (a BatchNormalization's batch mean and
    /// variance): a workspace for <c>rows</c> rows holds <c>rows · WorkspacePerRow + WorkspaceFixed</c> elements.
    /// </summary>
    static abstract int WorkspaceFixed { get; }

    /// <summary>The model's output for a batch of <c>rows</c> rows is the workspace slice at <c>rows · OutputOffsetPerRow</c>.</summary>
    static abstract int OutputOffsetPerRow { get; }

    /// <summary>
    /// What the loss is computed from, (rows, OutputSize), is the workspace slice at <c>rows · LossInputOffsetPerRow</c>:
    /// the output layer's logits (its pre-activation) for the cross-entropies, as Keras's TensorFlow backend computes
    /// them from the logits; the output itself for mean squared error and the other losses of the output (and for a
    /// linear output under <c>FromLogits</c>, whose output is the logits).
    /// </summary>
    static abstract int LossInputOffsetPerRow { get; }

    /// <summary>The loss the model was declared with.</summary>
    static abstract Loss Loss { get; }

    /// <summary>The model as data: its layers, their shapes and where their parameters live.</summary>
    static abstract ModelDescription Description { get; }

    /// <summary>
    /// The length of the model's non-trainable state (a Normalization layer's mean and variance): tensors the layers
    /// read but the optimizer never updates, kept apart from the parameters. 0 for most models.
    /// </summary>
    static abstract int StateCount { get; }

    /// <summary>
    /// Fills <paramref name="parameters"/> with Glorot-uniform kernels and zero biases drawn from <paramref name="seed"/>,
    /// and <paramref name="state"/> with each state tensor's initial value (a Normalization's mean 0 and variance 1).
    /// </summary>
    static abstract void Initialize(Span<T> parameters, Span<T> state, ulong seed);

    /// <summary>
    /// Runs <paramref name="rows"/> rows of <paramref name="x"/> through the model, leaving every layer's output in
    /// <paramref name="workspace"/>. <paramref name="mode"/> says whether layers that act only in training (Dropout) act,
    /// and where their random draws come from.
    /// </summary>
    static abstract void Forward(ReadOnlySpan<T> parameters, ReadOnlySpan<T> state, ReadOnlySpan<T> x, int rows, Span<T> workspace, in ForwardMode mode);

    /// <summary>
    /// The regularization penalties Keras adds to the loss (<c>model.losses</c>), after a <see cref="Forward"/> of
    /// <paramref name="rows"/> rows: each regularized kernel's and bias's penalty, plus each activity penalty summed over
    /// the rows and divided by <paramref name="rows"/>. 0 for a model without regularizers. In double.
    /// </summary>
    static abstract double RegularizationLoss(ReadOnlySpan<T> parameters, ReadOnlySpan<T> workspace, int rows);

    /// <summary>
    /// Projects the constrained tensors of <paramref name="parameters"/> (Keras's <c>kernel_constraint</c>,
    /// <c>bias_constraint</c>); the trainer calls it after every applied optimizer step. Nothing for a model without constraints.
    /// </summary>
    static abstract void ApplyConstraints(Span<T> parameters);

    /// <summary>
    /// After a training <see cref="Forward"/> on the same batch, writes the gradient of the batch's loss into
    /// <paramref name="gradient"/>: the mean over rows, or with <paramref name="sampleWeight"/> (rows) Keras's
    /// <c>Σ w·loss / rows</c>; an empty <paramref name="sampleWeight"/> weighs every row 1.
    /// </summary>
    static abstract void Backward(ReadOnlySpan<T> parameters, ReadOnlySpan<T> state, ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> sampleWeight, int rows, Span<T> workspace, Span<T> gradient);

    /// <summary>
    /// After a training <see cref="Forward"/> whose step was applied, moves the state that training updates (a
    /// BatchNormalization's moving mean and variance) toward the batch's statistics that forward left in the workspace.
    /// Does nothing for a model without such state.
    /// </summary>
    static abstract void UpdateState(Span<T> state, ReadOnlySpan<T> workspace, int rows);
}
