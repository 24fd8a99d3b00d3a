using System.Numerics;

namespace FastDense.Losses;

/// <summary>
/// A loss for the parts of the runtime that read its value, name or targets (scoring, evaluation, data checks): the
/// one place that maps a <see cref="Loss"/> member to its definition.
/// </summary>
#pragma warning disable CS0618 // the loss structs live in __Internals, [Obsolete] for users only.
internal abstract class LossFunction
{
    private static readonly LossFunction CategoricalCrossentropy = new Of<__Internals.CategoricalCrossentropyLoss>();
    private static readonly LossFunction BinaryCrossentropy = new Of<__Internals.BinaryCrossentropyLoss>();
    private static readonly LossFunction MeanSquaredError = new Of<__Internals.MeanSquaredErrorLoss>();

    /// <summary>The definition of <paramref name="loss"/>.</summary>
    public static LossFunction For(Loss loss) => loss switch
    {
        Loss.CategoricalCrossentropy => CategoricalCrossentropy,
        Loss.BinaryCrossentropy => BinaryCrossentropy,
        Loss.MeanSquaredError => MeanSquaredError,
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss."),
    };

    /// <summary>Keras's name.</summary>
    public abstract string KerasName { get; }

    /// <summary>Whether the value is computed from the logits.</summary>
    public abstract bool ReadsLogits { get; }

    /// <summary>The sum over <paramref name="rows"/> rows of each row's loss, in double.</summary>
    public abstract double Sum<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y, int rows, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>Checks targets already shaped and finite.</summary>
    public abstract void CheckTargets<T>(T[] y, string name, int width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    private sealed class Of<TLoss> : LossFunction
        where TLoss : struct, ILossDefinition
    {
        public override string KerasName => TLoss.KerasName;

        public override bool ReadsLogits => TLoss.ReadsLogits;

        public override double Sum<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y, int rows, int columns)
        {
            double total = 0;
            for (int r = 0; r < rows; r++) total += TLoss.RowValue(lossInput.Slice(r * columns, columns), y.Slice(r * columns, columns));
            return total;
        }

        public override void CheckTargets<T>(T[] y, string name, int width) => TLoss.CheckTargets(y, name, width);
    }
}
