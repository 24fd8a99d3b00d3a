using System.Numerics;

namespace FastDense.Tests.Metrics;

/// <summary>What every metric's tests check the same way: one update, a split into two, float against double, no allocation.</summary>
internal static class MetricChecks
{
    /// <summary>Resets <paramref name="metric"/>, updates it once with the whole (rows, outputs) batch and returns its result.</summary>
    public static double Once<T>(Metric metric, T[] yTrue, T[] yPred, int outputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        metric.Reset();
        metric.Update<T>(yTrue, yPred, yTrue.Length / outputs, outputs);
        return metric.Result();
    }

    /// <summary><see cref="Once{T}"/> for double rows (so that integer literals can be written).</summary>
    public static double Once(Metric metric, double[] yTrue, double[] yPred, int outputs) => Once<double>(metric, yTrue, yPred, outputs);

    /// <summary>The result of one update with everything, as double and as float.</summary>
    public static (double FromDouble, double FromFloat) BothTypes(Metric metric, double[] yTrue, double[] yPred, int outputs)
        => (Once(metric, yTrue, yPred, outputs), Once(metric, ToFloat(yTrue), ToFloat(yPred), outputs));

    /// <summary>
    /// Asserts that two updates, the first <paramref name="firstRows"/> rows then the rest, give the result of one update
    /// with all of them (bit for bit when <paramref name="tolerance"/> is 0), and that Reset clears the state: the
    /// metric updated with the second part after a Reset equals a fresh metric updated with it.
    /// </summary>
    public static void AssertSplitEqualsWhole(Func<Metric> create, double[] yTrue, double[] yPred, int outputs, int firstRows, double tolerance = 0)
    {
        int rows = yTrue.Length / outputs, cut = firstRows * outputs;
        Metric whole = create();
        whole.Update<double>(yTrue, yPred, rows, outputs);

        Metric split = create();
        split.Update<double>(yTrue.AsSpan(0, cut), yPred.AsSpan(0, cut), firstRows, outputs);
        split.Update<double>(yTrue.AsSpan(cut), yPred.AsSpan(cut), rows - firstRows, outputs);
        AssertClose(whole.Result(), split.Result(), tolerance);

        split.Reset();
        split.Update<double>(yTrue.AsSpan(cut), yPred.AsSpan(cut), rows - firstRows, outputs);
        Metric fresh = create();
        fresh.Update<double>(yTrue.AsSpan(cut), yPred.AsSpan(cut), rows - firstRows, outputs);
        AssertClose(fresh.Result(), split.Result(), tolerance);
    }

    /// <summary>Asserts that updating <paramref name="metric"/> allocates nothing once it has seen a batch of this width.</summary>
    public static void AssertUpdatesDoNotAllocate(Metric metric, double[] yTrue, double[] yPred, int outputs)
    {
        float[] yTrueF = ToFloat(yTrue), yPredF = ToFloat(yPred);
        int rows = yTrue.Length / outputs;
        for (int i = 0; i < 3; i++) // warm-up: the JIT, and state built from the first update's width
        {
            metric.Update<double>(yTrue, yPred, rows, outputs);
            metric.Update<float>(yTrueF, yPredF, rows, outputs);
        }
        metric.Reset();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            metric.Update<double>(yTrue, yPred, rows, outputs);
            metric.Update<float>(yTrueF, yPredF, rows, outputs);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    public static float[] ToFloat(double[] values) => Array.ConvertAll(values, v => (float)v);

    /// <summary>Deterministic pseudo-random values in [0, 1) (a linear congruential generator: the tests need no quality).</summary>
    public static double[] Uniform(int count, int seed)
    {
        var values = new double[count];
        ulong state = (ulong)seed * 6364136223846793005UL + 1442695040888963407UL;
        for (int i = 0; i < count; i++)
        {
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            values[i] = (state >> 11) * (1.0 / (1UL << 53));
        }
        return values;
    }

    private static void AssertClose(double expected, double actual, double tolerance)
    {
        if (tolerance == 0) Assert.Equal(expected, actual);
        else Assert.Equal(expected, actual, tolerance);
    }
}
