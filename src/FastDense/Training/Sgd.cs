using System.Numerics;
using System.Numerics.Tensors;

namespace FastDense;

/// <summary>Plain stochastic gradient descent, Keras's <c>SGD()</c> without momentum: <c>w -= learning_rate · g</c>.</summary>
public sealed class Sgd : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">The step size (Keras's default: 0.01).</param>
    public Sgd(double learningRate = 0.01) : base(learningRate)
    {
    }

    /// <inheritdoc />
    protected override int StateSlots => 0;

    /// <inheritdoc />
    internal override void DescribeHyperparameters(List<KeyValuePair<string, string>> hyperparameters)
    {
        // Plain SGD has no hyperparameter besides the learning rate.
    }

    /// <inheritdoc />
    protected override void Apply<T>(Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> state, long step)
        => TensorPrimitives.MultiplyAdd(gradients, T.CreateTruncating(-LearningRate), parameters, parameters);

    internal override bool UpdatesInRanges => true;

    internal override void ApplyRange<T>(Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> state, int start, int length, long step)
        => Apply(parameters.Slice(start, length), gradients.Slice(start, length), state, step);
}
