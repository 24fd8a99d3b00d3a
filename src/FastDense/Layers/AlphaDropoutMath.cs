using System.Numerics;

namespace FastDense.Layers;

/// <summary>
/// Keras's <c>AlphaDropout</c> (keras/src/layers/regularization/alpha_dropout.py): in training, with q the rate, selu's
/// constants α and λ (scale) and <c>α' = −λα</c>, each input is kept (a draw ≥ q, Dropout's draws) or replaced by α', and
/// the result mapped by <c>a·v + b</c>, <c>a = ((1 − q)(1 + q·α'²))^−½</c>, <c>b = −a·α'·q</c>: a kept input gives
/// <c>a·x + b</c>, a dropped one <c>a·α' + b</c>. An input of mean 0 and variance 1 keeps both. The mask holds <c>a</c>
/// where kept and 0 where dropped: the derivative, which Backward multiplies into the gradient (Dropout's backward).
/// </summary>
internal static class AlphaDropoutMath
{
    /// <summary>selu's alpha, as Keras's layer writes it.</summary>
    public const double SeluAlpha = 1.6732632423543772848170429916717;

    /// <summary>selu's scale λ, as Keras's layer writes it.</summary>
    public const double SeluScale = 1.0507009873554804934193349852946;

    /// <summary>The value a dropped input takes before the affine map: <c>α' = −λα</c>.</summary>
    public const double AlphaPrime = -SeluAlpha * SeluScale;

    /// <summary>The affine map's factor <c>a = ((1 − rate)(1 + rate·α'²))^−½</c> and offset <c>b = −a·α'·rate</c>, in double.</summary>
    public static (double A, double B) Affine(double rate)
    {
        double a = Math.Pow((1 - rate) * (1 + rate * AlphaPrime * AlphaPrime), -0.5);
        return (a, -a * AlphaPrime * rate);
    }

    /// <summary>
    /// In training (rate above 0): mask (rows, width) = a where kept, 0 where dropped; output = mask ⊙ input + (b where
    /// kept, a·α' + b where dropped). In inference, or at rate 0 (Keras skips the layer then): output = input, mask = 1.
    /// </summary>
    public static void Forward<T>(ReadOnlySpan<T> input, Span<T> output, Span<T> mask, int rows, int width, double rate, ulong layerKey, in ForwardMode mode,
        bool sameForEveryRow, bool sameForEveryColumn)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int count = rows * width;
        if (!mode.IsTraining || rate == 0)
        {
            input.Slice(0, count).CopyTo(output);
            mask.Slice(0, count).Fill(T.One);
            return;
        }
        (double a, double b) = Affine(rate);
        DropoutMask.DrawMask(mask, rows, width, rate, T.CreateTruncating(a), layerKey, mode, sameForEveryRow, sameForEveryColumn);
        T kept = T.CreateTruncating(b), dropped = T.CreateTruncating(a * AlphaPrime + b);
        for (int i = 0; i < count; i++)
        {
            T m = mask[i];
            output[i] = m == T.Zero ? dropped : m * input[i] + kept;
        }
    }
}
