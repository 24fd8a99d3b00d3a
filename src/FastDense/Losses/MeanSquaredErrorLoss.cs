using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;
using FastDense.Losses;

namespace FastDense.__Internals;

/// <summary>
/// Keras's <c>mean_squared_error</c> (keras/src/losses/losses.py): a row's loss is <c>mean((p − y)²)</c> over its outputs,
/// computed from the output. The gradient of the batch's mean with respect to the output is
/// <c>2 (p − y) / (rows · columns)</c>, then through the output activation's derivative (softmax's Jacobian on a
/// softmax output): any output activation.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct MeanSquaredErrorLoss : ILossOperator, ILossDefinition<MeanSquaredErrorLoss>
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T, TActivation>(ReadOnlySpan<T> output, ReadOnlySpan<T> y, Span<T> delta, int rows, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
    {
        LossGradients.ScaledDifference(output, y, delta, T.CreateTruncating(2) / T.CreateTruncating(output.Length));
        LossGradients.ThroughActivation(output, delta, rows, activation);
    }

    static Loss ILossDefinition<MeanSquaredErrorLoss>.Kind => Loss.MeanSquaredError;

    static string ILossDefinition<MeanSquaredErrorLoss>.KerasName => "mean_squared_error";

    static bool ILossDefinition<MeanSquaredErrorLoss>.ReadsLogits => false;

    static string ILossDefinition<MeanSquaredErrorLoss>.DefaultMetric => "mae";

    static MeanSquaredErrorLoss ILossDefinition<MeanSquaredErrorLoss>.Create(LossArguments arguments) => default;

    double ILossDefinition<MeanSquaredErrorLoss>.RowValue<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y) => RowValue(lossInput, y);

    void ILossDefinition<MeanSquaredErrorLoss>.CheckTargets<T>(T[] y, string name, int width)
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
