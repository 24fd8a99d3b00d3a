using System.Numerics;
using System.Numerics.Tensors;
using FastDense.__Internals;

namespace FastDense.Kernels;

/// <summary>The arithmetic the losses' gradients share.</summary>
internal static class LossGradients
{
    /// <summary>d = (p − y) · scale, element by element over p's length.</summary>
    public static void ScaledDifference<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y, Span<T> d, T scale)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TensorPrimitives.Subtract(p, y.Slice(0, p.Length), d);
        TensorPrimitives.Multiply(d, scale, d);
    }

    /// <summary>
    /// delta (rows, columns) = dLoss/d(pre-activation), in place, from dLoss/d(output) in <paramref name="delta"/>: what
    /// every loss whose gradient is with respect to the output (mean squared error, Huber, KL divergence, …) does last.
    /// Linear leaves it; an element-wise activation multiplies by its derivative; softmax, log_softmax and sparsemax, whose
    /// outputs each depend on the whole row, apply their Jacobians row by row (softmax: <c>dz = a ⊙ (g − Σ g ⊙ a)</c>).
    /// </summary>
    public static void ThroughActivation<T, TActivation>(ReadOnlySpan<T> output, Span<T> delta, int rows, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
    {
#pragma warning disable CS0618 // the typed activations live in __Internals, [Obsolete] for users only.
        if (typeof(TActivation) == typeof(LinearActivation)) return;
        if (typeof(TActivation) == typeof(SoftmaxActivation))
        {
            SoftmaxOperator.BackwardRows(output, delta, delta, output.Length / rows);
            return;
        }
        if (typeof(TActivation) == typeof(LogSoftmaxActivation))
        {
            LogSoftmaxOperator.BackwardRows(output, delta, delta, output.Length / rows);
            return;
        }
        if (typeof(TActivation) == typeof(SparsemaxActivation))
        {
            SparsemaxOperator.BackwardRows(output, delta, delta, output.Length / rows);
            return;
        }
#pragma warning restore CS0618
        activation.Backward<T>(output, delta, delta);
    }
}
