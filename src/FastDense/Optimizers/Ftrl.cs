using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastDense.Kernels;
using FastDense.Optimizers;

namespace FastDense;

/// <summary>
/// FTRL-Proximal ("Follow The Regularized Leader", McMahan et al., 2013, "Ad Click Prediction: a View from the
/// Trenches"), as Keras 3 applies it (keras/src/optimizers/ftrl.py). Two slots: the accumulator n (starting at
/// <see cref="InitialAccumulatorValue"/>) and the linear term z (starting at 0). With p = -learning_rate_power:
/// <code>
/// g'     = g + 2 · l2_shrinkage_regularization_strength · w
/// n_new  = n + g²
/// z     += g' - ((n_new^p - n^p) / learning_rate) · w
/// q      = n_new^p / learning_rate + 2 · (l2_regularization_strength + beta / (2 · learning_rate))
/// w      = (clip(z, -l1_regularization_strength, l1_regularization_strength) - z) / q
/// n      = n_new
/// </code>
/// The parameter is 0 wherever |z| ≤ l1. p = 0.5 (the default) takes a square root; any other power calls
/// <c>T.Pow</c> lane by lane, which is much slower.
/// </summary>
public sealed class Ftrl : Optimizer
{
    /// <summary>Creates the optimizer with Keras's defaults unless told otherwise.</summary>
    /// <param name="learningRate">The step size (default 0.001).</param>
    /// <param name="learningRatePower">How the effective learning rate falls as the accumulator grows; 0 or negative (default -0.5; 0 keeps it fixed).</param>
    /// <param name="initialAccumulatorValue">The accumulator's starting value; 0 or positive (default 0.1).</param>
    /// <param name="l1RegularizationStrength">The L1 strength; 0 or positive (default 0).</param>
    /// <param name="l2RegularizationStrength">The L2 (stabilization) strength; 0 or positive (default 0).</param>
    /// <param name="l2ShrinkageRegularizationStrength">The L2 shrinkage (magnitude penalty added to the gradient) strength; 0 or positive (default 0).</param>
    /// <param name="beta">The paper's beta, added to the accumulator's root in the denominator (default 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The learning rate is not positive and finite, or an argument is outside its range above (Keras's checks) or
    /// not finite (NaN passes Keras's comparisons; here it is refused).
    /// </exception>
    public Ftrl(
        double learningRate = 0.001,
        double learningRatePower = -0.5,
        double initialAccumulatorValue = 0.1,
        double l1RegularizationStrength = 0,
        double l2RegularizationStrength = 0,
        double l2ShrinkageRegularizationStrength = 0,
        double beta = 0)
        : base(learningRate)
    {
        if (!(initialAccumulatorValue >= 0) || !double.IsFinite(initialAccumulatorValue))
        {
            throw new ArgumentOutOfRangeException(nameof(initialAccumulatorValue), initialAccumulatorValue, "initialAccumulatorValue must be 0 or positive, and finite.");
        }
        if (!(learningRatePower <= 0) || !double.IsFinite(learningRatePower))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRatePower), learningRatePower, "learningRatePower must be 0 or negative, and finite.");
        }
        if (!(l1RegularizationStrength >= 0) || !double.IsFinite(l1RegularizationStrength))
        {
            throw new ArgumentOutOfRangeException(nameof(l1RegularizationStrength), l1RegularizationStrength, "l1RegularizationStrength must be 0 or positive, and finite.");
        }
        if (!(l2RegularizationStrength >= 0) || !double.IsFinite(l2RegularizationStrength))
        {
            throw new ArgumentOutOfRangeException(nameof(l2RegularizationStrength), l2RegularizationStrength, "l2RegularizationStrength must be 0 or positive, and finite.");
        }
        if (!(l2ShrinkageRegularizationStrength >= 0) || !double.IsFinite(l2ShrinkageRegularizationStrength))
        {
            throw new ArgumentOutOfRangeException(nameof(l2ShrinkageRegularizationStrength), l2ShrinkageRegularizationStrength, "l2ShrinkageRegularizationStrength must be 0 or positive, and finite.");
        }
        if (!double.IsFinite(beta)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must be finite.");
        LearningRatePower = learningRatePower;
        InitialAccumulatorValue = initialAccumulatorValue;
        L1RegularizationStrength = l1RegularizationStrength;
        L2RegularizationStrength = l2RegularizationStrength;
        L2ShrinkageRegularizationStrength = l2ShrinkageRegularizationStrength;
        Beta = beta;
    }

    /// <summary>The power of the accumulator the learning rate is divided by, negated (-0.5: its square root).</summary>
    public double LearningRatePower { get; }

    /// <summary>The accumulator's value before the first step.</summary>
    public double InitialAccumulatorValue { get; }

    /// <summary>The L1 strength: parameters whose linear term is within it are 0.</summary>
    public double L1RegularizationStrength { get; }

    /// <summary>The L2 stabilization strength, added to the denominator.</summary>
    public double L2RegularizationStrength { get; }

    /// <summary>The L2 shrinkage strength: 2 · strength · w is added to the gradient.</summary>
    public double L2ShrinkageRegularizationStrength { get; }

    /// <summary>The paper's beta: beta / learning_rate is added to the denominator.</summary>
    public double Beta { get; }

    /// <inheritdoc />
    protected override int StateSlots => 2;

    /// <inheritdoc />
    internal override void DescribeHyperparameters(List<KeyValuePair<string, string>> hyperparameters)
    {
        hyperparameters.Add(new("learning_rate_power", LearningRatePower.ToString("R", CultureInfo.InvariantCulture)));
        hyperparameters.Add(new("initial_accumulator_value", InitialAccumulatorValue.ToString("R", CultureInfo.InvariantCulture)));
        hyperparameters.Add(new("l1_regularization_strength", L1RegularizationStrength.ToString("R", CultureInfo.InvariantCulture)));
        hyperparameters.Add(new("l2_regularization_strength", L2RegularizationStrength.ToString("R", CultureInfo.InvariantCulture)));
        hyperparameters.Add(new("l2_shrinkage_regularization_strength", L2ShrinkageRegularizationStrength.ToString("R", CultureInfo.InvariantCulture)));
        hyperparameters.Add(new("beta", Beta.ToString("R", CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// The accumulator (slot 0) starts at <see cref="InitialAccumulatorValue"/>, as Keras's constant initializer sets
    /// it: kept as the value itself rather than as an offset from it, so that n + g² rounds as Keras's does.
    /// </summary>
    private protected override void InitializeState<T>(Span<T> state, int parameterCount)
        => state[..parameterCount].Fill(T.CreateTruncating(InitialAccumulatorValue));

    /// <inheritdoc />
    protected override void Apply<T>(Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> state, long step)
        => UpdateAll(parameters, gradients, state, step);

    private protected override bool IsElementwise => true;

    private protected override void UpdateElements<T, TGradient>(KernelPath path, Span<T> parameters, Span<T> state, int start, TGradient gradient, long step)
    {
        double power = -LearningRatePower;
        if (power == 0.5)
        {
            ElementwiseUpdate.Run(new Rule<T, SquareRoot<T>>(this, default), path, parameters, state, start, gradient);
        }
        else
        {
            ElementwiseUpdate.Run(new Rule<T, AnyPower<T>>(this, new AnyPower<T>(T.CreateTruncating(power))), path, parameters, state, start, gradient);
        }
    }

    /// <summary>x^p lane by lane, for the accumulator's power.</summary>
    private interface IPower<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Lanes<TMath, TVec, T> Of<TMath, TVec>(Lanes<TMath, TVec, T> x)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct;
    }

    /// <summary>
    /// p = 0.5: the square root, one instruction and correctly rounded (TensorFlow's graph optimizer rewrites a power
    /// of 0.5 to a square root too).
    /// </summary>
    private readonly struct SquareRoot<T> : IPower<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Lanes<TMath, TVec, T> Of<TMath, TVec>(Lanes<TMath, TVec, T> x)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct
            => Lanes<TMath, TVec, T>.Sqrt(x);
    }

    /// <summary>Any other power: the lanes go through memory to the scalar <c>T.Pow</c> (there is no vector power).</summary>
    private readonly struct AnyPower<T>(T exponent) : IPower<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public Lanes<TMath, TVec, T> Of<TMath, TVec>(Lanes<TMath, TVec, T> x)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct
        {
            // 16 lanes: the widest register of float (512 bits); Half and other narrow types only run the scalar path.
            var lanes = new LaneBuffer<T>();
            Span<T> values = MemoryMarshal.CreateSpan(ref lanes[0], LaneBuffer<T>.Length);
            if (TMath.Count > values.Length) throw new NotSupportedException($"{TMath.Count} lanes of {typeof(T).Name} do not fit the power's buffer.");
            TMath.Store(x.Value, ref values[0], 0);
            for (int i = 0; i < TMath.Count; i++) values[i] = T.Pow(values[i], exponent);
            return new(TMath.Load(ref values[0], 0));
        }
    }

    [InlineArray(Length)]
    private struct LaneBuffer<T>
        where T : unmanaged
    {
        public const int Length = 16;

        private T _element;
    }

    /// <summary>
    /// FTRL's update of one register: slot 0 is the accumulator n, slot 1 the linear term z. Every operation is
    /// Keras's, in its order, each rounded (no fused multiply-adds, true divisions by the learning rate). The new
    /// accumulator is flushed before its power is taken, so that the linear term and the denominator see the same
    /// n_new (TensorFlow computes with subnormals flushed). The scalars: 2 · (l2 + beta / (2 · learning_rate)) and
    /// 2 · l2_shrinkage in double (Keras rounds beta / (2 · learning_rate) to float first: a one-ulp difference at most).
    /// </summary>
    private readonly struct Rule<T, TPower> : IElementwiseRule<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TPower : struct, IPower<T>
    {
        private readonly T _learningRate, _twoL2, _twoShrinkage, _l1;
        private readonly TPower _power;

        public Rule(Ftrl ftrl, TPower power)
        {
            _learningRate = T.CreateTruncating(ftrl.LearningRate);
            _twoL2 = T.CreateTruncating(2 * (ftrl.L2RegularizationStrength + ftrl.Beta / (2 * ftrl.LearningRate)));
            _twoShrinkage = T.CreateTruncating(2 * ftrl.L2ShrinkageRegularizationStrength);
            _l1 = T.CreateTruncating(ftrl.L1RegularizationStrength);
            _power = power;
        }

        public static int Slots => 2;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Slots<TMath, TVec, T> NewState<TMath, TVec>(Lanes<TMath, TVec, T> w, Lanes<TMath, TVec, T> g, Slots<TMath, TVec, T> state)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct
        {
            Lanes<TMath, TVec, T> n = state.S0, z = state.S1, learningRate = Lanes<TMath, TVec, T>.Of(_learningRate);
            Lanes<TMath, TVec, T> shrunk = g + Lanes<TMath, TVec, T>.Of(_twoShrinkage) * w;
            Lanes<TMath, TVec, T> nNew = Lanes<TMath, TVec, T>.FlushSubnormal(n + g * g);
            Lanes<TMath, TVec, T> sigma = (_power.Of(nNew) - _power.Of(n)) / learningRate;
            return new(nNew, z + (shrunk - sigma * w));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Lanes<TMath, TVec, T> NewParameter<TMath, TVec>(Lanes<TMath, TVec, T> w, Lanes<TMath, TVec, T> g, Slots<TMath, TVec, T> state, Slots<TMath, TVec, T> updated)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct
        {
            Lanes<TMath, TVec, T> z = updated.S1, l1 = Lanes<TMath, TVec, T>.Of(_l1);
            Lanes<TMath, TVec, T> quadratic = _power.Of(updated.S0) / Lanes<TMath, TVec, T>.Of(_learningRate) + Lanes<TMath, TVec, T>.Of(_twoL2);
            // clip as TensorFlow's clip_by_value: the minimum with the upper bound, then the maximum with the lower.
            Lanes<TMath, TVec, T> clipped = Lanes<TMath, TVec, T>.Max(Lanes<TMath, TVec, T>.Min(z, l1), -l1);
            return (clipped - z) / quadratic;
        }
    }
}
