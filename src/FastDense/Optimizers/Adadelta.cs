using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;
using FastDense.Optimizers;

namespace FastDense;

/// <summary>
/// Adadelta, as Keras 3 applies it (keras/src/optimizers/adadelta.py). With rms(x) = sqrt(x + epsilon), each step:
/// <code>
/// accumulated_grad      = rho · accumulated_grad + (1 - rho) · g²
/// delta                 = -(rms(accumulated_delta_var) · g / rms(accumulated_grad))    (the old delta average, the new gradient average)
/// accumulated_delta_var = rho · accumulated_delta_var + (1 - rho) · delta²
/// w += learning_rate · delta
/// </code>
/// Unlike the paper, the step is scaled by the learning rate (1.0 gives the paper's form). Every product and sum is
/// rounded in the order written, as Keras's separate operations are, and a state value that falls below the smallest
/// normal number is set to zero, as Keras's TensorFlow backend does with the CPU's flush-to-zero mode.
/// State slots, in Keras's variable order: slot 0 is accumulated_grad, slot 1 is accumulated_delta_var.
/// </summary>
public sealed class Adadelta : Optimizer
{
    /// <summary>Creates the optimizer with Keras's defaults unless told otherwise.</summary>
    /// <param name="learningRate">The step size (default 0.001; 1.0 is the paper's form).</param>
    /// <param name="rho">Decay of both moving averages, in [0, 1) (default 0.95).</param>
    /// <param name="epsilon">Added inside both square roots; positive and finite (default 1e-7).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside the range given above.</exception>
    public Adadelta(double learningRate = 0.001, double rho = 0.95, double epsilon = 1e-7)
        : base(learningRate)
    {
        OptimizerArguments.BelowOne(rho, nameof(rho));
        OptimizerArguments.PositiveFinite(epsilon, nameof(epsilon));
        Rho = rho;
        Epsilon = epsilon;
    }

    /// <summary>Decay of the moving averages of g² and of delta².</summary>
    public double Rho { get; }

    /// <summary>Added inside both square roots.</summary>
    public double Epsilon { get; }

    /// <inheritdoc />
    protected override int StateSlots => 2;

    /// <inheritdoc />
    internal override void DescribeHyperparameters(List<KeyValuePair<string, string>> hyperparameters)
    {
        hyperparameters.Add(new("rho", Rho.ToString("R", CultureInfo.InvariantCulture)));
        hyperparameters.Add(new("epsilon", Epsilon.ToString("R", CultureInfo.InvariantCulture)));
    }

    /// <inheritdoc />
    protected override void Apply<T>(Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> state, long step)
        => UpdateAll(parameters, gradients, state, step);

    private protected override bool IsElementwise => true;

    private protected override void UpdateElements<T, TGradient>(KernelPath path, Span<T> parameters, Span<T> state, int start, TGradient gradient, long step)
        => ElementwiseUpdate.Run(new Rule<T>(LearningRate, Rho, Epsilon), path, parameters, state, start, gradient);

    /// <summary>
    /// Adadelta's update of one register: slot 0 is accumulated_grad, slot 1 accumulated_delta_var. The delta enters
    /// both the new delta average (state) and the new parameter: the state half computes it from the new gradient
    /// average, flushed as the driver flushes it, and hands it to the parameter half as the carry.
    /// </summary>
    private readonly struct Rule<T> : IElementwiseRule<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly T _learningRate, _rho, _oneMinusRho, _epsilon;

        public Rule(double learningRate, double rho, double epsilon)
        {
            _learningRate = T.CreateTruncating(learningRate);
            _rho = T.CreateTruncating(rho);
            _oneMinusRho = T.CreateTruncating(1 - rho);
            _epsilon = T.CreateTruncating(epsilon);
        }

        public static int Slots => 2;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Slots<TMath, TVec, T> NewState<TMath, TVec>(Lanes<TMath, TVec, T> w, Lanes<TMath, TVec, T> g, Slots<TMath, TVec, T> state)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct
        {
            var rho = Lanes<TMath, TVec, T>.Of(_rho);
            var oneMinusRho = Lanes<TMath, TVec, T>.Of(_oneMinusRho);
            Lanes<TMath, TVec, T> accumulatedGrad = state.S0 * rho + g * g * oneMinusRho;
            Lanes<TMath, TVec, T> delta = Delta(g, state.S1, Lanes<TMath, TVec, T>.FlushSubnormal(accumulatedGrad));
            return new(accumulatedGrad, state.S1 * rho + delta * delta * oneMinusRho, carry: delta);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Lanes<TMath, TVec, T> NewParameter<TMath, TVec>(Lanes<TMath, TVec, T> w, Lanes<TMath, TVec, T> g, Slots<TMath, TVec, T> state, Slots<TMath, TVec, T> updated)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct
            // w + lr · (-delta) is w - lr · delta bit for bit: negation is exact. The delta is NewState's (the carry).
            => w - Lanes<TMath, TVec, T>.Of(_learningRate) * updated.Carry;

        /// <summary><c>rms(accumulated_delta_var) · g / rms(accumulated_grad)</c>: Keras's delta_var without its sign.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private Lanes<TMath, TVec, T> Delta<TMath, TVec>(Lanes<TMath, TVec, T> g, Lanes<TMath, TVec, T> accumulatedDelta, Lanes<TMath, TVec, T> accumulatedGrad)
            where TMath : struct, ILaneMath<TVec, T>
            where TVec : struct
        {
            var epsilon = Lanes<TMath, TVec, T>.Of(_epsilon);
            return Lanes<TMath, TVec, T>.Sqrt(accumulatedDelta + epsilon) * g / Lanes<TMath, TVec, T>.Sqrt(accumulatedGrad + epsilon);
        }
    }
}
