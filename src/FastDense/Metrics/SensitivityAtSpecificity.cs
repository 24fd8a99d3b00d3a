using FastDense.Metrics;

namespace FastDense;

/// <summary>
/// Keras's <c>SensitivityAtSpecificity</c> (keras/src/metrics/confusion_metrics.py): the best sensitivity (recall), <c>tp / (tp + fn)</c>, over the thresholds where specificity, <c>tn / (tn + fp)</c>, is at least <see cref="Specificity"/>, from the confusion counts at each of
/// <see cref="SensitivitySpecificityBase.NumThresholds"/> thresholds accumulated over every batch since the last reset; the search is
/// <see cref="SensitivitySpecificityBase"/>'s.
/// </summary>
public sealed class SensitivityAtSpecificity : SensitivitySpecificityBase
{
    /// <summary>Creates the metric.</summary>
    /// <param name="specificity">The specificity a threshold must reach, in [0, 1] (Keras requires it).</param>
    /// <param name="numThresholds">How many thresholds are searched (Keras's default 200).</param>
    /// <param name="classId">The one output column to count, or null for every output (Keras's <c>class_id</c>).</param>
    /// <param name="name">Its key (Keras's default: <c>sensitivity_at_specificity</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="specificity"/> is outside [0, 1], <paramref name="numThresholds"/> is less than 1, or
    /// <paramref name="classId"/> is negative.
    /// </exception>
    public SensitivityAtSpecificity(double specificity, int numThresholds = 200, int? classId = null, string name = "sensitivity_at_specificity")
        : base(name, specificity, nameof(specificity), numThresholds, classId, ThresholdSearchKind.SensitivityAtSpecificity)
    {
    }

    /// <summary>The specificity a threshold must reach, in [0, 1]: <see cref="SensitivitySpecificityBase.Value"/>.</summary>
    public double Specificity => Value;
}
