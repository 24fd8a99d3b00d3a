using System.Numerics;
#pragma warning disable CS0618 // SeededRandom lives in __Internals, [Obsolete] for users only.
using FastDense.__Internals;

namespace FastDense.Initializers;

/// <summary>
/// Keras's initializers (keras/src/initializers/random_initializers.py, constant_initializers.py) drawing from FastDense's
/// seeded stream: the distributions and scales are Keras's, the bits are not TensorFlow's. Arguments a, b are the
/// initializer's own: (value) for constant, (mean, stddev) for the normals, (minval, maxval) for uniform, (gain) for
/// orthogonal and identity.
/// </summary>
internal static class WeightInitializers
{
    /// <summary>Keras's correction of a variance-scaling truncated normal's σ: the standard deviation of a unit normal truncated at ±2.</summary>
    public const double TruncatedStd = 0.87962566103423978;

    public static void Fill<T>(Span<T> tensor, int fanIn, int fanOut, Initializer initializer, double a, double b, ref SeededRandom random)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        switch (initializer)
        {
            case Initializer.Zeros: tensor.Clear(); break;
            case Initializer.Ones: tensor.Fill(T.One); break;
            case Initializer.Constant: tensor.Fill(T.CreateTruncating(a)); break;
            case Initializer.GlorotUniform: Uniform(tensor, Math.Sqrt(3.0 / Math.Max(1.0, (fanIn + fanOut) / 2.0)), ref random); break;
            case Initializer.HeUniform: Uniform(tensor, Math.Sqrt(3.0 * 2 / Math.Max(1.0, fanIn)), ref random); break;
            case Initializer.LecunUniform: Uniform(tensor, Math.Sqrt(3.0 / Math.Max(1.0, fanIn)), ref random); break;
            case Initializer.GlorotNormal: Truncated(tensor, 0, Math.Sqrt(1.0 / Math.Max(1.0, (fanIn + fanOut) / 2.0)) / TruncatedStd, ref random); break;
            case Initializer.HeNormal: Truncated(tensor, 0, Math.Sqrt(2.0 / Math.Max(1.0, fanIn)) / TruncatedStd, ref random); break;
            case Initializer.LecunNormal: Truncated(tensor, 0, Math.Sqrt(1.0 / Math.Max(1.0, fanIn)) / TruncatedStd, ref random); break;
            case Initializer.RandomNormal:
                for (int i = 0; i < tensor.Length; i++) tensor[i] = T.CreateTruncating(a + b * Normal(ref random));
                break;
            case Initializer.RandomUniform:
                for (int i = 0; i < tensor.Length; i++) tensor[i] = T.CreateTruncating(a + (b - a) * random.NextDouble());
                break;
            case Initializer.TruncatedNormal: Truncated(tensor, a, b, ref random); break;
            case Initializer.Orthogonal: Orthogonal(tensor, fanIn, fanOut, a, ref random); break;
            case Initializer.Identity:
                tensor.Clear();
                for (int i = 0; i < Math.Min(fanIn, fanOut); i++) tensor[i * fanOut + i] = T.CreateTruncating(a);
                break;
            // Keras's defaults beside the scale (a): the generator calls VarianceScaling with all three arguments.
            case Initializer.VarianceScaling: VarianceScaling(tensor, fanIn, fanOut, a, VarianceScalingMode.FanIn, VarianceScalingDistribution.TruncatedNormal, ref random); break;
            default: throw new ArgumentOutOfRangeException(nameof(initializer), initializer, "Unknown initializer.");
        }
    }

    /// <summary>
    /// Keras's <c>VarianceScaling</c> (keras/src/initializers/random_initializers.py): <c>s = scale / max(1, fan)</c> with
    /// the mode's fan, then a truncated normal with σ = sqrt(s) / 0.87962566103423978, a normal with σ = sqrt(s), or a
    /// uniform in ±sqrt(3s).
    /// </summary>
    public static void VarianceScaling<T>(Span<T> tensor, int fanIn, int fanOut, double scale, VarianceScalingMode mode, VarianceScalingDistribution distribution, ref SeededRandom random)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!(scale > 0) || double.IsInfinity(scale)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "scale must be positive and finite.");
        double fan = mode switch
        {
            VarianceScalingMode.FanIn => fanIn,
            VarianceScalingMode.FanOut => fanOut,
            VarianceScalingMode.FanAvg => (fanIn + fanOut) / 2.0,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown mode."),
        };
        double s = scale / Math.Max(1.0, fan);
        switch (distribution)
        {
            case VarianceScalingDistribution.TruncatedNormal: Truncated(tensor, 0, Math.Sqrt(s) / TruncatedStd, ref random); break;
            case VarianceScalingDistribution.UntruncatedNormal:
                for (int i = 0; i < tensor.Length; i++) tensor[i] = T.CreateTruncating(Math.Sqrt(s) * Normal(ref random));
                break;
            case VarianceScalingDistribution.Uniform: Uniform(tensor, Math.Sqrt(3.0 * s), ref random); break;
            default: throw new ArgumentOutOfRangeException(nameof(distribution), distribution, "Unknown distribution.");
        }
    }

    private static void Uniform<T>(Span<T> tensor, double limit, ref SeededRandom random)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int i = 0; i < tensor.Length; i++) tensor[i] = T.CreateTruncating((2.0 * random.NextDouble() - 1.0) * limit);
    }

    /// <summary>mean + stddev · z with z a unit normal redrawn until |z| ≤ 2 (TensorFlow's truncated normal).</summary>
    private static void Truncated<T>(Span<T> tensor, double mean, double stddev, ref SeededRandom random)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int i = 0; i < tensor.Length; i++)
        {
            double z;
            do z = Normal(ref random); while (Math.Abs(z) > 2);
            tensor[i] = T.CreateTruncating(mean + stddev * z);
        }
    }

    /// <summary>A unit normal draw: Box–Muller's cosine branch, u₁ in (0, 1].</summary>
    internal static double Normal(ref SeededRandom random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>
    /// Keras's Orthogonal for a (rows, cols) = (fanIn, fanOut) kernel: a (max, min) normal matrix, its QR factorization
    /// (modified Gram–Schmidt, in double), Q's columns times the signs of R's diagonal, transposed when rows &lt; cols, times the gain.
    /// </summary>
    private static void Orthogonal<T>(Span<T> tensor, int rows, int cols, double gain, ref SeededRandom random)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = Math.Max(rows, cols), m = Math.Min(rows, cols);
        var a = new double[n, m];
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) a[i, j] = Normal(ref random);
        for (int j = 0; j < m; j++)
        {
            for (int k = 0; k < j; k++)
            {
                double dot = 0;
                for (int i = 0; i < n; i++) dot += a[i, k] * a[i, j];
                for (int i = 0; i < n; i++) a[i, j] -= dot * a[i, k];
            }
            double norm = 0;
            for (int i = 0; i < n; i++) norm += a[i, j] * a[i, j];
            norm = Math.Sqrt(norm);
            // R's diagonal is this norm (positive), so Q's column keeps its sign: Keras's q *= sign(diag(r)) is the identity here.
            for (int i = 0; i < n; i++) a[i, j] /= norm;
        }
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                double q = rows >= cols ? a[r, c] : a[c, r];
                tensor[r * cols + c] = T.CreateTruncating(gain * q);
            }
        }
    }
}
