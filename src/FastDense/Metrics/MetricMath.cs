namespace FastDense.Metrics;

/// <summary>The few numbers and operations Keras's metrics share, in double.</summary>
internal static class MetricMath
{
    /// <summary>Keras's <c>backend.epsilon()</c> (keras/src/backend/config.py): 1e-7.</summary>
    public const double Epsilon = 1e-7;

    /// <summary>Keras's <c>ops.divide_no_nan</c>: 0 when the denominator is 0, whatever the numerator.</summary>
    public static double DivideNoNan(double numerator, double denominator) => denominator == 0 ? 0 : numerator / denominator;
}
