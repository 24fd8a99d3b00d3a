using FastDense.Metrics;

namespace FastDense;

/// <summary>
/// Keras's <c>PrecisionAtRecall</c> (keras/src/metrics/confusion_metrics.py): the best precision, <c>tp / (tp + fp)</c>, over the thresholds where recall, <c>tp / (tp + fn)</c>, is at least <see cref="Recall"/>, from the confusion counts at each of
/// <see cref="SensitivitySpecificityBase.NumThresholds"/> thresholds accumulated over every batch since the last reset; the search is
/// <see cref="SensitivitySpecificityBase"/>'s.
/// </summary>
public sealed class PrecisionAtRecall : SensitivitySpecificityBase
{
    /// <summary>Creates the metric.</summary>
    /// <param name="recall">The recall a threshold must reach, in [0, 1] (Keras requires it).</param>
    /// <param name="numThresholds">How many thresholds are searched (Keras's default 200).</param>
    /// <param name="classId">The one output column to count, or null for every output (Keras's <c>class_id</c>).</param>
    /// <param name="name">Its key (Keras's default: <c>precision_at_recall</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="recall"/> is outside [0, 1], <paramref name="numThresholds"/> is less than 1, or
    /// <paramref name="classId"/> is negative.
    /// </exception>
    public PrecisionAtRecall(double recall, int numThresholds = 200, int? classId = null, string name = "precision_at_recall")
        : base(name, recall, nameof(recall), numThresholds, classId, ThresholdSearchKind.PrecisionAtRecall)
    {
    }

    /// <summary>The recall a threshold must reach, in [0, 1]: <see cref="SensitivitySpecificityBase.Value"/>.</summary>
    public double Recall => Value;
}
