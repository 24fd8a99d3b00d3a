using System.Numerics;

namespace FastDense.Layers;

/// <summary>
/// Keras's <c>PReLU</c> (keras/src/layers/activations/prelu.py): <c>relu(x) − alpha · relu(−x)</c>, that is
/// <c>x</c> above 0 and <c>alpha · x</c> below, with alpha (width) one value per feature or (1) one for every feature.
/// Derivatives as TensorFlow's relu gradients give them (0 at 0 from both relus): 1 above 0, alpha below, 0 at 0; with
/// respect to alpha, <c>−relu(−x) = min(0, x)</c>.
/// </summary>
internal static class PReluMath
{
    /// <summary>output (rows, width) = max(0, x) + alpha ⊙ min(0, x); <paramref name="alpha"/> is (width) or (1).</summary>
    public static void Forward<T>(ReadOnlySpan<T> input, Span<T> output, ReadOnlySpan<T> alpha, int rows, int width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        bool shared = alpha.Length == 1;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> x = input.Slice(r * width, width);
            Span<T> y = output.Slice(r * width, width);
            for (int j = 0; j < width; j++)
            {
                T v = x[j];
                y[j] = v > T.Zero ? v : (shared ? alpha[0] : alpha[j]) * v;
            }
        }
    }

    /// <summary>
    /// alphaGradient = Σ over rows of delta ⊙ min(0, x): per column for (width) alpha, over everything for (1) alpha
    /// (assigned, summed in double). Then, with <paramref name="inputGradient"/>, delta ⊙= (1 where x &gt; 0, alpha where
    /// x &lt; 0, 0 at 0), in place: dLoss/d(input) from dLoss/d(output).
    /// </summary>
    public static void Backward<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> alpha, Span<T> delta, Span<T> alphaGradient, int rows, int width, bool inputGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        bool shared = alpha.Length == 1;
        double total = 0;
        for (int j = 0; j < width; j++)
        {
            double sum = 0;
            for (int r = 0; r < rows; r++)
            {
                T v = input[r * width + j];
                if (v < T.Zero) sum += double.CreateTruncating(delta[r * width + j]) * double.CreateTruncating(v);
            }
            if (shared) total += sum;
            else alphaGradient[j] = T.CreateTruncating(sum);
        }
        if (shared) alphaGradient[0] = T.CreateTruncating(total);
        if (!inputGradient) return;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> x = input.Slice(r * width, width);
            Span<T> d = delta.Slice(r * width, width);
            for (int j = 0; j < width; j++)
            {
                T v = x[j];
                if (v < T.Zero) d[j] *= shared ? alpha[0] : alpha[j];
                else if (!(v > T.Zero)) d[j] = T.Zero;
            }
        }
    }
}
