using System.Numerics;
using FastDense.Metrics;

namespace FastDense;

/// <summary>
/// Keras's <c>AUC</c> (keras/src/metrics/confusion_metrics.py): the area under the ROC curve (or the precision-recall
/// curve), approximated over <see cref="NumThresholds"/> thresholds. A target counts as positive when it is not 0; an
/// output counts as predicted positive at a threshold when it is above it. The confusion counts at every threshold are
/// accumulated as Keras's <c>update_confusion_matrix_variables</c> (keras/src/metrics/metrics_utils.py) accumulates
/// them, and the area is Keras's <c>result()</c> (or <c>interpolate_pr_auc()</c> for PR with interpolation), in double.
/// </summary>
/// <remarks>
/// <para>
/// Thresholds: the <c>numThresholds − 2</c> values <c>(i + 1) / (numThresholds − 1)</c>, or the given ones sorted,
/// between the endpoints <c>−ε</c> and <c>1 + ε</c> (ε = 1e-7, Keras's <c>backend.epsilon()</c>), so that a prediction
/// of exactly 0 is above the first and one of exactly 1 below the last.
/// </para>
/// <para>
/// Evenly spaced thresholds (the default, or given ones within numpy's <c>allclose</c> of an even grid) are bucketed as
/// Keras's <c>_update_confusion_matrix_variables_optimized</c> does, in O(1) per output: the prediction is clipped to
/// [0, 1], its bucket is <c>max(ceil(p · (numThresholds − 1)) − 1, 0)</c> computed in the element type (Keras computes
/// it in float32), and a threshold's counts are the buckets at and above it (Keras's reversed cumulative sum, taken
/// by <see cref="Result"/>). Other thresholds are found by a binary search, as the predictions Keras compares with
/// them unclipped. A NaN prediction is above no threshold, as the comparison <c>p &gt; t</c> of Keras's unbucketed path
/// has it (what its bucketed path makes of NaN depends on TensorFlow's clip, relu and integer cast of NaN).
/// </para>
/// <para>
/// Unweighted, the state is whole-number counts, so the result does not depend on how the rows are split into
/// updates. Weighted (<see cref="Metric.Update{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, int, int, ReadOnlySpan{T})"/>), each
/// output adds its row's weight instead of 1, as Keras's sample weights do; the sums are then only as exact as double. With
/// <see cref="MultiLabel"/> each output column has its own curve and the result is the mean of their areas; otherwise
/// every output of every row is one point (Keras's flattening, the right choice for multi-class outputs).
/// Keras's <c>label_weights</c>, <c>from_logits</c> and <c>dtype</c> are not offered: FastDense's metrics see the
/// model's probabilities, weighted only by rows.
/// </para>
/// </remarks>
public sealed class Auc : Metric
{
    private readonly ThresholdGrid _grid;
    // One curve's counts per label (one label unless MultiLabel).
    private ThresholdConfusion[] _curves = [];
    private int _labels;
    private bool _empty = true;

    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Up;

    /// <summary>Creates the metric.</summary>
    /// <param name="numThresholds">
    /// How many thresholds discretize the curve, endpoints included (Keras's default 200); ignored when
    /// <paramref name="thresholds"/> is given.
    /// </param>
    /// <param name="curve">The curve (Keras's default ROC).</param>
    /// <param name="summationMethod">How the area between thresholds is summed (Keras's default interpolation).</param>
    /// <param name="name">Its key (Keras's default: <c>auc</c>).</param>
    /// <param name="thresholds">
    /// Thresholds in [0, 1] to use instead of an even grid (Keras's <c>thresholds</c>); the endpoints −ε and 1 + ε are
    /// added, so there are <c>thresholds.Count + 2</c>.
    /// </param>
    /// <param name="multiLabel">
    /// Whether each output column is a label with its own curve, the result being the mean of their areas (Keras's
    /// <c>multi_label</c>); false flattens every output into one curve.
    /// </param>
    /// <param name="numLabels">
    /// The number of labels with <paramref name="multiLabel"/> (Keras's <c>num_labels</c>), so that the state is
    /// allocated here; otherwise it is allocated by the first update, from its width.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="numThresholds"/> is less than 2 (without <paramref name="thresholds"/>), a threshold is outside
    /// [0, 1], <paramref name="numLabels"/> is less than 1, or an enum value is not defined.
    /// </exception>
    /// <exception cref="ArgumentException"><paramref name="numLabels"/> is given without <paramref name="multiLabel"/>.</exception>
    public Auc(
        int numThresholds = 200,
        AucCurve curve = AucCurve.Roc,
        AucSummationMethod summationMethod = AucSummationMethod.Interpolation,
        string name = "auc",
        IReadOnlyList<double>? thresholds = null,
        bool multiLabel = false,
        int? numLabels = null)
        : base(name)
    {
        if (!Enum.IsDefined(curve)) throw new ArgumentOutOfRangeException(nameof(curve), curve, "curve must be Roc, Pr or PrGain.");
        if (!Enum.IsDefined(summationMethod)) throw new ArgumentOutOfRangeException(nameof(summationMethod), summationMethod, "summationMethod must be Interpolation, Minoring or Majoring.");
        double[] inner;
        bool evenlySpaced;
        if (thresholds is not null)
        {
            inner = thresholds.ToArray();
            foreach (double t in inner)
            {
                if (!(t >= 0 && t <= 1)) throw new ArgumentOutOfRangeException(nameof(thresholds), t, "Every threshold must be in [0, 1].");
            }
            Array.Sort(inner);
            evenlySpaced = ThresholdGrid.IsEvenlyDistributed([0.0, .. inner, 1.0]);
        }
        else
        {
            if (numThresholds <= 1) throw new ArgumentOutOfRangeException(nameof(numThresholds), numThresholds, "numThresholds must be an integer > 1.");
            inner = new double[numThresholds - 2];
            for (int i = 0; i < inner.Length; i++) inner[i] = (i + 1) * 1.0 / (numThresholds - 1);
            evenlySpaced = true;
        }
        if (numLabels is not null)
        {
            if (!multiLabel) throw new ArgumentException("numLabels is needed only when multiLabel is true.", nameof(numLabels));
            if (numLabels < 1) throw new ArgumentOutOfRangeException(nameof(numLabels), numLabels, "numLabels must be at least 1.");
        }
        _grid = new ThresholdGrid([0.0 - MetricMath.Epsilon, .. inner, 1.0 + MetricMath.Epsilon], evenlySpaced);
        NumThresholds = _grid.Count;
        Curve = curve;
        SummationMethod = summationMethod;
        MultiLabel = multiLabel;
        NumLabels = numLabels;
        Thresholds = _grid.Values;
        if (!multiLabel) Build(1);
        else if (numLabels is int labels) Build(labels);
    }

