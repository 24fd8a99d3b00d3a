using System.Numerics;

namespace FastDense.Losses;

/// <summary>What the runtime knows of a loss besides its gradient: its name, what it reads, its value and its targets.</summary>
internal interface ILossDefinition
{
    /// <summary>The loss's member of <see cref="Loss"/>.</summary>
    static abstract Loss Kind { get; }

    /// <summary>Keras's name: <c>categorical_crossentropy</c>.</summary>
    static abstract string KerasName { get; }

    /// <summary>Whether the value is computed from the output layer's logits (its pre-activation) rather than its output.</summary>
    static abstract bool ReadsLogits { get; }

    /// <summary>One row's loss, in double, from the row's loss input (logits or output) and targets.</summary>
    static abstract double RowValue<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>Throws a specific ArgumentException when the targets (already shaped and finite) cannot be this loss's.</summary>
    static abstract void CheckTargets<T>(T[] y, string name, int width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;
}
