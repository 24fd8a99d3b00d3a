namespace FastDense;

/// <summary>
/// How <see cref="R2Score"/> combines the scores of its output columns: the <c>class_aggregation</c> argument of
/// Keras's <c>R2Score</c> (keras/src/metrics/regression_metrics.py), scikit-learn's <c>multioutput</c>.
/// </summary>
public enum R2ClassAggregation
{
    /// <summary>
    /// No aggregation (Keras's <c>None</c>): Keras's result is the vector of per-output scores, which FastDense gives as
    /// <see cref="R2Score.ClassResults"/>; <see cref="Metric.Result"/>, which is one number, is then their unweighted
    /// mean (the <see cref="UniformAverage"/> value).
    /// </summary>
    None,

    /// <summary><c>"uniform_average"</c> (Keras's default): the unweighted mean of the per-output scores.</summary>
    UniformAverage,

    /// <summary><c>"variance_weighted_average"</c>: the mean of the per-output scores weighted by each output's total sum of squares.</summary>
    VarianceWeightedAverage,
}
