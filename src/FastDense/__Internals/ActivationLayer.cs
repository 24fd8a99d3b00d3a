using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastDense.__Internals;

/// <summary>
/// A layer that only applies an activation (Keras's Activation, ReLU, LeakyReLU, ELU, Softmax) over a whole batch, with
/// the activation as a typed operator (<see cref="IActivation"/>) as <see cref="Dense"/> takes it. Shapes: input, output,
/// delta (rows, width).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public static class ActivationLayer
{
    /// <summary>output = activation(input), element by element (softmax and log_softmax row by row); output must not overlap input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Forward<T, TActivation>(ReadOnlySpan<T> input, Span<T> output, int width, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
    {
        if (typeof(TActivation) == typeof(LinearActivation)) input.CopyTo(output);
        else activation.Forward<T>(input, output, width);
    }

    /// <summary>
    /// delta ⊙= activation'(output), in place, from the layer's output; for softmax and log_softmax delta = Jᵀ · delta row by
    /// row (<see cref="Dense.ActivationBackward{T, TActivation}(ReadOnlySpan{T}, Span{T}, int, TActivation)"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Backward<T, TActivation>(ReadOnlySpan<T> output, Span<T> delta, int width, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
        => Dense.ActivationBackward(output, delta, width, activation);

    /// <summary>
    /// delta ⊙= activation'(input), in place, from the layer's input (the previous layer's output, which stays in the
    /// workspace): for an activation whose output does not determine its derivative (<see cref="IActivation.NeedsInput"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BackwardFromInput<T, TActivation>(ReadOnlySpan<T> input, Span<T> delta, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
        => Dense.ActivationBackwardFromInput(input, delta, activation);
}
