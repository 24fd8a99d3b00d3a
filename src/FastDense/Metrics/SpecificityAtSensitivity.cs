using FastDense.Metrics;

namespace FastDense;

/// <summary>
/// Keras's <c>SpecificityAtSensitivity</c> (keras/src/metrics/confusion_metrics.py): the best specificity, <c>tn / (tn + fp)</c>, over the thresholds where sensitivity (recall), <c>tp / (tp + fn)</c>, is at least <see cref="Sensitivity"/>, from the confusion counts at each of
/// <see cref="SensitivitySpecificityBase.NumThresholds"/> thresholds accumulated over every batch since the last reset; the search is
/// <see cref="SensitivitySpecificityBase"/>'s.
/// </summary>
public sealed class SpecificityAtSensitivity : SensitivitySpecificityBase
{
    /// <summary>Creates the metric.</summary>
    /// <param name="sensitivity">The sensitivity a threshold must reach, in [0, 1] (Keras requires it).</param>
    /// <param name="numThresholds">How many thresholds are searched (Keras's default 200).</param>
    /// <param name="classId">The one output column to count, or null for every output (Keras's <c>class_id</c>).</param>
    /// <param name="name">Its key (Keras's default: <c>specificity_at_sensitivity</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="sensitivity"/> is outside [0, 1], <paramref name="numThresholds"/> is less than 1, or
    /// <paramref name="classId"/> is negative.
    /// </exception>
    public SpecificityAtSensitivity(double sensitivity, int numThresholds = 200, int? classId = null, string name = "specificity_at_sensitivity")
        : base(name, sensitivity, nameof(sensitivity), numThresholds, classId, ThresholdSearchKind.SpecificityAtSensitivity)
    {
    }

    /// <summary>The sensitivity a threshold must reach, in [0, 1]: <see cref="SensitivitySpecificityBase.Value"/>.</summary>
    public double Sensitivity => Value;
}
