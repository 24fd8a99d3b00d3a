using System.Globalization;
using System.Numerics;

namespace FastDense;

/// <summary>
/// Keras's <c>IoU</c> (keras/src/metrics/iou_metrics.py): the intersection over union of chosen classes,
/// <c>tp / (tp + fp + fn)</c> per class, from a confusion matrix of target classes against predicted classes accumulated
/// over every batch since the last reset, averaged over <see cref="TargetClassIds"/>.
/// </summary>
/// <remarks>
/// <para>
/// Classes are read as Keras's <c>_IoUBase.update_state</c> reads them. With <see cref="SparseYTrue"/> each target value
/// is a class (truncated to an integer, as Keras casts it); otherwise each row's class is its largest target (the first
/// on ties, Keras's <c>argmax</c>). Likewise the predictions with <see cref="SparseYPred"/>. So with both (Keras's
/// defaults) every output of a row is one (target, prediction) pair; with neither (<see cref="OneHotIoU"/>) a row is one
/// pair of arg-maxes; class-index targets (a model on <see cref="Loss.SparseCategoricalCrossentropy"/>) pair with the
/// arg-max of the outputs when <see cref="SparseYPred"/> is false. A pair whose target or prediction is not a class in
/// [0, <see cref="NumClasses"/>), or whose target is <see cref="IgnoreClass"/>, is dropped, as Keras masks it. Each pair
/// adds its row's weight (1 unweighted) to the matrix.
/// </para>
/// <para>
/// The result is Keras's <c>result()</c>: per target class, with tp the diagonal entry and the denominator
/// <c>(its column's sum) + (its row's sum) − tp</c>, <c>iou = tp / (denominator + ε)</c> (ε = 1e-7); classes whose
/// denominator is not above 1e-9 (never seen) are left out, and the result is <c>Σ iou / (valid + ε)</c>, 0 before
/// anything is seen.
/// </para>
/// <para>
/// Keras's default <c>dtype</c> for these metrics is <c>"int"</c>, which truncates fractional sample weights to whole
/// numbers (with a warning); FastDense weighs with the weights as given, as Keras does with <c>dtype="float32"</c> (its
/// docstring examples' values). Keras's <c>axis</c> is the outputs of a row (−1) here.
/// </para>
/// </remarks>
public class IoU : Metric
{
    // (NumClasses, NumClasses): row = target class, column = predicted class; sums of weights.
    private readonly double[] _matrix;
    private readonly int[] _targetClassIds;
    private readonly double? _threshold;

    /// <inheritdoc />
    public sealed override MetricDirection? Direction => MetricDirection.Up;

    /// <summary>Creates the metric.</summary>
    /// <param name="numClasses">How many classes there are, at least 1 (Keras requires it).</param>
    /// <param name="targetClassIds">The classes whose IoUs are averaged, each in [0, numClasses) (Keras requires them).</param>
    /// <param name="name">Its key (Keras's default: <c>io_u</c>, its class name in snake case).</param>
    /// <param name="ignoreClass">A target class whose pairs are dropped (Keras's <c>ignore_class</c>; default null: none).</param>
    /// <param name="sparseYTrue">Whether each target value is a class, rather than each row's largest target (Keras's default true).</param>
    /// <param name="sparseYPred">Whether each output is a class, rather than each row's largest output (Keras's default true).</param>
    /// <exception cref="ArgumentNullException"><paramref name="targetClassIds"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="targetClassIds"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="numClasses"/> is less than 1, or a target class id is outside [0, numClasses).
    /// </exception>
    public IoU(int numClasses, IReadOnlyList<int> targetClassIds, string name = "io_u", int? ignoreClass = null, bool sparseYTrue = true, bool sparseYPred = true)
        : this(numClasses, targetClassIds, name, ignoreClass, sparseYTrue, sparseYPred, threshold: null)
    {
    }

