namespace FastDense;

/// <summary>The outcome of one batch: sums over its rows, so that batches of different sizes average correctly.</summary>
/// <param name="Rows">The rows in the batch.</param>
/// <param name="LossSum">The sum of the rows' losses (computed before the update, as Keras reports it).</param>
/// <param name="MetricSum">The sum of the rows' metric values (accuracy: correct rows; mae: mean absolute errors).</param>
public readonly record struct BatchResult(int Rows, double LossSum, double MetricSum)
{
    /// <summary>The batch's mean loss.</summary>
    public double Loss => LossSum / Rows;

    /// <summary>The batch's mean metric.</summary>
    public double Metric => MetricSum / Rows;
}
