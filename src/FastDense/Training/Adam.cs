using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FastDense.Kernels;

namespace FastDense;

/// <summary>
/// Adam, exactly as Keras 3 applies it (keras/src/optimizers/adam.py). At step t (from 1):
/// <code>
/// alpha = learning_rate · sqrt(1 - beta2^t) / (1 - beta1^t)
/// m    += (g - m) · (1 - beta1)
/// v    += (g² - v) · (1 - beta2)
/// w    -= alpha · m / (sqrt(v) + epsilon)
/// </code>
/// Epsilon is added to sqrt(v), not to the bias-corrected sqrt(v̂) (the paper's "epsilon hat" form): with Keras's
/// 1e-7 this differs from PyTorch's Adam, which adds its 1e-8 after the bias correction.
/// </summary>
public sealed class Adam : Optimizer
{
    /// <summary>Creates the optimizer with Keras's defaults unless told otherwise.</summary>
    /// <param name="learningRate">The step size (default 0.001).</param>
    /// <param name="beta1">Decay of the first-moment average (default 0.9).</param>
    /// <param name="beta2">Decay of the second-moment average (default 0.999).</param>
    /// <param name="epsilon">Added to sqrt(v) for stability (default 1e-7).</param>
    public Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7)
        : base(learningRate)
    {
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta1 must be in [0, 1).");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "beta2 must be in [0, 1).");
        if (!(epsilon > 0) || !double.IsFinite(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be positive and finite.");
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>Decay of the first-moment average.</summary>
    public double Beta1 { get; }

    /// <summary>Decay of the second-moment average.</summary>
    public double Beta2 { get; }

    /// <summary>Added to sqrt(v) in the denominator.</summary>
    public double Epsilon { get; }

    /// <inheritdoc />
    protected override int StateSlots => 2;

    /// <inheritdoc />
    protected override void Apply<T>(Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> state, long step)
        => Update(KernelDispatch.Selected, parameters, gradients, state, LearningRate, Beta1, Beta2, Epsilon, step);

    internal override bool UpdatesInRanges => true;

    internal override void ApplyRange<T>(Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> state, int start, int length, long step)
    {
        int n = parameters.Length;
        Update(KernelDispatch.Selected, parameters.Slice(start, length), gradients.Slice(start, length),
            state.Slice(start, length), state.Slice(n + start, length), LearningRate, Beta1, Beta2, Epsilon, step);
    }

    /// <summary>The update on a given register width (tests reach every path through this).</summary>
    internal static void Update<T>(KernelPath path, Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> state,
        double learningRate, double beta1, double beta2, double epsilon, long step)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = parameters.Length;
        Update(path, parameters, gradients, state.Slice(0, n), state.Slice(n, n), learningRate, beta1, beta2, epsilon, step);
    }

    /// <summary>The update with the two moments given separately (a range of each, for a split update).</summary>
    private static void Update<T>(KernelPath path, Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> m, Span<T> v,
        double learningRate, double beta1, double beta2, double epsilon, long step)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = parameters.Length;
        // The bias corrections are folded into one scalar per step, computed in double.
        double alpha = learningRate * Math.Sqrt(1 - Math.Pow(beta2, step)) / (1 - Math.Pow(beta1, step));
        T a = T.CreateTruncating(alpha), oneMinusBeta1 = T.CreateTruncating(1 - beta1), oneMinusBeta2 = T.CreateTruncating(1 - beta2);
        T eps = T.CreateTruncating(epsilon);

        // One pass: every parameter's m, v and w are read and written once. PERF-NOTES measured the digits model's
        // Adam at 25 µs as a scalar loop and 1.4 µs as one Vector512 pass: the widest path the CPU has is used.
        int i = 0;
        if (typeof(T) == typeof(float) && path >= KernelPath.Vector512 && Avx512F.IsSupported)
        {
            i = UpdateFloat512(MemoryMarshal.Cast<T, float>(parameters), MemoryMarshal.Cast<T, float>(gradients), MemoryMarshal.Cast<T, float>(m),
                MemoryMarshal.Cast<T, float>(v), float.CreateTruncating(a), float.CreateTruncating(oneMinusBeta1), float.CreateTruncating(oneMinusBeta2), float.CreateTruncating(eps));
        }
        else if (path >= KernelPath.Vector512 && Vector512.IsHardwareAccelerated)
        {
            Span<Vector512<T>> wv = MemoryMarshal.Cast<T, Vector512<T>>(parameters), mv = MemoryMarshal.Cast<T, Vector512<T>>(m), vv = MemoryMarshal.Cast<T, Vector512<T>>(v);
            ReadOnlySpan<Vector512<T>> gv = MemoryMarshal.Cast<T, Vector512<T>>(gradients);
            Vector512<T> va = Vector512.Create(a), vb1 = Vector512.Create(oneMinusBeta1), vb2 = Vector512.Create(oneMinusBeta2), veps = Vector512.Create(eps);
            for (int k = 0; k < wv.Length; k++)
            {
                Vector512<T> g = gv[k];
                Vector512<T> mk = mv[k] + (g - mv[k]) * vb1;
                Vector512<T> vk = vv[k] + (g * g - vv[k]) * vb2;
                mv[k] = mk;
                vv[k] = vk;
                wv[k] -= va * mk / (Vector512.Sqrt(vk) + veps);
            }
            i = wv.Length * Vector512<T>.Count;
        }
        else if (path >= KernelPath.Vector256 && Vector256.IsHardwareAccelerated)
        {
            Span<Vector256<T>> wv = MemoryMarshal.Cast<T, Vector256<T>>(parameters), mv = MemoryMarshal.Cast<T, Vector256<T>>(m), vv = MemoryMarshal.Cast<T, Vector256<T>>(v);
            ReadOnlySpan<Vector256<T>> gv = MemoryMarshal.Cast<T, Vector256<T>>(gradients);
            Vector256<T> va = Vector256.Create(a), vb1 = Vector256.Create(oneMinusBeta1), vb2 = Vector256.Create(oneMinusBeta2), veps = Vector256.Create(eps);
            for (int k = 0; k < wv.Length; k++)
            {
                Vector256<T> g = gv[k];
                Vector256<T> mk = mv[k] + (g - mv[k]) * vb1;
                Vector256<T> vk = vv[k] + (g * g - vv[k]) * vb2;
                mv[k] = mk;
                vv[k] = vk;
                wv[k] -= va * mk / (Vector256.Sqrt(vk) + veps);
            }
            i = wv.Length * Vector256<T>.Count;
        }
        for (; i < n; i++)
        {
            T g = gradients[i];
            m[i] += (g - m[i]) * oneMinusBeta1;
            v[i] += (g * g - v[i]) * oneMinusBeta2;
            parameters[i] -= a * m[i] / (T.Sqrt(v[i]) + eps);
        }
    }

    /// <summary>
    /// The float pass on AVX-512, returning how many parameters it updated (whole registers). The division is a
    /// reciprocal estimate (14 bits) refined by one Newton step, r·(2 − d·r): 1–2 float ulps from the division, and
    /// the pass was bound by the square root and the division together (~18 cycles per register on Zen 5; measured
    /// 1.46 → see docs/benchmarks.md for the digits model). The square root stays exact: epsilon is added after it.
    /// </summary>
    private static int UpdateFloat512(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> m, Span<float> v,
        float a, float oneMinusBeta1, float oneMinusBeta2, float eps)
    {
        int whole = parameters.Length - parameters.Length % Vector512<float>.Count;
        if (gradients.Length < whole || m.Length < whole || v.Length < whole) throw new ArgumentException("Adam's buffers are shorter than the parameters.");
        ref float w = ref MemoryMarshal.GetReference(parameters), g = ref MemoryMarshal.GetReference(gradients);
        ref float mr = ref MemoryMarshal.GetReference(m), vr = ref MemoryMarshal.GetReference(v);
        Vector512<float> va = Vector512.Create(a), vb1 = Vector512.Create(oneMinusBeta1), vb2 = Vector512.Create(oneMinusBeta2), veps = Vector512.Create(eps);
        nuint k = 0;
        // Two registers per iteration: the square root and the reciprocal have long latencies, and two independent
        // chains keep both the divider/square-root unit and the FMA pipes busy.
        for (; k + 2 * (nuint)Vector512<float>.Count <= (nuint)whole; k += 2 * (nuint)Vector512<float>.Count)
        {
            nuint k2 = k + (nuint)Vector512<float>.Count;
            Vector512<float> g0 = Vector512.LoadUnsafe(ref g, k), g1 = Vector512.LoadUnsafe(ref g, k2);
            Vector512<float> m0 = Vector512.LoadUnsafe(ref mr, k), m1 = Vector512.LoadUnsafe(ref mr, k2);
            Vector512<float> v0 = Vector512.LoadUnsafe(ref vr, k), v1 = Vector512.LoadUnsafe(ref vr, k2);
            m0 = Vector512.FusedMultiplyAdd(g0 - m0, vb1, m0);
            m1 = Vector512.FusedMultiplyAdd(g1 - m1, vb1, m1);
            v0 = Vector512.FusedMultiplyAdd(g0 * g0 - v0, vb2, v0);
            v1 = Vector512.FusedMultiplyAdd(g1 * g1 - v1, vb2, v1);
            m0.StoreUnsafe(ref mr, k); m1.StoreUnsafe(ref mr, k2);
            v0.StoreUnsafe(ref vr, k); v1.StoreUnsafe(ref vr, k2);
            Vector512<float> d0 = Vector512.Sqrt(v0) + veps, d1 = Vector512.Sqrt(v1) + veps;
            Vector512<float> r0 = Avx512F.Reciprocal14(d0), r1 = Avx512F.Reciprocal14(d1);
            r0 = Vector512.FusedMultiplyAdd(r0, Vector512<float>.One - d0 * r0, r0);
            r1 = Vector512.FusedMultiplyAdd(r1, Vector512<float>.One - d1 * r1, r1);
            (Vector512.LoadUnsafe(ref w, k) - va * m0 * r0).StoreUnsafe(ref w, k);
            (Vector512.LoadUnsafe(ref w, k2) - va * m1 * r1).StoreUnsafe(ref w, k2);
        }
        for (; k < (nuint)whole; k += (nuint)Vector512<float>.Count)
        {
            Vector512<float> gk = Vector512.LoadUnsafe(ref g, k);
            Vector512<float> mk = Vector512.LoadUnsafe(ref mr, k), vk = Vector512.LoadUnsafe(ref vr, k);
            mk = Vector512.FusedMultiplyAdd(gk - mk, vb1, mk);
            vk = Vector512.FusedMultiplyAdd(gk * gk - vk, vb2, vk);
            mk.StoreUnsafe(ref mr, k);
            vk.StoreUnsafe(ref vr, k);
            Vector512<float> d = Vector512.Sqrt(vk) + veps;
            Vector512<float> r = Avx512F.Reciprocal14(d);
            r = Vector512.FusedMultiplyAdd(r, Vector512<float>.One - d * r, r);
            (Vector512.LoadUnsafe(ref w, k) - va * mk * r).StoreUnsafe(ref w, k);
        }
        return whole;
    }
}
