using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;
using FastDense.Optimizers;

namespace FastDense;

/// <summary>
/// Adam, as Keras 3 applies it (keras/src/optimizers/adam.py), up to float rounding. At step t (from 1):
/// <code>
/// alpha = learning_rate · sqrt(1 - beta2^t) / (1 - beta1^t)
/// m    += (g - m) · (1 - beta1)
/// v    += (g² - v) · (1 - beta2)
/// w    -= alpha · m / (sqrt(v) + epsilon)      (computed as m · (alpha / (sqrt(v) + epsilon)))
/// </code>
/// With <c>amsgrad</c> (Reddi et al., "On the Convergence of Adam and Beyond") a third slot keeps the largest v
/// seen, and the denominator uses it:
/// <code>
/// v_hat = max(v_hat, v)                        (after v's update)
/// w    -= alpha · m / (sqrt(v_hat) + epsilon)
/// </code>
/// Epsilon is added to sqrt(v), not to the bias-corrected sqrt(v̂) (the paper's "epsilon hat" form): with Keras's
/// 1e-7 this differs from PyTorch's Adam, which adds its 1e-8 after the bias correction.
/// A moment that falls below the smallest normal number (float: 2^-126 ≈ 1.2e-38) is set to zero, as Keras's
/// TensorFlow backend does by running with the CPU's flush-to-zero mode: subnormal arithmetic is slow.
/// </summary>
public class Adam : Optimizer
{
    /// <summary>Creates the optimizer with Keras's defaults unless told otherwise.</summary>
    /// <param name="learningRate">The step size (default 0.001).</param>
    /// <param name="beta1">Decay of the first-moment average (default 0.9).</param>
    /// <param name="beta2">Decay of the second-moment average (default 0.999).</param>
    /// <param name="epsilon">Added to sqrt(v) for stability (default 1e-7).</param>
    /// <param name="amsgrad">Whether to divide by the largest second moment so far, AMSGrad (default false).</param>
    public Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7, bool amsgrad = false)
        : base(learningRate)
    {
        OptimizerArguments.BelowOne(beta1, nameof(beta1));
        OptimizerArguments.BelowOne(beta2, nameof(beta2));
        OptimizerArguments.PositiveFinite(epsilon, nameof(epsilon));
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        Amsgrad = amsgrad;
    }

    /// <summary>
    /// Creates the optimizer with a learning-rate schedule instead of a constant rate, as Keras's <c>Adam</c> given a
    /// <c>LearningRateSchedule</c> for <c>learning_rate</c>; see <see cref="Optimizer.LearningRateSchedule"/>.
    /// </summary>
    /// <param name="learningRate">The schedule the learning rate follows.</param>
    /// <param name="beta1">Decay of the first-moment average (default 0.9).</param>
    /// <param name="beta2">Decay of the second-moment average (default 0.999).</param>
    /// <param name="epsilon">Added to sqrt(v) for stability (default 1e-7).</param>
    /// <exception cref="ArgumentNullException"><paramref name="learningRate"/> is null.</exception>
    public Adam(LearningRateSchedule learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7)
        : this(0.001, beta1, beta2, epsilon)   // Keras's default rate: the constant kept for when the schedule is removed
        => LearningRateSchedule = learningRate ?? throw new ArgumentNullException(nameof(learningRate));

    /// <summary>Decay of the first-moment average.</summary>
    public double Beta1 { get; }

    /// <summary>Decay of the second-moment average.</summary>
    public double Beta2 { get; }

    /// <summary>Added to sqrt(v) in the denominator.</summary>
    public double Epsilon { get; }

    /// <summary>
    /// Whether the update divides by the running maximum of v (AMSGrad), kept in a third slot, instead of by v.
    /// </summary>
    public bool Amsgrad { get; }

    /// <inheritdoc />
    protected override int StateSlots => Amsgrad ? 3 : 2;

    /// <inheritdoc />
    protected override void Apply<T>(Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> state, long step)
        => UpdateAll(parameters, gradients, state, step);

    private protected override bool IsElementwise => true;

    private protected override void UpdateElements<T, TGradient>(KernelPath path, Span<T> parameters, Span<T> state, int start, TGradient gradient, long step)
    {
        var rule = new Rule<T>(LearningRate, Beta1, Beta2, Epsilon, step);
        if (Amsgrad) ElementwiseUpdate.Run(new AmsgradRule<T>(rule), path, parameters, state, start, gradient);
        else ElementwiseUpdate.Run(rule, path, parameters, state, start, gradient);
    }

    /// <inheritdoc />
    internal override void DescribeHyperparameters(List<KeyValuePair<string, string>> hyperparameters)
    {
        hyperparameters.Add(new("beta1", Beta1.ToString("R", CultureInfo.InvariantCulture)));
        hyperparameters.Add(new("beta2", Beta2.ToString("R", CultureInfo.InvariantCulture)));
        hyperparameters.Add(new("epsilon", Epsilon.ToString("R", CultureInfo.InvariantCulture)));
        hyperparameters.Add(new("amsgrad", Amsgrad ? "true" : "false"));
    }

    /// <summary>
    /// Adam's update of one register: slot 0 is m, slot 1 is v. The bias corrections are folded into alpha, in double.
    /// m times (alpha / (sqrt(v) + epsilon)), not (alpha · m) / …: a small normal m (1e-35) times alpha (1e-3) is a
    /// subnormal product, which costs as much as subnormal moments; alpha / (sqrt(v) + epsilon) is rarely far below 1.
    /// The reciprocal may be the 14-bit estimate refined once (float on AVX-512): 1–2 ulps from the division; the
    /// square root stays exact, epsilon being added after it.
    /// </summary>
    private readonly struct Rule<T> : IElementwiseRule<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly T _alpha, _oneMinusBeta1, _oneMinusBeta2, _epsilon;

        public Rule(double learningRate, double beta1, double beta2, double epsilon, long step)
        {
            _alpha = T.CreateTruncating(learningRate * Math.Sqrt(1 - Math.Pow(beta2, step)) / (1 - Math.Pow(beta1, step)));
            _oneMinusBeta1 = T.CreateTruncating(1 - beta1);
            _oneMinusBeta2 = T.CreateTruncating(1 - beta2);
            _epsilon = T.CreateTruncating(epsilon);
        }

        public static int Slots => 2;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Slots<TMath, TVec, T> NewState<TMath, TVec>(Lanes<TMath, TVec, T> w, Lanes<TMath, TVec, T> g, Slots<TMath, TVec, T> state)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct
        {
            Lanes<TMath, TVec, T> m = state.S0, v = state.S1;
            return new(
                Lanes<TMath, TVec, T>.MultiplyAdd(g - m, Lanes<TMath, TVec, T>.Of(_oneMinusBeta1), m),        // m += (g - m)(1 - beta1)
                Lanes<TMath, TVec, T>.MultiplyAdd(g * g - v, Lanes<TMath, TVec, T>.Of(_oneMinusBeta2), v));   // v += (g² - v)(1 - beta2)
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Lanes<TMath, TVec, T> NewParameter<TMath, TVec>(Lanes<TMath, TVec, T> w, Lanes<TMath, TVec, T> g, Slots<TMath, TVec, T> state, Slots<TMath, TVec, T> updated)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct
        {
            Lanes<TMath, TVec, T> r = Lanes<TMath, TVec, T>.Reciprocal(Lanes<TMath, TVec, T>.Sqrt(updated.S1) + Lanes<TMath, TVec, T>.Of(_epsilon));
            return w - updated.S0 * (Lanes<TMath, TVec, T>.Of(_alpha) * r);
        }
    }

    /// <summary>
    /// AMSGrad's update of one register: slots 0 and 1 are Adam's m and v (the same formula, <see cref="Rule{T}"/>'s),
    /// slot 2 is v_hat = max(v_hat, v) with the new v, as Keras assigns it before the parameter update; the denominator
    /// takes sqrt(v_hat). The max of the raw v equals the max of the flushed one: v_hat is stored flushed, so a
    /// subnormal v wins only over a zero v_hat and is flushed with it.
    /// </summary>
    private readonly struct AmsgradRule<T>(Rule<T> adam) : IElementwiseRule<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public static int Slots => 3;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Slots<TMath, TVec, T> NewState<TMath, TVec>(Lanes<TMath, TVec, T> w, Lanes<TMath, TVec, T> g, Slots<TMath, TVec, T> state)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct
        {
            Slots<TMath, TVec, T> moments = adam.NewState(w, g, state);
            return new(moments.S0, moments.S1, Lanes<TMath, TVec, T>.Max(state.S2, moments.S1));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Lanes<TMath, TVec, T> NewParameter<TMath, TVec>(Lanes<TMath, TVec, T> w, Lanes<TMath, TVec, T> g, Slots<TMath, TVec, T> state, Slots<TMath, TVec, T> updated)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct
            => adam.NewParameter(w, g, state, new Slots<TMath, TVec, T>(updated.S0, updated.S2));
    }
}
