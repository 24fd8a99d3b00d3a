using System.Numerics;
using System.Numerics.Tensors;

namespace FastDense.Kernels;

/// <summary>
/// Keras's <c>glu</c> (keras/src/activations/activations.py, <c>ops.glu</c> on the last axis; the TensorFlow backend
/// splits the row with <c>tf.split(x, 2)</c>): each row z of width 2h is two halves, <c>a = z[0:h]</c> and
/// <c>b = z[h:2h]</c>, and <c>f(z) = a ⊙ σ(b)</c>, of width h. Its derivative is taken from z, since the output does
/// not hold both halves: <c>dz[0:h] = g ⊙ σ(b)</c>, <c>dz[h:2h] = g ⊙ a ⊙ σ(b) ⊙ (1 − σ(b))</c>, g (rows, h).
/// </summary>
internal static class GluOperator
{
    /// <summary>destination (rows, columns / 2) = a ⊙ σ(b) for each row of z (rows, columns); must not overlap z.</summary>
    public static void ForwardRows<T>(ReadOnlySpan<T> z, Span<T> destination, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int half = columns / 2, rows = z.Length / columns;
        if (destination.Length < rows * half) ThrowHelper.ThrowDestinationTooShort(nameof(destination), destination.Length, rows * half);
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> row = z.Slice(r * columns, columns);
            Span<T> d = destination.Slice(r * half, half);
            // σ(b) with TensorPrimitives, as sigmoid's own operator computes it, then the gate.
            TensorPrimitives.Sigmoid(row.Slice(half, half), d);
            TensorPrimitives.Multiply(row.Slice(0, half), d, d);
        }
    }

    /// <summary>
    /// destination (rows, columns) = dLoss/dz from upstream (rows, columns / 2) = dLoss/d(output) and z (rows,
    /// columns). <paramref name="destination"/> may be <paramref name="z"/> itself (each pair of elements is read before
    /// it is written), but must not overlap <paramref name="upstream"/>.
    /// </summary>
    public static void BackwardFromInput<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> upstream, Span<T> destination, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int half = columns / 2, rows = z.Length / columns;
        if (upstream.Length < rows * half) ThrowHelper.ThrowDestinationTooShort(nameof(upstream), upstream.Length, rows * half);
        if (destination.Length < rows * columns) ThrowHelper.ThrowDestinationTooShort(nameof(destination), destination.Length, rows * columns);
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> row = z.Slice(r * columns, columns), g = upstream.Slice(r * half, half);
            Span<T> d = destination.Slice(r * columns, columns);
            int c = 0;
            if (Vector.IsHardwareAccelerated)
            {
                for (; c + Vector<T>.Count <= half; c += Vector<T>.Count)
                {
                    Vector<T> a = new(row.Slice(c)), s = ActivationMath.Sigmoid(new Vector<T>(row.Slice(half + c))), gc = new(g.Slice(c));
                    (gc * s).CopyTo(d.Slice(c));
                    (gc * a * s * (Vector<T>.One - s)).CopyTo(d.Slice(half + c));
                }
            }
            for (; c < half; c++)
            {
                T a = row[c], s = ActivationMath.Sigmoid(row[half + c]), gc = g[c];
                d[c] = gc * s;
                d[half + c] = gc * a * s * (T.One - s);
            }
        }
    }
}
