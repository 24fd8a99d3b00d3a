using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FastDense.Kernels;

using FastDense.Losses;

#pragma warning disable CS0618 // the loss structs live in __Internals, [Obsolete] for users only.
namespace FastDense.Metrics;

/// <summary>
/// The loss and metric sums of a batch, as <see cref="LossValues"/> and <see cref="MetricValues.Sum"/> define
/// them, in as few passes as the loss allows: for categorical cross-entropy with several outputs (the common
/// classifier), one pass per row finds the row's log-sum-exp, both arg-maxes and the target entries. Every training
/// step pays for this (Keras reports the loss and accuracy of every batch), so it is kept lean.
/// </summary>
internal static class BatchScore
{
    /// <summary>
    /// The loss sum (from <paramref name="lossInput"/>: the logits for the cross-entropies, the output for mean
    /// squared error) and the metric sum (from <paramref name="output"/>, as Keras's metrics read the model's output).
    /// All three are (rows, columns).
    /// </summary>
    public static (double Loss, double Metric) Sum<T>(Loss loss, ReadOnlySpan<T> lossInput, ReadOnlySpan<T> output, ReadOnlySpan<T> y, int rows, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Sum(LossFunction.For(loss), lossInput, output, y, rows, columns);

    /// <summary>
    /// <see cref="Sum{T}(Loss, ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, int, int)"/> for a loss with its
    /// arguments (a model's <see cref="ModelDescription.LossFunction"/>). The fused pass is for categorical
    /// cross-entropy with Keras's defaults only: label smoothing makes every target nonzero, and from logits the
    /// output holds no probabilities.
    /// </summary>
    public static (double Loss, double Metric) Sum<T>(LossFunction loss, ReadOnlySpan<T> lossInput, ReadOnlySpan<T> output, ReadOnlySpan<T> y, int rows, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Sum(loss, lossInput, output, y, default, rows, columns);

    /// <summary>
    /// With <paramref name="sampleWeight"/> (rows) the loss sum is Keras's weighted <c>Σ w·loss</c> (divided by the rows
    /// later, as every loss sum is), and the metric sum stays unweighted, as Keras's <c>metrics</c>; empty weighs every
    /// row 1 and takes the fused passes.
    /// </summary>
    public static (double Loss, double Metric) Sum<T>(LossFunction loss, ReadOnlySpan<T> lossInput, ReadOnlySpan<T> output, ReadOnlySpan<T> y, ReadOnlySpan<T> sampleWeight, int rows, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!sampleWeight.IsEmpty)
        {
            return (loss.WeightedSum(lossInput, y, sampleWeight, rows, columns), MetricValues.Sum(loss.Kind, output, y, rows, columns));
        }
        if (loss.Kind == Loss.SparseCategoricalCrossentropy && columns >= 2 && !loss.Arguments.FromLogits && loss.Arguments.IgnoreClass is null)
        {
            return SumSparse(lossInput, output, y, rows, columns);
        }
        if (loss.Kind != Loss.CategoricalCrossentropy || columns < 2 || loss.Arguments.LabelSmoothing != 0 || loss.Arguments.FromLogits)
        {
            return (LossValues.Sum(loss, lossInput, y, rows, columns), MetricValues.Sum(loss.Kind, output, y, rows, columns));
        }

        if (typeof(T) == typeof(float) && columns <= 16 && Avx512F.IsSupported)
        {
            return SumNarrowRows(MemoryMarshal.Cast<T, float>(lossInput), MemoryMarshal.Cast<T, float>(output), MemoryMarshal.Cast<T, float>(y), rows, columns);
        }

        double lossSum = 0, correct = 0;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> pr = output.Slice(r * columns, columns), yr = y.Slice(r * columns, columns);
            int bestP = 0, bestY = 0;
            for (int c = 1; c < columns; c++)
            {
                if (pr[c] > pr[bestP]) bestP = c;
                if (yr[c] > yr[bestY]) bestY = c;
            }
            if (bestP == bestY) correct++;
            lossSum += __Internals.CategoricalCrossentropyLoss.RowValue(lossInput.Slice(r * columns, columns), yr);
        }
        return (lossSum, correct);
    }

