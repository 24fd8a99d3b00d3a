namespace FastDense;

/// <summary>
/// Keras's <c>LogCoshError</c> (keras/src/metrics/regression_metrics.py, on <c>log_cosh</c> in
/// keras/src/losses/losses.py): the mean over rows of <c>mean(log(cosh(y_pred − y_true)))</c> over the row's outputs,
/// computed as Keras does, <c>x + softplus(−2x) − log 2</c>, which neither overflows nor loses the large errors.
/// </summary>
public sealed class LogCoshError : MeanMetric
{
    private static readonly double Log2 = Math.Log(2.0);

    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Down;

    /// <summary>Creates the metric.</summary>
    /// <param name="name">Its key (Keras's default: <c>logcosh</c>; the string <c>"log_cosh_error"</c> gives <c>log_cosh_error</c>).</param>
    public LogCoshError(string name = "logcosh") : base(name)
    {
    }

    /// <inheritdoc />
    protected override double RowSum<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
    {
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            double sum = 0;
            for (int i = r * outputs; i < (r + 1) * outputs; i++)
            {
                double x = double.CreateTruncating(yPred[i]) - double.CreateTruncating(yTrue[i]);
                sum += x + Softplus(-2.0 * x) - Log2;
            }
            total += sum / outputs;
        }
        return total;
    }

    /// <summary><c>log(1 + e^z)</c> as <c>max(z, 0) + log(1 + e^−|z|)</c>, finite for every finite z.</summary>
    private static double Softplus(double z) => Math.Max(z, 0) + Math.Log(1.0 + Math.Exp(-Math.Abs(z)));
}
