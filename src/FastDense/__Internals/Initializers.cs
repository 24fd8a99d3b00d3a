using System.ComponentModel;
using System.Numerics;

namespace FastDense.__Internals;

/// <summary>Weight initializers, as Keras defines them.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public static class Initializers
{
    /// <summary>
    /// Keras's <c>glorot_uniform</c>: every element uniform in <c>[-limit, limit)</c>, <c>limit = sqrt(6 / (fanIn + fanOut))</c>,
    /// where a Dense kernel <c>[inputs, units]</c> has <c>fanIn = inputs</c> and <c>fanOut = units</c>.
    /// </summary>
    public static void GlorotUniform<T>(Span<T> kernel, int fanIn, int fanOut, ref SeededRandom random)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < kernel.Length; i++)
        {
            kernel[i] = T.CreateTruncating((2.0 * random.NextDouble() - 1.0) * limit);
        }
    }

    /// <summary>
    /// The stream of a tensor whose initializer has Keras's <c>seed</c>: started from the seed alone, so that the tensor's
    /// draws depend on the seed, the initializer and its shape only (two tensors with the same ones start identical, as
    /// Keras's integer-seeded initializers do), whatever the model's seed. Tagged apart from every model seed's stream.
    /// </summary>
    public static SeededRandom SeededStream(int seed) => new(0x1417_5EED_0000_0000UL ^ unchecked((uint)seed));

    /// <summary>
    /// Fills <paramref name="tensor"/> with Keras's <paramref name="initializer"/>: (fanIn, fanOut) are a kernel's
    /// (inputs, units), a bias's (length, length); (a, b) are the initializer's arguments (value; mean, stddev; minval,
    /// maxval; gain).
    /// </summary>
    public static void Initialize<T>(Span<T> tensor, int fanIn, int fanOut, Initializer initializer, double a, double b, ref SeededRandom random)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => FastDense.Initializers.WeightInitializers.Fill(tensor, fanIn, fanOut, initializer, a, b, ref random);

    /// <summary>Fills <paramref name="tensor"/> with Keras's <c>VarianceScaling(scale, mode, distribution)</c> for the fans (fanIn, fanOut).</summary>
    public static void VarianceScaling<T>(Span<T> tensor, int fanIn, int fanOut, double scale, VarianceScalingMode mode, VarianceScalingDistribution distribution, ref SeededRandom random)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => FastDense.Initializers.WeightInitializers.VarianceScaling(tensor, fanIn, fanOut, scale, mode, distribution, ref random);
}
