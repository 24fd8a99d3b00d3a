using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FastDense.Kernels;

namespace FastDense.Metrics;

/// <summary>
/// The loss and metric sums of a batch, as <see cref="LossValues.Sum"/> and <see cref="MetricValues.Sum"/> define
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
    {
        if (loss != Loss.CategoricalCrossentropy || columns < 2)
        {
            return (LossValues.Sum(loss, lossInput, y, rows, columns), MetricValues.Sum(loss, output, y, rows, columns));
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
            lossSum += LossValues.CategoricalCrossentropy(lossInput.Slice(r * columns, columns), yr);
        }
        return (lossSum, correct);
    }

    /// <summary>
    /// Categorical cross-entropy rows of at most 16 floats, one register per row of logits, outputs and targets: the
    /// row's max logit m and its exponentials e^(z - m) in float (<see cref="FloatExp"/>, within 2 ulps; the max's is
    /// exactly 1), their sum s in double, and the loss <c>Σy·(m + log s) - Σ y_c z_c</c> in double, the logs taken in
    /// blocks, vectorized (a scalar Math.Log per row cost as much as the rest of the row's work). Within about 1e-7 of
    /// <see cref="LossValues"/>, which takes its exponentials in double (tests). Both arg-maxes come from a register max
    /// and a search for its first lane: the per-element branches of the general loop mispredict on a classifier's
    /// outputs. Two loops as <see cref="NarrowRows"/> describes: whole-register loads, then the tail.
    /// </summary>
    private static (double Loss, double Metric) SumNarrowRows(ReadOnlySpan<float> z, ReadOnlySpan<float> p, ReadOnlySpan<float> y, int rows, int columns)
    {
        int length = rows * columns;
        if (z.Length < length || p.Length < length || y.Length < length) throw new ArgumentException($"z, p and y must hold {rows} x {columns} values.");
        ref float zs = ref MemoryMarshal.GetReference(z), ps = ref MemoryMarshal.GetReference(p), ys = ref MemoryMarshal.GetReference(y);
        var scorer = new NarrowRowScorer(columns, stackalloc double[NarrowRowScorer.LogBlock], stackalloc double[NarrowRowScorer.LogBlock]);
        int start = 0;
        for (; start + 16 <= length; start += columns)
        {
            scorer.Add(Vector512.LoadUnsafe(ref zs, (nuint)start), Vector512.LoadUnsafe(ref ps, (nuint)start), Vector512.LoadUnsafe(ref ys, (nuint)start),
                ref zs, ref ys, start);
        }
        Span<float> zTail = stackalloc float[16], pTail = stackalloc float[16], yTail = stackalloc float[16];
        for (; start < length; start += columns)
        {
            scorer.Add(NarrowRows.LoadTail(ref zs, start, columns, zTail), NarrowRows.LoadTail(ref ps, start, columns, pTail),
                NarrowRows.LoadTail(ref ys, start, columns, yTail), ref zs, ref ys, start);
        }
        return scorer.Finish();
    }

    /// <summary>The running sums of <see cref="SumNarrowRows"/>, one row at a time.</summary>
    private ref struct NarrowRowScorer(int columns, Span<double> sums, Span<double> targetWeights)
    {
        /// <summary>How many rows' exponential sums are collected before their logs are taken together.</summary>
        public const int LogBlock = 64;

        private readonly Vector512<float> _inside = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(columns)).AsSingle();
        private readonly uint _rowLanes = (1u << columns) - 1;   // columns ≤ 16
        private readonly Span<double> _sums = sums, _targetWeights = targetWeights;
        private int _pending;
        private double _lossSum, _correct;

        /// <summary>Scores the row at <paramref name="start"/>, whose values are in lanes [0, columns) of zr, pr and yr.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(Vector512<float> zr, Vector512<float> pr, Vector512<float> yr, ref float zs, ref float ys, int start)
        {
            Vector512<float> minusInfinity = Vector512.Create(float.NegativeInfinity);
            zr = Vector512.ConditionalSelect(_inside, zr, minusInfinity);
            pr = Vector512.ConditionalSelect(_inside, pr, minusInfinity);
            yr = Vector512.ConditionalSelect(_inside, yr, minusInfinity);
            Vector512<float> max = NarrowRows.MaxAcrossLanes(zr);
            Vector512<float> e = FloatExp.Exp(zr - max);   // lanes past the row: e^-∞ = +0
            double sum = NarrowRows.SumAcrossLanes(Vector512.WidenLower(e) + Vector512.WidenUpper(e)).ToScalar();
            int bestP = FirstLane(Vector512.Equals(pr, NarrowRows.MaxAcrossLanes(pr)), _rowLanes);
            int bestY = FirstLane(Vector512.Equals(yr, NarrowRows.MaxAcrossLanes(yr)), _rowLanes);
            _correct += bestP == bestY ? 1 : 0;
            // Σ_c y_c (m + log s - z_c) over the row's nonzero targets (one, for one-hot rows): Σy·m - Σ y_c z_c now,
            // Σy·log s when the block's logs are taken.
            double m = max.ToScalar(), targetSum = 0;
            uint targets = (uint)(~Vector512.Equals(yr & _inside, Vector512<float>.Zero)).ExtractMostSignificantBits() & _rowLanes;
            while (targets != 0)
            {
                int c = BitOperations.TrailingZeroCount(targets);
                targets &= targets - 1;
                double target = Unsafe.Add(ref ys, start + c);
                targetSum += target;
                _lossSum += target * (m - Unsafe.Add(ref zs, start + c));
            }
            _sums[_pending] = sum;
            _targetWeights[_pending] = targetSum;
            if (++_pending == LogBlock) TakeLogs();
        }

        /// <summary>The loss and correct-prediction sums of the rows added.</summary>
        public (double Loss, double Metric) Finish()
        {
            TakeLogs();
            return (_lossSum, _correct);
        }

        /// <summary>Adds Σ targetSum·log(s) of the pending rows.</summary>
        private void TakeLogs()
        {
            Span<double> s = _sums.Slice(0, _pending);
            TensorPrimitives.Log(s, s);
            _lossSum += TensorPrimitives.Dot(s, _targetWeights.Slice(0, _pending));
            _pending = 0;
        }
    }

    /// <summary>The first of the row's lanes set in <paramref name="mask"/> (16 if none: a NaN row, never equal to a target).</summary>
    private static int FirstLane(Vector512<float> mask, uint rowLanes)
        => BitOperations.TrailingZeroCount(((uint)mask.ExtractMostSignificantBits() & rowLanes) | 0x1_0000);
}
