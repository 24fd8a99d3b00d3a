using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Losses;

namespace FastDense.__Internals;

/// <summary>
/// Keras's <c>mean_absolute_percentage_error</c> (keras/src/losses/losses.py): a row's loss is
/// <c>100 · mean(|(y − p) / max(|y|, ε)|)</c> over its outputs with ε = 1e-7 (Keras's epsilon, so a target of 0 divides
/// by ε rather than by 0), from the output. The gradient with respect to the output is
/// <c>100 · sign(p − y) / max(|y|, ε) / (rows · columns)</c>, then through the output activation: any output.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct MeanAbsolutePercentageErrorLoss : ILossOperator, ILossDefinition<MeanAbsolutePercentageErrorLoss>, IElementLoss
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T, TActivation>(ReadOnlySpan<T> output, ReadOnlySpan<T> y, Span<T> delta, int rows, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
        => ElementLosses.Backward(this, output, y, delta, rows, activation);

    static Loss ILossDefinition<MeanAbsolutePercentageErrorLoss>.Kind => Loss.MeanAbsolutePercentageError;

    static string ILossDefinition<MeanAbsolutePercentageErrorLoss>.KerasName => "mean_absolute_percentage_error";

    static bool ILossDefinition<MeanAbsolutePercentageErrorLoss>.ReadsLogits => false;

    static string ILossDefinition<MeanAbsolutePercentageErrorLoss>.DefaultMetric => "mae";

    static MeanAbsolutePercentageErrorLoss ILossDefinition<MeanAbsolutePercentageErrorLoss>.Create(LossArguments arguments) => default;

    double ILossDefinition<MeanAbsolutePercentageErrorLoss>.RowValue<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y) => ElementLosses.RowMean(this, lossInput, y);

    void ILossDefinition<MeanAbsolutePercentageErrorLoss>.CheckTargets<T>(T[] y, string name, int width)
    {
        // Any finite target.
    }

    double IElementLoss.Value<T>(T p, T y)
    {
        double target = double.CreateTruncating(y);
        return 100 * Math.Abs((target - double.CreateTruncating(p)) / Math.Max(Math.Abs(target), ElementLosses.EpsilonOf<T>()));
    }

    T IElementLoss.Derivative<T>(T p, T y)
    {
        return T.CreateTruncating(100) * ElementLosses.SignOfDifference(p, y) / T.Max(T.Abs(y), ElementLosses.Epsilon<T>());
    }
}
