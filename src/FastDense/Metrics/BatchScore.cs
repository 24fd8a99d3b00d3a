using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FastDense.Kernels;

namespace FastDense.Metrics;

/// <summary>
/// The loss and metric sums of a batch, as <see cref="LossValues.Sum"/> and <see cref="MetricValues.Sum"/> define
/// them, in as few passes as the loss allows: for categorical cross-entropy with several outputs (the common
/// classifier), one pass per row finds the row sum, both arg-maxes and the target entries. Every training step pays
/// for this (Keras reports the loss and accuracy of every batch), so it is kept lean.
/// </summary>
internal static class BatchScore
{
    public static (double Loss, double Metric) Sum<T>(Loss loss, ReadOnlySpan<T> p, ReadOnlySpan<T> y, int rows, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (loss != Loss.CategoricalCrossentropy || columns < 2)
        {
            return (LossValues.Sum(loss, p, y, rows, columns), MetricValues.Sum(loss, p, y, rows, columns));
        }

        if (typeof(T) == typeof(float) && columns <= 16 && Avx512F.IsSupported)
        {
            return SumNarrowRows(MemoryMarshal.Cast<T, float>(p), MemoryMarshal.Cast<T, float>(y), rows, columns);
        }

        double lossSum = 0, correct = 0;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> pr = p.Slice(r * columns, columns), yr = y.Slice(r * columns, columns);
            double sum = 0; // in double, as LossValues sums it: the two must agree to the last bit
            int bestP = 0, bestY = 0;
            for (int c = 0; c < columns; c++)
            {
                sum += double.CreateTruncating(pr[c]);
                if (pr[c] > pr[bestP]) bestP = c;
                if (yr[c] > yr[bestY]) bestY = c;
            }
            if (bestP == bestY) correct++;
            // -Σ y·log(clip(p / Σp)), over the row's non-zero targets only (one, for one-hot rows).
            for (int c = 0; c < columns; c++)
            {
                if (yr[c] == T.Zero) continue;
                double q = Math.Clamp(double.CreateTruncating(pr[c]) / sum, LossValues.Epsilon, 1 - LossValues.Epsilon);
                lossSum -= double.CreateTruncating(yr[c]) * Math.Log(q);
            }
        }
        return (lossSum, correct);
    }

    /// <summary>
    /// Categorical cross-entropy rows of at most 16 floats, one register per row: the row sum in double (two
    /// registers of 8 summed as a tree, within an ulp of double of <see cref="LossValues"/>' left-to-right sum, which
    /// the tests allow), both arg-maxes from a register max and a search for its first lane, and a log only for the
    /// nonzero targets. The per-element branches of the general loop mispredict on a classifier's outputs.
    /// </summary>
    private static (double Loss, double Metric) SumNarrowRows(ReadOnlySpan<float> p, ReadOnlySpan<float> y, int rows, int columns)
    {
        int length = rows * columns;
        if (p.Length < length || y.Length < length) throw new ArgumentException($"p and y must hold {rows} x {columns} values.");
        ref float ps = ref MemoryMarshal.GetReference(p), ys = ref MemoryMarshal.GetReference(y);
        Vector512<float> inside = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(columns)).AsSingle();
        Vector512<float> minusInfinity = Vector512.Create(float.NegativeInfinity);
        uint rowLanes = (1u << columns) - 1;   // columns ≤ 16
        Span<float> tail = stackalloc float[16];
        double lossSum = 0, correct = 0;
        for (int start = 0; start < length; start += columns)
        {
            Vector512<float> pr = Vector512.ConditionalSelect(inside, NarrowRows.Load(ref ps, start, length, columns, tail), minusInfinity);
            Vector512<float> yr = Vector512.ConditionalSelect(inside, NarrowRows.Load(ref ys, start, length, columns, tail), minusInfinity);
            Vector512<float> pInside = pr & inside;
            double sum = Vector512.Sum(Vector512.WidenLower(pInside)) + Vector512.Sum(Vector512.WidenUpper(pInside));
            int bestP = FirstLane(Vector512.Equals(pr, NarrowRows.MaxAcrossLanes(pr)), rowLanes);
            int bestY = FirstLane(Vector512.Equals(yr, NarrowRows.MaxAcrossLanes(yr)), rowLanes);
            correct += bestP == bestY ? 1 : 0;
            // -Σ y·log(clip(p / Σp)) over the row's nonzero targets (one, for one-hot rows).
            uint targets = (uint)(~Vector512.Equals(yr & inside, Vector512<float>.Zero)).ExtractMostSignificantBits() & rowLanes;
            while (targets != 0)
            {
                int c = BitOperations.TrailingZeroCount(targets);
                targets &= targets - 1;
                double q = Math.Clamp(Unsafe.Add(ref ps, start + c) / sum, LossValues.Epsilon, 1 - LossValues.Epsilon);
                lossSum -= Unsafe.Add(ref ys, start + c) * Math.Log(q);
            }
        }
        return (lossSum, correct);
    }

    /// <summary>The first of the row's lanes set in <paramref name="mask"/> (16 if none: a NaN row, never equal to a target).</summary>
    private static int FirstLane(Vector512<float> mask, uint rowLanes)
        => BitOperations.TrailingZeroCount(((uint)mask.ExtractMostSignificantBits() & rowLanes) | 0x1_0000);
}
