using System.Numerics;

namespace FastDense.Layers;

/// <summary>
/// Keras's <c>GaussianNoise</c> and <c>GaussianDropout</c> (keras/src/layers/regularization/gaussian_noise.py,
/// gaussian_dropout.py): in training, <c>x + N(0, stddev)</c> and <c>x · N(1, sqrt(rate / (1 − rate)))</c>; in inference,
/// <c>x</c>. The normal draws come from the same counter-based hash as Dropout's masks (a row's draws depend on the step's
/// key, the layer's key and the row's index in the batch, not on the thread count), through Box–Muller.
/// </summary>
internal static class GaussianNoiseMath
{
    /// <summary>output = input + stddev · N(0, 1) in training, input in inference.</summary>
    public static void Add<T>(ReadOnlySpan<T> input, Span<T> output, int rows, int width, double stddev, ulong layerKey, in ForwardMode mode)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int count = rows * width;
        if (!mode.IsTraining || stddev == 0)
        {
            input.Slice(0, count).CopyTo(output);
            return;
        }
        for (int r = 0; r < rows; r++)
        {
            uint key = DropoutMask.RowKey(mode.NoiseKey, layerKey, mode.FirstRow + r);
            for (int j = 0; j < width; j++)
            {
                int i = r * width + j;
                output[i] = input[i] + T.CreateTruncating(stddev * Normal(key, j));
            }
        }
    }

    /// <summary>noise = 1 + stddev · N(0, 1) with stddev = sqrt(rate / (1 − rate)), output = input ⊙ noise in training; input (and noise 1) in inference.</summary>
    public static void Multiply<T>(ReadOnlySpan<T> input, Span<T> output, Span<T> noise, int rows, int width, double rate, ulong layerKey, in ForwardMode mode)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int count = rows * width;
        if (!mode.IsTraining || rate == 0)
        {
            input.Slice(0, count).CopyTo(output);
            noise.Slice(0, count).Fill(T.One);
            return;
        }
        double stddev = Math.Sqrt(rate / (1 - rate));
        for (int r = 0; r < rows; r++)
        {
            uint key = DropoutMask.RowKey(mode.NoiseKey, layerKey, mode.FirstRow + r);
            for (int j = 0; j < width; j++)
            {
                int i = r * width + j;
                noise[i] = T.CreateTruncating(1 + stddev * Normal(key, j));
                output[i] = input[i] * noise[i];
            }
        }
    }

    /// <summary>
    /// A standard normal draw for column <paramref name="column"/> of a row: Box–Muller's cosine branch on two 32-bit
    /// draws, <c>sqrt(−2 ln u₁) cos(2π u₂)</c> with u₁ in (0, 1] so that the logarithm is finite.
    /// </summary>
    internal static double Normal(uint rowKey, int column)
    {
        double u1 = (DropoutMask.Draw(rowKey, 2 * column) + 1.0) / 4294967296.0;
        double u2 = DropoutMask.Draw(rowKey, 2 * column + 1) / 4294967296.0;
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
