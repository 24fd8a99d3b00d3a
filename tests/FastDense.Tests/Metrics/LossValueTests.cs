using FastDense.Tests.Models;
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

    /// <summary>Binary focal cross-entropy of one element written from Keras's formula, from the probability: w (1 - p_t)^γ bce.</summary>
    private static double BinaryFocal(double z, double y, double gamma, double alpha = 0.25, bool balance = false)
    {
        double p = 1 / (1 + Math.Exp(-z));
        double bce = -(y * Math.Log(p) + (1 - y) * Math.Log(1 - p));
        double pt = y * p + (1 - y) * (1 - p);
        return (balance ? y * alpha + (1 - y) * (1 - alpha) : 1) * Math.Pow(1 - pt, gamma) * bce;
    }

    [Theory]
    [InlineData(3, false, 0.647, double.NaN, double.NaN)]
    [InlineData(3, true, 0.482, double.NaN, double.NaN)]
    [InlineData(5, false, double.NaN, 0.0017, 1.1561)]
    [InlineData(5, true, double.NaN, 0.0004, 0.8670)]
    public void BinaryFocalCrossentropy_KerasDocstringExamples(double gamma, bool balance, double mean, double row0, double row1)
    {
        // BinaryFocalCrossentropy(gamma=…, from_logits=True[, apply_class_balancing=True]) on y_true [[0, 1], [0, 0]] and
        // logits [[-18.6, 0.51], [2.94, -12.8]]: gamma 3 gives 0.647 (balanced 0.482), gamma 5 per row [0.0017, 1.1561]
        // (balanced [0.0004, 0.8670]).
        double[] z = [-18.6, 0.51, 2.94, -12.8], y = [0, 1, 0, 0];
        var arguments = new LossArguments { Gamma = gamma, ApplyClassBalancing = balance, FromLogits = true };
        var loss = Losses.LossFunction.For(Loss.BinaryFocalCrossentropy, arguments);
        double first = loss.Sum<double>(z.AsSpan(0, 2), y.AsSpan(0, 2), 1, 2), second = loss.Sum<double>(z.AsSpan(2), y.AsSpan(2), 1, 2);
        Assert.Equal((BinaryFocal(z[0], y[0], gamma, 0.25, balance) + BinaryFocal(z[1], y[1], gamma, 0.25, balance)) / 2, first, 1e-12);
        Assert.Equal((BinaryFocal(z[2], y[2], gamma, 0.25, balance) + BinaryFocal(z[3], y[3], gamma, 0.25, balance)) / 2, second, 1e-12);
        // Keras prints 3 or 4 digits of float32 results.
        if (!double.IsNaN(mean)) Assert.Equal(mean, (first + second) / 2, 0.0005);
        if (!double.IsNaN(row0)) Assert.Equal(row0, first, 0.0001);
        if (!double.IsNaN(row1)) Assert.Equal(row1, second, 0.0001);
    }

    [Theory]
    [InlineData(false, 0.691)]
    [InlineData(true, 0.51)]
    public void BinaryFocalCrossentropy_KerasDocstringExample_OneRowOfFour(bool balance, double expected)
    {
        // BinaryFocalCrossentropy(gamma=2, from_logits=True[, apply_class_balancing=True]) on [0, 1, 0, 0], [-18.6, 0.51, 2.94, -12.8].
        double[] z = [-18.6, 0.51, 2.94, -12.8], y = [0, 1, 0, 0];
        double value = Mean(Loss.BinaryFocalCrossentropy, z, y, 4, new LossArguments { FromLogits = true, ApplyClassBalancing = balance });
        Assert.Equal(z.Select((v, i) => BinaryFocal(v, y[i], 2, 0.25, balance)).Average(), value, 1e-12);
        Assert.Equal(expected, value, 0.0005);
    }

    [Fact]
    public void BinaryFocalCrossentropy_OnASigmoidOutput_IsTheSameFromItsLogits()
        // Without from_logits Keras's TensorFlow backend takes the sigmoid's _keras_logits for the bce factor: the same value.
        => Assert.Equal((BinaryFocal(0.51, 1, 2) + BinaryFocal(2.94, 0, 2)) / 2, Mean(Loss.BinaryFocalCrossentropy, [0.51, 2.94], [1, 0], 2), 1e-12);

    [Fact]
    public void BinaryFocalCrossentropy_LargeLogits_StayExact()
    {
        // z = 100, y = 0: bce = 100, 1 - p_t = p = 1: the loss is 100 (the balanced one (1 - 0.25) · 100).
        Assert.Equal(100, Mean(Loss.BinaryFocalCrossentropy, [100], [0], 1), 1e-9);
        Assert.Equal(75, Mean(Loss.BinaryFocalCrossentropy, [100], [0], 1, new LossArguments { ApplyClassBalancing = true }), 1e-9);
        // z = 40, y = 1: 1 - p_t = σ(-40) and bce = log(1 + e^-40), both ~4e-18, where 1 - σ(40) rounds to 0 in double.
        double tail = 1 / (1 + Math.Exp(40));
        Assert.Equal(tail * tail * Math.Exp(-40), Mean(Loss.BinaryFocalCrossentropy, [40], [1], 1), 1e-66);   // log(1 + x) = x at 4e-18
        Assert.True(Mean(Loss.BinaryFocalCrossentropy, [40], [1], 1) > 0);
        // In float too.
        Assert.Equal(100, Losses.LossFunction.For(Loss.BinaryFocalCrossentropy).Sum<float>([100f], [0f], 1, 1), 1e-9);
    }

    [Fact]
    public void BinaryFocalCrossentropy_LabelSmoothing_SqueezesTheTargets()
        // y' = y (1 - 0.2) + 0.1
        => Assert.Equal(BinaryFocal(0.7, 0.9, 2), Mean(Loss.BinaryFocalCrossentropy, [0.7], [1], 1, new LossArguments { LabelSmoothing = 0.2 }), 1e-12);

    [Fact]
    public void CategoricalFocalCrossentropy_KerasDocstringExample()
    {
        // CategoricalFocalCrossentropy(reduction=None)([[0, 1, 0], [0, 0, 1]], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]])
        //   = [3.2058331e-05, 4.6627346e-01]: -alpha (1 - p)^gamma log p at the true class (the 0 clipped to 1e-7 counts for nothing).
        var loss = Losses.LossFunction.For(Loss.CategoricalFocalCrossentropy);
        Assert.Equal(-0.25 * 0.05 * 0.05 * Math.Log(0.95), loss.Sum<double>([0.05, 0.95, 0], [0, 1, 0], 1, 3), 1e-12);
        Assert.Equal(3.2058331e-05, loss.Sum<double>([0.05, 0.95, 0], [0, 1, 0], 1, 3), 1e-10);   // Keras's float32 digits
        Assert.Equal(4.6627346e-01, loss.Sum<double>([0.1, 0.8, 0.1], [0, 0, 1], 1, 3), 1e-7);
    }

    [Fact]
    public void CategoricalFocalCrossentropy_ClipsTheProbabilities_AndRenormalizes()
    {
        // p / Σp first (Σ = 2 here), then clip to [1e-7, 1 - 1e-7]: a true class at probability 0 costs -log(1e-7) (1 - 1e-7)^2 alpha.
        double expected = -0.25 * Math.Pow(1 - 1e-7, 2) * Math.Log(1e-7);
        Assert.Equal(expected, Mean(Loss.CategoricalFocalCrossentropy, [0, 2], [1, 0], 2), 1e-9);
        // A confident, right row clips at 1 - 1e-7: (1e-7)^2 · -log(1 - 1e-7) · alpha.
        Assert.Equal(-0.25 * 1e-14 * Math.Log(1 - 1e-7), Mean(Loss.CategoricalFocalCrossentropy, [0, 1], [0, 1], 2), 1e-27);
    }

    [Fact]
    public void CategoricalFocalCrossentropy_FromLogits_SmoothedTargets_Gamma()
    {
        double[] z = [2, -1, 0.5];
        double max = z.Max(), sum = z.Sum(v => Math.Exp(v - max));
        double[] p = z.Select(v => Math.Exp(v - max) / sum).ToArray(), y = [0, 1, 0];
        double expected = 0;
        for (int c = 0; c < 3; c++) expected += -0.6 * Math.Pow(1 - p[c], 1.5) * (y[c] * 0.7 + 0.1) * Math.Log(p[c]);
        Assert.Equal(expected, Mean(Loss.CategoricalFocalCrossentropy, z, y, 3, new LossArguments { FromLogits = true, Alpha = 0.6, Gamma = 1.5, LabelSmoothing = 0.3 }), 1e-12);
    }

    [Fact]
    public void CategoricalFocalCrossentropy_AlphaAsAList_WeighsEachClass()
    {
        // keras/src/losses/losses.py categorical_focal_crossentropy: alpha "can be a list of floats or a scalar"; the
        // term of class c is -alpha[c] (1 - q_c)^gamma y'_c log q_c.
        double[] alpha = [0.2, 1.5, 0.7];
        double[] z = [1.5, -0.5, 0.25];
        double max = z.Max(), sum = z.Sum(v => Math.Exp(v - max));
        double[] p = z.Select(v => Math.Exp(v - max) / sum).ToArray(), y = [0, 0, 1];
        double expected = 0;
        for (int c = 0; c < 3; c++) expected += -alpha[c] * Math.Pow(1 - p[c], 2.0) * (y[c] * 0.8 + 0.2 / 3) * Math.Log(p[c]);
        var arguments = new LossArguments { FromLogits = true, LabelSmoothing = 0.2, AlphaPerClass = alpha };
        Assert.Equal(expected, Mean(Loss.CategoricalFocalCrossentropy, z, y, 3, arguments), 1e-12);
        Assert.Equal("label_smoothing=0.2, from_logits=True, alpha=[0.2, 1.5, 0.7]", arguments.ToString());
        Assert.Equal(arguments, arguments with { AlphaPerClass = [0.2, 1.5, 0.7] });
        Assert.NotEqual(arguments, arguments with { AlphaPerClass = [0.2, 1.5, 0.8] });
        Assert.Equal(0.7, FocalPerClassNet64.Kernel.Description.LossArguments.AlphaPerClass![2]);
    }

    [Fact]
    public void CrossEntropies_LabelSmoothing_AsKerasWritesIt()
    {
        // categorical: y (1 - 0.3) + 0.3 / 3; binary: y (1 - 0.3) + 0.3 / 2 (keras/src/losses/losses.py).
        double[] z = [1, -2, 0.5];
        double max = z.Max(), logSumExp = max + Math.Log(z.Sum(v => Math.Exp(v - max)));
        double categorical = (0.7 + 0.1) * (logSumExp - z[0]) + 0.1 * (logSumExp - z[1]) + 0.1 * (logSumExp - z[2]);
        Assert.Equal(categorical, Mean(Loss.CategoricalCrossentropy, z, [1, 0, 0], 3, new LossArguments { LabelSmoothing = 0.3 }), 1e-12);
        double binary = 0;
        foreach ((double logit, double target) in new[] { (1.0, 0.85), (-2.0, 0.15), (0.5, 0.85) })
        {
            double p = 1 / (1 + Math.Exp(-logit));
            binary += -(target * Math.Log(p) + (1 - target) * Math.Log(1 - p));
        }
        Assert.Equal(binary / 3, Mean(Loss.BinaryCrossentropy, z, [1, 0, 1], 3, new LossArguments { LabelSmoothing = 0.3 }), 1e-12);
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
