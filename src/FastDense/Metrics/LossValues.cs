using System.Numerics;

namespace FastDense.Metrics;

/// <summary>
/// The value of each loss, computed as Keras computes it (in double, whatever T is), for reporting. Training uses the
/// fused gradients in <see cref="Kernels.LossGradients"/>, which are the exact derivatives of these without clipping.
/// </summary>
internal static class LossValues
{
    /// <summary>Keras's <c>backend.epsilon()</c>: probabilities are clipped to [Epsilon, 1 - Epsilon] before the log.</summary>
    public const double Epsilon = 1e-7;

    /// <summary>The sum over rows of each row's loss; divide by the row count for the batch mean.</summary>
    public static double Sum<T>(Loss loss, ReadOnlySpan<T> p, ReadOnlySpan<T> y, int rows, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> pr = p.Slice(r * columns, columns), yr = y.Slice(r * columns, columns);
            total += loss switch
            {
                Loss.CategoricalCrossentropy => CategoricalCrossentropy(pr, yr),
                Loss.BinaryCrossentropy => BinaryCrossentropy(pr, yr),
                Loss.MeanSquaredError => MeanSquaredError(pr, yr),
                _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss."),
            };
        }
        return total;
    }

    /// <summary><c>-Σ_i y_i log(clip(p_i / Σp))</c>: Keras renormalizes the row to sum 1, then clips.</summary>
    public static double CategoricalCrossentropy<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double sum = 0;
        foreach (T value in p) sum += double.CreateTruncating(value);
        double loss = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double target = double.CreateTruncating(y[i]);
            if (target != 0) loss -= target * Math.Log(Clip(double.CreateTruncating(p[i]) / sum));
        }
        return loss;
    }

    /// <summary><c>-mean_i [y_i log(clip(p_i)) + (1 - y_i) log(1 - clip(p_i))]</c> (Keras 3).</summary>
    public static double BinaryCrossentropy<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double loss = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double q = Clip(double.CreateTruncating(p[i])), target = double.CreateTruncating(y[i]);
            loss -= target * Math.Log(q) + (1 - target) * Math.Log(1 - q);
        }
        return loss / p.Length;
    }

    /// <summary><c>mean_i (p_i - y_i)²</c>.</summary>
    public static double MeanSquaredError<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double loss = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double e = double.CreateTruncating(p[i]) - double.CreateTruncating(y[i]);
            loss += e * e;
        }
        return loss / p.Length;
    }

    private static double Clip(double value) => Math.Clamp(value, Epsilon, 1 - Epsilon);
}