    /// <summary>The constructor of every IoU metric; <paramref name="threshold"/>: <see cref="BinaryIoU"/>'s.</summary>
    private protected IoU(int numClasses, IReadOnlyList<int> targetClassIds, string name, int? ignoreClass, bool sparseYTrue, bool sparseYPred, double? threshold)
        : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numClasses, 1);
        ArgumentNullException.ThrowIfNull(targetClassIds);
        if (targetClassIds.Count == 0) throw new ArgumentException("targetClassIds must name at least one class; it is empty.", nameof(targetClassIds));
        foreach (int id in targetClassIds)
        {
            if (id < 0 || id >= numClasses)
            {
                throw new ArgumentOutOfRangeException(nameof(targetClassIds), id, $"Every target class id must be in [0, {numClasses}), the classes of numClasses {numClasses}.");
            }
        }
        NumClasses = numClasses;
        _targetClassIds = targetClassIds.ToArray();
        TargetClassIds = Array.AsReadOnly(_targetClassIds);
        IgnoreClass = ignoreClass;
        SparseYTrue = sparseYTrue;
        SparseYPred = sparseYPred;
        _threshold = threshold;
        _matrix = new double[numClasses * numClasses];
    }

    /// <summary>How many classes there are.</summary>
    public int NumClasses { get; }

    /// <summary>The classes whose IoUs are averaged.</summary>
    public IReadOnlyList<int> TargetClassIds { get; }

    /// <summary>The target class whose pairs are dropped, or null.</summary>
    public int? IgnoreClass { get; }

    /// <summary>Whether each target value is a class (rather than each row's largest target).</summary>
    public bool SparseYTrue { get; }

    /// <summary>Whether each output is a class (rather than each row's largest output).</summary>
    public bool SparseYPred { get; }

    /// <summary>Whether its targets may be class indices: when each target value is a class (<see cref="SparseYTrue"/>).</summary>
    public override bool ReadsClassIndices => SparseYTrue;

    /// <summary>True: a (target, prediction) pair adds its row's weight to the matrix.</summary>
    public sealed override bool SupportsSampleWeight => true;

    /// <inheritdoc />
    public sealed override string? Misfit(Loss loss, int outputs)
    {
        bool classIndices = Losses.LossTargets.Width(loss, outputs) != outputs;
        int targets = SparseYTrue && !classIndices ? outputs : 1, predictions = SparseYPred ? outputs : 1;
        if (targets == predictions) return null;
        string hint = classIndices ? "give sparseYPred: false to take each row's largest output"
            : SparseYTrue ? "one-hot targets need sparseYTrue: false (OneHotIoU, OneHotMeanIoU)"
            : "give sparseYPred: false";
        return $"with sparseYTrue {Lower(SparseYTrue)} and sparseYPred {Lower(SparseYPred)} a row gives {targets} target class{(targets == 1 ? "" : "es")} " +
            $"and {predictions} predicted, which Keras cannot pair either; {hint}";
    }

    /// <inheritdoc />
    public sealed override void Reset() => Array.Clear(_matrix);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A row gives a different number of target classes and predicted classes (see <see cref="Misfit"/>).</exception>
    protected sealed override void UpdateCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
        => Accumulate(yTrue, outputs, yPred, rows, outputs, default);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A row gives a different number of target classes and predicted classes (see <see cref="Misfit"/>).</exception>
    protected sealed override void UpdateWeightedCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs, ReadOnlySpan<T> sampleWeight)
        => Accumulate(yTrue, outputs, yPred, rows, outputs, sampleWeight);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A row gives a different number of target classes and predicted classes (see <see cref="Misfit"/>).</exception>
    protected sealed override void UpdateSparseCore<T>(ReadOnlySpan<T> labels, ReadOnlySpan<T> yPred, int rows, int outputs)
        => Accumulate(labels, 1, yPred, rows, outputs, default);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A row gives a different number of target classes and predicted classes (see <see cref="Misfit"/>).</exception>
    protected sealed override void UpdateSparseWeightedCore<T>(ReadOnlySpan<T> labels, ReadOnlySpan<T> yPred, int rows, int outputs, ReadOnlySpan<T> sampleWeight)
        => Accumulate(labels, 1, yPred, rows, outputs, sampleWeight);

    /// <summary>
    /// Adds the pairs of (rows, <paramref name="targetWidth"/>) targets and (rows, <paramref name="outputs"/>)
    /// predictions, each weighing its row's <paramref name="sampleWeight"/> ((rows), or empty for 1).
    /// </summary>
    private void Accumulate<T>(ReadOnlySpan<T> yTrue, int targetWidth, ReadOnlySpan<T> yPred, int rows, int outputs, ReadOnlySpan<T> sampleWeight)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int targets = SparseYTrue ? targetWidth : 1, predictions = SparseYPred ? outputs : 1;
        if (targets != predictions)
        {
            throw new ArgumentException(
                $"With sparseYTrue {Lower(SparseYTrue)} and sparseYPred {Lower(SparseYPred)}, a row of {targetWidth} target value(s) and {outputs} output(s) gives {targets} target class(es) and {predictions} predicted; they must pair one to one (Keras's shapes must match too).",
                nameof(outputs));
        }
        int n = NumClasses;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> y = yTrue.Slice(r * targetWidth, targetWidth), p = yPred.Slice(r * outputs, outputs);
            double w = sampleWeight.IsEmpty ? 1 : double.CreateTruncating(sampleWeight[r]);
            int trueArgMax = SparseYTrue ? 0 : CategoricalAccuracy.ArgMax(y), predArgMax = SparseYPred ? 0 : CategoricalAccuracy.ArgMax(p);
            for (int j = 0; j < targets; j++)
            {
                int actual = SparseYTrue ? ClassOf(y[j]) : trueArgMax;
                int predicted = !SparseYPred ? predArgMax : _threshold is double threshold ? (p[j] >= T.CreateTruncating(threshold) ? 1 : 0) : ClassOf(p[j]);
                if ((uint)actual >= (uint)n || (uint)predicted >= (uint)n || actual == IgnoreClass) continue;
                _matrix[actual * n + predicted] += w;
            }
        }
    }

    /// <summary>A value as Keras's integer cast reads it (truncated), or −1 when that is not a class in [0, NumClasses) (NaN too).</summary>
    private int ClassOf<T>(T value)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double truncated = Math.Truncate(double.CreateTruncating(value));
        return truncated >= 0 && truncated < NumClasses ? (int)truncated : -1;
    }

    /// <summary>
    /// The mean IoU of the target classes seen so far (Keras's <c>result()</c>: <c>Σ tp / (denominator + ε)</c> over the
    /// classes whose denominator is above 1e-9, divided by their number + ε); 0 before anything is seen.
    /// </summary>
    public sealed override double Result()
    {
        int n = NumClasses;
        double sum = 0, valid = 0;
        foreach (int id in _targetClassIds)
        {
            double truePositives = _matrix[id * n + id], predictedTotal = 0, targetTotal = 0;
            for (int k = 0; k < n; k++)
            {
                predictedTotal += _matrix[k * n + id];
                targetTotal += _matrix[id * n + k];
            }
            double denominator = predictedTotal + targetTotal - truePositives;
            if (!(denominator > 1e-9)) continue;
            valid++;
            sum += truePositives / (denominator + Metrics.MetricMath.Epsilon);
        }
        return sum / (valid + Metrics.MetricMath.Epsilon);
    }

    private static string Lower(bool value) => value ? "true" : "false";

    /// <summary>Every class of <paramref name="numClasses"/> (none when it is not positive: the constructor refuses it).</summary>
    private protected static int[] AllClasses(int numClasses)
    {
        var ids = new int[Math.Max(numClasses, 0)];
        for (int i = 0; i < ids.Length; i++) ids[i] = i;
        return ids;
    }

    /// <summary>Formats a number for a message.</summary>
    private protected static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
