using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FastDense.Kernels;

namespace FastDense.Tests.Kernels;

/// <summary>
/// The softmax's float exponential against Math.Exp in double: within 2 ulps of the correctly rounded float over the
/// whole range (the published accuracy of the Cephes polynomial with Cody–Waite reduction is about 1 ulp), and the
/// ends of the range as documented. AVX-512 only, as its callers (vscalefps has no narrower form): skipped, not
/// passed, on the other paths.
/// </summary>
public class FloatExpTests
{
    private const string NeedsAvx512 = "FloatExp needs AVX-512 (vscalefps), as its callers";

    [SkippableFact]
    public void Exp_IsWithinTwoUlps_OverTheWholeRange()
    {
        Skip.IfNot(Avx512F.IsSupported, NeedsAvx512);
        // Every 1/4096 from -103 to 88.7 (785,000 points) and the neighbourhood of 0, where r is tiny.
        var inputs = new List<float>();
        for (double x = -103; x < 88.7; x += 1.0 / 4096) inputs.Add((float)x);
        for (int i = -2000; i <= 2000; i++) inputs.Add(i * 1e-6f);
        float[] all = inputs.ToArray();
        int worst = 0;
        float worstAt = 0;
        for (int i = 0; i + 16 <= all.Length; i += 16)
        {
            Vector512<float> x = Vector512.Create<float>(all.AsSpan(i, 16));
            Vector512<float> e = FloatExp.Exp(x);
            for (int lane = 0; lane < 16; lane++)
            {
                float expected = (float)Math.Exp(x[lane]);
                int ulps = Math.Abs(BitConverter.SingleToInt32Bits(e[lane]) - BitConverter.SingleToInt32Bits(expected));
                if (ulps > worst) (worst, worstAt) = (ulps, x[lane]);
            }
        }
        Assert.True(worst <= 2, $"e^{worstAt} is {worst} ulps from the correctly rounded value.");
    }

    [SkippableFact]
    public void Exp_Ends_ZeroInfinityAndNaN()
    {
        Skip.IfNot(Avx512F.IsSupported, NeedsAvx512);
        Vector512<float> x = Vector512.Create(
            float.NegativeInfinity, -1e30f, -104f, -110f, 0f, -0f, 1f, 88.7f,
            89.5f, 1e30f, float.PositiveInfinity, float.NaN, -87.3f, 10f, -10f, 0.5f);
        Vector512<float> e = FloatExp.Exp(x);
        Assert.Equal(0f, e[0]);
        Assert.Equal(0f, e[1]);
        Assert.Equal(0f, e[2]);
        Assert.Equal(0f, e[3]);
        Assert.Equal(1f, e[4]);
        Assert.Equal(1f, e[5]);
        Assert.Equal(MathF.E, e[6], 1e-6f);
        Assert.True(float.IsFinite(e[7]), "e^88.7 is below float.MaxValue");
        Assert.Equal(float.PositiveInfinity, e[8]);
        Assert.Equal(float.PositiveInfinity, e[9]);
        Assert.Equal(float.PositiveInfinity, e[10]);
        Assert.True(float.IsNaN(e[11]), "NaN stays NaN");
        Assert.Equal((float)Math.Exp(-87.3f), e[12], (float)Math.Exp(-87.3f) * 1e-6f);   // the smallest normal floats
    }
}
