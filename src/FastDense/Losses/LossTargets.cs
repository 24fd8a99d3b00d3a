using System.Numerics;
using FastDense.Kernels;

namespace FastDense.Losses;

/// <summary>Target checks that several losses share.</summary>
internal static class LossTargets
{
    /// <summary>
    /// How many target values a row has: one class index for <see cref="Loss.SparseCategoricalCrossentropy"/>, one per
    /// output for every other loss. A JIT constant for a model's kernel.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int Width(Loss loss, int outputs) => loss == Loss.SparseCategoricalCrossentropy ? 1 : outputs;

    /// <summary>
    /// Every target is a class index: an integer in [0, <paramref name="classes"/>). Throws at the first that is not,
    /// naming its row. (Keras casts labels to int64, truncating a fraction; an integer is required here instead, since
    /// 2.7 as a class is a mistake in the data, not a label.)
    /// </summary>
    public static void ClassIndices<T>(ReadOnlySpan<T> y, string name, int classes, int? ignoreClass = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T top = T.CreateTruncating(classes - 1);
        for (int i = 0; i < y.Length; i++)
        {
            T label = y[i];
            if (ignoreClass is int ignored && label == T.CreateTruncating(ignored)) continue;
            if (label < T.Zero || label > top || !T.IsInteger(label))
            {
                throw new ArgumentException(
                    $"{name}[{i}] is {Text(label)}, but sparse categorical cross-entropy labels must be class indices: integers in [0, {classes}) for a model with {classes} outputs.", name);
            }
        }
    }

    /// <summary>Every target is a probability in [0, 1]; throws at the first that is not, naming it.</summary>
    public static void Probabilities<T>(T[] y, string name, int width, Loss loss)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // A vector pass decides; the loop only finds the culprit (Fashion-MNIST's 600,000 targets, on every Fit call).
        if (ValueRange.AllWithin<T>(y, T.Zero, T.One)) return;
        for (int i = 0; i < y.Length; i++)
        {
            if (y[i] < T.Zero || y[i] > T.One)
            {
                throw new ArgumentException(
                    $"{name}[row {i / width}, column {i % width}] is {y[i]}, but {loss} targets must be probabilities in [0, 1] " +
                    "(one-hot rows: see OneHot.Encode).", name);
            }
        }
    }

    /// <summary>Every target is at least 0; throws at the first that is not, naming it and <paramref name="why"/>.</summary>
    public static void NonNegative<T>(T[] y, string name, int width, Loss loss, string why)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (ValueRange.AllWithin<T>(y, T.Zero, T.PositiveInfinity)) return;
        for (int i = 0; i < y.Length; i++)
        {
            if (y[i] < T.Zero)
            {
                throw new ArgumentException($"{name}[row {i / width}, column {i % width}] is {Text(y[i])}, but {loss} targets must be non-negative: {why}.", name);
            }
        }
    }

    /// <summary>Every target is one of <paramref name="allowed"/>; throws at the first that is not, saying what they must be.</summary>
    public static void OneOf<T>(T[] y, string name, int width, Loss loss, double[] allowed, string what)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int i = 0; i < y.Length; i++)
        {
            if (Array.IndexOf(allowed, double.CreateTruncating(y[i])) < 0)
            {
                throw new ArgumentException($"{name}[row {i / width}, column {i % width}] is {Text(y[i])}, but {loss} targets must be {what}.", name);
            }
        }
    }

    /// <summary>
    /// Hinge targets: all −1 or 1, or all 0 or 1. Keras converts 0/1 labels to −1/1 (keras/src/losses/losses.py,
    /// <c>convert_binary_labels_to_hinge</c>) only when every target of the batch is 0 or 1, so targets that mix 0 and
    /// −1 would be read one way or the other depending on the batching: they are refused, naming one of each.
    /// </summary>
    public static void HingeLabels<T>(T[] y, string name, int width, Loss loss)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        OneOf(y, name, width, loss, [-1, 0, 1], "-1 or 1 (or 0 or 1, which Keras converts to -1 and 1)");
        int zero = Array.IndexOf(y, T.Zero), minusOne = Array.IndexOf(y, T.NegativeOne);
        if (zero >= 0 && minusOne >= 0)
        {
            throw new ArgumentException(
                $"{name}[row {minusOne / width}, column {minusOne % width}] is -1 and {name}[row {zero / width}, column {zero % width}] is 0, but {loss} " +
                "targets must be all -1 or 1, or all 0 or 1: Keras converts 0/1 labels to -1/1 only in a batch where every target is 0 or 1, " +
                "so a mix would be read differently from batch to batch.", name);
        }
    }

    private static string Text<T>(T value) where T : IFormattable => value.ToString(null, System.Globalization.CultureInfo.InvariantCulture);
}
