namespace FastDense;

/// <summary>
/// Keras's <c>F1Score</c> (keras/src/metrics/f_score_metrics.py): <see cref="FBetaScore"/> with β = 1, the harmonic
/// mean of precision and recall, <c>2 · precision · recall / (precision + recall)</c>. Keras's example: targets
/// [[1, 1, 1], [1, 0, 0], [1, 1, 0]] against [[0.2, 0.6, 0.7], [0.2, 0.6, 0.6], [0.6, 0.8, 0.0]] with threshold 0.5
/// give the class scores [0.5, 0.8, 0.6667].
/// </summary>
public sealed class F1Score : FBetaScore
{
    /// <summary>Creates the metric.</summary>
    /// <param name="average">How the per-class scores are averaged (Keras's default: none; see <see cref="FBetaScore"/>).</param>
    /// <param name="threshold">
    /// The probability above which an output counts as predicted, in (0, 1]; null (Keras's default) predicts each
    /// row's largest outputs.
    /// </param>
    /// <param name="name">Its key (Keras's default: <c>f1_score</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="average"/> is not defined, or <paramref name="threshold"/> is outside (0, 1].</exception>
    public F1Score(FScoreAverage average = FScoreAverage.None, double? threshold = null, string name = "f1_score")
        : base(average, 1.0, threshold, name)
    {
    }
}
