using System.Numerics;
using FastDense.__Internals;
using FastDense.Kernels;

namespace FastDense.Losses;

/// <summary>
/// A loss whose row value is the mean over the row's outputs of one element's loss (Keras's
/// <c>ops.mean(…, axis=-1)</c>): mean absolute error, Huber, hinge, …. <see cref="ElementLosses"/> turns the element's
/// value and derivative into the row's value and the batch mean's gradient.
/// </summary>
internal interface IElementLoss
{
    /// <summary>One element's loss, in double, from its prediction and target.</summary>
    double Value<T>(T p, T y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>d(one element's loss)/dp, in T, as TensorFlow differentiates Keras's formula (at a kink, the branch its op takes).</summary>
    T Derivative<T>(T p, T y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;
}

/// <summary>The row values and gradients of the element-wise losses, and the numbers they share.</summary>
internal static class ElementLosses
{
    /// <summary>The mean over the row of each element's loss.</summary>
    public static double RowMean<T, TLoss>(in TLoss loss, ReadOnlySpan<T> p, ReadOnlySpan<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TLoss : struct, IElementLoss
    {
        double total = 0;
        for (int i = 0; i < p.Length; i++) total += loss.Value(p[i], y[i]);
        return total / p.Length;
    }

    /// <summary>
    /// delta (rows, columns) = d(batch mean)/d(pre-activation): each element's derivative over rows · columns, then
    /// through the output activation (<see cref="LossGradients.ThroughActivation"/>).
    /// </summary>
    public static void Backward<T, TLoss, TActivation>(in TLoss loss, ReadOnlySpan<T> output, ReadOnlySpan<T> y, Span<T> delta, int rows, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TLoss : struct, IElementLoss
        where TActivation : struct, IActivation
    {
        T scale = T.One / T.CreateTruncating(output.Length);
        for (int i = 0; i < output.Length; i++) delta[i] = loss.Derivative(output[i], y[i]) * scale;
        LossGradients.ThroughActivation(output, delta.Slice(0, output.Length), rows, activation);
    }

    /// <summary>
    /// Keras's <c>backend.epsilon()</c> (1e-7, keras/src/backend/config.py) as the loss's tensors hold it: rounded to
    /// T (Keras converts it to <c>y_pred.dtype</c>), so the value and the gradient clip at the same number.
    /// </summary>
    public static T Epsilon<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.CreateTruncating(1e-7);

    /// <summary><see cref="Epsilon{T}"/> in double.</summary>
    public static double EpsilonOf<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => double.CreateTruncating(Epsilon<T>());

    /// <summary>+1, −1 or 0: the sign of x − y, as TensorFlow's <c>abs</c> differentiates (0 at 0).</summary>
    public static T SignOfDifference<T>(T x, T y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => x > y ? T.One : x < y ? T.NegativeOne : T.Zero;

    /// <summary><c>log(1 + e^t)</c> without overflow: <c>max(t, 0) + log(1 + e^−|t|)</c>.</summary>
    public static double Softplus(double t) => Math.Max(t, 0) + LogOnePlus(Math.Exp(-Math.Abs(t)));

    /// <summary>
    /// <c>log(1 + x)</c> to full precision for small x, which <c>double.LogP1</c> is not (it computes <c>log(x + 1)</c>, 0
    /// for x below 1e-16): Goldberg's <c>log(u) · x / (u − 1)</c> with u = 1 + x rounded.
    /// </summary>
    public static T LogOnePlus<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T u = T.One + x;
        return u == T.One ? x : T.Log(u) * x / (u - T.One);
    }
}
