using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;
using FastDense.Losses;

namespace FastDense.__Internals;

/// <summary>
/// Keras's <c>mean_squared_error</c> (keras/src/losses/losses.py): a row's loss is <c>mean((p − y)²)</c> over its outputs,
/// computed from the output. The gradient of the batch's mean with respect to the output is
/// <c>2 (p − y) / (rows · columns)</c>, then through the output activation's derivative (any element-wise activation;
/// the parser refuses softmax, FD0006).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct MeanSquaredErrorLoss : ILossOperator, ILossDefinition
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T, TActivation>(ReadOnlySpan<T> output, ReadOnlySpan<T> y, Span<T> delta, int rows, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
    {
        LossGradients.ScaledDifference(output, y, delta, T.CreateTruncating(2) / T.CreateTruncating(output.Length));
        if (typeof(TActivation) != typeof(LinearActivation)) activation.Backward<T>(output, delta, delta);
    }

    static Loss ILossDefinition.Kind => Loss.MeanSquaredError;

    static string ILossDefinition.KerasName => "mean_squared_error";

    static bool ILossDefinition.ReadsLogits => false;

    static double ILossDefinition.RowValue<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y) => RowValue(lossInput, y);

    static void ILossDefinition.CheckTargets<T>(T[] y, string name, int width)
    {
        // Any finite target is a regression target.
    }

    /// <summary>One row's loss from its outputs: <c>mean((p − y)²)</c>.</summary>
    internal static double RowValue<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double loss = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double e = double.CreateTruncating(p[i]) - double.CreateTruncating(y[i]);
            loss += e * e;
        }
        return loss / p.Length;
    }
}
