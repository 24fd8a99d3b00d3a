using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Losses;

namespace FastDense.__Internals;

/// <summary>
/// Keras's <c>log_cosh</c> (keras/src/losses/losses.py): with x = p − y, each element's loss is
/// <c>log(cosh(x))</c>, computed as Keras writes it, <c>x + softplus(−2x) − log 2</c>, which does not overflow for large
/// |x|; a row's loss is their mean, from the output. The gradient with respect to the output is <c>tanh(x)</c> over
/// rows · columns, then through the output activation: any output.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct LogCoshLoss : ILossOperator, ILossDefinition<LogCoshLoss>, IElementLoss
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T, TActivation>(ReadOnlySpan<T> output, ReadOnlySpan<T> y, Span<T> delta, int rows, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
        => ElementLosses.Backward(this, output, y, delta, rows, activation);

    static Loss ILossDefinition<LogCoshLoss>.Kind => Loss.LogCosh;

    static string ILossDefinition<LogCoshLoss>.KerasName => "log_cosh";

    static bool ILossDefinition<LogCoshLoss>.ReadsLogits => false;

    static string ILossDefinition<LogCoshLoss>.DefaultMetric => "mae";

    static LogCoshLoss ILossDefinition<LogCoshLoss>.Create(LossArguments arguments) => default;

    double ILossDefinition<LogCoshLoss>.RowValue<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y) => ElementLosses.RowMean(this, lossInput, y);

    void ILossDefinition<LogCoshLoss>.CheckTargets<T>(T[] y, string name, int width)
    {
        // Any finite target.
    }

    double IElementLoss.Value<T>(T p, T y)
    {
        double x = double.CreateTruncating(p) - double.CreateTruncating(y);
        return x + ElementLosses.Softplus(-2 * x) - Math.Log(2);
    }

    T IElementLoss.Derivative<T>(T p, T y)
    {
        return T.Tanh(p - y);
    }
}
