using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Losses;

namespace FastDense.__Internals;

/// <summary>
/// Keras's <c>huber</c> (keras/src/losses/losses.py) with its <c>delta</c> (default 1.0): with e = p − y, each element's
/// loss is <c>e²/2</c> where <c>|e| ≤ delta</c> and <c>delta·|e| − delta²/2</c> beyond; a row's loss is their mean, from
/// the output. The gradient with respect to the output is <c>e</c> inside and <c>delta·sign(e)</c> beyond, over
/// rows · columns, then through the output activation: any output.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct HuberLoss : ILossOperator, ILossDefinition<HuberLoss>, IElementLoss
{
    private readonly double _delta;

    /// <summary>Huber's loss with Keras's <paramref name="delta"/>.</summary>
    /// <param name="delta">Where the loss turns from quadratic to linear (Keras's default 1.0; positive, FD0022).</param>
    public HuberLoss(double delta) => _delta = delta;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T, TActivation>(ReadOnlySpan<T> output, ReadOnlySpan<T> y, Span<T> delta, int rows, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
        => ElementLosses.Backward(this, output, y, delta, rows, activation);

    static Loss ILossDefinition<HuberLoss>.Kind => Loss.Huber;

    static string ILossDefinition<HuberLoss>.KerasName => "huber";

    static bool ILossDefinition<HuberLoss>.ReadsLogits => false;

    static string ILossDefinition<HuberLoss>.DefaultMetric => "mae";

    static HuberLoss ILossDefinition<HuberLoss>.Create(LossArguments arguments) => new(arguments.Delta);

    double ILossDefinition<HuberLoss>.RowValue<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y) => ElementLosses.RowMean(this, lossInput, y);

    void ILossDefinition<HuberLoss>.CheckTargets<T>(T[] y, string name, int width)
    {
        // Any finite target.
    }

    double IElementLoss.Value<T>(T p, T y)
    {
        double error = double.CreateTruncating(p) - double.CreateTruncating(y), absolute = Math.Abs(error);
        return absolute <= _delta ? 0.5 * error * error : _delta * absolute - 0.5 * _delta * _delta;
    }

    T IElementLoss.Derivative<T>(T p, T y)
    {
        T error = p - y, delta = T.CreateTruncating(_delta);
        return T.Abs(error) <= delta ? error : delta * ElementLosses.SignOfDifference(p, y);
    }
}
