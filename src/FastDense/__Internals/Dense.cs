using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;

namespace FastDense.__Internals;

/// <summary>
/// The three matrix products of a Dense layer over a whole batch. Generated code calls these; which kernel runs
/// behind them is the runtime's choice. Shapes: x (rows, inputs), kernel (inputs, units), delta (rows, units).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public static class Dense
{
    /// <summary>y (rows, units) = x (rows, inputs) · kernel (inputs, units) + bias (units).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Forward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, ReadOnlySpan<T> bias, Span<T> y, int rows, int inputs, int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => MatrixProducts.Forward(x, kernel, bias, y, rows, inputs, units);

    /// <summary>
    /// y (rows, units) = relu(x (rows, inputs) · kernel (inputs, units) + bias (units)): a relu layer's forward in one
    /// call, so that the runtime can apply relu before the product's results leave registers. The same bits as
    /// <see cref="Forward{T}"/> followed by <see cref="Activations.Relu{T}"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ForwardRelu<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, ReadOnlySpan<T> bias, Span<T> y, int rows, int inputs, int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => MatrixProducts.ForwardRelu(x, kernel, bias, y, rows, inputs, units);

    /// <summary>
    /// logits (rows, units) = x (rows, inputs) · kernel (inputs, units) + bias (units), and y (rows, units) =
    /// softmax(logits) row by row: a softmax layer's forward in one call, so that the runtime can compute a narrow
    /// layer with its rows in the lanes of a register. The logits stay for the loss, which cross-entropy computes from
    /// them (as Keras's TensorFlow backend does). Softmax is the one activation that mixes a row's columns, so it has
    /// no elementwise call in <see cref="Activations"/>. The same bits whichever way the runtime computes it (a row
    /// whose logits hold a NaN or an infinity is NaN, whose payload may differ). Neither output may overlap x or the other.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ForwardSoftmax<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, ReadOnlySpan<T> bias, Span<T> logits, Span<T> y, int rows, int inputs, int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => MatrixProducts.ForwardSoftmax(x, kernel, bias, logits, y, rows, inputs, units);

    /// <summary>kernelGradient (inputs, units) = xᵀ · delta; biasGradient (units) = column sums of delta. Both are assigned, not accumulated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BackwardParameters<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> delta, Span<T> kernelGradient, Span<T> biasGradient, int rows, int inputs, int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => MatrixProducts.BackwardParameters(x, delta, kernelGradient, biasGradient, rows, inputs, units);

    /// <summary>inputGradient (rows, inputs) = delta (rows, units) · kernelᵀ (units, inputs).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BackwardInput<T>(ReadOnlySpan<T> delta, ReadOnlySpan<T> kernel, Span<T> inputGradient, int rows, int inputs, int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => MatrixProducts.BackwardInput(delta, kernel, inputGradient, rows, inputs, units);
}
