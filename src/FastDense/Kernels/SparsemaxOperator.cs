using System.Numerics;

namespace FastDense.Kernels;

/// <summary>
/// Keras's <c>sparsemax</c> (keras/src/activations/activations.py, <c>ops.sparsemax</c> on the last axis), row by row:
/// the Euclidean projection of each row onto the probability simplex (Martins &amp; Astudillo 2016, algorithm 1),
/// <c>f(z)_i = max(z_i − τ, 0)</c>. With the row sorted in descending order, z_(1) ≥ z_(2) ≥ …, the support S holds the
/// r-th largest value when <c>1 + r·z_(r) &gt; Σ_{j≤r} z_(j)</c>, and <c>τ = (Σ_{j∈S} z_(j) − 1) / |S|</c>. Its
/// Jacobian-vector product is <c>dz = s ⊙ (g − Σ_{j∈S} g_j / |S|)</c>, s the indicator of the support (where the
/// output is positive).
/// </summary>
/// <remarks>
/// The threshold is the paper's, from the sum of the sorted values in the support (docs/keras-parity.md says where
/// Keras's backends compute another). The row is shifted by its maximum first (τ moves with it), so that the sums of
/// large values lose nothing to cancellation. Only values above <c>max − 1</c> can be in the support, since
/// <c>τ ≥ max − 1</c> (the largest output is at most 1): just those are sorted, in a per-thread scratch buffer, so a
/// row costs a pass for the maximum, one to gather, the sort of the candidates and one to write.
/// </remarks>
internal static class SparsemaxOperator
{
    /// <summary>destination (rows, columns) = sparsemax of each row of z; may be in place.</summary>
    public static void ForwardRows<T>(ReadOnlySpan<T> z, Span<T> destination, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int length = z.Length - z.Length % columns;
        if (destination.Length < length) ThrowHelper.ThrowDestinationTooShort(nameof(destination), destination.Length, length);
        if (length == 0) return;
        Span<T> candidates = KernelScratch<T>.Get(columns);
        for (int start = 0; start < length; start += columns)
        {
            ReadOnlySpan<T> row = z.Slice(start, columns);
            Span<T> d = destination.Slice(start, columns);
            T max = row[0];
            for (int c = 1; c < columns; c++) max = T.Max(max, row[c]);
            // Shifted by the maximum, the candidates are the values above −1 (the maximum itself is 0).
            int n = 0;
            for (int c = 0; c < columns; c++)
            {
                T shifted = row[c] - max;
                if (shifted > -T.One) candidates[n++] = shifted;
            }
            Span<T> sorted = candidates.Slice(0, n);
            sorted.Sort();
            // Descending: the last of the ascending order first. The support condition holds on a prefix; each term
            // that satisfies it is counted, as Keras's mask does.
            T cumulative = T.Zero, supportSum = T.Zero, r = T.Zero;
            int k = 0;
            for (int j = n - 1; j >= 0; j--)
            {
                r += T.One;
                cumulative += sorted[j];
                if (T.One + r * sorted[j] > cumulative)
                {
                    k++;
                    supportSum += sorted[j];
                }
            }
            T tau = (supportSum - T.One) / T.CreateTruncating(k);
            for (int c = 0; c < columns; c++) d[c] = T.Max(row[c] - max - tau, T.Zero);
        }
    }

    /// <summary>
    /// destination (rows, columns) = s ⊙ (g − mean of g over the support), row by row, from the output (the support is
    /// where it is positive): the gradient with respect to z. <paramref name="destination"/> may alias
    /// <paramref name="upstream"/>.
    /// </summary>
    public static void BackwardRows<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int length = output.Length - output.Length % columns;
        if (upstream.Length < length) ThrowHelper.ThrowDestinationTooShort(nameof(upstream), upstream.Length, length);
        if (destination.Length < length) ThrowHelper.ThrowDestinationTooShort(nameof(destination), destination.Length, length);
        for (int start = 0; start < length; start += columns)
        {
            ReadOnlySpan<T> a = output.Slice(start, columns), g = upstream.Slice(start, columns);
            Span<T> d = destination.Slice(start, columns);
            T sum = T.Zero;
            int k = 0;
            for (int c = 0; c < columns; c++)
            {
                if (a[c] > T.Zero)
                {
                    sum += g[c];
                    k++;
                }
            }
            T mean = k == 0 ? T.Zero : sum / T.CreateTruncating(k);
            for (int c = 0; c < columns; c++) d[c] = a[c] > T.Zero ? g[c] - mean : T.Zero;
        }
    }
}
