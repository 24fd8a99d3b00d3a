using FastDense.Metrics;

namespace FastDense;

/// <summary>
/// Keras's <c>R2Score</c> (keras/src/metrics/regression_metrics.py), the coefficient of determination: per output
/// column, <c>1 − Σ(y − ŷ)² / Σ(y − mean(y))²</c> over every row since the last reset, combined by
/// <see cref="ClassAggregation"/>, then adjusted for <see cref="NumRegressors"/> regressors.
/// </summary>
/// <remarks>
/// <para>
/// The state is Keras's: per output the sum and the sum of squares of the targets, the sum of squared residuals, and
/// the row count; the total sum of squares is <c>Σy² − Σy · mean(y)</c>. Weighted, each row's terms are multiplied by
/// its weight w, the count is Σ w, and the adjusted score's n counts the rows of nonzero weight, as Keras's
/// <c>update_state</c> has it. FastDense sums <c>y − y₀</c> instead of y
/// (y₀ the output's first target since the last reset), which is the same algebraically but exactly 0 for a constant
/// output rather than a rounding residue, and adds each row straight into the state, so that any split of the rows
/// into updates gives the same bits. Everything is in double.
/// </para>
/// <para>
/// As in Keras, an output whose score is infinite (constant targets, predicted with some error) scores 0; one whose
/// score is NaN (constant targets predicted exactly: 0 / 0) stays NaN and makes the average NaN; the result is NaN
/// before any row. The adjusted score is <c>1 − (1 − R²) · (n − 1) / (n − p − 1)</c> over n rows; with p ≥ n − 1 Keras
/// warns and reports the plain score, and so does this.
/// </para>
/// <para>
/// The per-output state is allocated by the first update, from its width (Keras's <c>_build</c>); later updates of
/// the same width allocate nothing. A different width is accepted only when nothing has been accumulated since the
/// last <see cref="Reset"/>.
/// </para>
/// </remarks>
public sealed class R2Score : Metric
{
    private double[] _origin = [], _sum = [], _squaredSum = [], _residualSum = [];
    // _rows: every row since the reset (the origin is the first one's targets); _weights: Σ w (Keras's per-output
    // count, the same for every output as a weight is per row; the rows when unweighted); _samples: the rows of nonzero
    // weight (Keras's num_samples, the n of the adjusted score).
    private long _rows, _samples;
    private double _weights;

    /// <inheritdoc />
    public override MetricDirection? Direction => MetricDirection.Up;

    /// <summary>Creates the metric.</summary>
    /// <param name="classAggregation">How the per-output scores are combined (Keras's default: uniform average).</param>
    /// <param name="numRegressors">The number of independent regressors for the adjusted score; 0 (Keras's default) is the plain score.</param>
    /// <param name="name">Its key (Keras's default: <c>r2_score</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classAggregation"/> is not defined or <paramref name="numRegressors"/> is negative.</exception>
    public R2Score(R2ClassAggregation classAggregation = R2ClassAggregation.UniformAverage, int numRegressors = 0, string name = "r2_score") : base(name)
    {
        if (!Enum.IsDefined(classAggregation)) throw new ArgumentOutOfRangeException(nameof(classAggregation), classAggregation, "classAggregation must be None, UniformAverage or VarianceWeightedAverage.");
        ArgumentOutOfRangeException.ThrowIfNegative(numRegressors);
        ClassAggregation = classAggregation;
        NumRegressors = numRegressors;
    }

    /// <summary>How the per-output scores are combined.</summary>
    public R2ClassAggregation ClassAggregation { get; }

    /// <summary>The number of independent regressors of the adjusted score (0: the plain score).</summary>
    public int NumRegressors { get; }

    /// <summary>
    /// The (adjusted) score of each output column, in order (Keras's <c>result()</c> with
    /// <see cref="R2ClassAggregation.None"/>). Empty before the first update. A new array at each read.
    /// </summary>
    public IReadOnlyList<double> ClassResults
    {
        get
        {
            var scores = new double[_sum.Length];
            for (int c = 0; c < scores.Length; c++) scores[c] = Adjusted(RawScore(c));
            return scores;
        }
    }

