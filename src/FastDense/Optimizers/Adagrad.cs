using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;
using FastDense.Optimizers;

namespace FastDense;

/// <summary>
/// Adagrad, as Keras 3 applies it (keras/src/optimizers/adagrad.py). The accumulator starts at
/// <c>initial_accumulator_value</c> (rounded to the element type, as Keras's constant initializer does); each step:
/// <code>
/// accumulator += g²
/// w -= learning_rate · g / sqrt(accumulator + epsilon)
/// </code>
/// Epsilon is added inside the square root, as Keras does. Every product and sum is rounded in the order written, as
/// Keras's separate operations are. One state slot: slot 0 is the accumulator, which holds its true value (not an
/// offset from the initial one), so checkpoints carry what Keras's variable would.
/// </summary>
public sealed class Adagrad : Optimizer
{
    /// <summary>Creates the optimizer with Keras's defaults unless told otherwise.</summary>
    /// <param name="learningRate">The step size (default 0.001; Keras notes that Adagrad tends to want larger ones).</param>
    /// <param name="initialAccumulatorValue">The accumulator's starting value; non-negative and finite (default 0.1).</param>
    /// <param name="epsilon">Added to the accumulator inside the square root; positive and finite (default 1e-7).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside the range given above.</exception>
    public Adagrad(double learningRate = 0.001, double initialAccumulatorValue = 0.1, double epsilon = 1e-7)
        : base(learningRate)
    {
        if (!(initialAccumulatorValue >= 0) || !double.IsFinite(initialAccumulatorValue))
        {
            throw new ArgumentOutOfRangeException(nameof(initialAccumulatorValue), initialAccumulatorValue, "initialAccumulatorValue must be non-negative and finite.");
        }
        OptimizerArguments.PositiveFinite(epsilon, nameof(epsilon));
        InitialAccumulatorValue = initialAccumulatorValue;
        Epsilon = epsilon;
    }

    /// <summary>The accumulator's starting value.</summary>
    public double InitialAccumulatorValue { get; }

    /// <summary>Added to the accumulator inside the square root.</summary>
    public double Epsilon { get; }

    /// <inheritdoc />
    protected override int StateSlots => 1;

    /// <inheritdoc />
    internal override void DescribeHyperparameters(List<KeyValuePair<string, string>> hyperparameters)
    {
        hyperparameters.Add(new("initialAccumulatorValue", InitialAccumulatorValue.ToString("R", CultureInfo.InvariantCulture)));
        hyperparameters.Add(new("epsilon", Epsilon.ToString("R", CultureInfo.InvariantCulture)));
    }

    /// <summary>Every accumulator starts at <see cref="InitialAccumulatorValue"/>, as Keras builds it.</summary>
    private protected override void InitializeState<T>(Span<T> state, int parameterCount) => state.Fill(T.CreateTruncating(InitialAccumulatorValue));

    /// <inheritdoc />
    protected override void Apply<T>(Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> state, long step)
        => UpdateAll(parameters, gradients, state, step);

    private protected override bool IsElementwise => true;

    private protected override void UpdateElements<T, TGradient>(KernelPath path, Span<T> parameters, Span<T> state, int start, TGradient gradient, long step)
        => ElementwiseUpdate.Run(new Rule<T>(LearningRate, Epsilon), path, parameters, state, start, gradient);

    /// <summary>Adagrad's update of one register; slot 0 is the accumulator.</summary>
    private readonly struct Rule<T> : IElementwiseRule<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly T _learningRate, _epsilon;

        public Rule(double learningRate, double epsilon)
        {
            _learningRate = T.CreateTruncating(learningRate);
            _epsilon = T.CreateTruncating(epsilon);
        }

        public static int Slots => 1;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Slots<TMath, TVec, T> NewState<TMath, TVec>(Lanes<TMath, TVec, T> w, Lanes<TMath, TVec, T> g, Slots<TMath, TVec, T> state)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct
            => new(state.S0 + g * g);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Lanes<TMath, TVec, T> NewParameter<TMath, TVec>(Lanes<TMath, TVec, T> w, Lanes<TMath, TVec, T> g, Slots<TMath, TVec, T> state, Slots<TMath, TVec, T> updated)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct
            => w - g * Lanes<TMath, TVec, T>.Of(_learningRate) / Lanes<TMath, TVec, T>.Sqrt(updated.S0 + Lanes<TMath, TVec, T>.Of(_epsilon));
    }
}
