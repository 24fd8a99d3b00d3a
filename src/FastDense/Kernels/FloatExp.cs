using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastDense.Kernels;

/// <summary>
/// e^x for 16 floats in about a dozen instructions, for the softmax of narrow rows. TensorPrimitives.Exp and
/// Vector512.Exp compute a float's exponential in double (widen, evaluate, narrow), a large share of a narrow
/// softmax (docs/benchmarks.md, W1). This is the classic float evaluation (Cody–Waite reduction
/// x = n·ln2 + r with |r| ≤ ln2/2 and ln2 split in two so n·ln2 is exact, Cephes' degree-6 polynomial for e^r,
/// and vscalefps for the 2^n), within 2 ulps of e^x (FloatExpTests checks it against Math.Exp over the whole range).
/// Inputs below -104 give +0 (e^-104 is below the smallest float), -∞ gives +0, NaN stays NaN; inputs above 88.7
/// give +∞. The softmax only passes values ≤ 0.
/// </summary>
internal static class FloatExp
{
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2High = 0.693359375f;          // 8 significant bits: n · Ln2High is exact for |n| < 2^16
    private const float Ln2Low = -2.12194440e-4f;        // ln 2 - Ln2High
    private const float Lowest = -104f;
    private const float Highest = 89f;

    /// <summary>e^x in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        // Max/Min (not the native forms) keep a NaN lane NaN; -∞ becomes Lowest and so +0.
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(Lowest)), Vector512.Create(Highest));
        Vector512<float> n = Vector512.Round(x * Vector512.Create(Log2E));
        Vector512<float> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2High), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Low), r);
        Vector512<float> p = Vector512.Create(1.9875691500e-4f);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.3981999507e-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(8.3334519073e-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(4.1665795894e-2f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.6666665459e-1f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(5.0000001201e-1f));
        p = Vector512.FusedMultiplyAdd(p, r * r, r + Vector512<float>.One);
        return Avx512F.Scale(p, n);   // p · 2^n, exact (and +0 or +∞ past the float range)
    }
}
