using FastDense.Kernels;

#pragma warning disable CS0618 // the typed operators live in __Internals, [Obsolete] for users only.
namespace FastDense.Tests.Operators;

/// <summary>
/// The losses' typed operators, as generated code calls them (<c>Losses.Backward(output, y, delta, rows, loss,
/// activation)</c>), against the gradients written out: the batch mean's gradient with respect to the output layer's
/// pre-activation (keras/src/losses/losses.py for the values; the fused forms are the derivatives of those).
/// </summary>
public class LossOperatorTests
{
    private const int Rows = 5, Columns = 3;

    private static double[] Values(int seed, double low, double high)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, Rows * Columns).Select(_ => low + (high - low) * random.NextDouble()).ToArray();
    }

    [Fact]
    public void CategoricalCrossentropy_OnSoftmax_IsPMinusYOverRows()
    {
        double[] p = Values(1, 0, 1), y = Values(2, 0, 1), delta = new double[p.Length];
        __Internals.Losses.Backward<double, __Internals.CategoricalCrossentropyLoss, __Internals.SoftmaxActivation>(p, y, delta, Rows, default, default);
        for (int i = 0; i < p.Length; i++) Assert.Equal((p[i] - y[i]) * (1.0 / Rows), delta[i], 15);
    }

    [Fact]
    public void BinaryCrossentropy_OnSigmoid_IsPMinusYOverEveryOutput()
    {
        double[] p = Values(3, 0, 1), y = Values(4, 0, 1), delta = new double[p.Length];
        __Internals.Losses.Backward<double, __Internals.BinaryCrossentropyLoss, __Internals.SigmoidActivation>(p, y, delta, Rows, default, default);
        for (int i = 0; i < p.Length; i++) Assert.Equal((p[i] - y[i]) * (1.0 / (Rows * Columns)), delta[i], 15);
    }

    [Fact]
    public void MeanSquaredError_GoesThroughTheOutputsDerivative()
    {
        double[] a = Values(5, -0.9, 0.9), y = Values(6, -1, 1), delta = new double[a.Length];
        __Internals.Losses.Backward<double, __Internals.MeanSquaredErrorLoss, __Internals.TanhActivation>(a, y, delta, Rows, default, default);
        for (int i = 0; i < a.Length; i++) Assert.Equal(2 * (a[i] - y[i]) / (Rows * Columns) * (1 - a[i] * a[i]), delta[i], 14);
        __Internals.Losses.Backward<double, __Internals.MeanSquaredErrorLoss, __Internals.LinearActivation>(a, y, delta, Rows, default, default);
        for (int i = 0; i < a.Length; i++) Assert.Equal(2 * (a[i] - y[i]) / (Rows * Columns), delta[i], 15);
    }

    [Fact]
    public void MeanSquaredError_OnSoftmax_GoesThroughTheJacobian()
    {
        // dL/dz_k = Σ_i dL/da_i · a_i (δ_ik − a_k), written out as the full product with the Jacobian.
        double[] a = SoftmaxRows(Values(8, -2, 2)), y = Values(9, 0, 1), delta = new double[a.Length];
        __Internals.Losses.Backward<double, __Internals.MeanSquaredErrorLoss, __Internals.SoftmaxActivation>(a, y, delta, Rows, default, default);
        for (int r = 0; r < Rows; r++)
        {
            for (int k = 0; k < Columns; k++)
            {
                double expected = 0;
                for (int i = 0; i < Columns; i++)
                {
                    double g = 2 * (a[r * Columns + i] - y[r * Columns + i]) / (Rows * Columns);
                    expected += g * a[r * Columns + i] * ((i == k ? 1 : 0) - a[r * Columns + k]);
                }
                Assert.Equal(expected, delta[r * Columns + k], 15);
            }
        }
    }

    /// <summary>softmax of each row of <paramref name="z"/>, in double.</summary>
    internal static double[] SoftmaxRows(double[] z, int columns = Columns)
    {
        var p = new double[z.Length];
        for (int r = 0; r < z.Length / columns; r++)
        {
            double max = z.Skip(r * columns).Take(columns).Max(), sum = 0;
            for (int c = 0; c < columns; c++) sum += p[r * columns + c] = Math.Exp(z[r * columns + c] - max);
            for (int c = 0; c < columns; c++) p[r * columns + c] /= sum;
        }
        return p;
    }

    [Fact]
    public void CrossEntropies_RefuseAnOutputTheyDoNotFuseWith()
    {
        double[] p = Values(7, 0, 1), delta = new double[p.Length];
        Assert.Throws<NotSupportedException>(() => __Internals.Losses.Backward<double, __Internals.CategoricalCrossentropyLoss, __Internals.SigmoidActivation>(p, p, delta, Rows, default, default));
        Assert.Throws<NotSupportedException>(() => __Internals.Losses.Backward<double, __Internals.BinaryCrossentropyLoss, __Internals.SoftmaxActivation>(p, p, delta, Rows, default, default));
    }
}
