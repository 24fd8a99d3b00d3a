using System.ComponentModel;
using System.Numerics;

namespace FastDense.__Internals;

/// <summary>
/// Keras's L1, L2 and orthogonal regularizers (keras/src/regularizers/regularizers.py: <c>l1·Σ|x|</c>, <c>l2·Σx²</c>,
/// <c>OrthogonalRegularizer</c>) for generated code: their penalties, which the model's <c>RegularizationLoss</c> adds up, and their gradients, which its
/// <c>Backward</c> adds where the tensor's gradient is written. The derivative of <c>|x|</c> at 0 is 0, TensorFlow's
/// <c>sign(0)</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public static class Regularizers
{
    /// <summary><c>l1·Σ|x| + l2·Σx²</c> over <paramref name="x"/>, in double.</summary>
    public static double Penalty<T>(ReadOnlySpan<T> x, double l1, double l2)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double absolute = 0, square = 0;
        foreach (T value in x)
        {
            double v = double.CreateTruncating(value);
            absolute += Math.Abs(v);
            square += v * v;
        }
        return l1 * absolute + l2 * square;
    }

    /// <summary>gradient (same shape as <paramref name="x"/>) += <c>l1·sign(x) + 2·l2·x</c>: a weight penalty's gradient.</summary>
    public static void AddGradient<T>(ReadOnlySpan<T> x, Span<T> gradient, double l1, double l2)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (x.Length != gradient.Length) throw new ArgumentException($"x has {x.Length} values but gradient {gradient.Length}.", nameof(gradient));
        T a = T.CreateTruncating(l1), b = T.CreateTruncating(2 * l2);
        for (int i = 0; i < x.Length; i++) gradient[i] += a * T.CreateTruncating(T.Sign(x[i])) + b * x[i];
    }

    /// <summary>
    /// Keras's <c>OrthogonalRegularizer(factor, mode)</c> on <paramref name="kernel"/> (inputs, units), in double:
    /// <c>factor · Σ_{i&lt;j} |û_i · û_j| / (n (n − 1) / 2)</c> over its rows or columns û, each l2-normalized with
    /// Keras's epsilon (see <c>Layers.OrthogonalRegularizerMath</c>).
    /// </summary>
    public static double OrthogonalPenalty<T>(ReadOnlySpan<T> kernel, int inputs, int units, double factor, OrthogonalRegularizerMode mode)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => FastDense.Layers.OrthogonalRegularizerMath.Penalty(kernel, inputs, units, factor, mode);

    /// <summary>gradient (inputs, units) += the gradient of <see cref="OrthogonalPenalty{T}"/> with respect to <paramref name="kernel"/>.</summary>
    public static void AddOrthogonalGradient<T>(ReadOnlySpan<T> kernel, Span<T> gradient, int inputs, int units, double factor, OrthogonalRegularizerMode mode)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => FastDense.Layers.OrthogonalRegularizerMath.AddGradient(kernel, gradient, inputs, units, factor, mode);

    /// <summary>
    /// delta (rows, units) += <c>(l1·sign(a) + 2·l2·a) / rows</c>: the gradient of an activity penalty, which Keras divides
    /// by the batch size, added to dLoss/d(the layer's output) <paramref name="a"/>.
    /// </summary>
    public static void AddActivityGradient<T>(ReadOnlySpan<T> a, Span<T> delta, double l1, double l2, int rows)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => AddGradient(a, delta, l1 / rows, l2 / rows);
}
