namespace FastDense.Interop.Tests.Onnx;

/// <summary>How close ONNX Runtime's outputs must be to <c>Predict</c>'s.</summary>
internal static class OnnxAgreement
{
    /// <summary>Asserts <c>|actual − expected| ≤ Absolute + Relative · |expected|</c> element by element.</summary>
    public static void AssertClose(float[] expected, float[] actual, string what, double absolute = 1e-5, double relative = 1e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double bound = absolute + relative * Math.Abs(expected[i]);
            if (!(Math.Abs(actual[i] - expected[i]) <= bound))
            {
                Assert.Fail($"{what}: element {i} is {actual[i]:R} in ONNX Runtime and {expected[i]:R} in Predict (difference {actual[i] - expected[i]:E3}, bound {bound:E3}).");
            }
        }
    }

    /// <summary>The largest <c>|actual − expected|</c>.</summary>
    public static double MaxAbsDifference(float[] expected, float[] actual)
    {
        double max = 0;
        for (int i = 0; i < expected.Length; i++) max = Math.Max(max, Math.Abs((double)actual[i] - expected[i]));
        return max;
    }
}
