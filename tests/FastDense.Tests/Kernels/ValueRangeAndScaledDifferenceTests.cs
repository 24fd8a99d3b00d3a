using FastDense.Kernels;

namespace FastDense.Tests.Kernels;

/// <summary>
/// The two small loops that replaced TensorPrimitives calls on the first Fit's path, against element-by-element
/// references: <see cref="ValueRange.AllWithin"/> against a plain loop, and <see cref="LossGradients.ScaledDifference"/>
/// against the subtraction then the product, each rounded (the bits the two TensorPrimitives passes gave), at every
/// length around the vector width so both the vector loop and the tail are exercised.
/// </summary>
public class ValueRangeAndScaledDifferenceTests
{
    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        foreach (int n in new[] { 0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 1000 }) data.Add(n);
        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AllWithin_AgreesWithALoop_WhereverTheOutlierSits(int n)
    {
        var random = new Random(n);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) values[i] = (float)random.NextDouble();
        Assert.True(ValueRange.AllWithin<float>(values, 0f, 1f));
        Assert.Equal(Reference(values, 0f, 1f), ValueRange.AllWithin<float>(values, 0f, 1f));
        // One value outside, at every position in turn: below, above, NaN; and the bounds themselves are inside.
        for (int at = 0; at < n; at++)
        {
            foreach (float outlier in new[] { -1e-7f, 1.0000001f, float.NaN, float.NegativeInfinity, float.PositiveInfinity })
            {
                float kept = values[at];
                values[at] = outlier;
                Assert.False(ValueRange.AllWithin<float>(values, 0f, 1f), $"{outlier} at {at} of {n}");
                values[at] = kept;
            }
            foreach (float bound in new[] { 0f, -0f, 1f })
            {
                float kept = values[at];
                values[at] = bound;
                Assert.True(ValueRange.AllWithin<float>(values, 0f, 1f), $"{bound} at {at} of {n}");
                values[at] = kept;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AllWithin_Double_OpenAbove(int n)
    {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) values[i] = i * 1e300;
        Assert.True(ValueRange.AllWithin<double>(values, 0, double.PositiveInfinity));
        if (n == 0) return;
        values[n - 1] = -double.Epsilon;
        Assert.False(ValueRange.AllWithin<double>(values, 0, double.PositiveInfinity));
        Assert.Equal(Reference(values, 0, double.PositiveInfinity), ValueRange.AllWithin<double>(values, 0, double.PositiveInfinity));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ScaledDifference_IsTheDifferenceThenTheProduct_BitForBit(int n)
    {
        var random = new Random(1000 + n);
        float[] p = new float[n], y = new float[n + 3], d = new float[n + 2];
        for (int i = 0; i < n; i++) p[i] = (float)random.NextDouble();
        for (int i = 0; i < y.Length; i++) y[i] = random.Next(2);
        d[^1] = d[^2] = 42f;
        const float scale = 1f / 37f;
        LossGradients.ScaledDifference<float>(p, y, d, scale);
        for (int i = 0; i < n; i++)
        {
            float difference = p[i] - y[i];
            Assert.Equal(BitConverter.SingleToInt32Bits(difference * scale), BitConverter.SingleToInt32Bits(d[i]));
        }
        // Nothing past p's length is written.
        Assert.Equal(42f, d[n]);
        Assert.Equal(42f, d[n + 1]);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ScaledDifference_InPlace_OverP(int n)
    {
        var random = new Random(2000 + n);
        double[] p = new double[n], y = new double[n], expected = new double[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = random.NextDouble();
            y[i] = random.NextDouble();
            expected[i] = (p[i] - y[i]) * 0.3;
        }
        LossGradients.ScaledDifference<double>(p, y, p, 0.3);
        Assert.Equal(expected, p);
    }

    [Fact]
    public void ScaledDifference_ShortSpans_Throw()
    {
        Assert.Throws<ArgumentException>(() => LossGradients.ScaledDifference<float>(new float[4], new float[3], new float[4], 1f));
        Assert.Throws<ArgumentException>(() => LossGradients.ScaledDifference<float>(new float[4], new float[4], new float[3], 1f));
    }

    private static bool Reference<T>(T[] values, T low, T high)
        where T : System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        foreach (T v in values) if (!(v >= low && v <= high)) return false;
        return true;
    }
}