    /// <summary>The number of thresholds, the endpoints −ε and 1 + ε included (Keras's <c>num_thresholds</c>).</summary>
    public int NumThresholds { get; }

    /// <summary>The curve whose area is computed.</summary>
    public AucCurve Curve { get; }

    /// <summary>How the area between thresholds is summed.</summary>
    public AucSummationMethod SummationMethod { get; }

    /// <summary>Every threshold in increasing order, the endpoints −ε and 1 + ε included (Keras's <c>thresholds</c> property).</summary>
    public IReadOnlyList<double> Thresholds { get; }

    /// <summary>Whether each output column has its own curve (the result being the mean of their areas).</summary>
    public bool MultiLabel { get; }

    /// <summary>The number of labels given for <see cref="MultiLabel"/>, or null.</summary>
    public int? NumLabels { get; }

    /// <inheritdoc />
    public override string? Misfit(Loss loss, int outputs)
        => NumLabels is int labels && labels != outputs ? $"it was created for {labels} labels, and the model has {outputs} outputs" : null;

    /// <inheritdoc />
    public override void Reset()
    {
        foreach (ThresholdConfusion curve in _curves) curve.Reset();
        _empty = true;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">
    /// With <see cref="MultiLabel"/>, <paramref name="outputs"/> differs from <see cref="NumLabels"/>, or from the width
    /// of the rows accumulated since the last <see cref="Reset"/>.
    /// </exception>
    protected override void UpdateCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
        => Accumulate(yTrue, yPred, rows, outputs, default);

    /// <summary>
    /// True: an output adds its row's weight, not 1, to its bucket and to the positives or negatives (Keras's
    /// <c>weights_tiled</c> and the weighted <c>segment_sum</c> of keras/src/metrics/metrics_utils.py).
    /// </summary>
    public override bool SupportsSampleWeight => true;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">
    /// With <see cref="MultiLabel"/>, <paramref name="outputs"/> differs from <see cref="NumLabels"/>, or from the width
    /// of the rows accumulated since the last <see cref="Reset"/>.
    /// </exception>
    protected override void UpdateWeightedCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs, ReadOnlySpan<T> sampleWeight)
        => Accumulate(yTrue, yPred, rows, outputs, sampleWeight);