    /// <summary>
    /// Categorical cross-entropy rows of at most 16 floats, one register per row of outputs and targets. The loss
    /// -Σ y_c log(p_c / Σp) is the from-logits loss <c>Σ y_c (logsumexp(z) - z_c)</c> up to the float rounding of p
    /// (about 1e-7 of the value), as long as p_c / Σp is at least <see cref="SmallestProbability"/>; a target below that
    /// (a row far in the tails, where p has lost its digits or is 0) is scored from its row of logits instead, exactly.
    /// So the exponentials are not taken again: the row sum in double (two registers of 8 summed as a tree), both
    /// arg-maxes from a register max and a search for its first lane, and the probabilities of the nonzero targets
    /// collected for logs taken in blocks, vectorized (a scalar Math.Log per row cost as much as the rest of the row's
    /// work). The per-element branches of the general loop mispredict on a classifier's outputs. Two loops as
    /// <see cref="NarrowRows"/> describes: whole-register loads, then the tail.
    /// </summary>
    private static (double Loss, double Metric) SumNarrowRows(ReadOnlySpan<float> z, ReadOnlySpan<float> p, ReadOnlySpan<float> y, int rows, int columns)
    {
        int length = rows * columns;
        if (z.Length < length || p.Length < length || y.Length < length) throw new ArgumentException($"z, p and y must hold {rows} x {columns} values.");
        ref float ps = ref MemoryMarshal.GetReference(p), ys = ref MemoryMarshal.GetReference(y);
        var scorer = new NarrowRowScorer(columns, z, stackalloc double[NarrowRowScorer.LogBlock], stackalloc double[NarrowRowScorer.LogBlock]);
        int start = 0;
        for (; start + 16 <= length; start += columns)
        {
            scorer.Add(Vector512.LoadUnsafe(ref ps, (nuint)start), Vector512.LoadUnsafe(ref ys, (nuint)start), ref ps, ref ys, start);
        }
        Span<float> pTail = stackalloc float[16], yTail = stackalloc float[16];
        for (; start < length; start += columns)
        {
            scorer.Add(NarrowRows.LoadTail(ref ps, start, columns, pTail), NarrowRows.LoadTail(ref ys, start, columns, yTail), ref ps, ref ys, start);
        }
        return scorer.Finish();
    }

