using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;

namespace FastDense.__Internals;

/// <summary>
/// A Dense layer over a whole batch: its products, with its activation passed as a typed operator
/// (<see cref="IActivation"/>). Generated code calls these; which kernel runs behind them is the runtime's choice. Shapes: x (rows, inputs), kernel (inputs, units), delta (rows, units).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public static class Dense
{
    /// <summary>
    /// y (rows, units) = activation(x (rows, inputs) · kernel (inputs, units) + bias (units)). The runtime chooses how:
    /// plain relu is applied before the product's results leave registers (<c>MatrixProducts.ForwardRelu</c>, the
    /// same bits as the product then relu), linear adds nothing, any other activation (relu with arguments too) is its
    /// operator's pass over y.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Forward<T, TActivation>(ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, ReadOnlySpan<T> bias, Span<T> y, int rows, int inputs, int units, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
    {
        // typeof comparisons of a struct type argument are constants to the JIT: one branch is left.
        // The struct's IsPlain is a constant too where generated code passes default(ReluActivation).
        if (typeof(TActivation) == typeof(ReluActivation) && Unsafe.As<TActivation, ReluActivation>(ref activation).IsPlain)
        {
            MatrixProducts.ForwardRelu(x, kernel, bias, y, rows, inputs, units);
            return;
        }
        MatrixProducts.Forward(x, kernel, bias, y, rows, inputs, units);
        if (typeof(TActivation) != typeof(LinearActivation)) activation.Forward<T>(y, y, units);
    }

    /// <summary>
    /// y (rows, units) = activation(x (rows, inputs) · kernel (inputs, units)): a layer without a bias (Keras's
    /// <c>use_bias=False</c>), computed as <see cref="Forward{T, TActivation}"/> computes it with a bias of zeros, to the bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ForwardWithoutBias<T, TActivation>(ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, Span<T> y, int rows, int inputs, int units, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
    {
        if (typeof(TActivation) == typeof(ReluActivation) && Unsafe.As<TActivation, ReluActivation>(ref activation).IsPlain)
        {
            MatrixProducts.ForwardReluWithoutBias(x, kernel, y, rows, inputs, units);
            return;
        }
        MatrixProducts.ForwardWithoutBias(x, kernel, y, rows, inputs, units);
        if (typeof(TActivation) != typeof(LinearActivation)) activation.Forward<T>(y, y, units);
    }

    /// <summary>
    /// logits (rows, units) = x (rows, inputs) · kernel (inputs, units) + bias (units), and y (rows, units; units / 2 for
    /// glu) = activation(logits): a layer whose pre-activation is kept, either the output layer of a loss computed from its
    /// logits (the cross-entropies, as Keras's TensorFlow backend computes them) or a layer whose activation's
    /// derivative is taken from its input (<see cref="IActivation.NeedsInput"/>: gelu, silu, glu, …). For softmax the runtime may compute a narrow layer with its rows in the lanes
    /// of a register (<c>MatrixProducts.ForwardSoftmax</c>: the same bits as the product then
    /// <c>SoftmaxOperator.ForwardRows</c>; a row whose logits hold a NaN or an infinity is NaN, whose payload may
    /// differ). Neither output may overlap x or the other.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ForwardKeepingLogits<T, TActivation>(ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, ReadOnlySpan<T> bias, Span<T> logits, Span<T> y, int rows, int inputs, int units, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
    {
        if (typeof(TActivation) == typeof(SoftmaxActivation))
        {
            MatrixProducts.ForwardSoftmax(x, kernel, bias, logits, y, rows, inputs, units);
            return;
        }
        MatrixProducts.Forward(x, kernel, bias, logits, rows, inputs, units);
        activation.Forward<T>(logits, y, units);
    }

    /// <summary>
    /// logits (rows, units) = x (rows, inputs) · kernel (inputs, units) and y (rows, units) = activation(logits): <see cref="ForwardKeepingLogits{T, TActivation}"/>
    /// for a layer without a bias, with the bits it has for a bias of zeros. Neither output may overlap x or the other.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ForwardKeepingLogitsWithoutBias<T, TActivation>(ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, Span<T> logits, Span<T> y, int rows, int inputs, int units, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
    {
        if (typeof(TActivation) == typeof(SoftmaxActivation))
        {
            MatrixProducts.ForwardSoftmaxWithoutBias(x, kernel, logits, y, rows, inputs, units);
            return;
        }
        MatrixProducts.ForwardWithoutBias(x, kernel, logits, rows, inputs, units);
        activation.Forward<T>(logits, y, units);
    }

    /// <summary>delta (rows, units) ⊙= activation'(output), in place: dLoss/d(pre-activation) from dLoss/d(output).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ActivationBackward<T, TActivation>(ReadOnlySpan<T> output, Span<T> delta, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
    {
        if (typeof(TActivation) != typeof(LinearActivation)) activation.Backward<T>(output, delta, delta);
    }

    /// <summary>
    /// delta (rows, units) = J(output)ᵀ · delta row by row, in place: a hidden layer's row-wise activation (softmax:
    /// <c>a ⊙ (g − Σ g ⊙ a)</c>; log_softmax: <c>g − e^a · Σ g</c>; sparsemax: <c>s ⊙ (g − mean of g over the support
    /// s = [a &gt; 0])</c>), whose derivative needs the whole row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ActivationBackward<T, TActivation>(ReadOnlySpan<T> output, Span<T> delta, int units, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
    {
        if (typeof(TActivation) == typeof(SoftmaxActivation)) SoftmaxOperator.BackwardRows(output, delta, delta, units);
        else if (typeof(TActivation) == typeof(LogSoftmaxActivation)) LogSoftmaxOperator.BackwardRows(output, delta, delta, units);
        else if (typeof(TActivation) == typeof(SparsemaxActivation)) SparsemaxOperator.BackwardRows(output, delta, delta, units);
        else ActivationBackward(output, delta, activation);
    }

    /// <summary>
    /// delta (rows, units) ⊙= activation'(z), in place, from the layer's pre-activation z (kept by
    /// <see cref="ForwardKeepingLogits{T, TActivation}"/>): for an activation whose derivative its output does not
    /// determine (<see cref="IActivation.NeedsInput"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ActivationBackwardFromInput<T, TActivation>(ReadOnlySpan<T> z, Span<T> delta, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
        => activation.BackwardFromInput<T>(z, delta, delta);

    /// <summary>
    /// delta (rows, units) += J(activation)ᵀ · (l1·sign(output) + 2·l2·output) / rows, through <paramref name="scratch"/>
    /// (rows, units): the gradient of an activity regularizer on the model's output layer, whose delta already holds
    /// dLoss/d(pre-activation) from the loss (fused with the activation), so the penalty's gradient with respect to the
    /// output needs the activation's derivative on its own. Not for an activation whose derivative reads its input
    /// (<see cref="IActivation.NeedsInput"/>): there the penalty's gradient joins dLoss/d(output) before that derivative.
    /// </summary>
    public static void AddActivityGradient<T, TActivation>(ReadOnlySpan<T> output, Span<T> scratch, Span<T> delta, int units,
        double l1, double l2, int rows, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
    {
        scratch.Clear();
        Regularizers.AddActivityGradient(output, scratch, l1, l2, rows);
        ActivationBackward(output, scratch, units, activation);
        System.Numerics.Tensors.TensorPrimitives.Add(delta, scratch, delta);
    }

    /// <summary>
    /// destination (rows, units) = dLoss/d(pre-activation) from upstream (rows, units / 2) = dLoss/d(output) and the kept
    /// pre-activation z (rows, units): an activation that halves the width (glu), whose gradient is wider than the
    /// output's. <paramref name="destination"/> may be <paramref name="z"/> (generated code overwrites the kept
    /// pre-activation, which backward needs no more); it must not overlap <paramref name="upstream"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ActivationBackwardFromInput<T, TActivation>(ReadOnlySpan<T> z, ReadOnlySpan<T> upstream, Span<T> destination, int units, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
    {
        if (typeof(TActivation) == typeof(GluActivation)) GluOperator.BackwardFromInput(z, upstream, destination, units);
        else activation.BackwardFromInput<T>(z, upstream, destination);
    }

    /// <summary>kernelGradient (inputs, units) = xᵀ · delta; biasGradient (units) = column sums of delta. Both are assigned, not accumulated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BackwardParameters<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> delta, Span<T> kernelGradient, Span<T> biasGradient, int rows, int inputs, int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => MatrixProducts.BackwardParameters(x, delta, kernelGradient, biasGradient, rows, inputs, units);

    /// <summary>kernelGradient (inputs, units) = xᵀ · delta, assigned: a layer without a bias, whose only gradient is its kernel's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BackwardKernel<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> delta, Span<T> kernelGradient, int rows, int inputs, int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => MatrixProducts.BackwardKernel(x, delta, kernelGradient, rows, inputs, units);

    /// <summary>inputGradient (rows, inputs) = delta (rows, units) · kernelᵀ (units, inputs).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BackwardInput<T>(ReadOnlySpan<T> delta, ReadOnlySpan<T> kernel, Span<T> inputGradient, int rows, int inputs, int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => MatrixProducts.BackwardInput(delta, kernel, inputGradient, rows, inputs, units);
}
