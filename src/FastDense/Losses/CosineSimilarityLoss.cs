using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;
using FastDense.Losses;

namespace FastDense.__Internals;

/// <summary>
/// Keras's <c>cosine_similarity</c> (keras/src/losses/losses.py, <c>axis=-1</c>): a row's loss is <c>−Σ ŷ·p̂</c> over its
/// outputs, each vector l2-normalized as Keras's <c>normalize</c> does (keras/src/ops/nn.py: <c>x · rsqrt(max(Σx², ε²))</c>
/// with ε = 1e-7, so a zero row scores 0), from the output: −1 when prediction and target point the same way. The
/// gradient with respect to the output is <c>−(ŷ − (ŷ·p̂) p̂) / |p|</c> (or <c>−ŷ / ε</c> where <c>Σp² &lt; ε²</c>), over
/// rows, then through the output activation: any output.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct CosineSimilarityLoss : ILossOperator, ILossDefinition<CosineSimilarityLoss>
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

    static Loss ILossDefinition<CosineSimilarityLoss>.Kind => Loss.CosineSimilarity;

    static string ILossDefinition<CosineSimilarityLoss>.KerasName => "cosine_similarity";

    static bool ILossDefinition<CosineSimilarityLoss>.ReadsLogits => false;

    static string ILossDefinition<CosineSimilarityLoss>.DefaultMetric => "mae";

    static CosineSimilarityLoss ILossDefinition<CosineSimilarityLoss>.Create(LossArguments arguments) => default;

    double ILossDefinition<CosineSimilarityLoss>.RowValue<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y) => RowValue(lossInput, y);

    void ILossDefinition<CosineSimilarityLoss>.CheckTargets<T>(T[] y, string name, int width)
    {
        // Any finite target: a direction (a zero row scores 0).
    }

    /// <summary>One row's loss from its outputs: <c>−Σ y p · rsqrt(max(Σy², ε²)) · rsqrt(max(Σp², ε²))</c>.</summary>
    internal static double RowValue<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double smallest = double.CreateTruncating(T.CreateTruncating(1e-14)), pp = 0, yy = 0, yp = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double prediction = double.CreateTruncating(p[i]), target = double.CreateTruncating(y[i]);
            pp += prediction * prediction;
            yy += target * target;
            yp += target * prediction;
        }
        return -yp / Math.Sqrt(Math.Max(yy, smallest)) / Math.Sqrt(Math.Max(pp, smallest));
    }

    /// <summary>One row's gradient, times <paramref name="scale"/>.</summary>
    private static void RowGradient<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y, Span<T> delta, T scale)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T smallest = T.CreateTruncating(1e-14), pp = T.Zero, yy = T.Zero, yp = T.Zero;
        for (int i = 0; i < p.Length; i++)
        {
            pp += p[i] * p[i];
            yy += y[i] * y[i];
            yp += y[i] * p[i];
        }
        T inverseY = T.One / T.Sqrt(T.Max(yy, smallest));
        // max(Σp², ε²) passes its gradient to Σp² where Σp² ≥ ε² (TensorFlow's maximum); below, |p| counts as ε.
        bool normed = pp >= smallest;
        T inverseP = T.One / T.Sqrt(normed ? pp : smallest);
        T cosine = normed ? yp * inverseY * inverseP * inverseP * inverseP : T.Zero;
        for (int i = 0; i < p.Length; i++) delta[i] = (cosine * p[i] - y[i] * inverseY * inverseP) * scale;
    }
}
