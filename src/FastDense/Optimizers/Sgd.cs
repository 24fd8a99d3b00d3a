using System.Globalization;
using System.Runtime.CompilerServices;
using FastDense.Kernels;
using FastDense.Optimizers;

namespace FastDense;

/// <summary>
/// Stochastic gradient descent with optional momentum, as Keras 3's <c>SGD</c> (keras/src/optimizers/sgd.py):
/// <code>
/// momentum = 0:   w -= learning_rate · g
/// otherwise:      velocity = momentum · velocity - learning_rate · g
///                 w += velocity                                     (nesterov: w += momentum · velocity - learning_rate · g)
/// </code>
/// The velocity is kept only when momentum is not 0, as Keras builds it.
/// </summary>
public sealed class Sgd : Optimizer
{
    /// <summary>Creates the optimizer with Keras's defaults unless told otherwise.</summary>
    /// <param name="learningRate">The step size (default 0.01).</param>
    /// <param name="momentum">How much of the previous velocity each step keeps, in [0, 1] (default 0: plain gradient descent).</param>
    /// <param name="nesterov">Whether to apply Nesterov momentum (default false).</param>
    /// <exception cref="ArgumentOutOfRangeException">The learning rate is not positive and finite, or momentum is outside [0, 1].</exception>
    public Sgd(double learningRate = 0.01, double momentum = 0, bool nesterov = false) : base(learningRate)
    {
        OptimizerArguments.UpToOne(momentum, nameof(momentum));
        Momentum = momentum;
        Nesterov = nesterov;
    }

    /// <summary>
    /// Creates the optimizer with a learning-rate schedule instead of a constant rate, as Keras's <c>SGD</c> given a
    /// <c>LearningRateSchedule</c> for <c>learning_rate</c>; see <see cref="Optimizer.LearningRateSchedule"/>.
    /// </summary>
    /// <param name="learningRate">The schedule the learning rate follows.</param>
    /// <param name="momentum">How much of the previous velocity each step keeps, in [0, 1] (default 0: plain gradient descent).</param>
    /// <param name="nesterov">Whether to apply Nesterov momentum (default false).</param>
    /// <exception cref="ArgumentNullException"><paramref name="learningRate"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">momentum is outside [0, 1].</exception>
    public Sgd(LearningRateSchedule learningRate, double momentum = 0, bool nesterov = false)
        : this(0.01, momentum, nesterov)   // Keras's default rate: the constant kept for when the schedule is removed
        => LearningRateSchedule = learningRate ?? throw new ArgumentNullException(nameof(learningRate));

    /// <summary>How much of the previous velocity each step keeps (0: plain gradient descent).</summary>
    public double Momentum { get; }

    /// <summary>Whether the update uses Nesterov momentum.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc />
    protected override int StateSlots => Momentum == 0 ? 0 : 1;

    /// <inheritdoc />
    internal override void DescribeHyperparameters(List<KeyValuePair<string, string>> hyperparameters)
    {
        hyperparameters.Add(new("momentum", Momentum.ToString("R", CultureInfo.InvariantCulture)));
        hyperparameters.Add(new("nesterov", Nesterov ? "true" : "false"));
    }

    /// <inheritdoc />
    protected override void Apply<T>(Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> state, long step)
        => UpdateAll(parameters, gradients, state, step);

    private protected override bool IsElementwise => true;

    private protected override void UpdateElements<T, TGradient>(KernelPath path, Span<T> parameters, Span<T> state, int start, TGradient gradient, long step)
    {
        T learningRate = T.CreateTruncating(LearningRate);
        if (Momentum == 0) ElementwiseUpdate.Run(new Plain<T>(learningRate), path, parameters, state, start, gradient);
        else ElementwiseUpdate.Run(new WithMomentum<T>(learningRate, T.CreateTruncating(Momentum), Nesterov), path, parameters, state, start, gradient);
    }

    /// <summary><c>w - g · learning_rate</c>: the product rounded, then the difference, as Keras's <c>assign_sub</c>.</summary>
    private readonly struct Plain<T>(T learningRate) : IElementwiseRule<T>
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        public static int Slots => 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Slots<TMath, TVec, T> NewState<TMath, TVec>(Lanes<TMath, TVec, T> w, Lanes<TMath, TVec, T> g, Slots<TMath, TVec, T> state)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct
            => state;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Lanes<TMath, TVec, T> NewParameter<TMath, TVec>(Lanes<TMath, TVec, T> w, Lanes<TMath, TVec, T> g, Slots<TMath, TVec, T> state, Slots<TMath, TVec, T> updated)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct
            => w - g * Lanes<TMath, TVec, T>.Of(learningRate);
    }

    /// <summary>Slot 0 is the velocity: <c>v = v · momentum - g · learning_rate</c>, each product rounded, as Keras computes it.</summary>
    private readonly struct WithMomentum<T>(T learningRate, T momentum, bool nesterov) : IElementwiseRule<T>
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        public static int Slots => 1;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Slots<TMath, TVec, T> NewState<TMath, TVec>(Lanes<TMath, TVec, T> w, Lanes<TMath, TVec, T> g, Slots<TMath, TVec, T> state)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct
            => new(state.S0 * Lanes<TMath, TVec, T>.Of(momentum) - g * Lanes<TMath, TVec, T>.Of(learningRate));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Lanes<TMath, TVec, T> NewParameter<TMath, TVec>(Lanes<TMath, TVec, T> w, Lanes<TMath, TVec, T> g, Slots<TMath, TVec, T> state, Slots<TMath, TVec, T> updated)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct
            => nesterov
                ? w + (updated.S0 * Lanes<TMath, TVec, T>.Of(momentum) - g * Lanes<TMath, TVec, T>.Of(learningRate))
                : w + updated.S0;
    }
}