    /// <summary>Adds (rows, outputs) rows, each output of row r weighing <paramref name="sampleWeight"/>[r] ((rows), or empty for 1).</summary>
    private void Accumulate<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs, ReadOnlySpan<T> sampleWeight)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (MultiLabel && outputs != _labels)
        {
            if (NumLabels is not null) throw new ArgumentException($"The metric was created for {NumLabels} labels; rows of {outputs} outputs do not fit.", nameof(outputs));
            if (!_empty) throw new ArgumentException($"The metric holds rows of {_labels} labels since its last Reset; rows of {outputs} outputs do not fit.", nameof(outputs));
            Build(outputs); // Keras's _build, from the first update's shape
        }
        int labelStride = MultiLabel ? 1 : 0;
        for (int r = 0; r < rows; r++)
        {
            int start = r * outputs;
            double w = sampleWeight.IsEmpty ? 1 : double.CreateTruncating(sampleWeight[r]);
            for (int c = 0; c < outputs; c++)
            {
                _curves[c * labelStride].Add(yTrue[start + c] != T.Zero, _grid.Bucket(yPred[start + c]), w);
            }
        }
        if (rows > 0) _empty = false;
    }

    /// <summary>
    /// The area so far (the mean over labels with <see cref="MultiLabel"/>); 0 before any update, and 0 while every
    /// target seen is of one class (Keras's <c>divide_no_nan</c> makes the rates 0).
    /// </summary>
    public override double Result()
    {
        if (_labels == 0) return 0;
        double sum = 0;
        for (int label = 0; label < _labels; label++) sum += Area(label);
        return sum / _labels;
    }

    private void Build(int labels)
    {
        _labels = labels;
        _curves = new ThresholdConfusion[labels];
        for (int label = 0; label < labels; label++) _curves[label] = new ThresholdConfusion(NumThresholds);
    }

    /// <summary>One label's area: Keras's <c>result()</c> over the counts at each threshold.</summary>
    private double Area(int label)
    {
        int n = NumThresholds;
        ThresholdConfusion curve = _curves[label];
        ReadOnlySpan<double> tpBuckets = curve.TruePositiveBuckets, fpBuckets = curve.FalsePositiveBuckets;
        double positives = curve.Positives, negatives = curve.Negatives;
        // The counts at threshold i are those of the buckets at and above it; walk down from the last threshold,
        // keeping those at i + 1.
        double tpNext = tpBuckets[n - 1], fpNext = fpBuckets[n - 1];
        double area = 0;
        if (Curve == AucCurve.Pr && SummationMethod == AucSummationMethod.Interpolation)
        {
            for (int i = n - 2; i >= 0; i--)
            {
                double tp = tpNext + tpBuckets[i], fp = fpNext + fpBuckets[i];
                area += InterpolatedPrIncrement(tp, tp + fp, tpNext, tpNext + fpNext, positives);
                (tpNext, fpNext) = (tp, fp);
            }
            return area;
        }
        (double xNext, double yNext) = Point(tpNext, fpNext, positives, negatives);
        for (int i = n - 2; i >= 0; i--)
        {
            double tp = tpNext + tpBuckets[i], fp = fpNext + fpBuckets[i];
            (double x, double y) = Point(tp, fp, positives, negatives);
            double height = SummationMethod switch
            {
                AucSummationMethod.Interpolation => (y + yNext) / 2.0,
                AucSummationMethod.Minoring => Math.Min(y, yNext),
                _ => Math.Max(y, yNext),
            };
            area += (x - xNext) * height;
            (tpNext, fpNext, xNext, yNext) = (tp, fp, x, y);
        }
        return area;
    }

    /// <summary>The curve's (x, y) at one threshold, from its true and false positives, as Keras's <c>result()</c> sets them.</summary>
    private (double X, double Y) Point(double tp, double fp, double positives, double negatives)
    {
        double fn = positives - tp, tn = negatives - fp;
        switch (Curve)
        {
            case AucCurve.Roc:
                return (MetricMath.DivideNoNan(fp, fp + tn), MetricMath.DivideNoNan(tp, tp + fn));
            case AucCurve.Pr:
                return (MetricMath.DivideNoNan(tp, tp + fn), MetricMath.DivideNoNan(tp, tp + fp));
            default:
                double scaling = MetricMath.DivideNoNan(tp + fn, tn + fp);
                double recallGain = 1.0 - scaling * MetricMath.DivideNoNan(fn, tp);
                double precisionGain = 1.0 - scaling * MetricMath.DivideNoNan(fp, tp);
                if (tp == 0) (recallGain, precisionGain) = (0, 1);
                return (Math.Max(recallGain, 0.0), precisionGain);
        }
    }

    /// <summary>
    /// One interval of Keras's <c>interpolate_pr_auc</c>: with A the lower threshold and B the upper one,
    /// <c>slope = dTP / max(dP, 0)</c>, <c>intercept = TP_B − slope · P_B</c>, and the increment
    /// <c>slope · (dTP + intercept · log(P_A / P_B)) / positives</c> (the ratio 1 unless both P are positive), every
    /// division Keras's <c>divide_no_nan</c>.
    /// </summary>
    private static double InterpolatedPrIncrement(double tpA, double pA, double tpB, double pB, double positives)
    {
        double dtp = tpA - tpB, dp = pA - pB;
        double slope = MetricMath.DivideNoNan(dtp, Math.Max(dp, 0));
        double intercept = tpB - slope * pB;
        double ratio = pA > 0 && pB > 0 ? MetricMath.DivideNoNan(pA, Math.Max(pB, 0)) : 1.0;
        return MetricMath.DivideNoNan(slope * (dtp + intercept * Math.Log(ratio)), Math.Max(positives, 0));
    }
}
