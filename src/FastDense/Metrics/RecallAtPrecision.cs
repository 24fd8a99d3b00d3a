using FastDense.Metrics;

namespace FastDense;

/// <summary>
/// Keras's <c>RecallAtPrecision</c> (keras/src/metrics/confusion_metrics.py): the best recall, <c>tp / (tp + fn)</c>, over the thresholds where precision, <c>tp / (tp + fp)</c>, is at least <see cref="Precision"/>; 0 when no threshold reaches it, from the confusion counts at each of
/// <see cref="SensitivitySpecificityBase.NumThresholds"/> thresholds accumulated over every batch since the last reset; the search is
/// <see cref="SensitivitySpecificityBase"/>'s.
/// </summary>
public sealed class RecallAtPrecision : SensitivitySpecificityBase
{
    /// <summary>Creates the metric.</summary>
    /// <param name="precision">The precision a threshold must reach, in [0, 1] (Keras requires it).</param>
    /// <param name="numThresholds">How many thresholds are searched (Keras's default 200).</param>
    /// <param name="classId">The one output column to count, or null for every output (Keras's <c>class_id</c>).</param>
    /// <param name="name">Its key (Keras's default: <c>recall_at_precision</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="precision"/> is outside [0, 1], <paramref name="numThresholds"/> is less than 1, or
    /// <paramref name="classId"/> is negative.
    /// </exception>
    public RecallAtPrecision(double precision, int numThresholds = 200, int? classId = null, string name = "recall_at_precision")
        : base(name, precision, nameof(precision), numThresholds, classId, ThresholdSearchKind.RecallAtPrecision)
    {
    }

    /// <summary>The precision a threshold must reach, in [0, 1]: <see cref="SensitivitySpecificityBase.Value"/>.</summary>
    public double Precision => Value;
}
