namespace FastDense.Metrics;

/// <summary>Which rate a threshold-searching metric constrains and which it reports.</summary>
internal enum ThresholdSearchKind
{
    /// <summary>The best precision where recall is at least the value.</summary>
    PrecisionAtRecall,

    /// <summary>The best recall where precision is at least the value.</summary>
    RecallAtPrecision,

    /// <summary>The best sensitivity (recall) where specificity is at least the value.</summary>
    SensitivityAtSpecificity,

    /// <summary>The best specificity where sensitivity (recall) is at least the value.</summary>
    SpecificityAtSensitivity,
}

/// <summary>
/// What Keras's <c>SensitivitySpecificityBase</c> (keras/src/metrics/confusion_metrics.py) shares between
/// <see cref="PrecisionAtRecall"/>, <see cref="RecallAtPrecision"/>, <see cref="SensitivityAtSpecificity"/> and
/// <see cref="SpecificityAtSensitivity"/>: its thresholds, its argument checks and <c>_find_max_under_constraint</c>.
/// </summary>
internal static class ThresholdSearch
{
    /// <summary>
    /// Keras's thresholds: <c>[0, 1/(n − 1), …, (n − 2)/(n − 1), 1]</c>, evenly spaced without ε ends (so a prediction
    /// of 0 is above none of them), or the one threshold 0.5 when <paramref name="numThresholds"/> is 1.
    /// </summary>
    public static ThresholdGrid Grid(int numThresholds)
    {
        if (numThresholds == 1) return new ThresholdGrid([0.5], evenlySpaced: false);
        var values = new double[numThresholds];
        for (int i = 0; i < numThresholds - 2; i++) values[i + 1] = (i + 1) * 1.0 / (numThresholds - 1);
        values[^1] = 1.0;
        return new ThresholdGrid(values, evenlySpaced: true);
    }

    /// <summary>Keras's argument checks: the value in [0, 1], at least one threshold, a class id not negative.</summary>
    public static void Check(double value, string valueName, int numThresholds, int? classId)
    {
        if (!(value >= 0 && value <= 1)) throw new ArgumentOutOfRangeException(valueName, value, $"{valueName} must be in the range [0, 1].");
        if (numThresholds <= 0) throw new ArgumentOutOfRangeException(nameof(numThresholds), numThresholds, "numThresholds must be an integer > 0.");
        if (classId < 0) throw new ArgumentOutOfRangeException(nameof(classId), classId, "classId must not be negative.");
    }

    /// <summary>Why a metric counting column <paramref name="classId"/> does not fit rows of <paramref name="outputs"/>, or null.</summary>
    public static string? Misfit(int? classId, int outputs)
        => classId >= outputs ? $"classId {classId} is not a column of a model with {outputs} outputs" : null;

    /// <summary>Refuses an update whose rows have no column <paramref name="classId"/>.</summary>
    public static void CheckColumn(int? classId, int outputs)
    {
        if (classId >= outputs) throw new ArgumentException($"classId {classId} is not a column of rows of {outputs} outputs.", nameof(outputs));
    }

    /// <summary>
    /// Keras's <c>_find_max_under_constraint</c>: over every threshold, the largest reported rate among those whose
    /// constrained rate is at least <paramref name="value"/>, 0 when none is (<c>max(where(feasible, dependent, 0),
    /// initial=0)</c>). The rates are Keras's <c>divide_no_nan</c> of the counts at the threshold. The constraint is
    /// checked as Keras checks it on its float32 variables: the constrained rate computed in float from the counts
    /// rounded to float, against the value rounded to float, so that a rate equal to the value in float32 (1/3 against
    /// 0.33333334) meets it as it does in Keras. The reported rate is computed in double.
    /// </summary>
    public static double MaxUnderConstraint(ThresholdConfusion counts, ThresholdSearchKind kind, double value)
    {
        ReadOnlySpan<double> tpBuckets = counts.TruePositiveBuckets, fpBuckets = counts.FalsePositiveBuckets;
        double positives = counts.Positives, negatives = counts.Negatives;
        float limit = (float)value;
        double best = 0, tp = 0, fp = 0;
        // The counts at threshold i are those of the buckets at and above it: walk down from the last threshold.
        for (int i = tpBuckets.Length - 1; i >= 0; i--)
        {
            tp += tpBuckets[i];
            fp += fpBuckets[i];
            double fn = positives - tp, tn = negatives - fp;
            (double constrainedNumerator, double constrainedOther, double dependent) = kind switch
            {
                ThresholdSearchKind.PrecisionAtRecall => (tp, fn, MetricMath.DivideNoNan(tp, tp + fp)),
                ThresholdSearchKind.RecallAtPrecision => (tp, fp, MetricMath.DivideNoNan(tp, tp + fn)),
                ThresholdSearchKind.SensitivityAtSpecificity => (tn, fp, MetricMath.DivideNoNan(tp, tp + fn)),
                _ => (tp, fn, MetricMath.DivideNoNan(tn, tn + fp)),
            };
            if (FloatRate(constrainedNumerator, constrainedOther) >= limit) best = Math.Max(best, dependent);
        }
        return best;
    }

    /// <summary><c>a / (a + b)</c> in float, 0 when the sum is 0 (Keras's <c>divide_no_nan</c> on float32 counts).</summary>
    private static float FloatRate(double a, double b)
    {
        float numerator = (float)a, denominator = numerator + (float)b;
        return denominator == 0 ? 0 : numerator / denominator;
    }
}
