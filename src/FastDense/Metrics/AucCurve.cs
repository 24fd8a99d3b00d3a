namespace FastDense;

/// <summary>
/// The curve whose area <see cref="Auc"/> computes: Keras's <c>AUCCurve</c> (keras/src/metrics/metrics_utils.py),
/// the <c>curve</c> argument of <c>keras.metrics.AUC</c> (<c>"ROC"</c>, <c>"PR"</c>, <c>"PRGAIN"</c>).
/// </summary>
public enum AucCurve
{
    /// <summary>The receiver operating characteristic: recall (true positive rate) against the false positive rate (Keras's default, <c>"ROC"</c>).</summary>
    Roc,

    /// <summary>Precision against recall (<c>"PR"</c>).</summary>
    Pr,

    /// <summary>
    /// Precision gain against recall gain (<c>"PRGAIN"</c>, Flach &amp; Kull 2015), with Keras's fixes: where there is no
    /// true positive, recall gain 0 and precision gain 1; a negative recall gain is taken as 0.
    /// </summary>
    PrGain,
}