    /// <summary>
    /// Sparse categorical cross-entropy on a softmax output: per row, the arg-max of p against the label and the loss
    /// <c>−log(p_label / Σp)</c>, which is <c>logsumexp(z) − z_label</c> up to the rounding of p while p_label / Σp is at
    /// least <see cref="SmallestProbability"/>; below that (or for a NaN probability) the row is scored from its logits,
    /// exactly. One logarithm a row instead of an exponential per output.
    /// </summary>
    private static (double Loss, double Metric) SumSparse<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> p, ReadOnlySpan<T> labels, int rows, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double lossSum = 0, correct = 0;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> pr = p.Slice(r * columns, columns);
            int label = int.CreateTruncating(labels[r]);
            if ((uint)label >= (uint)columns) throw new ArgumentOutOfRangeException(nameof(labels), $"labels[{r}] is {labels[r]}, not a class in [0, {columns}).");
            if (CategoricalAccuracy.ArgMax(pr) == label) correct++;
            double sum = double.CreateTruncating(TensorPrimitives.Sum(pr)), q = double.CreateTruncating(pr[label]) / sum;
            lossSum += q >= SmallestProbability
                ? -Math.Log(q)
                : __Internals.SparseCategoricalCrossentropyLoss.RowValue(z.Slice(r * columns, columns), labels[r]);
        }
        return (lossSum, correct);
    }

    /// <summary>
    /// The smallest p_c / Σp scored from the probabilities: far above the float exponential's subnormal range (below
    /// about e^-87 its results lose digits, and below e^-104 they are 0), so p_c still carries float's full precision.
    /// </summary>
    internal const double SmallestProbability = 1e-30;

    /// <summary>The running sums of <see cref="SumNarrowRows"/>, one row at a time.</summary>
    private ref struct NarrowRowScorer(int columns, ReadOnlySpan<float> logits, Span<double> probabilities, Span<double> targetWeights)
    {
        /// <summary>How many target probabilities are collected before their logs are taken together.</summary>
        public const int LogBlock = 64;

        private readonly Vector512<float> _inside = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(columns)).AsSingle();
        private readonly uint _rowLanes = (1u << columns) - 1;   // columns ≤ 16
        private readonly ReadOnlySpan<float> _logits = logits;
        private readonly Span<double> _probabilities = probabilities, _targetWeights = targetWeights;
        private int _pending;
        private double _lossSum, _correct;

        /// <summary>Scores the row at <paramref name="start"/>, whose values are in lanes [0, columns) of pr and yr.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(Vector512<float> pr, Vector512<float> yr, ref float ps, ref float ys, int start)
        {
            Vector512<float> minusInfinity = Vector512.Create(float.NegativeInfinity);
            pr = Vector512.ConditionalSelect(_inside, pr, minusInfinity);
            yr = Vector512.ConditionalSelect(_inside, yr, minusInfinity);
            Vector512<float> pInside = pr & _inside;
            double sum = NarrowRows.SumAcrossLanes(Vector512.WidenLower(pInside) + Vector512.WidenUpper(pInside)).ToScalar();
            int bestP = FirstLane(Vector512.Equals(pr, NarrowRows.MaxAcrossLanes(pr)), _rowLanes);
            int bestY = FirstLane(Vector512.Equals(yr, NarrowRows.MaxAcrossLanes(yr)), _rowLanes);
            _correct += bestP == bestY ? 1 : 0;
            // A probability of exactly 0 may be a -∞ logit, which makes the row's loss NaN (as TensorFlow's 0 · ∞ does).
            if (((uint)Vector512.Equals(pr, Vector512<float>.Zero).ExtractMostSignificantBits() & _rowLanes) != 0
                && !TensorPrimitives.IsFiniteAll(_logits.Slice(start, columns)))
            {
                _lossSum = double.NaN;
            }
            // -Σ y_c log(p_c / Σp) over the row's nonzero targets (one, for one-hot rows). Written so that a NaN
            // probability (a NaN or infinite logit) takes the logits' path too, and so reports NaN.
            uint targets = (uint)(~Vector512.Equals(yr & _inside, Vector512<float>.Zero)).ExtractMostSignificantBits() & _rowLanes;
            while (targets != 0)
            {
                int c = BitOperations.TrailingZeroCount(targets);
                targets &= targets - 1;
                double q = Unsafe.Add(ref ps, start + c) / sum, target = Unsafe.Add(ref ys, start + c);
                if (q >= SmallestProbability)
                {
                    _probabilities[_pending] = q;
                    _targetWeights[_pending] = target;
                    if (++_pending == LogBlock) TakeLogs();
                }
                else
                {
                    ReadOnlySpan<float> row = _logits.Slice(start, columns);
                    _lossSum += target * (__Internals.CategoricalCrossentropyLoss.LogSumExp(row) - row[c]);
                }
            }
        }

        /// <summary>The loss and correct-prediction sums of the rows added.</summary>
        public (double Loss, double Metric) Finish()
        {
            TakeLogs();
            return (_lossSum, _correct);
        }

        /// <summary>Subtracts Σ weight·log(q) of the pending targets.</summary>
        /// <remarks>
        /// Eight logarithms a register (<c>Vector512.Log</c>, the function TensorPrimitives.Log runs) and their weighted
        /// sum in one loop, the last few one at a time: two TensorPrimitives loops (a log pass, then a dot product) were
        /// the largest code a process's first Fit compiled for the metrics (docs/architecture.md, "First calls").
        /// </remarks>
        private void TakeLogs()
        {
            ref double q = ref MemoryMarshal.GetReference(_probabilities);
            ref double w = ref MemoryMarshal.GetReference(_targetWeights);
            int n = _pending, i = 0;
            Vector512<double> sums = Vector512<double>.Zero;
            for (; i + Vector512<double>.Count <= n; i += Vector512<double>.Count)
            {
                sums += Vector512.Log(Vector512.LoadUnsafe(ref q, (nuint)i)) * Vector512.LoadUnsafe(ref w, (nuint)i);
            }
            double sum = Vector512.Sum(sums);
            for (; i < n; i++) sum += Math.Log(Unsafe.Add(ref q, i)) * Unsafe.Add(ref w, i);
            _lossSum -= sum;
            _pending = 0;
        }
    }

    /// <summary>The first of the row's lanes set in <paramref name="mask"/> (16 if none: a NaN row, never equal to a target).</summary>
    private static int FirstLane(Vector512<float> mask, uint rowLanes)
        => BitOperations.TrailingZeroCount(((uint)mask.ExtractMostSignificantBits() & rowLanes) | 0x1_0000);
}
