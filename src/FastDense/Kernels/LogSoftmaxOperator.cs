using System.Numerics;

namespace FastDense.Kernels;

/// <summary>
/// Keras's <c>log_softmax</c> (keras/src/activations/activations.py, <c>ops.log_softmax</c> on the last axis), row by row:
/// <c>f(z)_i = z_i − m − log Σ_j e^(z_j − m)</c> with m the row's maximum, and its Jacobian-vector product
/// <c>dz = g − e^f · Σ g</c> (since ∂f_i/∂z_k = δ_ik − softmax_k).
/// </summary>
internal static class LogSoftmaxOperator
{
    public static void ForwardRows<T>(ReadOnlySpan<T> z, Span<T> destination, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int length = z.Length - z.Length % columns;
        if (destination.Length < length) ThrowHelper.ThrowDestinationTooShort(nameof(destination), destination.Length, length);
        for (int start = 0; start < length; start += columns)
        {
            ReadOnlySpan<T> row = z.Slice(start, columns);
            Span<T> d = destination.Slice(start, columns);
            T max = row[0];
            for (int c = 1; c < columns; c++) max = T.Max(max, row[c]);
            T sum = T.Zero;
            for (int c = 0; c < columns; c++) sum += T.Exp(row[c] - max);
            T shift = max + T.Log(sum);
            for (int c = 0; c < columns; c++) d[c] = row[c] - shift;
        }
    }

    /// <summary>destination (rows, columns) = g − e^output · Σ g, row by row: the gradient with respect to z.</summary>
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
            for (int c = 0; c < columns; c++) sum += g[c];
            for (int c = 0; c < columns; c++) d[c] = g[c] - T.Exp(a[c]) * sum;
        }
    }
}
