using System.Numerics;

namespace FastDense.Metrics;

/// <summary>The few numbers and operations Keras's metrics share, in double.</summary>
internal static class MetricMath
{
    /// <summary>Keras's <c>backend.epsilon()</c> (keras/src/backend/config.py): 1e-7.</summary>
    public const double Epsilon = 1e-7;

    /// <summary>Keras's <c>ops.divide_no_nan</c>: 0 when the denominator is 0, whatever the numerator.</summary>
    public static double DivideNoNan(double numerator, double denominator) => denominator == 0 ? 0 : numerator / denominator;

    /// <summary>
    /// The bounds of Keras's <c>clip(output, ε, 1 − ε)</c> (keras/src/backend/tensorflow/nn.py, the cross-entropies from
    /// probabilities) as a tensor of T holds them: ε and <c>1 − ε</c> (computed in double, as Python does) each rounded to
    /// T. For float the upper bound is 0.99999988, so a prediction of 1 costs −log(1.19e-7) = 15.94, not 16.12.
    /// </summary>
    public static (double Low, double High) ProbabilityBounds<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => (double.CreateTruncating(T.CreateTruncating(Epsilon)), double.CreateTruncating(T.CreateTruncating(1.0 - Epsilon)));

    /// <summary>
    /// <paramref name="value"/> clipped to [<paramref name="low"/>, <paramref name="high"/>]; NaN stays NaN (which
    /// <see cref="Math.Clamp(double, double, double)"/> also keeps, but this states it).
    /// </summary>
    public static double Clip(double value, double low, double high) => double.IsNaN(value) ? value : Math.Min(Math.Max(value, low), high);
}
