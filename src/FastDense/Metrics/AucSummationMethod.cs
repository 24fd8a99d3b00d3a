namespace FastDense;

/// <summary>
/// How <see cref="Auc"/> sums the area between its thresholds: Keras's <c>AUCSummationMethod</c>
/// (keras/src/metrics/metrics_utils.py), the <c>summation_method</c> argument of <c>keras.metrics.AUC</c>.
/// </summary>
public enum AucSummationMethod
{
    /// <summary>
    /// <c>"interpolation"</c> (Keras's default): the mid-point rule for ROC and PR-gain; for PR, true and false
    /// positives interpolated linearly between thresholds, not the precision (Davis &amp; Goadrich 2006), as Keras's
    /// <c>interpolate_pr_auc</c> integrates it.
    /// </summary>
    Interpolation,

    /// <summary><c>"minoring"</c>: each interval's height is the smaller of its two ends (a lower bound of the area).</summary>
    Minoring,

    /// <summary><c>"majoring"</c>: each interval's height is the larger of its two ends (an upper bound of the area).</summary>
    Majoring,
}
