using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;
using FastDense.Optimizers;

namespace FastDense;

/// <summary>
/// Nadam (Dozat, 2016, "Incorporating Nesterov Momentum into Adam"), as Keras 3 applies it
/// (keras/src/optimizers/nadam.py), up to float rounding. Slots m and v as Adam's; at step t (from 1):
/// <code>
/// u_i       = beta1 · (1 - 0.5 · 0.96^i)
/// u_product = u_1 · u_2 · … · u_t                   (Keras: a variable multiplied by u_t before each step)
/// m        += (g - m) · (1 - beta1)
/// v        += (g² - v) · (1 - beta2)
/// m_hat     = u_(t+1) · m / (1 - u_product · u_(t+1)) + (1 - u_t) · g / (1 - u_product)
/// v_hat     = v / (1 - beta2^t)
/// w        -= learning_rate · m_hat / (sqrt(v_hat) + epsilon)
/// </code>
/// u_product is not kept as state (checkpoints hold the per-parameter slots and the step count only): it depends on
/// beta1 and t alone, so it is computed from the step number. The optimizer remembers the last (t, u_product) it
/// computed, so the usual next step costs one multiplication; any other step (the first, after <see cref="Optimizer.Reset"/>
/// or a checkpoint load) recomputes the product from u_1, O(t) in double. Keras keeps u_product in the variables'
/// type (float32 for a float model), rounding it at every step; here it is a double, kept with the same order of
/// operations. The two differ by float32's rounding, a relative error of the order of 1e-7 per step accumulated in
/// u_product, and u_product decays like beta1^t, so the difference in 1 - u_product shrinks with it. The per-step
/// scalars (u_t, the bias corrections) are likewise computed in double and rounded to T once, where Keras computes
/// them in float32.
/// </summary>
public sealed class Nadam : Optimizer
{
    /// <summary>The last u_product computed and its step, read and replaced under <see cref="_productLock"/> (threads of one step may ask together).</summary>
    private ProductAt? _product;
    private readonly object _productLock = new();

    /// <summary>Creates the optimizer with Keras's defaults unless told otherwise.</summary>
    /// <param name="learningRate">The step size (default 0.001).</param>
    /// <param name="beta1">Decay of the first-moment average, in [0, 1) (default 0.9).</param>
    /// <param name="beta2">Decay of the second-moment average, in [0, 1) (default 0.999).</param>
    /// <param name="epsilon">Added to sqrt(v_hat) for stability (default 1e-7).</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The learning rate is not positive and finite, a beta is outside [0, 1), or epsilon is not positive and finite
    /// (Keras checks none of these; outside them the bias corrections divide by zero or change sign).
    /// </exception>
    public Nadam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7)
        : base(learningRate)
    {
        OptimizerArguments.BelowOne(beta1, nameof(beta1));
        OptimizerArguments.BelowOne(beta2, nameof(beta2));
        OptimizerArguments.PositiveFinite(epsilon, nameof(epsilon));
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>Decay of the first-moment average.</summary>
    public double Beta1 { get; }

    /// <summary>Decay of the second-moment average.</summary>
    public double Beta2 { get; }

    /// <summary>Added to sqrt(v_hat) in the denominator.</summary>
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
        => UpdateAll(parameters, gradients, state, step);

    private protected override bool IsElementwise => true;

    private protected override void UpdateElements<T, TGradient>(KernelPath path, Span<T> parameters, Span<T> state, int start, TGradient gradient, long step)
        => ElementwiseUpdate.Run(new Rule<T>(LearningRate, Beta1, Beta2, Epsilon, step, UProduct(step)), path, parameters, state, start, gradient);

    /// <summary>u_i = beta1 · (1 - 0.5 · 0.96^i), Keras's momentum schedule.</summary>
    private static double U(double beta1, long i) => beta1 * (1 - 0.5 * Math.Pow(0.96, i));

    /// <summary>
    /// u_product after <paramref name="step"/> steps: the remembered one, or the remembered one times u_step, or the
    /// product from scratch. Each factor is applied as Keras's variable update orders it, (u_product · beta1) · (1 - 0.5 · 0.96^i).
    /// </summary>
    internal double UProduct(long step)
    {
        lock (_productLock) return UProductLocked(step);
    }

    private double UProductLocked(long step)
    {
        if (_product is ProductAt same && same.Step == step) return same.Value;
        double product;
        if (_product is ProductAt previous && previous.Step == step - 1)
        {
            product = previous.Value * Beta1 * (1 - 0.5 * Math.Pow(0.96, step));
        }
        else
        {
            product = 1;
            for (long i = 1; i <= step; i++) product = product * Beta1 * (1 - 0.5 * Math.Pow(0.96, i));
        }
        _product = new ProductAt(step, product);
        return product;
    }

    /// <summary>u_product after a given number of steps (a struct: remembering it allocates nothing per step).</summary>
    private readonly record struct ProductAt(long Step, double Value);

    /// <summary>
    /// Nadam's update of one register: slot 0 is m, slot 1 is v. The moments are Adam's (the same fused
    /// multiply-adds); 1 - beta is taken in T from beta rounded to T, as Keras casts the betas before subtracting.
    /// The step's scalars are folded in double: m_hat · learning_rate is m · mScale + g · gScale with
    /// mScale = learning_rate · u_(t+1) / (1 - u_product · u_(t+1)) and gScale = learning_rate · (1 - u_t) / (1 - u_product);
    /// the bias correction of v divides by 1 - beta2^t, and the step is a true division, as Keras's.
    /// </summary>
    private readonly struct Rule<T> : IElementwiseRule<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly T _mScale, _gScale, _secondBias, _oneMinusBeta1, _oneMinusBeta2, _epsilon;

        public Rule(double learningRate, double beta1, double beta2, double epsilon, long step, double uProduct)
        {
            double u = U(beta1, step), uNext = U(beta1, step + 1);
            _mScale = T.CreateTruncating(learningRate * uNext / (1 - uProduct * uNext));
            _gScale = T.CreateTruncating(learningRate * (1 - u) / (1 - uProduct));
            _secondBias = T.CreateTruncating(1 - Math.Pow(beta2, step));
            _oneMinusBeta1 = T.One - T.CreateTruncating(beta1);
            _oneMinusBeta2 = T.One - T.CreateTruncating(beta2);
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
            Lanes<TMath, TVec, T> step = Lanes<TMath, TVec, T>.MultiplyAdd(updated.S0, Lanes<TMath, TVec, T>.Of(_mScale), g * Lanes<TMath, TVec, T>.Of(_gScale));
            Lanes<TMath, TVec, T> denominator = Lanes<TMath, TVec, T>.Sqrt(updated.S1 / Lanes<TMath, TVec, T>.Of(_secondBias)) + Lanes<TMath, TVec, T>.Of(_epsilon);
            return w - step / denominator;
        }
    }
}
