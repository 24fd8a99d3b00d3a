using FastDense.Metrics;

namespace FastDense.Tests.Metrics;

/// <summary>Loss and metric values against hand-computed numbers (natural logs, Keras's formulas).</summary>
public class LossValueTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void CategoricalCrossentropy_IsMinusLogOfTrueClass()
        => Assert.Equal(0.356674943938732, LossValues.CategoricalCrossentropy<double>([0.7, 0.2, 0.1], [1, 0, 0]), Tolerance); // -ln 0.7

    [Fact]
    public void CategoricalCrossentropy_RenormalizesRows_AsKeras()
        => Assert.Equal(0.356674943938732, LossValues.CategoricalCrossentropy<double>([1.4, 0.4, 0.2], [1, 0, 0]), Tolerance); // 1.4/2.0 = 0.7

    [Fact]
    public void CategoricalCrossentropy_ZeroProbability_IsClippedToEpsilon()
        => Assert.Equal(16.1180956509583, LossValues.CategoricalCrossentropy<double>([0, 1, 0], [1, 0, 0]), 1e-6); // -ln 1e-7

    [Fact]
    public void BinaryCrossentropy_IsMeanOverOutputs()
        // (-ln 0.8 - ln(1 - 0.3)) / 2 = (0.223143551 + 0.356674944) / 2
        => Assert.Equal(0.289909247, LossValues.BinaryCrossentropy<double>([0.8, 0.3], [1, 0]), 1e-9);

    [Fact]
    public void MeanSquaredError_IsMeanOverOutputs()
        => Assert.Equal(2.5, LossValues.MeanSquaredError<double>([1, 2], [0, 4]), Tolerance); // (1 + 4) / 2

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
