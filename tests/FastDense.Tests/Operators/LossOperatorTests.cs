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

    /// <summary>delta of <paramref name="loss"/> on a linear output (or <paramref name="activation"/>'s).</summary>
    private static double[] Delta(Loss loss, double[] p, double[] y, LossArguments? arguments = null, Activation activation = Activation.Linear, int rows = Rows)
    {
        var delta = new double[p.Length];
        LossOperators.Backward(loss, arguments ?? LossArguments.Default, activation, p, p, y, delta, rows);
        return delta;
    }

    private static void AssertElementwise(Loss loss, Func<double, double, double> derivative, double[] p, double[] y, LossArguments? arguments = null, int digits = 14)
    {
        double[] delta = Delta(loss, p, y, arguments);
        for (int i = 0; i < p.Length; i++) Assert.Equal(derivative(p[i], y[i]) / (Rows * Columns), delta[i], digits);
    }

    [Fact]
    public void MeanAbsoluteError_IsSignOverEveryOutput()
        => AssertElementwise(Loss.MeanAbsoluteError, (p, y) => Math.Sign(p - y), Values(10, -1, 1), Values(11, -1, 1));

    [Fact]
    public void MeanAbsoluteError_AtZeroError_IsZero()
        // TensorFlow differentiates abs as sign, 0 at 0.
        => Assert.All(Delta(Loss.MeanAbsoluteError, Values(12, -1, 1), Values(12, -1, 1)), d => Assert.Equal(0, d));

    [Fact]
    public void MeanAbsolutePercentageError_DividesBySafeAbsoluteTarget()
    {
        double[] y = Values(13, -2, 2);
        y[0] = 0;   // max(|0|, 1e-7)
        AssertElementwise(Loss.MeanAbsolutePercentageError, (p, t) => 100 * Math.Sign(p - t) / Math.Max(Math.Abs(t), 1e-7), Values(14, -2, 2), y, digits: 6);
    }

    [Fact]
    public void MeanSquaredLogarithmicError_IsZeroBelowEpsilon()
    {
        double[] p = Values(15, -0.5, 2);
        AssertElementwise(Loss.MeanSquaredLogarithmicError,
            (q, t) => q >= 1e-7 ? 2 * (Math.Log(q + 1) - Math.Log(Math.Max(t, 1e-7) + 1)) / (q + 1) : 0, p, Values(16, 0, 2));
        Assert.Contains(p, q => q < 0);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.25)]
    public void Huber_IsTheErrorInsideDelta_AndDeltaTimesItsSignBeyond(double delta)
        => AssertElementwise(Loss.Huber, (p, y) => Math.Abs(p - y) <= delta ? p - y : delta * Math.Sign(p - y),
            Values(17, -2, 2), Values(18, -1, 1), new LossArguments { Delta = delta });

    [Fact]
    public void LogCosh_IsTanhOfTheError()
        => AssertElementwise(Loss.LogCosh, (p, y) => Math.Tanh(p - y), Values(19, -3, 3), Values(20, -1, 1));

    [Fact]
    public void Poisson_IsOneMinusYOverP()
        => AssertElementwise(Loss.Poisson, (p, y) => 1 - y / (p + 1e-7), Values(21, 0, 2), Values(22, 0, 3));

    [Fact]
    public void Hinge_IsMinusTheConvertedTargetInsideTheMargin()
    {
        double[] y = Values(23, 0, 1).Select(v => Math.Round(v)).ToArray();
        AssertElementwise(Loss.Hinge, (p, t) => { double s = t == 0 ? -1 : t; return 1 - s * p >= 0 ? -s : 0; }, Values(24, -2, 2), y);
    }

    [Fact]
    public void SquaredHinge_IsMinusTwiceTheTargetTimesTheMargin()
    {
        double[] y = Values(25, 0, 1).Select(v => v < 0.5 ? -1.0 : 1.0).ToArray();
        AssertElementwise(Loss.SquaredHinge, (p, t) => -2 * t * Math.Max(1 - t * p, 0), Values(26, -2, 2), y);
    }

    [Fact]
    public void KLDivergence_IsMinusYOverPPerRow()
    {
        double[] p = Values(27, 0, 1), y = Values(28, 0, 1), delta = Delta(Loss.KLDivergence, p, y);
        for (int i = 0; i < p.Length; i++) Assert.Equal(-Math.Max(y[i], 1e-7) / p[i] / Rows, delta[i], 12);
    }

    [Fact]
    public void CosineSimilarity_IsTheNormalizedProjection()
    {
        double[] p = Values(29, -1, 1), y = Values(30, -1, 1), delta = Delta(Loss.CosineSimilarity, p, y);
        for (int r = 0; r < Rows; r++)
        {
            double[] pr = p[(r * Columns)..((r + 1) * Columns)], yr = y[(r * Columns)..((r + 1) * Columns)];
            double normP = Math.Sqrt(pr.Sum(v => v * v)), normY = Math.Sqrt(yr.Sum(v => v * v));
            double cosine = pr.Zip(yr, (a, b) => a * b).Sum() / normP / normY;
            for (int c = 0; c < Columns; c++)
            {
                // d(-cos)/dp = -(ŷ - cos · p̂) / |p|
                Assert.Equal(-(yr[c] / normY - cosine * pr[c] / normP) / normP / Rows, delta[r * Columns + c], 13);
            }
        }
    }

    [Fact]
    public void CategoricalHinge_PushesTheTrueClassUpAndTheBestWrongOneDown()
    {
        double[] p = [0.3, 0.5, 0.2, 0.1, 2, 0, 0.4, 0.4, 0.1, 1, 0, 0], y = [0, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0];
        double[] expected =
        [
            1, -1, 0,              // margin 0.8 > 0: +1 at the best wrong class, -1 at the true one
            0, 0, 0,               // beyond the margin
            0.5, 0.5, -1,          // two wrong classes tie at the max: TensorFlow's reduce_max shares the gradient
            -1, 1.0 / 3, 1.0 / 3,  // margin exactly 0 (maximum passes it on); (1 - y)·p is 0 in all three columns, the true one too
        ];
        double[] delta = Delta(Loss.CategoricalHinge, p, y, rows: 4);
        for (int i = 0; i < p.Length; i++) Assert.Equal(expected[i] / 4, delta[i], 15);
    }

    [Theory]
    [InlineData(false, 0.0)]
    [InlineData(true, 0.0)]
    [InlineData(false, 0.2)]
    [InlineData(true, 0.2)]
    public void CrossEntropies_SmoothedAndFromLogits_ArePMinusTheSmoothedTargets(bool fromLogits, double smoothing)
    {
        var arguments = new LossArguments { FromLogits = fromLogits, LabelSmoothing = smoothing };
        double[] z = Values(33, -3, 3), y = Values(34, 0, 1).Select(v => Math.Round(v)).ToArray();
        double[] sigmoid = z.Select(v => 1 / (1 + Math.Exp(-v))).ToArray(), delta = new double[z.Length];
        LossOperators.Backward(Loss.BinaryCrossentropy, arguments, fromLogits ? Activation.Linear : Activation.Sigmoid, fromLogits ? z : sigmoid, z, y, delta, Rows);
        for (int i = 0; i < z.Length; i++) Assert.Equal((sigmoid[i] - (y[i] * (1 - smoothing) + smoothing / 2)) / (Rows * Columns), delta[i], 15);

        double[] oneHot = GradientChecks.GradientChecker.OneHotTargets(new Random(35), z.Length, Columns), softmax = SoftmaxRows(z);
        LossOperators.Backward(Loss.CategoricalCrossentropy, arguments, fromLogits ? Activation.Linear : Activation.Softmax, fromLogits ? z : softmax, z, oneHot, delta, Rows);
        for (int i = 0; i < z.Length; i++) Assert.Equal((softmax[i] - (oneHot[i] * (1 - smoothing) + smoothing / Columns)) / Rows, delta[i], 15);
    }

    [Theory]
    [InlineData(false, 0.25, 2.0, false, 0.0)]
    [InlineData(true, 0.4, 3.0, false, 0.1)]
    [InlineData(false, 0.25, 0.0, true, 0.0)]
    [InlineData(true, 0.7, 1.5, true, 0.3)]
    public void BinaryFocalCrossentropy_IsTheDerivativeOfTheFocalFactorTimesBce(bool balance, double alpha, double gamma, bool fromLogits, double smoothing)
    {
        var arguments = new LossArguments { ApplyClassBalancing = balance, Alpha = alpha, Gamma = gamma, FromLogits = fromLogits, LabelSmoothing = smoothing };
        double[] z = Values(36, -4, 4), y = Values(37, 0, 1).Select(v => Math.Round(v)).ToArray(), p = z.Select(v => 1 / (1 + Math.Exp(-v))).ToArray();
        double[] delta = new double[z.Length];
        LossOperators.Backward(Loss.BinaryFocalCrossentropy, arguments, fromLogits ? Activation.Linear : Activation.Sigmoid, fromLogits ? z : p, z, y, delta, Rows);
        for (int i = 0; i < z.Length; i++)
        {
            double t = y[i] * (1 - smoothing) + smoothing / 2, miss = t * (1 - p[i]) + (1 - t) * p[i];
            double bce = -(t * Math.Log(p[i]) + (1 - t) * Math.Log(1 - p[i])), w = balance ? t * alpha + (1 - t) * (1 - alpha) : 1;
            // d/dz [w (1 - p_t)^γ bce] = w [γ (1 - p_t)^(γ-1) (1 - 2t) p (1 - p) bce + (1 - p_t)^γ (p - t)]
            double expected = w * (gamma * Math.Pow(miss, gamma - 1) * (1 - 2 * t) * p[i] * (1 - p[i]) * bce + Math.Pow(miss, gamma) * (p[i] - t));
            Assert.Equal(expected / (Rows * Columns), delta[i], 14);
        }
    }

    [Theory]
    [InlineData(0.25, 2.0, false, 0.0)]
    [InlineData(1.0, 0.0, false, 0.1)]
    [InlineData(0.6, 1.5, true, 0.2)]
    public void CategoricalFocalCrossentropy_IsItsGradientThroughTheSoftmaxJacobian(double alpha, double gamma, bool fromLogits, double smoothing)
    {
        var arguments = new LossArguments { Alpha = alpha, Gamma = gamma, FromLogits = fromLogits, LabelSmoothing = smoothing };
        double[] z = Values(38, -2, 2), p = SoftmaxRows(z), y = GradientChecks.GradientChecker.OneHotTargets(new Random(39), z.Length, Columns);
        double[] delta = new double[z.Length];
        LossOperators.Backward(Loss.CategoricalFocalCrossentropy, arguments, fromLogits ? Activation.Linear : Activation.Softmax, fromLogits ? z : p, z, y, delta, Rows);
        for (int r = 0; r < Rows; r++)
        {
            for (int k = 0; k < Columns; k++)
            {
                // Σ_i dL/dp_i · ∂p_i/∂z_k with dL/dp_i = -α t [(1 - p)^γ / p - γ (1 - p)^(γ-1) log p] (the rows sum to 1, nothing clipped).
                double expected = 0;
                for (int i = 0; i < Columns; i++)
                {
                    double q = p[r * Columns + i], t = y[r * Columns + i] * (1 - smoothing) + smoothing / Columns;
                    double g = -alpha * t * (Math.Pow(1 - q, gamma) / q - gamma * Math.Pow(1 - q, gamma - 1) * Math.Log(q));
                    expected += g * q * ((i == k ? 1 : 0) - p[r * Columns + k]);
                }
                Assert.Equal(expected / Rows, delta[r * Columns + k], 13);
            }
        }
    }

    [Fact]
    public void ElementwiseLosses_GoThroughTheOutputsDerivative()
    {
        // Huber on tanh: the written-out derivative times 1 - a².
        double[] a = Values(31, -0.9, 0.9), y = Values(32, -1, 1);
        double[] delta = Delta(Loss.Huber, a, y, activation: Activation.Tanh);
        for (int i = 0; i < a.Length; i++)
        {
            double e = a[i] - y[i];
            Assert.Equal((Math.Abs(e) <= 1 ? e : Math.Sign(e)) / (Rows * Columns) * (1 - a[i] * a[i]), delta[i], 14);
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
        // A linear output only from logits, which the default operator is not.
        Assert.Throws<NotSupportedException>(() => __Internals.Losses.Backward<double, __Internals.CategoricalCrossentropyLoss, __Internals.LinearActivation>(p, p, delta, Rows, default, default));
        Assert.Throws<NotSupportedException>(() => __Internals.Losses.Backward<double, __Internals.BinaryFocalCrossentropyLoss, __Internals.TanhActivation>(p, p, p, delta, Rows, default, default));
        Assert.Throws<NotSupportedException>(() => __Internals.Losses.Backward<double, __Internals.CategoricalCrossentropyLoss, __Internals.SigmoidActivation>(p, p, delta, Rows, default, default));
        Assert.Throws<NotSupportedException>(() => __Internals.Losses.Backward<double, __Internals.BinaryCrossentropyLoss, __Internals.SoftmaxActivation>(p, p, delta, Rows, default, default));
    }
}
