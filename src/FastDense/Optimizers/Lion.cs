using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;
using FastDense.Optimizers;

namespace FastDense;

/// <summary>
/// Lion (Chen et al., 2023, "Symbolic Discovery of Optimization Algorithms"), as Keras 3 applies it
/// (keras/src/optimizers/lion.py). One slot, the momentum m; the parameter moves by the learning rate in the
/// direction of the sign of an interpolation between m and the gradient, then m is updated with the other beta:
/// <code>
/// w -= learning_rate · sign(m · beta1 + g · (1 - beta1))      (with the old m)
/// m  = m · beta2 + g · (1 - beta2)
/// </code>
/// Every step moves each parameter by exactly ±learning_rate (0 where the interpolation is 0), so Lion wants a
/// learning rate several times smaller than Adam's.
/// </summary>
public sealed class Lion : Optimizer
{
    /// <summary>Creates the optimizer with Keras's defaults unless told otherwise.</summary>
    /// <param name="learningRate">The step size (default 0.001).</param>
    /// <param name="beta1">The weight of the momentum against the gradient in the update's direction, in (0, 1] (default 0.9).</param>
    /// <param name="beta2">The decay of the momentum (default 0.99).</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The learning rate is not positive and finite, <paramref name="beta1"/> is outside (0, 1] (Keras's check: 0
    /// would be sign SGD), or <paramref name="beta2"/> is not finite (Keras does not check it; NaN or infinity would
    /// only make the momentum NaN).
    /// </exception>
    public Lion(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.99) : base(learningRate)
    {
        if (!(beta1 > 0 && beta1 <= 1)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta1 must be in (0, 1]; 0 would make Lion sign SGD.");
        if (!double.IsFinite(beta2)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "beta2 must be finite.");
        Beta1 = beta1;
        Beta2 = beta2;
    }

    /// <summary>The weight of the momentum against the gradient in the direction of the update.</summary>
    public double Beta1 { get; }

    /// <summary>The decay of the momentum.</summary>
    public double Beta2 { get; }

    /// <inheritdoc />
    protected override int StateSlots => 1;

    /// <inheritdoc />
    internal override void DescribeHyperparameters(List<KeyValuePair<string, string>> hyperparameters)
    {
        hyperparameters.Add(new("beta1", Beta1.ToString("R", CultureInfo.InvariantCulture)));
        hyperparameters.Add(new("beta2", Beta2.ToString("R", CultureInfo.InvariantCulture)));
    }

    /// <inheritdoc />
    protected override void Apply<T>(Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> state, long step)
        => UpdateAll(parameters, gradients, state, step);

    private protected override bool IsElementwise => true;

    private protected override void UpdateElements<T, TGradient>(KernelPath path, Span<T> parameters, Span<T> state, int start, TGradient gradient, long step)
        => ElementwiseUpdate.Run(new Rule<T>(LearningRate, Beta1, Beta2), path, parameters, state, start, gradient);

    /// <summary>
    /// Lion's update of one register; slot 0 is m. Keras casts the betas to the variable's type before taking
    /// 1 - beta, so 1 - beta is computed in T here too (for float, 1 - 0.9f is not the float nearest 0.1). Each
    /// product is rounded before the sum, no fused multiply-add, as Keras's separate operations: the sign of a sum
    /// near zero depends on it.
    /// </summary>
    private readonly struct Rule<T> : IElementwiseRule<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly T _learningRate, _beta1, _oneMinusBeta1, _beta2, _oneMinusBeta2;

        public Rule(double learningRate, double beta1, double beta2)
        {
            _learningRate = T.CreateTruncating(learningRate);
            _beta1 = T.CreateTruncating(beta1);
            _oneMinusBeta1 = T.One - _beta1;
            _beta2 = T.CreateTruncating(beta2);
            _oneMinusBeta2 = T.One - _beta2;
        }

        public static int Slots => 1;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Slots<TMath, TVec, T> NewState<TMath, TVec>(Lanes<TMath, TVec, T> w, Lanes<TMath, TVec, T> g, Slots<TMath, TVec, T> state)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct
            => new(state.S0 * Lanes<TMath, TVec, T>.Of(_beta2) + g * Lanes<TMath, TVec, T>.Of(_oneMinusBeta2));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Lanes<TMath, TVec, T> NewParameter<TMath, TVec>(Lanes<TMath, TVec, T> w, Lanes<TMath, TVec, T> g, Slots<TMath, TVec, T> state, Slots<TMath, TVec, T> updated)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct
        {
            // The direction interpolates the old momentum (state), not the one just updated.
            Lanes<TMath, TVec, T> direction = state.S0 * Lanes<TMath, TVec, T>.Of(_beta1) + g * Lanes<TMath, TVec, T>.Of(_oneMinusBeta1);
            return w - Lanes<TMath, TVec, T>.Of(_learningRate) * Lanes<TMath, TVec, T>.Sign(direction);
        }
    }
}
