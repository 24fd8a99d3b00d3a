using FastDense.Data;
using FastDense.Layers;
using FastDense.Tests.Models;

namespace FastDense.Tests.Layers;

/// <summary>
/// Normalization as Keras defines it (keras/src/layers/preprocessing/normalization.py): <c>call</c> computes
/// <c>(x − mean) / maximum(sqrt(variance), epsilon())</c> (inverted: <c>mean + x · maximum(…)</c>) with epsilon 1e-7;
/// <c>adapt</c> on an array sets <c>ops.mean</c> and <c>ops.var</c> (the population variance) over the reduced axes;
/// until then the mean is 0 and the variance 1 (its weights' initializers).
/// </summary>
public class NormalizationTests
{
    [Fact]
    public void Adapt_SetsThePerFeatureMeanAndPopulationVariance()
    {
        // Keras's docstring example: adapt on [[0,7,4],[2,9,6],[0,7,4],[2,9,6]] -> mean [1, 8, 5], variance [1, 1, 1];
        // then [[0, 7, 4]] normalizes to [-1, -1, -1].
        var model = new NormalizedRegressionNet();
        float[] data = new float[4 * 10];
        float[][] rows = [[0, 7, 4], [2, 9, 6], [0, 7, 4], [2, 9, 6]];
        for (int r = 0; r < 4; r++) for (int c = 0; c < 10; c++) data[r * 10 + c] = c < 3 ? rows[r][c] : r * c;
        model.Adapt(data);
        TensorDescription mean = model.Description.Layers[0].Tensor("mean"), variance = model.Description.Layers[0].Tensor("variance");
        Assert.False(mean.Trainable);
        Assert.Equal([1f, 8f, 5f], model.State.Slice(mean.Offset, 3).ToArray());
        Assert.Equal([1f, 1f, 1f], model.State.Slice(variance.Offset, 3).ToArray());
        // Column c >= 3 holds r·c for r = 0..3: mean 1.5c, population variance 1.25c².
        for (int c = 3; c < 10; c++)
        {
            Assert.Equal(1.5f * c, model.State[mean.Offset + c], 5);
            Assert.Equal(1.25f * c * c, model.State[variance.Offset + c], 4);
        }
    }

    [Fact]
    public void Forward_IsKerasFormula_WithItsEpsilon_AndInverts()
    {
        double[] x = [0, 7, 4, 1, 2, -3];
        double[] mean = [1, 8, 5], variance = [1, 4, 0];   // a zero variance divides by epsilon
        var output = new double[6];
        NormalizationMath.Forward<double>(x, output, mean, variance, 2, 3, invert: false);
        double[] expected = [(0 - 1) / 1.0, (7 - 8) / 2.0, (4 - 5) / 1e-7, (1 - 1) / 1.0, (2 - 8) / 2.0, (-3 - 5) / 1e-7];
        for (int i = 0; i < 6; i++) Assert.Equal(expected[i], output[i], 9);

        var inverted = new double[6];
        NormalizationMath.Forward<double>(x, inverted, [0.5], [4], 2, 3, invert: true);
        for (int i = 0; i < 6; i++) Assert.Equal(0.5 + x[i] * 2, inverted[i], 12);
    }

    [Fact]
    public void Unadapted_PassesTheInputThrough_AsKeras()
    {
        var model = new NormalizedRegressionNet(seed: 3);
        var twin = new RegressionNetNoNormalization(seed: 3);
        model.Parameters.CopyTo(twin.Parameters);
        float[] x = Enumerable.Range(0, 5 * 10).Select(i => (float)Math.Sin(i)).ToArray();
        Assert.Equal(twin.Predict(x), model.Predict(x));
    }

    [Fact]
    public void Adapt_RefusesBadData_AndTheWrongLayer()
    {
        var model = new NormalizedRegressionNet();
        Assert.Equal("data", Assert.Throws<ArgumentException>(() => model.Adapt(new float[15])).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentException>(() => model.Adapt([float.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0])).ParamName);
        Assert.Contains("has no layer named 'normalization_9'", Assert.Throws<ArgumentException>(() => model.Adapt(new float[10], "normalization_9")).Message);
        Assert.Contains("is a Dense layer, not a Normalization layer", Assert.Throws<ArgumentException>(() => model.Adapt(new float[10], "dense_0")).Message);
        Assert.Contains("has no Normalization layer", Assert.Throws<ArgumentException>(() => new RegressionNet().Adapt(new float[10])).Message);
        var several = new NormalizationNet64();
        Assert.Contains("has 3 Normalization layers (normalization_0, normalization_1, normalization_2): name the one to adapt", Assert.Throws<ArgumentException>(() => several.Adapt(new double[3])).Message);
        several.Adapt(new double[] { 1, 2, 3, 3, 2, 1 }, "normalization_0");
        Assert.Equal([2.0, 2.0, 2.0], several.State.Slice(0, 3).ToArray());
    }

    [Fact]
    public void StateTensors_AreSavedWithTheWeights_AndSummarizedAsNonTrainable()
    {
        Dataset diabetes = Datasets.LoadDiabetes();
        var model = new NormalizedRegressionNet();
        model.Adapt(diabetes.Features);
        using var file = new MemoryStream();
        model.SaveWeights(file);
        var copy = new NormalizedRegressionNet(seed: 9);
        file.Position = 0;
        copy.LoadWeights(file);
        Assert.Equal(model.State.ToArray(), copy.State.ToArray());
        Assert.Equal(model.Parameters.ToArray(), copy.Parameters.ToArray());
        Assert.Contains("Non-trainable params: 20", model.Summary());
        Assert.Contains("normalization_0 (Normalization)", model.Summary());
    }

    [Fact]
    public void Diabetes_TrainsToKerasLevels_WithNormalization()
    {
        // The parity issue's regression: Normalization.adapt -> Dense(64, relu) -> Dense(64, relu) -> Dense(1), MSE.
        Dataset diabetes = Datasets.LoadDiabetes();
        float[] y = diabetes.Targets;
        var (xTrain, xTest, yTrain, yTest) = TrainTestSplit.Split(diabetes.Features, y, diabetes.Rows, testSize: 0.2, seed: 42);
        var model = new NormalizedRegressionNet();
        model.Adapt(xTrain);
        model.Fit(xTrain, yTrain, new FitOptions { Epochs = 100, BatchSize = 32, Verbose = 0, Metrics = [new MeanAbsoluteError("mae")] });
        double mae = model.Evaluate(xTest, yTest, metrics: [new MeanAbsoluteError("mae")])["mae"];
        Assert.True(mae < 50, $"test mae {mae:F1}");
    }
}
