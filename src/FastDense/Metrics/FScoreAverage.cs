namespace FastDense;

/// <summary>
/// How <see cref="FBetaScore"/> and <see cref="F1Score"/> average over the output columns (classes): the
/// <c>average</c> argument of Keras's <c>FBetaScore</c> (keras/src/metrics/f_score_metrics.py).
/// </summary>
public enum FScoreAverage
{
    /// <summary>
    /// No averaging (Keras's default, <c>None</c>): Keras's <c>result()</c> is the vector of per-class scores, which
    /// FastDense gives as <see cref="FBetaScore.ClassResults"/>; <see cref="Metric.Result"/>, which is one number, is
    /// then their unweighted mean (the <see cref="Macro"/> value).
    /// </summary>
    None,

    /// <summary><c>"micro"</c>: one score from the true positives, false positives and false negatives counted over every output.</summary>
    Micro,

    /// <summary><c>"macro"</c>: the unweighted mean of the per-class scores.</summary>
    Macro,

    /// <summary><c>"weighted"</c>: the mean of the per-class scores weighted by each class's support (the sum of its targets).</summary>
    Weighted,
}
