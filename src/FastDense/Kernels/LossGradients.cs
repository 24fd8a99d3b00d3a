using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastDense.__Internals;

namespace FastDense.Kernels;

/// <summary>The arithmetic the losses' gradients share.</summary>
internal static class LossGradients
{
    /// <summary>d = (p − y) · scale, element by element over p's length; d may be p or y itself.</summary>
    /// <remarks>
    /// One pass, the difference rounded, then the product (no fused multiply-add): the bits of a subtraction pass
    /// followed by a scaling pass, without writing d twice or compiling two TensorPrimitives loops at a process's
    /// first Fit (docs/architecture.md, "First calls").
    /// </remarks>
    public static void ScaledDifference<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y, Span<T> d, T scale)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = p.Length;
        if (y.Length < n) ThrowHelper.ThrowDestinationTooShort(nameof(y), y.Length, n);
        if (d.Length < n) ThrowHelper.ThrowDestinationTooShort(nameof(d), d.Length, n);
        ref T pr = ref MemoryMarshal.GetReference(p);
        ref T yr = ref MemoryMarshal.GetReference(y);
        ref T dr = ref MemoryMarshal.GetReference(d);
        nuint i = 0;
        if (Elementwise.IsVectorized<T>())
        {
            var s = new Vector<T>(scale);
            for (; i + (nuint)Vector<T>.Count <= (nuint)n; i += (nuint)Vector<T>.Count)
            {
                ((Vector.LoadUnsafe(ref pr, i) - Vector.LoadUnsafe(ref yr, i)) * s).StoreUnsafe(ref dr, i);
            }
        }
        for (; i < (nuint)n; i++) Unsafe.Add(ref dr, i) = (Unsafe.Add(ref pr, i) - Unsafe.Add(ref yr, i)) * scale;
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