    /// <inheritdoc />
    public override void Reset()
    {
        Array.Clear(_sum);
        Array.Clear(_squaredSum);
        Array.Clear(_residualSum);
        _rows = 0;
        _samples = 0;
        _weights = 0;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="outputs"/> differs from the width of the rows accumulated since the last <see cref="Reset"/>.</exception>
    protected override void UpdateCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
        => Accumulate(yTrue, yPred, rows, outputs, default);

    /// <summary>
    /// True: as Keras's <c>R2Score.update_state</c> (keras/src/metrics/regression_metrics.py) weighs a row, its shifted
    /// target, squared target and squared residual are multiplied by w, the count adds w, and the adjusted score's n
    /// counts the rows of nonzero weight.
    /// </summary>
    public override bool SupportsSampleWeight => true;

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="outputs"/> differs from the width of the rows accumulated since the last <see cref="Reset"/>.</exception>
    protected override void UpdateWeightedCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs, ReadOnlySpan<T> sampleWeight)
        => Accumulate(yTrue, yPred, rows, outputs, sampleWeight);

    /// <summary>Adds (rows, outputs) rows, row r weighing <paramref name="sampleWeight"/>[r] ((rows), or empty for 1).</summary>
    private void Accumulate<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs, ReadOnlySpan<T> sampleWeight)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        if (outputs != _sum.Length)
        {
            if (_rows != 0) throw new ArgumentException($"The metric holds rows of {_sum.Length} outputs since its last Reset; rows of {outputs} outputs do not fit.", nameof(outputs));
            _origin = new double[outputs]; // Keras's _build, from the first update's shape
            _sum = new double[outputs];
            _squaredSum = new double[outputs];
            _residualSum = new double[outputs];
        }
        if (rows == 0) return;
        if (_rows == 0)
        {
            for (int c = 0; c < outputs; c++) _origin[c] = double.CreateTruncating(yTrue[c]);
        }
        if (sampleWeight.IsEmpty)
        {
            for (int r = 0; r < rows; r++)
            {
                int start = r * outputs;
                for (int c = 0; c < outputs; c++)
                {
                    double y = double.CreateTruncating(yTrue[start + c]), p = double.CreateTruncating(yPred[start + c]);
                    double shifted = y - _origin[c], residual = y - p;
                    _sum[c] += shifted;
                    _squaredSum[c] += shifted * shifted;
                    _residualSum[c] += residual * residual;
                }
            }
            _samples += rows;
            _weights += rows;
        }
        else
        {
            for (int r = 0; r < rows; r++)
            {
                int start = r * outputs;
                double w = double.CreateTruncating(sampleWeight[r]);
                for (int c = 0; c < outputs; c++)
                {
                    double y = double.CreateTruncating(yTrue[start + c]), p = double.CreateTruncating(yPred[start + c]);
                    double shifted = y - _origin[c], residual = y - p;
                    _sum[c] += w * shifted;
                    _squaredSum[c] += w * shifted * shifted;
                    _residualSum[c] += w * residual * residual;
                }
                _weights += w;
                if (w != 0) _samples++;
            }
        }
        _rows += rows;
    }

    /// <summary>
    /// The score so far: the uniform average (also for <see cref="R2ClassAggregation.None"/>) or the variance-weighted
    /// average of the per-output scores, adjusted for <see cref="NumRegressors"/>. NaN before any row.
    /// </summary>
    public override double Result()
    {
        int outputs = _sum.Length;
        // Keras's mean = sum / count is 0 / 0 without rows or weight: every score is NaN.
        if (_samples == 0 || _weights == 0) return double.NaN;
        double score;
        if (ClassAggregation == R2ClassAggregation.VarianceWeightedAverage)
        {
            double weighted = 0, weights = 0;
            for (int c = 0; c < outputs; c++)
            {
                double total = TotalSumOfSquares(c);
                weighted += total * RawScore(c);
                weights += total;
            }
            score = weighted / weights;
        }
        else
        {
            double sum = 0;
            for (int c = 0; c < outputs; c++) sum += RawScore(c);
            score = sum / outputs;
        }
        return Adjusted(score);
    }

    /// <summary><c>Σwy² − Σwy · mean(y)</c> of one output, mean(y) = Σwy / Σw (on the shifted targets; w = 1 unweighted).</summary>
    private double TotalSumOfSquares(int c) => _squaredSum[c] - _sum[c] * (_sum[c] / _weights);

    /// <summary>Keras's raw score of one output: <c>1 − residual / total</c>, 0 where that is infinite.</summary>
    private double RawScore(int c)
    {
        double score = 1 - _residualSum[c] / TotalSumOfSquares(c);
        return double.IsInfinity(score) ? 0 : score;
    }

    /// <summary>Keras's adjusted score, or the plain one when there are no regressors or not enough rows for them.</summary>
    private double Adjusted(double score)
    {
        if (NumRegressors == 0 || NumRegressors >= _samples - 1) return score;
        double n = _samples, p = NumRegressors;
        return 1 - (1 - score) * (n - 1) / (n - p - 1);
    }
}
