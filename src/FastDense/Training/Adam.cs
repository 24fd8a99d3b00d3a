using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FastDense.Kernels;

namespace FastDense;

/// <summary>
/// Adam, as Keras 3 applies it (keras/src/optimizers/adam.py), up to float rounding. At step t (from 1):
/// <code>
/// alpha = learning_rate · sqrt(1 - beta2^t) / (1 - beta1^t)
/// m    += (g - m) · (1 - beta1)
/// v    += (g² - v) · (1 - beta2)
/// w    -= alpha · m / (sqrt(v) + epsilon)      (computed as m · (alpha / (sqrt(v) + epsilon)))
/// </code>
/// Epsilon is added to sqrt(v), not to the bias-corrected sqrt(v̂) (the paper's "epsilon hat" form): with Keras's
/// 1e-7 this differs from PyTorch's Adam, which adds its 1e-8 after the bias correction.
/// A moment that falls below the smallest normal number (float: 2^-126 ≈ 1.2e-38) is set to zero, as Keras's
/// TensorFlow backend does by running with the CPU's flush-to-zero mode: subnormal arithmetic is slow.
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
    internal override void DescribeHyperparameters(List<KeyValuePair<string, string>> hyperparameters)
    {
        hyperparameters.Add(new("beta1", Beta1.ToString("R", CultureInfo.InvariantCulture)));
        hyperparameters.Add(new("beta2", Beta2.ToString("R", CultureInfo.InvariantCulture)));
        hyperparameters.Add(new("epsilon", Epsilon.ToString("R", CultureInfo.InvariantCulture)));
    }

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

    /// <inheritdoc />
    internal override bool CombinesShardPairs<T>()
        => typeof(T) == typeof(float) && KernelDispatch.Selected >= KernelPath.Vector512 && Avx512F.IsSupported;

    /// <inheritdoc />
    internal override void ApplyRange<T>(Span<T> parameters, ReadOnlySpan<T> first, T firstScale, ReadOnlySpan<T> second, T secondScale,
        Span<T> state, int start, int length, long step)
    {
        if (!CombinesShardPairs<T>()) throw new NotSupportedException($"Adam combines gradient shards for float on AVX-512 only, not for {typeof(T).Name} here.");
        int n = parameters.Length;
        (float a, float oneMinusBeta1, float oneMinusBeta2, float eps) = Coefficients<float>(LearningRate, Beta1, Beta2, Epsilon, step);
        Span<float> w = MemoryMarshal.Cast<T, float>(parameters).Slice(start, length);
        Span<float> m = MemoryMarshal.Cast<T, float>(state).Slice(start, length), v = MemoryMarshal.Cast<T, float>(state).Slice(n + start, length);
        var gradients = new ShardPair(MemoryMarshal.Cast<T, float>(first).Slice(start, length), float.CreateTruncating(firstScale),
            MemoryMarshal.Cast<T, float>(second).Slice(start, length), float.CreateTruncating(secondScale));
        int i = UpdateFloat512(w, gradients, m, v, a, oneMinusBeta1, oneMinusBeta2, eps);
        for (; i < length; i++) UpdateOne(ref w[i], gradients.At(i), ref m[i], ref v[i], a, oneMinusBeta1, oneMinusBeta2, eps);
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
        (T a, T oneMinusBeta1, T oneMinusBeta2, T eps) = Coefficients<T>(learningRate, beta1, beta2, epsilon, step);

        // One pass: every parameter's m, v and w are read and written once, on the widest path the CPU has (a scalar
        // loop is many times slower: docs/benchmarks.md).
        int i = 0;
        if (typeof(T) == typeof(float) && path >= KernelPath.Vector512 && Avx512F.IsSupported)
        {
            i = UpdateFloat512(MemoryMarshal.Cast<T, float>(parameters), new OneGradient(MemoryMarshal.Cast<T, float>(gradients)), MemoryMarshal.Cast<T, float>(m),
                MemoryMarshal.Cast<T, float>(v), float.CreateTruncating(a), float.CreateTruncating(oneMinusBeta1), float.CreateTruncating(oneMinusBeta2), float.CreateTruncating(eps));
        }
        else if (path >= KernelPath.Vector512 && Vector512.IsHardwareAccelerated)
        {
            Span<Vector512<T>> wv = MemoryMarshal.Cast<T, Vector512<T>>(parameters), mv = MemoryMarshal.Cast<T, Vector512<T>>(m), vv = MemoryMarshal.Cast<T, Vector512<T>>(v);
            ReadOnlySpan<Vector512<T>> gv = MemoryMarshal.Cast<T, Vector512<T>>(gradients);
            Vector512<T> va = Vector512.Create(a), vb1 = Vector512.Create(oneMinusBeta1), vb2 = Vector512.Create(oneMinusBeta2), veps = Vector512.Create(eps);
            Vector512<T> normal = Vector512.Create(SmallestNormal<T>());
            for (int k = 0; k < wv.Length; k++)
            {
                Vector512<T> g = gv[k];
                Vector512<T> mk = FlushSubnormal(mv[k] + (g - mv[k]) * vb1, normal);
                Vector512<T> vk = FlushSubnormal(vv[k] + (g * g - vv[k]) * vb2, normal);
                mv[k] = mk;
                vv[k] = vk;
                wv[k] -= mk * (va / (Vector512.Sqrt(vk) + veps));   // m times the rest: see UpdateRegister
            }
            i = wv.Length * Vector512<T>.Count;
        }
        else if (path >= KernelPath.Vector256 && Vector256.IsHardwareAccelerated)
        {
            Span<Vector256<T>> wv = MemoryMarshal.Cast<T, Vector256<T>>(parameters), mv = MemoryMarshal.Cast<T, Vector256<T>>(m), vv = MemoryMarshal.Cast<T, Vector256<T>>(v);
            ReadOnlySpan<Vector256<T>> gv = MemoryMarshal.Cast<T, Vector256<T>>(gradients);
            Vector256<T> va = Vector256.Create(a), vb1 = Vector256.Create(oneMinusBeta1), vb2 = Vector256.Create(oneMinusBeta2), veps = Vector256.Create(eps);
            Vector256<T> normal = Vector256.Create(SmallestNormal<T>());
            for (int k = 0; k < wv.Length; k++)
            {
                Vector256<T> g = gv[k];
                Vector256<T> mk = FlushSubnormal(mv[k] + (g - mv[k]) * vb1, normal);
                Vector256<T> vk = FlushSubnormal(vv[k] + (g * g - vv[k]) * vb2, normal);
                mv[k] = mk;
                vv[k] = vk;
                wv[k] -= mk * (va / (Vector256.Sqrt(vk) + veps));   // m times the rest: see UpdateRegister
            }
            i = wv.Length * Vector256<T>.Count;
        }
        for (; i < n; i++) UpdateOne(ref parameters[i], gradients[i], ref m[i], ref v[i], a, oneMinusBeta1, oneMinusBeta2, eps);
    }

    /// <summary>The step's scalars: the bias corrections folded into alpha, computed in double.</summary>
    private static (T Alpha, T OneMinusBeta1, T OneMinusBeta2, T Epsilon) Coefficients<T>(double learningRate, double beta1, double beta2, double epsilon, long step)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double alpha = learningRate * Math.Sqrt(1 - Math.Pow(beta2, step)) / (1 - Math.Pow(beta1, step));
        return (T.CreateTruncating(alpha), T.CreateTruncating(1 - beta1), T.CreateTruncating(1 - beta2), T.CreateTruncating(epsilon));
    }

    /// <summary>One parameter's update, for the elements past the last whole register.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpdateOne<T>(ref T w, T g, ref T m, ref T v, T a, T oneMinusBeta1, T oneMinusBeta2, T eps)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        m += (g - m) * oneMinusBeta1;
        v += (g * g - v) * oneMinusBeta2;
        if (T.IsSubnormal(m)) m = T.Zero;   // any IEEE type: see FlushSubnormal
        if (T.IsSubnormal(v)) v = T.Zero;
        w -= m * (a / (T.Sqrt(v) + eps));   // m times the rest: see UpdateRegister
    }

    /// <summary>2^-126, the smallest positive normal float.</summary>
    private const float FloatSmallestNormal = 1.17549435e-38f;

    /// <summary>
    /// The smallest positive normal number of <typeparamref name="T"/> (2^-126 for float, 2^-1022 for double, 2^-14
    /// for Half). Moments below it are set to zero: see <see cref="FlushSubnormal{T}(Vector512{T}, Vector512{T})"/>.
    /// </summary>
    internal static T SmallestNormal<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? T.CreateTruncating(FloatSmallestNormal)
            : typeof(T) == typeof(double) ? T.CreateTruncating(2.2250738585072014e-308)
            : typeof(T) == typeof(Half) ? T.ScaleB(T.One, -14)
            : throw new NotSupportedException($"Adam's vector paths run float and double only, not {typeof(T).Name}.");

    /// <summary>
    /// Lanes whose magnitude is below <paramref name="smallestNormal"/> (subnormal numbers) set to zero. A moment of a
    /// parameter whose gradient has stopped (Fashion-MNIST's border pixels are zero in almost every batch) decays by
    /// beta1 per step and passes through the subnormal range before it reaches zero, and arithmetic on subnormal
    /// numbers is slow on these cores (docs/benchmarks.md has the figures). Keras on its
    /// TensorFlow backend computes with the CPU's flush-to-zero mode on, so it flushes these values too; a subnormal
    /// m or v moves a weight by less than 1e-38 · learning rate / epsilon in any case.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> FlushSubnormal<T>(Vector512<T> value, Vector512<T> smallestNormal)
        => Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(value), smallestNormal), Vector512<T>.Zero, value);

    /// <inheritdoc cref="FlushSubnormal{T}(Vector512{T}, Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> FlushSubnormal<T>(Vector256<T> value, Vector256<T> smallestNormal)
        => Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(value), smallestNormal), Vector256<T>.Zero, value);

    /// <summary>
    /// The float pass on AVX-512, returning how many parameters it updated (whole registers). The division is a
    /// reciprocal estimate (14 bits) refined by one Newton step, r·(2 − d·r): 1–2 float ulps from the division, and
    /// the pass was bound by the square root and the division together (docs/benchmarks.md). The square root stays exact: epsilon is added after it.
    /// </summary>
    private static int UpdateFloat512<TGradient>(Span<float> parameters, TGradient gradients, Span<float> m, Span<float> v,
        float a, float oneMinusBeta1, float oneMinusBeta2, float eps)
        where TGradient : struct, IGradientSource, allows ref struct
    {
        int whole = parameters.Length - parameters.Length % Vector512<float>.Count;
        if (gradients.Length < whole || m.Length < whole || v.Length < whole) throw new ArgumentException("Adam's buffers are shorter than the parameters.");
        ref float w = ref MemoryMarshal.GetReference(parameters);
        ref float mr = ref MemoryMarshal.GetReference(m), vr = ref MemoryMarshal.GetReference(v);
        Vector512<float> va = Vector512.Create(a), vb1 = Vector512.Create(oneMinusBeta1), vb2 = Vector512.Create(oneMinusBeta2), veps = Vector512.Create(eps);
        nuint k = 0, lanes = (nuint)Vector512<float>.Count;
        // Two registers per iteration: the square root and the reciprocal have long latencies, and two independent
        // chains keep both the square-root unit and the FMA pipes busy.
        for (; k + 2 * lanes <= (nuint)whole; k += 2 * lanes)
        {
            UpdateRegister(ref w, gradients.Load(k), ref mr, ref vr, k, va, vb1, vb2, veps);
            UpdateRegister(ref w, gradients.Load(k + lanes), ref mr, ref vr, k + lanes, va, vb1, vb2, veps);
        }
        if (k < (nuint)whole) UpdateRegister(ref w, gradients.Load(k), ref mr, ref vr, k, va, vb1, vb2, veps);
        return whole;
    }

    /// <summary>One register of the float pass: m, v and w at <paramref name="k"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpdateRegister(ref float w, Vector512<float> gk, ref float m, ref float v, nuint k,
        Vector512<float> alpha, Vector512<float> oneMinusBeta1, Vector512<float> oneMinusBeta2, Vector512<float> epsilon)
    {
        Vector512<float> normal = Vector512.Create(FloatSmallestNormal);
        Vector512<float> mk = FlushSubnormal(Vector512.FusedMultiplyAdd(gk - Vector512.LoadUnsafe(ref m, k), oneMinusBeta1, Vector512.LoadUnsafe(ref m, k)), normal);
        Vector512<float> vk = FlushSubnormal(Vector512.FusedMultiplyAdd(gk * gk - Vector512.LoadUnsafe(ref v, k), oneMinusBeta2, Vector512.LoadUnsafe(ref v, k)), normal);
        mk.StoreUnsafe(ref m, k);
        vk.StoreUnsafe(ref v, k);
        Vector512<float> d = Vector512.Sqrt(vk) + epsilon;
        Vector512<float> r = Avx512F.Reciprocal14(d);
        r = Vector512.FusedMultiplyAdd(r, Vector512<float>.One - d * r, r);   // one Newton step: 1–2 ulps from 1 / d
        // m times (alpha / (sqrt(v) + epsilon)), not (alpha · m) / …: a small normal m (1e-35) times alpha (1e-3) is a
        // subnormal product, which costs as much as subnormal moments; alpha / (sqrt(v) + epsilon) is rarely far below 1.
        (Vector512.LoadUnsafe(ref w, k) - mk * (alpha * r)).StoreUnsafe(ref w, k);
    }

    /// <summary>Where <see cref="UpdateFloat512"/> reads the gradient's registers from.</summary>
    private interface IGradientSource
    {
        /// <summary>Elements available.</summary>
        int Length { get; }

        /// <summary>The gradient's 16 elements from <paramref name="k"/>.</summary>
        Vector512<float> Load(nuint k);
    }

    /// <summary>A gradient buffer.</summary>
    private readonly ref struct OneGradient(ReadOnlySpan<float> gradient) : IGradientSource
    {
        private readonly ReadOnlySpan<float> _gradient = gradient;

        public int Length => _gradient.Length;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<float> Load(nuint k) => Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(_gradient), k);
    }

    /// <summary>
    /// The gradient of a batch split over two shards, combined as it is read: first·firstScale + second·secondScale,
    /// each product rounded and then the sum (no fused multiply-add), which is what the trainer's
    /// <c>CombineGradients</c> computes, so both give the same bits. Reading the two shards' buffers here saves a pass
    /// that wrote the combination and read it back (half of the update phase of a two-thread Fashion-MNIST step).
    /// </summary>
    private readonly ref struct ShardPair(ReadOnlySpan<float> first, float firstScale, ReadOnlySpan<float> second, float secondScale) : IGradientSource
    {
        private readonly ReadOnlySpan<float> _first = first, _second = second.Slice(0, first.Length);
        private readonly float _firstScale = firstScale, _secondScale = secondScale;

        public int Length => _first.Length;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<float> Load(nuint k)
            => Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(_first), k) * _firstScale
                + Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(_second), k) * _secondScale;

        /// <summary>Element <paramref name="i"/>, combined the same way.</summary>
        public float At(int i) => _first[i] * _firstScale + _second[i] * _secondScale;
    }
}
