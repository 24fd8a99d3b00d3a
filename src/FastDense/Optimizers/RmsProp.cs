using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;
using FastDense.Optimizers;

namespace FastDense;

/// <summary>
/// RMSprop, as Keras 3's <c>RMSprop</c> applies it (keras/src/optimizers/rmsprop.py); the class is named
/// <c>RmsProp</c> after .NET's capitalization of acronyms. Each step:
/// <code>
/// velocity = rho · velocity + (1 - rho) · g²
/// centered: average_gradient = rho · average_gradient + (1 - rho) · g
///           denominator = velocity - average_gradient² + epsilon
/// otherwise: denominator = velocity + epsilon
/// increment = learning_rate · g / sqrt(denominator)
/// momentum > 0: momentum_slot = momentum · momentum_slot + increment;  w -= momentum_slot
/// otherwise:    w -= increment
/// </code>
/// Epsilon is added inside the square root, as Keras does (not to sqrt(velocity)). Every product and sum is rounded
/// in the order written, as Keras's separate operations are, and a state value that falls below the smallest normal
/// number is set to zero, as Keras's TensorFlow backend does with the CPU's flush-to-zero mode.
/// State slots, in Keras's variable order: slot 0 is the velocity; then the momentum (only when
/// <see cref="Momentum"/> is above 0); then the average gradient (only when <see cref="Centered"/>).
/// </summary>
public sealed class RmsProp : Optimizer
{
    /// <summary>Creates the optimizer with Keras's defaults unless told otherwise.</summary>
    /// <param name="learningRate">The step size (default 0.001).</param>
    /// <param name="rho">Decay of the moving average of squared gradients, in [0, 1) (default 0.9).</param>
    /// <param name="momentum">How much of the previous step each step keeps, in [0, 1] (default 0: no momentum slot).</param>
    /// <param name="epsilon">Added to the denominator inside the square root; positive and finite (default 1e-7).</param>
    /// <param name="centered">Whether to divide by the estimated variance of the gradient (velocity minus the squared
    /// average gradient) rather than its uncentered second moment (default false).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside the range given above.</exception>
    public RmsProp(double learningRate = 0.001, double rho = 0.9, double momentum = 0, double epsilon = 1e-7, bool centered = false)
        : base(learningRate)
    {
        OptimizerArguments.BelowOne(rho, nameof(rho));
        OptimizerArguments.UpToOne(momentum, nameof(momentum));
        OptimizerArguments.PositiveFinite(epsilon, nameof(epsilon));
        Rho = rho;
        Momentum = momentum;
        Epsilon = epsilon;
        Centered = centered;
    }

    /// <summary>Decay of the moving averages (of g², and of g when centered).</summary>
    public double Rho { get; }

    /// <summary>How much of the previous step each step keeps (0: no momentum slot).</summary>
    public double Momentum { get; }

    /// <summary>Added to the denominator inside the square root.</summary>
    public double Epsilon { get; }

    /// <summary>Whether the gradient is divided by its estimated standard deviation rather than its root mean square.</summary>
    public bool Centered { get; }

    /// <inheritdoc />
    protected override int StateSlots => 1 + (Momentum > 0 ? 1 : 0) + (Centered ? 1 : 0);

    /// <inheritdoc />
    internal override void DescribeHyperparameters(List<KeyValuePair<string, string>> hyperparameters)
    {
        hyperparameters.Add(new("rho", Rho.ToString("R", CultureInfo.InvariantCulture)));
        hyperparameters.Add(new("momentum", Momentum.ToString("R", CultureInfo.InvariantCulture)));
        hyperparameters.Add(new("epsilon", Epsilon.ToString("R", CultureInfo.InvariantCulture)));
        hyperparameters.Add(new("centered", Centered ? "true" : "false"));
    }

    /// <inheritdoc />
    protected override void Apply<T>(Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> state, long step)
        => UpdateAll(parameters, gradients, state, step);

    private protected override bool IsElementwise => true;

    private protected override void UpdateElements<T, TGradient>(KernelPath path, Span<T> parameters, Span<T> state, int start, TGradient gradient, long step)
    {
        var scalars = new Scalars<T>(LearningRate, Rho, Momentum, Epsilon);
        // The variants differ in their slot count, which the driver takes from the rule's type.
        if (Momentum > 0)
        {
            if (Centered) ElementwiseUpdate.Run(new Rule<T, CenteredWithMomentum>(scalars), path, parameters, state, start, gradient);
            else ElementwiseUpdate.Run(new Rule<T, WithMomentum>(scalars), path, parameters, state, start, gradient);
        }
        else
        {
            if (Centered) ElementwiseUpdate.Run(new Rule<T, CenteredOnly>(scalars), path, parameters, state, start, gradient);
            else ElementwiseUpdate.Run(new Rule<T, Plain>(scalars), path, parameters, state, start, gradient);
        }
    }

