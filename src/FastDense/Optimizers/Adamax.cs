using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;
using FastDense.Optimizers;

namespace FastDense;

/// <summary>
/// Adamax, Adam's variant on the infinity norm, as Keras 3 applies it (keras/src/optimizers/adamax.py). At step t
/// (from 1):
/// <code>
/// m += (g - m) · (1 - beta1)
/// u  = max(beta2 · u, |g|)
/// w -= learning_rate · m / ((1 - beta1^t) · (u + epsilon))
/// </code>
/// Every product and sum is rounded in the order written, as Keras's separate operations are. beta1^t is taken from
/// beta1 rounded to the element type, as Keras raises the beta cast to the variable's type; 1 - beta1^t is then
/// computed in double and rounded once. A state value that falls below the smallest normal number is set to zero, as
/// Keras's TensorFlow backend does with the CPU's flush-to-zero mode.
/// State slots, in Keras's variable order: slot 0 is m (Keras's "momentum"), slot 1 is u (its "norm").
/// </summary>
public sealed class Adamax : Optimizer
{
    /// <summary>Creates the optimizer with Keras's defaults unless told otherwise.</summary>
    /// <param name="learningRate">The step size (default 0.001).</param>
    /// <param name="beta1">Decay of the first-moment average, in [0, 1) (default 0.9).</param>
    /// <param name="beta2">Decay of the infinity norm, in [0, 1] (default 0.999; 1 keeps the largest |g| seen).</param>
    /// <param name="epsilon">Added to u in the denominator; positive and finite (default 1e-7).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside the range given above.</exception>
    public Adamax(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7)
        : base(learningRate)
    {
        // beta1 = 1 would make the bias correction 1 - beta1^t zero: a division by zero at every step.
        OptimizerArguments.BelowOne(beta1, nameof(beta1));
        OptimizerArguments.UpToOne(beta2, nameof(beta2));
        OptimizerArguments.PositiveFinite(epsilon, nameof(epsilon));
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>Decay of the first-moment average.</summary>
    public double Beta1 { get; }

    /// <summary>Decay of the exponentially weighted infinity norm.</summary>
    public double Beta2 { get; }

    /// <summary>Added to u in the denominator.</summary>
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
        => ElementwiseUpdate.Run(new Rule<T>(LearningRate, Beta1, Beta2, Epsilon, step), path, parameters, state, start, gradient);

    /// <summary>
    /// Adamax's update of one register: slot 0 is m, slot 1 is u. The division is a true division, not a reciprocal
    /// estimate, to keep Keras's rounding.
    /// </summary>
    private readonly struct Rule<T> : IElementwiseRule<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly T _learningRate, _oneMinusBeta1, _beta2, _epsilon, _correction;

        public Rule(double learningRate, double beta1, double beta2, double epsilon, long step)
        {
            _learningRate = T.CreateTruncating(learningRate);
            _oneMinusBeta1 = T.CreateTruncating(1 - beta1);
            _beta2 = T.CreateTruncating(beta2);
            _epsilon = T.CreateTruncating(epsilon);
            double castBeta1 = double.CreateTruncating(T.CreateTruncating(beta1));
            _correction = T.CreateTruncating(1 - Math.Pow(castBeta1, step));
        }

        public static int Slots => 2;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Slots<TMath, TVec, T> NewState<TMath, TVec>(Lanes<TMath, TVec, T> w, Lanes<TMath, TVec, T> g, Slots<TMath, TVec, T> state)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct
            => new(
                state.S0 + (g - state.S0) * Lanes<TMath, TVec, T>.Of(_oneMinusBeta1),
                Lanes<TMath, TVec, T>.Max(state.S1 * Lanes<TMath, TVec, T>.Of(_beta2), Lanes<TMath, TVec, T>.Abs(g)));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Lanes<TMath, TVec, T> NewParameter<TMath, TVec>(Lanes<TMath, TVec, T> w, Lanes<TMath, TVec, T> g, Slots<TMath, TVec, T> state, Slots<TMath, TVec, T> updated)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct
            => w - Lanes<TMath, TVec, T>.Of(_learningRate) * updated.S0
                / (Lanes<TMath, TVec, T>.Of(_correction) * (updated.S1 + Lanes<TMath, TVec, T>.Of(_epsilon)));
    }
}
