using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Losses;

namespace FastDense.__Internals;

/// <summary>
/// Keras's <c>mean_squared_logarithmic_error</c> (keras/src/losses/losses.py): a row's loss is
/// <c>mean((log(max(p, ε) + 1) − log(max(y, ε) + 1))²)</c> over its outputs with ε = 1e-7, from the output (a prediction
/// at or below ε counts as ε). The gradient with respect to the output is
/// <c>2 (log(max(p, ε) + 1) − log(max(y, ε) + 1)) / (p + 1) / (rows · columns)</c> where p ≥ ε and 0 below (TensorFlow's
/// <c>maximum</c> passes the gradient to its first argument where it is at least the second), then through the output
/// activation: any output. Targets must be non-negative.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct MeanSquaredLogarithmicErrorLoss : ILossOperator, ILossDefinition<MeanSquaredLogarithmicErrorLoss>, IElementLoss
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T, TActivation>(ReadOnlySpan<T> output, ReadOnlySpan<T> y, Span<T> delta, int rows, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
        => ElementLosses.Backward(this, output, y, delta, rows, activation);

    static Loss ILossDefinition<MeanSquaredLogarithmicErrorLoss>.Kind => Loss.MeanSquaredLogarithmicError;

    static string ILossDefinition<MeanSquaredLogarithmicErrorLoss>.KerasName => "mean_squared_logarithmic_error";

    static bool ILossDefinition<MeanSquaredLogarithmicErrorLoss>.ReadsLogits => false;

    static string ILossDefinition<MeanSquaredLogarithmicErrorLoss>.DefaultMetric => "mae";

    static MeanSquaredLogarithmicErrorLoss ILossDefinition<MeanSquaredLogarithmicErrorLoss>.Create(LossArguments arguments) => default;

    double ILossDefinition<MeanSquaredLogarithmicErrorLoss>.RowValue<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y) => ElementLosses.RowMean(this, lossInput, y);

    void ILossDefinition<MeanSquaredLogarithmicErrorLoss>.CheckTargets<T>(T[] y, string name, int width)
    {
        LossTargets.NonNegative(y, name, width, Loss.MeanSquaredLogarithmicError, "Keras would replace it by 1e-7 before taking log(1 + y)");
    }

    double IElementLoss.Value<T>(T p, T y)
    {
        double epsilon = ElementLosses.EpsilonOf<T>();
        double difference = ElementLosses.LogOnePlus(Math.Max(double.CreateTruncating(p), epsilon)) - ElementLosses.LogOnePlus(Math.Max(double.CreateTruncating(y), epsilon));
        return difference * difference;
    }

    T IElementLoss.Derivative<T>(T p, T y)
    {
        T epsilon = ElementLosses.Epsilon<T>();
        if (p < epsilon) return T.Zero;
        T difference = ElementLosses.LogOnePlus(p) - ElementLosses.LogOnePlus(T.Max(y, epsilon));
        return T.CreateTruncating(2) * difference / (p + T.One);
    }
}
