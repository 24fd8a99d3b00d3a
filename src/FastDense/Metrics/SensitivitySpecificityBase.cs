using FastDense.Metrics;

namespace FastDense;

/// <summary>
/// What Keras's four threshold-searching metrics share (keras/src/metrics/confusion_metrics.py,
/// <c>SensitivitySpecificityBase</c>): the confusion counts at each of <see cref="NumThresholds"/> thresholds,
/// accumulated over every batch since the last reset, and the search for the best rate among the thresholds where
/// another rate is at least <see cref="Value"/>. <see cref="PrecisionAtRecall"/>, <see cref="RecallAtPrecision"/>,
/// <see cref="SensitivityAtSpecificity"/> and <see cref="SpecificityAtSensitivity"/> name the two rates.
/// </summary>
/// <remarks>
/// <para>
/// As Keras's <c>SensitivitySpecificityBase</c>: the thresholds are <c>0, 1/(n − 1), …, 1</c> (or the one threshold 0.5
/// when n is 1); an output counts as predicted positive at a threshold when it is above it, bucketed as Keras's
/// optimized <c>update_confusion_matrix_variables</c> (keras/src/metrics/metrics_utils.py) buckets it: clipped to [0, 1],
/// so an output of 0 is above no threshold and one above 1 counts as 1. A target counts as positive when it is not 0.
/// Every output of every row counts, or only column <see cref="ClassId"/>; weighted, each adds its row's weight
/// instead of 1.
/// </para>
/// <para>
/// The result is Keras's <c>_find_max_under_constraint</c>: the largest rate among the thresholds that meet the
/// constraint (at least, so a tie meets it), 0 when none does. Each rate is <c>divide_no_nan</c> of the counts; the
/// constraint is checked on the rates in float32, as Keras's variables hold them (see <see cref="Result"/>).
/// </para>
/// </remarks>
public abstract class SensitivitySpecificityBase : Metric
{
    private readonly ThresholdGrid _grid;
    private readonly ThresholdConfusion _counts;
    private readonly ThresholdSearchKind _kind;

    private protected SensitivitySpecificityBase(string name, double value, string valueName, int numThresholds, int? classId, ThresholdSearchKind kind)
        : base(name)
    {
        ThresholdSearch.Check(value, valueName, numThresholds, classId);
        Value = value;
        NumThresholds = numThresholds;
        ClassId = classId;
        _kind = kind;
        _grid = ThresholdSearch.Grid(numThresholds);
        _counts = new ThresholdConfusion(numThresholds);
    }

    /// <summary>The constrained rate a threshold must reach, in [0, 1] (Keras's <c>value</c>).</summary>
    public double Value { get; }

    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Up;

    /// <summary>How many thresholds are searched.</summary>
    public int NumThresholds { get; }

    /// <summary>The one output column counted, or null for every output.</summary>
    public int? ClassId { get; }

    /// <summary>The thresholds in increasing order (Keras's <c>thresholds</c>).</summary>
    public IReadOnlyList<double> Thresholds => _grid.Values;

    /// <inheritdoc />
    public override string? Misfit(Loss loss, int outputs) => ThresholdSearch.Misfit(ClassId, outputs);

    /// <inheritdoc />
    public override void Reset() => _counts.Reset();

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><see cref="ClassId"/> is not a column of the rows.</exception>
    protected override void UpdateCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
    {
        ThresholdSearch.CheckColumn(ClassId, outputs);
        _counts.AddRows(_grid, yTrue, yPred, rows, outputs, ClassId, default);
    }

    /// <summary>True: an output adds its row's weight to the counts (keras/src/metrics/metrics_utils.py).</summary>
    public override bool SupportsSampleWeight => true;

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><see cref="ClassId"/> is not a column of the rows.</exception>
    protected override void UpdateWeightedCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs, ReadOnlySpan<T> sampleWeight)
    {
        ThresholdSearch.CheckColumn(ClassId, outputs);
        _counts.AddRows(_grid, yTrue, yPred, rows, outputs, ClassId, sampleWeight);
    }

    /// <summary>
    /// The best rate so far among the thresholds that meet the constraint (0 before any update, or when none does).
    /// The constrained rate is compared in float32 with <see cref="Value"/> rounded to float32, as Keras compares its
    /// float32 variables; the rate returned is computed in double.
    /// </summary>
    public override double Result() => ThresholdSearch.MaxUnderConstraint(_counts, _kind, Value);
}
