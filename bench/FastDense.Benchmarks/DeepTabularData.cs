using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace FastDense.Benchmarks;

/// <summary>
/// The synthetic data of workload W4: <see cref="Rows"/> rows of <see cref="Features"/> roughly standard-normal
/// features and a 0/1 label that depends on them, generated from fixed seeds by a procedure that
/// <c>bench/peers/w4_deep_tabular.py</c> reproduces bit for bit (<see cref="Fingerprint"/> is printed by both).
/// Generated in memory in each benchmark process (about 0.1 s); nothing is written to disk.
/// </summary>
/// <remarks>
/// <para>
/// Keras issue 19953 draws <c>x ~ normal(size=(250000, 4))</c> and labels by a fair coin, which leaves nothing to learn;
/// here the label follows the features, so that the loss and the AUC move as in a real fit (the arithmetic per step is
/// the same either way).
/// </para>
/// <para>
/// Every value comes from IEEE-754 double operations that are correctly rounded (add, multiply, divide, absolute
/// value, comparisons), evaluated in a fixed order, so C# and numpy give identical bits; no exp, log or sin, whose
/// last bits differ between libraries.
/// </para>
/// <list type="number">
/// <item><c>U(seed, i)</c>, the i-th uniform of a stream: SplitMix64 at counter i,
/// <c>z = seed + (i + 1)·0x9E3779B97F4A7C15</c> (mod 2^64), <c>z = (z ^ (z &gt;&gt; 30))·0xBF58476D1CE4E5B9</c>,
/// <c>z = (z ^ (z &gt;&gt; 27))·0x94D049BB133111EB</c>, <c>z ^= z &gt;&gt; 31</c>, then <c>(z &gt;&gt; 11)·2^-53</c>, in [0, 1).</item>
/// <item>Feature j of row r (Irwin–Hall: mean 0, variance 1, within ±6):
/// <c>x[r, j] = (float)((((0 + U(F, n)) + U(F, n + 1)) + … + U(F, n + 11)) − 6)</c> with <c>n = 12·(4r + j)</c> and
/// F = <see cref="FeatureSeed"/>, summed left to right in double.</item>
/// <item>The score, in double from the float features: <c>s = 0.9·x0 − 0.7·x1 + 0.5·x2 + 0.3·x3 + 0.8·(x0·x1) −
/// 0.6·|x2| + 0.5·(x3·x3 − 1) + 0.4</c>, evaluated left to right.</item>
/// <item>The probability of label 1, a softsign link (no exponential): <c>p = 0.5 + (0.5·s) / (1 + |s|)</c>.</item>
/// <item>The label: <c>y[r] = 1 if U(L, r) &lt; p else 0</c>, L = <see cref="LabelSeed"/>.</item>
/// </list>
/// </remarks>
public sealed class DeepTabularData
{
    /// <summary>Rows, as in the issue (<c>chunk_size = 250_000</c>).</summary>
    public const int Rows = 250_000;

    /// <summary>Features per row, as in the issue (<c>size=(chunk_size, 4)</c>).</summary>
    public const int Features = 4;

    /// <summary>The seed of the features' stream.</summary>
    public const ulong FeatureSeed = 19953;

    /// <summary>The seed of the labels' stream.</summary>
    public const ulong LabelSeed = 500;

    private const int TermsPerFeature = 12;

    private DeepTabularData()
    {
        X = new float[Rows * Features];
        Y = new float[Rows];
        for (int i = 0; i < X.Length; i++)
        {
            ulong n = (ulong)i * TermsPerFeature;
            double sum = 0;
            for (int k = 0; k < TermsPerFeature; k++) sum += Uniform(FeatureSeed, n + (ulong)k);
            X[i] = (float)(sum - 6.0);
        }
        for (int r = 0; r < Rows; r++)
        {
            double x0 = X[r * Features], x1 = X[r * Features + 1], x2 = X[r * Features + 2], x3 = X[r * Features + 3];
            double s = 0.9 * x0 - 0.7 * x1 + 0.5 * x2 + 0.3 * x3 + 0.8 * (x0 * x1) - 0.6 * Math.Abs(x2) + 0.5 * (x3 * x3 - 1.0) + 0.4;
            double p = 0.5 + 0.5 * s / (1.0 + Math.Abs(s));
            Y[r] = Uniform(LabelSeed, (ulong)r) < p ? 1f : 0f;
        }
        Fingerprint = ComputeFingerprint(X, Y);
    }

    /// <summary>The one copy per process.</summary>
    public static DeepTabularData Instance { get; } = new();

    /// <summary>The features, (250000, 4) row-major.</summary>
    public float[] X { get; }

    /// <summary>The labels, 0 or 1, (250000, 1).</summary>
    public float[] Y { get; }

    /// <summary>
    /// The first 16 hex digits (lower case) of SHA-256 over X's bytes then Y's (float32, little-endian): the Python
    /// peer prints the same value when it has generated the same data.
    /// </summary>
    public string Fingerprint { get; }

    /// <summary>The fraction of rows labelled 1.</summary>
    public double PositiveFraction => Y.Average(v => (double)v);

    /// <summary>The i-th uniform double in [0, 1) of the SplitMix64 stream <paramref name="seed"/>.</summary>
    public static double Uniform(ulong seed, ulong i)
    {
        ulong z = unchecked(seed + (i + 1) * 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    private static string ComputeFingerprint(float[] x, float[] y)
    {
        using IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // The bytes are the floats' little-endian images, which is what this (x64) machine holds in memory.
        hash.AppendData(MemoryMarshal.AsBytes(x.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(y.AsSpan()));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
