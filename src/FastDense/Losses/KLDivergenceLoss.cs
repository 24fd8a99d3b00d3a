using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;
using FastDense.Losses;

namespace FastDense.__Internals;

/// <summary>
/// Keras's <c>kl_divergence</c> (keras/src/losses/losses.py): with y and p clipped to [ε, 1] (ε = 1e-7), a row's loss is
/// <c>Σ y·log(y / p)</c> over its outputs (a sum, not a mean), from the output. The gradient with respect to the output
/// is <c>−y / p</c> (clipped y and p) where ε ≤ p ≤ 1 and 0 outside (TensorFlow's <c>clip_by_value</c>), over rows, then
/// through the output activation: softmax's Jacobian or sigmoid's derivative (the parser, FD0006, asks for outputs that
/// are probabilities). Targets are probabilities in [0, 1].
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct KLDivergenceLoss : ILossOperator, ILossDefinition<KLDivergenceLoss>
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

    static Loss ILossDefinition<KLDivergenceLoss>.Kind => Loss.KLDivergence;

    static string ILossDefinition<KLDivergenceLoss>.KerasName => "kl_divergence";

    static bool ILossDefinition<KLDivergenceLoss>.ReadsLogits => false;

    static string ILossDefinition<KLDivergenceLoss>.DefaultMetric => "accuracy";

    static KLDivergenceLoss ILossDefinition<KLDivergenceLoss>.Create(LossArguments arguments) => default;

    double ILossDefinition<KLDivergenceLoss>.RowValue<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y) => RowValue(lossInput, y);

    void ILossDefinition<KLDivergenceLoss>.CheckTargets<T>(T[] y, string name, int width)
    {
        LossTargets.Probabilities(y, name, width, Loss.KLDivergence);
    }

    /// <summary>One row's loss from its outputs: <c>Σ clip(y) · log(clip(y) / clip(p))</c>.</summary>
    internal static double RowValue<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double epsilon = ElementLosses.EpsilonOf<T>(), loss = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double target = Math.Clamp(double.CreateTruncating(y[i]), epsilon, 1), prediction = Math.Clamp(double.CreateTruncating(p[i]), epsilon, 1);
            loss += target * Math.Log(target / prediction);
        }
        return loss;
    }

    /// <summary>One row's gradient: <c>−clip(y) / clip(p) · scale</c> where p is inside [ε, 1], else 0.</summary>
    private static void RowGradient<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y, Span<T> delta, T scale)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T epsilon = ElementLosses.Epsilon<T>();
        for (int i = 0; i < p.Length; i++)
        {
            delta[i] = p[i] >= epsilon && p[i] <= T.One ? -T.Clamp(y[i], epsilon, T.One) / p[i] * scale : T.Zero;
        }
    }
}
