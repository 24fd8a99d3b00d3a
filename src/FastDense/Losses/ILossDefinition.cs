using System.Numerics;

namespace FastDense.Losses;

/// <summary>
/// What the runtime knows of a loss besides its gradient: its name, what it reads, its value and its targets. A loss
/// with arguments (Huber's delta) holds them in readonly fields, so the value is an instance member; the one instance
/// the runtime uses is built from a model's <see cref="LossArguments"/> by <see cref="Create"/>, with the values the
/// generated backward passes to the same struct's constructor.
/// </summary>
internal interface ILossDefinition<TSelf>
    where TSelf : struct, ILossDefinition<TSelf>
{
    /// <summary>The loss's member of <see cref="Loss"/>.</summary>
    static abstract Loss Kind { get; }

    /// <summary>Keras's name: <c>categorical_crossentropy</c>.</summary>
    static abstract string KerasName { get; }

    /// <summary>Whether the value is computed from the output layer's logits (its pre-activation) rather than its output.</summary>
    static abstract bool ReadsLogits { get; }

    /// <summary>
    /// The metric <c>Fit</c> reports when none is given (FastDense's choice; Keras reports none): <c>mae</c> for the
    /// regression losses, <c>accuracy</c> for those whose targets are classes.
    /// </summary>
    static abstract string DefaultMetric { get; }

    /// <summary>The loss with <paramref name="arguments"/> (those it does not take are ignored).</summary>
    static abstract TSelf Create(LossArguments arguments);

    /// <summary>One row's loss, in double, from the row's loss input (logits or output) and targets.</summary>
    double RowValue<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>Throws a specific ArgumentException when the targets (already shaped and finite) cannot be this loss's.</summary>
    void CheckTargets<T>(T[] y, string name, int width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;
}
