using FastDense.Kernels;

namespace FastDense.Tests.Operators;

/// <summary>Each activation operator against its formula written as a scalar loop, for lengths 0 to 257.</summary>
public class ActivationOperatorTests
{
    /// <summary>TensorPrimitives' float exp/tanh are accurate to a few ulps; 1e-6 absolute on outputs in [-1, 1].</summary>
    private const float FloatTolerance = 1e-6f;

    public static TheoryData<int> Lengths => new() { 0, 1, 3, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 257 };

    private static float[] RandomValues(int length, int seed, float scale = 4f)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale).ToArray();
    }

    [Theory, MemberData(nameof(Lengths))]
    public void Relu_MatchesFormula(int length)
    {
        float[] z = RandomValues(length, length), a = new float[length], up = RandomValues(length, length + 1), d = new float[length];
        ReluOperator.Forward<float>(z, a);
        ReluOperator.Backward<float>(a, up, d);
        for (int i = 0; i < length; i++)
        {
            Assert.Equal(Math.Max(z[i], 0f), a[i]);
            Assert.Equal(z[i] > 0 ? up[i] : 0f, d[i]);
        }
    }

    [Theory, MemberData(nameof(Lengths))]
    public void Relu_InPlace_Double_MatchesFormula(int length)
    {
        // The generated code calls both in place (a0 = relu(a0); d0 = d0 ⊙ relu'(a0)); double runs 8 lanes.
        double[] z = RandomValues(length, length).Select(v => (double)v).ToArray(), a = (double[])z.Clone();
        double[] up = RandomValues(length, length + 1).Select(v => (double)v).ToArray(), d = (double[])up.Clone();
        ReluOperator.Forward<double>(a, a);
        ReluOperator.Backward<double>(a, d, d);
        for (int i = 0; i < length; i++)
        {
            Assert.Equal(Math.Max(z[i], 0), a[i]);
            Assert.Equal(z[i] > 0 ? up[i] : 0, d[i]);
        }
    }

    [Fact]
    public void Relu_NaN_PassesThroughForward_AndHasNoGradient()
    {
        float[] z = Enumerable.Repeat(1f, 40).ToArray();
        z[3] = float.NaN;   // in the vector part
        z[37] = float.NaN;  // in the scalar tail
        var a = new float[40];
        ReluOperator.Forward<float>(z, a);
        Assert.True(float.IsNaN(a[3]) && float.IsNaN(a[37]));
        var d = new float[40];
        ReluOperator.Backward<float>(a, Enumerable.Repeat(2f, 40).ToArray(), d);
        Assert.Equal(0f, d[3]);
        Assert.Equal(0f, d[37]);
        Assert.Equal(2f, d[4]);
    }

    [Fact]
    public void Relu_DestinationTooShort_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => ReluOperator.Forward<float>(new float[17], new float[16]));
        Assert.Equal("destination", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => ReluOperator.Backward<float>(new float[17], new float[17], new float[3]));
        Assert.Equal("destination", error.ParamName);
    }

    [Theory, MemberData(nameof(Lengths))]
    public void Sigmoid_MatchesFormula(int length)
    {
        float[] z = RandomValues(length, length), a = new float[length], up = RandomValues(length, length + 1), d = new float[length];
        SigmoidOperator.Forward<float>(z, a);
        SigmoidOperator.Backward<float>(a, up, d);
        for (int i = 0; i < length; i++)
        {
            double s = 1 / (1 + Math.Exp(-z[i]));
            Assert.Equal(s, a[i], FloatTolerance);
            Assert.Equal(up[i] * a[i] * (1 - a[i]), d[i], FloatTolerance);
        }
    }

    [Theory, MemberData(nameof(Lengths))]
    public void Tanh_MatchesFormula(int length)
    {
        float[] z = RandomValues(length, length), a = new float[length], up = RandomValues(length, length + 1), d = new float[length];
        TanhOperator.Forward<float>(z, a);
        TanhOperator.Backward<float>(a, up, d);
        for (int i = 0; i < length; i++)
        {
            Assert.Equal(Math.Tanh(z[i]), a[i], FloatTolerance);
            Assert.Equal(up[i] * (1 - a[i] * a[i]), d[i], FloatTolerance);
        }
    }

    [Theory, MemberData(nameof(Lengths))]
    public void Backward_InPlace_MatchesOutOfPlace(int length)
    {
        float[] a = RandomValues(length, length), up = RandomValues(length, length + 1), expected = new float[length];
        TanhOperator.Backward<float>(a, up, expected);
        TanhOperator.Backward<float>(a, up, up); // destination aliases upstream, as generated code calls it
        Assert.Equal(expected, up);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 10)]
    [InlineData(32, 10)]
    [InlineData(5, 17)]
    [InlineData(7, 2)]
    [InlineData(9, 15)]
    [InlineData(4, 16)]
    [InlineData(33, 3)]
    public void LogSoftmaxRows_MatchesFormula_AndIsStableForLargeLogits(int rows, int columns)
    {
        // keras/src/activations/activations.py log_softmax: z − log Σ e^z over the last axis.
        double[] z = RandomValues(rows * columns, rows + 100, scale: 50f).Select(v => (double)v).ToArray(), a = new double[z.Length];
        z[0] = 1000;   // e^1000 overflows unless the row maximum is subtracted
        LogSoftmaxOperator.ForwardRows<double>(z, a, columns);
        for (int r = 0; r < rows; r++)
        {
            double max = z.Skip(r * columns).Take(columns).Max();
            double logSum = max + Math.Log(z.Skip(r * columns).Take(columns).Sum(v => Math.Exp(v - max)));
            for (int c = 0; c < columns; c++) Assert.Equal(z[r * columns + c] - logSum, a[r * columns + c], 1e-12);
        }
        // The Jacobian-vector product against central differences of Σ g·f(z), row by row.
        var random = new Random(rows);
        double[] g = z.Select(_ => random.NextDouble() - 0.5).ToArray(), dz = new double[z.Length];
        double[] small = z.Select(v => v / 100).ToArray(), f = new double[z.Length];
        LogSoftmaxOperator.ForwardRows<double>(small, f, columns);
        LogSoftmaxOperator.BackwardRows<double>(f, g, dz, columns);
        for (int k = 0; k < Math.Min(z.Length, 40); k++)
        {
            double Objective(double shift)
            {
                double[] shifted = (double[])small.Clone(), output = new double[z.Length];
                shifted[k] += shift;
                LogSoftmaxOperator.ForwardRows<double>(shifted, output, columns);
                return output.Zip(g, (o, w) => o * w).Sum();
            }
            Assert.Equal((Objective(1e-6) - Objective(-1e-6)) / 2e-6, dz[k], 1e-7);
        }
    }

    [Theory]
    [InlineData(3, 10)]
    [InlineData(32, 10)]
    [InlineData(5, 17)]
    [InlineData(7, 2)]
    [InlineData(9, 15)]
    [InlineData(4, 16)]
    [InlineData(33, 3)]
    public void SoftmaxRows_MatchesFormula_AndIsStableForLargeLogits(int rows, int columns)
    {
        float[] z = RandomValues(rows * columns, rows, scale: 50f), a = new float[z.Length];
        z[0] = 1000f; // e^1000 overflows unless the row max is subtracted
        SoftmaxOperator.ForwardRows<float>(z, a, columns);
        for (int r = 0; r < rows; r++)
        {
            double max = z.Skip(r * columns).Take(columns).Max();
            double sum = z.Skip(r * columns).Take(columns).Sum(v => Math.Exp(v - max));
            for (int c = 0; c < columns; c++)
            {
                Assert.Equal(Math.Exp(z[r * columns + c] - max) / sum, a[r * columns + c], FloatTolerance);
            }
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(16)]
    [InlineData(17)]
    public void SoftmaxRows_InPlace_MatchesOutOfPlace_AndLeavesTheRestAlone(int columns)
    {
        // Generated code calls it in place; the rows of a block are written one register at a time, so a row's
        // store must not reach into the next row before that row is read, nor past the block.
        const int rows = 13;
        float[] z = RandomValues(rows * columns + 5, 3, scale: 8f);
        float[] expected = new float[z.Length];
        SoftmaxOperator.ForwardRows<float>(z.AsSpan(0, rows * columns), expected, columns);
        float[] inPlace = (float[])z.Clone();
        SoftmaxOperator.ForwardRows<float>(inPlace.AsSpan(0, rows * columns), inPlace.AsSpan(0, rows * columns), columns);
        Assert.Equal(expected.AsSpan(0, rows * columns).ToArray(), inPlace.AsSpan(0, rows * columns).ToArray());
        Assert.Equal(z.AsSpan(rows * columns).ToArray(), inPlace.AsSpan(rows * columns).ToArray());
    }
}
