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
