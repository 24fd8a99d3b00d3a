using System.Globalization;
using System.Numerics;
using FastDense.Optimizers;

namespace FastDense;

/// <summary>
/// LAMB (You et al., "Large Batch Optimization for Deep Learning"), as Keras 3 applies it (keras/src/optimizers/lamb.py):
/// Adam's moments, and a step scaled per tensor by the trust ratio ‖w‖ / ‖update‖. At step t (from 1), for each tensor:
/// <code>
/// m      += (g - m) · (1 - beta1)
/// v      += (g² - v) · (1 - beta2)
/// update  = (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon)
/// ratio   = ‖w‖ / ‖update‖ when both are positive, else 1
/// w      -= ratio · learning_rate · update
/// </code>
/// The tensors are the model's (a kernel, a bias…), which the trainer binds; <see cref="Optimizer.Step{T}"/> on a buffer
/// that no model bound treats the whole buffer as one tensor. The norms are summed in double.
/// </summary>
public sealed class Lamb : Optimizer
{
    /// <summary>Creates the optimizer with Keras's defaults unless told otherwise.</summary>
    /// <param name="learningRate">The step size (default 0.001).</param>
    /// <param name="beta1">Decay of the first-moment average, in [0, 1) (default 0.9).</param>
    /// <param name="beta2">Decay of the second-moment average, in [0, 1) (default 0.999).</param>
    /// <param name="epsilon">Added to the corrected sqrt(v) (default 1e-7).</param>
    public Lamb(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7) : base(learningRate)
    {
        OptimizerArguments.BelowOne(beta1, nameof(beta1));
        OptimizerArguments.BelowOne(beta2, nameof(beta2));
        OptimizerArguments.PositiveFinite(epsilon, nameof(epsilon));
        (Beta1, Beta2, Epsilon) = (beta1, beta2, epsilon);
    }

    /// <summary>Creates the optimizer with a learning-rate schedule.</summary>
    /// <param name="learningRate">The schedule of the step size.</param>
    /// <param name="beta1">Decay of the first-moment average (default 0.9).</param>
    /// <param name="beta2">Decay of the second-moment average (default 0.999).</param>
    /// <param name="epsilon">Added to the corrected sqrt(v) (default 1e-7).</param>
    public Lamb(LearningRateSchedule learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7)
        : this(0.001, beta1, beta2, epsilon)
        => LearningRateSchedule = learningRate ?? throw new ArgumentNullException(nameof(learningRate));

    /// <summary>Decay of the first-moment average.</summary>
    public double Beta1 { get; }

    /// <summary>Decay of the second-moment average.</summary>
    public double Beta2 { get; }

    /// <summary>Added to the corrected sqrt(v).</summary>
    public double Epsilon { get; }

    /// <inheritdoc />
    protected override int StateSlots => 2;

    /// <inheritdoc />
    protected override void Apply<T>(Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> state, long step)
    {
        int n = parameters.Length;
        Span<T> m = state.Slice(0, n), v = state.Slice(n, n);
        T b1 = T.CreateTruncating(Beta1), b2 = T.CreateTruncating(Beta2), oneMinusB1 = T.One - b1, oneMinusB2 = T.One - b2;
        T correction1 = T.One - T.Pow(b1, T.CreateTruncating(step)), correction2 = T.One - T.Pow(b2, T.CreateTruncating(step));
        T epsilon = T.CreateTruncating(Epsilon), rate = T.CreateTruncating(LearningRate);
        foreach ((int offset, int length, _) in TensorsOf(n))
        {
            // First pass: the moments, and the norms of the weights and of the update (recomputed in the second pass).
            double weightSquares = 0, updateSquares = 0;
            for (int i = offset; i < offset + length; i++)
            {
                T g = gradients[i];
                m[i] += (g - m[i]) * oneMinusB1;
                v[i] += (g * g - v[i]) * oneMinusB2;
                double u = double.CreateTruncating(Update(m[i], v[i], correction1, correction2, epsilon));
                double w = double.CreateTruncating(parameters[i]);
                weightSquares += w * w;
                updateSquares += u * u;
            }
            double weightNorm = Math.Sqrt(weightSquares), updateNorm = Math.Sqrt(updateSquares);
            T ratio = weightNorm > 0 && updateNorm > 0 ? T.CreateTruncating(weightNorm / updateNorm) : T.One;
            T scale = ratio * rate;
            for (int i = offset; i < offset + length; i++) parameters[i] -= scale * Update(m[i], v[i], correction1, correction2, epsilon);
        }
    }

    private static T Update<T>(T m, T v, T correction1, T correction2, T epsilon)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => m / correction1 / (T.Sqrt(v / correction2) + epsilon);

    internal override void DescribeHyperparameters(List<KeyValuePair<string, string>> hyperparameters)
    {
        hyperparameters.Add(new("beta1", Beta1.ToString("R", CultureInfo.InvariantCulture)));
        hyperparameters.Add(new("beta2", Beta2.ToString("R", CultureInfo.InvariantCulture)));
        hyperparameters.Add(new("epsilon", Epsilon.ToString("R", CultureInfo.InvariantCulture)));
    }
}
