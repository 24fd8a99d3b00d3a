using System.Numerics;
using FastDense.Losses;

namespace FastDense.Metrics;

/// <summary>
/// The reported loss: the sum over a batch's rows of each row's loss, in double, from the loss input the generated code
/// names (the logits for the cross-entropies, the output for mean squared error). Each loss's formula is in its file
/// (Losses/), reached through <see cref="LossFunction"/>.
/// </summary>
internal static class LossValues
{
    /// <summary>The sum over <paramref name="rows"/> rows of <paramref name="loss"/> with Keras's default arguments.</summary>
    public static double Sum<T>(Loss loss, ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y, int rows, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => LossFunction.For(loss).Sum(lossInput, y, rows, columns);

    /// <summary>The sum over <paramref name="rows"/> rows of <paramref name="loss"/> (a model's: <see cref="ModelDescription.LossFunction"/>).</summary>
    public static double Sum<T>(LossFunction loss, ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y, int rows, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => loss.Sum(lossInput, y, rows, columns);
}
