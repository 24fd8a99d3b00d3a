using FastDense.Metrics;

#pragma warning disable CS0618 // the loss structs live in __Internals, [Obsolete] for users only.
namespace FastDense.Tests.Metrics;

/// <summary>
/// Loss and metric values against hand-computed numbers (natural logs). The cross-entropies take logits, as Keras's
/// TensorFlow backend computes them (keras/src/backend/tensorflow/nn.py: categorical_crossentropy and
/// binary_crossentropy use the softmax/sigmoid output's <c>_keras_logits</c>, attached in
/// keras/src/activations/activations.py, and call tf.nn.softmax_cross_entropy_with_logits /
/// sigmoid_cross_entropy_with_logits).
/// </summary>
public class LossValueTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void CategoricalCrossentropy_IsMinusLogOfTrueClassProbability()
        => Assert.Equal(-Math.Log(0.7), __Internals.CategoricalCrossentropyLoss.RowValue<double>([Math.Log(0.7), Math.Log(0.2), Math.Log(0.1)], [1, 0, 0]), Tolerance);

    [Fact]
    public void CategoricalCrossentropy_DoesNotDependOnAShiftOfTheLogits()
        => Assert.Equal(-Math.Log(0.7), __Internals.CategoricalCrossentropyLoss.RowValue<double>([Math.Log(0.7) + 50, Math.Log(0.2) + 50, Math.Log(0.1) + 50], [1, 0, 0]), Tolerance);

    [Theory]
    [InlineData(100)]
    [InlineData(1000)]
    public void CategoricalCrossentropy_TrueClassFarBelowTheMax_ReportsTheGap_NotAClippedValue(double gap)
    {
        // log(e^gap + 2) - 0 = gap + log(1 + 2e^-gap) ≈ gap. Keras's clipped-probability form would say -ln 1e-7 = 16.12.
        Assert.Equal(gap, __Internals.CategoricalCrossentropyLoss.RowValue<double>([0, gap, 0], [1, 0, 0]), 1e-9);
        Assert.Equal(gap, __Internals.CategoricalCrossentropyLoss.RowValue<float>([0, (float)gap, 0], [1, 0, 0]), 1e-9);
    }

    [Fact]
    public void BinaryCrossentropy_IsMeanOverOutputs()
        // logits of 0.8 and 0.3: (-ln 0.8 - ln(1 - 0.3)) / 2 = (0.223143551 + 0.356674944) / 2
        => Assert.Equal(0.289909247, __Internals.BinaryCrossentropyLoss.RowValue<double>([Math.Log(0.8 / 0.2), Math.Log(0.3 / 0.7)], [1, 0]), 1e-9);

    [Theory]
    [InlineData(-100, 1, 100)]
    [InlineData(100, 0, 100)]
    [InlineData(-800, 1, 800)]
    [InlineData(800, 1, 0)]
    public void BinaryCrossentropy_FarInTheTails_IsTheLogitsDistance(double logit, double target, double expected)
        // -log σ(-100) = 100 + log(1 + e^-100): the softplus form, exact where σ(z) rounds to 0 or 1.
        => Assert.Equal(expected, __Internals.BinaryCrossentropyLoss.RowValue<double>([logit], [target]), 1e-9);

    [Fact]
    public void MeanSquaredError_IsMeanOverOutputs()
        => Assert.Equal(2.5, __Internals.MeanSquaredErrorLoss.RowValue<double>([1, 2], [0, 4]), Tolerance); // (1 + 4) / 2

    // The losses below: keras/src/losses/losses.py, each row's value as its function computes it (mean over the last
    // axis, or a sum where Keras sums), recomputed here from Keras's formula; the batch value is their mean.

    private static double Mean(Loss loss, double[] p, double[] y, int columns, LossArguments? arguments = null)
        => Losses.LossFunction.For(loss, arguments ?? LossArguments.Default).Sum<double>(p, y, p.Length / columns, columns) / (p.Length / columns);

    [Fact]
    public void MeanAbsoluteError_KerasDocstringExample()
        // MeanAbsoluteError()([1.0, 0.3, 1.0], [1.9, 0.3, 1.8]) = 0.5666667
        => Assert.Equal((0.9 + 0 + 0.8) / 3, Mean(Loss.MeanAbsoluteError, [1.9, 0.3, 1.8], [1.0, 0.3, 1.0], 3), Tolerance);

    [Fact]
    public void MeanAbsolutePercentageError_KerasDocstringExample()
        // MeanAbsolutePercentageError()([100, 200, 300], [90, 210, 310]) = 6.111111
        => Assert.Equal(100 * (10.0 / 100 + 10.0 / 200 + 10.0 / 300) / 3, Mean(Loss.MeanAbsolutePercentageError, [90, 210, 310], [100, 200, 300], 3), Tolerance);

    [Fact]
    public void MeanAbsolutePercentageError_ZeroTarget_DividesByEpsilon()
    {
        // max(|0|, 1e-7): |0 - 0.5| / 1e-7 · 100, and a negative target's |y|.
        Assert.Equal(100 * (0.5 / 1e-7 + 1.0 / 2) / 2, Mean(Loss.MeanAbsolutePercentageError, [0.5, -1], [0, -2], 2), 1e-3);
        // In float, Keras's epsilon is float's 1e-7 (converted to y_pred's dtype).
        double floatEpsilon = (float)1e-7;
        Assert.Equal(100 * 0.5 / floatEpsilon, Losses.LossFunction.For(Loss.MeanAbsolutePercentageError).Sum<float>([0.5f], [0f], 1, 1), 1e-3);
    }

    [Fact]
    public void MeanSquaredLogarithmicError_IsMeanOfSquaredLogDifferences()
    {
        double expected = (Math.Pow(Math.Log(3.0 + 1) - Math.Log(1.0 + 1), 2) + Math.Pow(Math.Log(0.5 + 1) - Math.Log(2.0 + 1), 2)) / 2;
        Assert.Equal(expected, Mean(Loss.MeanSquaredLogarithmicError, [3, 0.5], [1, 2], 2), Tolerance);
    }

    [Fact]
    public void MeanSquaredLogarithmicError_ZerosAndNegativePredictions_AreClippedToEpsilon()
    {
        // max(p, 1e-7): 0 and -3 both count as 1e-7; a 0 target too.
        double expected = (Math.Pow(Math.Log(1e-7 + 1) - Math.Log(1e-7 + 1), 2) + Math.Pow(Math.Log(1e-7 + 1) - Math.Log(4 + 1), 2)) / 2;
        Assert.Equal(expected, Mean(Loss.MeanSquaredLogarithmicError, [0, -3], [0, 4], 2), Tolerance);
    }

    [Fact]
    public void Huber_KerasDocstringExample()
        // huber([[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]]) = 0.155 (every error within delta = 1: e²/2)
        => Assert.Equal(((0.18 + 0.18) / 2 + (0.08 + 0.18) / 2) / 2, Mean(Loss.Huber, [0.6, 0.4, 0.4, 0.6], [0, 1, 0, 0], 2), Tolerance);

    [Fact]
    public void Huber_BothBranches_AndTheDelta()
    {
        // delta 1: |e| = 0.5 -> 0.125; |e| = 3 -> 1·3 - 0.5 = 2.5; |e| = 1 exactly is the quadratic branch (<=): 0.5.
        Assert.Equal((0.125 + 2.5 + 0.5) / 3, Mean(Loss.Huber, [0.5, -3, 2], [0, 0, 1], 3), Tolerance);
        // delta 2: |e| = 3 -> 2·3 - 2 = 4; |e| = 0.5 -> 0.125.
        Assert.Equal((0.125 + 4) / 2, Mean(Loss.Huber, [0.5, -3], [0, 0], 2, new LossArguments { Delta = 2 }), Tolerance);
    }

    [Fact]
    public void LogCosh_KerasDocstringExample()
        // log_cosh([[0, 1], [0, 0]], [[1, 1], [0, 0]]) = 0.108
        => Assert.Equal((Math.Log(Math.Cosh(1)) / 2 + 0) / 2, Mean(Loss.LogCosh, [1, 1, 0, 0], [0, 1, 0, 0], 2), Tolerance);

    [Fact]
    public void LogCosh_LargeErrors_DoNotOverflow()
        // log(cosh(x)) = |x| - log 2 + log(1 + e^-2|x|): cosh(1000) overflows a double, Keras's form does not.
        => Assert.Equal(1000 - Math.Log(2), Mean(Loss.LogCosh, [1000, -1000], [0, 0], 2), 1e-9);

    [Fact]
    public void Poisson_IsMeanOfPMinusYLogP()
    {
        double expected = ((2 - 3 * Math.Log(2 + 1e-7)) + (0.5 - 0 * Math.Log(0.5 + 1e-7))) / 2;
        Assert.Equal(expected, Mean(Loss.Poisson, [2, 0.5], [3, 0], 2), Tolerance);
        // A zero prediction takes log(1e-7).
        Assert.Equal(0 - 1 * Math.Log(1e-7), Mean(Loss.Poisson, [0], [1], 1), Tolerance);
    }

    [Fact]
    public void KLDivergence_SumsOverTheRow_WithBothClippedToEpsilonAndOne()
    {
        // Σ y log(y / p): a 0 target counts as 1e-7, a 0 prediction too.
        double expected = 0.7 * Math.Log(0.7 / 0.5) + 0.3 * Math.Log(0.3 / 0.5);
        Assert.Equal(expected, Mean(Loss.KLDivergence, [0.5, 0.5], [0.7, 0.3], 2), Tolerance);
        double clipped = 1e-7 * Math.Log(1e-7 / 0.9) + 1 * Math.Log(1 / 1e-7);
        Assert.Equal(clipped, Mean(Loss.KLDivergence, [0.9, 0], [0, 1], 2), Tolerance);
    }

    [Fact]
    public void CosineSimilarity_KerasDocstringExample()
    {
        // cosine_similarity([[0, 1], [1, 1], [1, 1]], [[1, 0], [1, 1], [-1, -1]]) = [-0., -0.99999994, 0.99999994]
        Assert.Equal((0 - 1 + 1) / 3.0, Mean(Loss.CosineSimilarity, [1, 0, 1, 1, -1, -1], [0, 1, 1, 1, 1, 1], 2), Tolerance);
        Assert.Equal(-1, Mean(Loss.CosineSimilarity, [2, 2], [1, 1], 2), Tolerance);
    }

    [Fact]
    public void CosineSimilarity_AZeroRow_ScoresZero()
        // normalize: x · rsqrt(max(Σx², 1e-14)), so a zero vector stays zero.
        => Assert.Equal(0, Mean(Loss.CosineSimilarity, [0, 0], [1, 1], 2), Tolerance);

    [Fact]
    public void Hinge_ConvertsZeroOneTargets_AsKerasDoes()
    {
        // 0/1 targets read as -1/1: max(1 - (-1)(0.3), 0) = 1.3, max(1 - 1·0.4, 0) = 0.6.
        Assert.Equal((1.3 + 0.6) / 2, Mean(Loss.Hinge, [0.3, 0.4], [0, 1], 2), Tolerance);
        // The same with -1/1 targets; beyond the margin it is 0.
        Assert.Equal((1.3 + 0) / 2, Mean(Loss.Hinge, [0.3, 2], [-1, 1], 2), Tolerance);
    }

    [Fact]
    public void SquaredHinge_SquaresTheMargin()
        => Assert.Equal((1.3 * 1.3 + 0.6 * 0.6) / 2, Mean(Loss.SquaredHinge, [0.3, 0.4], [0, 1], 2), Tolerance);

    [Fact]
    public void CategoricalHinge_IsTheMarginOfTheBestWrongClass()
    {
        // pos = 0.5, neg = max(0.3, 0.2) = 0.3: 0.3 - 0.5 + 1 = 0.8; a confident row: max(0.1 - 2 + 1, 0) = 0.
        Assert.Equal((0.8 + 0) / 2, Mean(Loss.CategoricalHinge, [0.3, 0.5, 0.2, 0.1, 2, 0], [0, 1, 0, 0, 1, 0], 3), Tolerance);
    }

    [Fact]
    public void Sum_AddsRowLosses()
        => Assert.Equal(2.5 + 0.5, LossValues.Sum<double>(Loss.MeanSquaredError, [1, 2, 0, 1], [0, 4, 1, 1], rows: 2, columns: 2), Tolerance);

    [Fact]
    public void CategoricalAccuracy_ComparesArgMax()
        => Assert.Equal(2, MetricValues.Sum<double>(Loss.CategoricalCrossentropy, [0.1, 0.9, 0.8, 0.2, 0.3, 0.7], [0, 1, 1, 0, 1, 0], rows: 3, columns: 2));

    [Fact]
    public void BinaryAccuracy_OneOutput_ThresholdsAtHalf()
        => Assert.Equal(2, MetricValues.Sum<double>(Loss.BinaryCrossentropy, [0.6, 0.4, 0.51], [1, 1, 1], rows: 3, columns: 1));

    [Fact]
    public void MeanAbsoluteError_ForMeanSquaredErrorModels()
    {
        Assert.Equal("mae", MetricValues.NameFor(Loss.MeanSquaredError));
        Assert.Equal(1.5 + 0.5, MetricValues.Sum<double>(Loss.MeanSquaredError, [1, 2, 0, 1], [0, 4, 1, 1], rows: 2, columns: 2), Tolerance);
    }
}