    /// <summary>Which of Keras's optional slots a rule keeps; constants of the type, so each variant compiles to its own loop.</summary>
    private interface IVariant
    {
        static abstract bool HasMomentum { get; }

        static abstract bool IsCentered { get; }
    }

    private readonly struct Plain : IVariant
    {
        public static bool HasMomentum => false;

        public static bool IsCentered => false;
    }

    private readonly struct WithMomentum : IVariant
    {
        public static bool HasMomentum => true;

        public static bool IsCentered => false;
    }

    private readonly struct CenteredOnly : IVariant
    {
        public static bool HasMomentum => false;

        public static bool IsCentered => true;
    }

    private readonly struct CenteredWithMomentum : IVariant
    {
        public static bool HasMomentum => true;

        public static bool IsCentered => true;
    }

    /// <summary>The step's scalars, each computed in double (1 - rho as Keras computes it in Python) and rounded to T once.</summary>
    private readonly struct Scalars<T>(double learningRate, double rho, double momentum, double epsilon)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T LearningRate { get; } = T.CreateTruncating(learningRate);

        public T Rho { get; } = T.CreateTruncating(rho);

        public T OneMinusRho { get; } = T.CreateTruncating(1 - rho);

        public T Momentum { get; } = T.CreateTruncating(momentum);

        public T Epsilon { get; } = T.CreateTruncating(epsilon);
    }

    /// <summary>
    /// RMSprop's update of one register. Slot 0 is the velocity, then the momentum if kept, then the average gradient
    /// if centered. Without momentum the increment is taken in <see cref="NewParameter"/> from the new, flushed state.
    /// With momentum the increment is part of the new state (the momentum slot's new value), so it is taken in
    /// <see cref="NewState"/> from the velocity and average gradient flushed there, to see the same values the
    /// flush-to-zero backend would.
    /// </summary>
    private readonly struct Rule<T, TVariant>(Scalars<T> scalars) : IElementwiseRule<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TVariant : struct, IVariant
    {
        public static int Slots => 1 + (TVariant.HasMomentum ? 1 : 0) + (TVariant.IsCentered ? 1 : 0);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Slots<TMath, TVec, T> NewState<TMath, TVec>(Lanes<TMath, TVec, T> w, Lanes<TMath, TVec, T> g, Slots<TMath, TVec, T> state)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct
        {
            var rho = Lanes<TMath, TVec, T>.Of(scalars.Rho);
            var oneMinusRho = Lanes<TMath, TVec, T>.Of(scalars.OneMinusRho);
            Lanes<TMath, TVec, T> velocity = state.S0 * rho + g * g * oneMinusRho;
            Lanes<TMath, TVec, T> average = default;
            if (TVariant.IsCentered) average = Average(state) * rho + g * oneMinusRho;
            if (!TVariant.HasMomentum) return TVariant.IsCentered ? new(velocity, average) : new(velocity);

            Lanes<TMath, TVec, T> increment = Increment(g,
                Lanes<TMath, TVec, T>.FlushSubnormal(velocity),
                TVariant.IsCentered ? Lanes<TMath, TVec, T>.FlushSubnormal(average) : default);
            Lanes<TMath, TVec, T> momentum = state.S1 * Lanes<TMath, TVec, T>.Of(scalars.Momentum) + increment;
            return TVariant.IsCentered ? new(velocity, momentum, average) : new(velocity, momentum);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Lanes<TMath, TVec, T> NewParameter<TMath, TVec>(Lanes<TMath, TVec, T> w, Lanes<TMath, TVec, T> g, Slots<TMath, TVec, T> state, Slots<TMath, TVec, T> updated)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct
            => TVariant.HasMomentum
                ? w - updated.S1
                : w - Increment(g, updated.S0, TVariant.IsCentered ? Average(updated) : default);

        /// <summary><c>learning_rate · g / sqrt(denominator)</c>, the denominator with epsilon inside the root, in Keras's order.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private Lanes<TMath, TVec, T> Increment<TMath, TVec>(Lanes<TMath, TVec, T> g, Lanes<TMath, TVec, T> velocity, Lanes<TMath, TVec, T> average)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct
        {
            var epsilon = Lanes<TMath, TVec, T>.Of(scalars.Epsilon);
            Lanes<TMath, TVec, T> denominator = TVariant.IsCentered ? velocity - average * average + epsilon : velocity + epsilon;
            return g * Lanes<TMath, TVec, T>.Of(scalars.LearningRate) / Lanes<TMath, TVec, T>.Sqrt(denominator);
        }

        /// <summary>The average-gradient slot: after the momentum when there is one.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Lanes<TMath, TVec, T> Average<TMath, TVec>(Slots<TMath, TVec, T> slots)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct
            => TVariant.HasMomentum ? slots.S2 : slots.S1;
    }
}
