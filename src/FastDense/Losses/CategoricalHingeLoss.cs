using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;
using FastDense.Losses;

namespace FastDense.__Internals;

/// <summary>
/// Keras's <c>categorical_hinge</c> (keras/src/losses/losses.py): with <c>pos = Σ y·p</c> and
/// <c>neg = max((1 − y)·p)</c> over a row's outputs, the row's loss is <c>max(neg − pos + 1, 0)</c>, from the output.
/// The gradient with respect to the output is <c>(1 − y)·[(1 − y)·p is the row's max] / (how many are) − y</c> where
/// <c>neg − pos + 1 ≥ 0</c> (TensorFlow's <c>reduce_max</c> shares its gradient among ties, its <c>maximum</c> passes it
/// at the kink) and 0 beyond, over rows, then through the output activation: any output. Targets are one-hot rows of
/// 0 and 1 (or −1 and 1).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct CategoricalHingeLoss : ILossOperator, ILossDefinition<CategoricalHingeLoss>
{
    /// <inheritdoc />
    public void Backward<T, TActivation>(ReadOnlySpan<T> output, ReadOnlySpan<T> y, Span<T> delta, int rows, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
    {
        int columns = output.Length / rows;
        T scale = T.One / T.CreateTruncating(rows);
        for (int start = 0; start < output.Length; start += columns)
        {
            RowGradient(output.Slice(start, columns), y.Slice(start, columns), delta.Slice(start, columns), scale);
        }
        LossGradients.ThroughActivation(output, delta.Slice(0, output.Length), rows, activation);
    }

    static Loss ILossDefinition<CategoricalHingeLoss>.Kind => Loss.CategoricalHinge;

    static string ILossDefinition<CategoricalHingeLoss>.KerasName => "categorical_hinge";

    static bool ILossDefinition<CategoricalHingeLoss>.ReadsLogits => false;

    static string ILossDefinition<CategoricalHingeLoss>.DefaultMetric => "accuracy";

    static CategoricalHingeLoss ILossDefinition<CategoricalHingeLoss>.Create(LossArguments arguments) => default;

    double ILossDefinition<CategoricalHingeLoss>.RowValue<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y) => RowValue(lossInput, y);

    void ILossDefinition<CategoricalHingeLoss>.CheckTargets<T>(T[] y, string name, int width)
    {
        LossTargets.OneOf(y, name, width, Loss.CategoricalHinge, [-1, 0, 1], "0 or 1 (one-hot rows), or -1 or 1");
    }

    /// <summary>One row's loss from its outputs: <c>max(max((1 − y)·p) − Σ y·p + 1, 0)</c>.</summary>
    internal static double RowValue<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double positive = 0, negative = double.NegativeInfinity;
        for (int i = 0; i < p.Length; i++)
        {
            double prediction = double.CreateTruncating(p[i]), target = double.CreateTruncating(y[i]);
            positive += target * prediction;
            negative = Math.Max(negative, (1 - target) * prediction);
        }
        return Math.Max(negative - positive + 1, 0);
    }

    /// <summary>One row's gradient, times <paramref name="scale"/>.</summary>
    private static void RowGradient<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y, Span<T> delta, T scale)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T positive = T.Zero, negative = T.NegativeInfinity;
        for (int i = 0; i < p.Length; i++)
        {
            positive += y[i] * p[i];
            negative = T.Max(negative, (T.One - y[i]) * p[i]);
        }
        if (negative - positive + T.One < T.Zero)
        {
            delta.Slice(0, p.Length).Clear();
            return;
        }
        int ties = 0;
        for (int i = 0; i < p.Length; i++) ties += (T.One - y[i]) * p[i] == negative ? 1 : 0;
        T share = T.One / T.CreateTruncating(ties);
        for (int i = 0; i < p.Length; i++)
        {
            T atMax = (T.One - y[i]) * p[i] == negative ? (T.One - y[i]) * share : T.Zero;
            delta[i] = (atMax - y[i]) * scale;
        }
    }
}
