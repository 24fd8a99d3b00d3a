using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastDense.__Internals;

/// <summary>The loss's backward over a whole batch: the first step of every generated <c>Backward</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public static class Losses
{
    /// <summary>
    /// delta (rows, columns) = d(mean loss)/d(the output layer's pre-activation), from its output and the targets y.
    /// The loss decides how (fused with its activation where the pair has a closed form): see <see cref="ILossOperator"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Backward<T, TLoss, TActivation>(ReadOnlySpan<T> output, ReadOnlySpan<T> y, Span<T> delta, int rows, TLoss loss, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TLoss : struct, ILossOperator
        where TActivation : struct, IActivation
        => loss.Backward(output, y, delta, rows, activation);

    /// <summary>
    /// delta (rows, columns): row r times <paramref name="sampleWeight"/>[r], which makes the gradient of the mean loss
    /// that of Keras's weighted loss <c>Σ w·loss / rows</c> (keras/src/losses/loss.py, <c>reduce_weighted_values</c>
    /// with <c>sum_over_batch_size</c>: the weighted sum over the batch size, not over the weights' sum). Everything
    /// after the loss's delta is linear in it. An empty <paramref name="sampleWeight"/> leaves delta as it is.
    /// </summary>
    public static void WeighRows<T>(Span<T> delta, ReadOnlySpan<T> sampleWeight, int rows)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (sampleWeight.IsEmpty) return;
        if (sampleWeight.Length < rows) throw new ArgumentException($"sampleWeight has {sampleWeight.Length} values; {rows} rows need {rows}.", nameof(sampleWeight));
        int columns = delta.Length / rows;
        for (int r = 0; r < rows; r++)
        {
            Span<T> row = delta.Slice(r * columns, columns);
            System.Numerics.Tensors.TensorPrimitives.Multiply(row, sampleWeight[r], row);
        }
    }

    /// <summary>
    /// delta (rows, columns) = d(mean loss)/d(the output layer's pre-activation), from its output, its logits and the
    /// targets y, for a loss whose backward reads the logits (<see cref="ILogitsLossOperator"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Backward<T, TLoss, TActivation>(ReadOnlySpan<T> output, ReadOnlySpan<T> logits, ReadOnlySpan<T> y, Span<T> delta, int rows, TLoss loss, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TLoss : struct, ILogitsLossOperator
        where TActivation : struct, IActivation
        => loss.Backward(output, logits, y, delta, rows, activation);
}
