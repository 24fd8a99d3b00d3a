using System.Numerics;

namespace FastDense.Layers;

/// <summary>
/// Keras's <c>Normalization</c> (keras/src/layers/preprocessing/normalization.py): <c>(x − mean) / max(sqrt(variance), ε)</c>
/// per feature, or <c>mean + x · max(sqrt(variance), ε)</c> when inverted, with ε = 1e-7 (<c>keras.backend.epsilon()</c>);
/// <c>adapt</c> sets the mean and the (population) variance of its data. One mean and variance per feature, or one for
/// all features (Keras's <c>axis=None</c>): the state holds <c>width</c> or 1 of each.
/// </summary>
internal static class NormalizationMath
{
    /// <summary>Keras's <c>backend.epsilon()</c>.</summary>
    public const double Epsilon = 1e-7;

    /// <summary>output (rows, width) from input (rows, width), through the state's mean and variance (each width or 1 long).</summary>
    public static void Forward<T>(ReadOnlySpan<T> input, Span<T> output, ReadOnlySpan<T> mean, ReadOnlySpan<T> variance, int rows, int width, bool invert)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T epsilon = T.CreateTruncating(Epsilon);
        bool perFeature = mean.Length == width;
        for (int j = 0; j < width; j++)
        {
            int k = perFeature ? j : 0;
            T m = mean[k], scale = T.Max(T.Sqrt(variance[k]), epsilon);
            for (int r = 0; r < rows; r++)
            {
                int i = r * width + j;
                output[i] = invert ? m + input[i] * scale : (input[i] - m) / scale;
            }
        }
    }

    /// <summary>delta (rows, width) = dLoss/d(input) from dLoss/d(output), in place: divided (multiplied when inverted) by the scale.</summary>
    public static void Backward<T>(ReadOnlySpan<T> variance, Span<T> delta, int rows, int width, bool invert)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T epsilon = T.CreateTruncating(Epsilon);
        bool perFeature = variance.Length == width;
        for (int j = 0; j < width; j++)
        {
            T scale = T.Max(T.Sqrt(variance[perFeature ? j : 0]), epsilon);
            for (int r = 0; r < rows; r++)
            {
                int i = r * width + j;
                delta[i] = invert ? delta[i] * scale : delta[i] / scale;
            }
        }
    }

    /// <summary>
    /// The mean and population variance of <paramref name="data"/> (rows, width), per feature or over everything as
    /// <paramref name="mean"/>'s length says, computed in double (two passes: the mean, then the squared deviations).
    /// </summary>
    public static void Adapt<T>(ReadOnlySpan<T> data, int rows, int width, Span<T> mean, Span<T> variance)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        bool perFeature = mean.Length == width;
        int groups = perFeature ? width : 1;
        long count = perFeature ? rows : (long)rows * width;
        Span<double> sums = groups <= 512 ? stackalloc double[groups] : new double[groups];
        sums.Clear();
        for (int i = 0; i < rows * width; i++) sums[perFeature ? i % width : 0] += double.CreateTruncating(data[i]);
        for (int k = 0; k < groups; k++) sums[k] /= count;
        Span<double> squares = groups <= 512 ? stackalloc double[groups] : new double[groups];
        squares.Clear();
        for (int i = 0; i < rows * width; i++)
        {
            int k = perFeature ? i % width : 0;
            double deviation = double.CreateTruncating(data[i]) - sums[k];
            squares[k] += deviation * deviation;
        }
        for (int k = 0; k < groups; k++)
        {
            mean[k] = T.CreateTruncating(sums[k]);
            variance[k] = T.CreateTruncating(squares[k] / count);
        }
    }
}
