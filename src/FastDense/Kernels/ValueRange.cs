using System.Numerics;
using System.Runtime.InteropServices;

namespace FastDense.Kernels;

/// <summary>
/// Whether every value of a span lies in a closed range: the fast answer of the target checks that run on every
/// <c>Fit</c> (Fashion-MNIST: 600,000 targets), whose element-by-element loop then only finds the culprit.
/// </summary>
/// <remarks>
/// One small loop rather than TensorPrimitives' <c>Min</c> and <c>Max</c>: two vectorized reductions compile to several
/// kilobytes of IL at a process's first <c>Fit</c> (docs/architecture.md, "First calls"), for one comparison pass.
/// </remarks>
internal static class ValueRange
{
    /// <summary>
    /// True when <c>low ≤ v ≤ high</c> for every v in <paramref name="values"/> (and for none: an empty span); false
    /// as soon as one is outside, or NaN.
    /// </summary>
    public static bool AllWithin<T>(ReadOnlySpan<T> values, T low, T high)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T start = ref MemoryMarshal.GetReference(values);
        nuint n = (nuint)values.Length, i = 0;
        if (Elementwise.IsVectorized<T>())
        {
            var lows = new Vector<T>(low);
            var highs = new Vector<T>(high);
            for (; i + (nuint)Vector<T>.Count <= n; i += (nuint)Vector<T>.Count)
            {
                Vector<T> v = Vector.LoadUnsafe(ref start, i);
                // A NaN fails both comparisons, so it is outside.
                if (!Vector.GreaterThanOrEqualAll(v, lows) || !Vector.LessThanOrEqualAll(v, highs)) return false;
            }
        }
        for (; i < n; i++)
        {
            T v = System.Runtime.CompilerServices.Unsafe.Add(ref start, i);
            if (!(v >= low && v <= high)) return false;
        }
        return true;
    }
}
