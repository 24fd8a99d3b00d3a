using FastDense;
using FastDense.Data;

namespace FastDense.Interop.Tests.Keras;

/// <summary>
/// Save, reinitialize, load: the parameters and state come back bit for bit and Predict agrees, for every layer kind
/// (the layout is keras/src/saving/saving_lib.py's H5IOStore and _save_state, checked in KerasWeightsLayoutTests).
/// </summary>
public sealed class KerasWeightsRoundTripTests
{
    [Fact]
    public void DigitsModel_TrainedOnDigits_RoundTripsBitForBit_AndPredictsTheSame()
    {
        Dataset digits = Datasets.LoadDigits();
        var model = new KerasDigitsNet(seed: 1);
        float[] y = OneHot.Encode(digits.Labels(), 10);
        model.Fit(digits.Features, y, new FitOptions { Epochs = 2, BatchSize = 32, Seed = 3, Verbose = Verbosity.Silent });
        byte[] before = TestValues.Bits(model);
        float[] predicted = model.Predict(digits.Features);
        using var folder = new TempFolder();
        string path = folder.File("digits.weights.h5");

        model.SaveKerasWeights(path);
        model.Reinitialize(seed: 2);
        Assert.NotEqual(before, TestValues.Bits(model));
        model.LoadKerasWeights(path);

        Assert.Equal(before, TestValues.Bits(model));
        Assert.Equal(predicted, model.Predict(digits.Features));
    }

    [Fact]
    public void EveryLayerKind_RoundTripsParametersAndState()
    {
        var model = new KerasLayersNet(seed: 1);
        TestValues.Randomize(model, seed: 5);
        byte[] before = TestValues.Bits(model);
        float[] x = TestValues.Inputs<float>(9, 6, seed: 7);
        float[] predicted = model.Predict(x);
        using var folder = new TempFolder();
        string path = folder.File("layers.weights.h5");

        model.SaveKerasWeights(path);
        var loaded = new KerasLayersNet(seed: 9);
        loaded.LoadKerasWeights(path);

        Assert.Equal(before, TestValues.Bits(loaded));
        Assert.Equal(predicted, loaded.Predict(x));
    }

    [Fact]
    public void DoubleModel_WithScalarNormalization_AndNoGammaOrBeta_RoundTripsExactly()
    {
        var model = new KerasEdgeNet64(seed: 1);
        TestValues.Randomize(model, seed: 11);
        byte[] before = TestValues.Bits(model);
        using var stream = new MemoryStream();

        model.SaveKerasWeights(stream);
        stream.Position = 0;
        var loaded = new KerasEdgeNet64(seed: 2);
        loaded.LoadKerasWeights(stream);

        Assert.Equal(before, TestValues.Bits(loaded));
    }

    [Fact]
    public void FloatFile_LoadsIntoTheDoubleModel_Exactly()
    {
        var single = new KerasDigitsNet(seed: 4);
        using var stream = new MemoryStream();
        single.SaveKerasWeights(stream);
        stream.Position = 0;

        var twin = new KerasDigitsNet64(seed: 5);
        twin.LoadKerasWeights(stream);

        for (int i = 0; i < single.Parameters.Length; i++) Assert.Equal((double)single.Parameters[i], twin.Parameters[i]);
    }

    [Fact]
    public void DoubleFile_LoadsIntoTheFloatModel_RoundedToNearest()
    {
        var twin = new KerasDigitsNet64(seed: 4);
        TestValues.Randomize(twin, seed: 3);
        using var stream = new MemoryStream();
        twin.SaveKerasWeights(stream);
        stream.Position = 0;

        var single = new KerasDigitsNet(seed: 5);
        single.LoadKerasWeights(stream);

        for (int i = 0; i < single.Parameters.Length; i++) Assert.Equal((float)twin.Parameters[i], single.Parameters[i]);
    }

    [Fact]
    public void Save_RefusesNaN_AndWritesNothing()
    {
        var model = new KerasDigitsNet(seed: 1);
        model.Parameters[4100] = float.NaN;
        using var folder = new TempFolder();
        string path = folder.File("nan.weights.h5");

        var error = Assert.Throws<InvalidOperationException>(() => model.SaveKerasWeights(path));

        Assert.Contains("dense_0/bias", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }
}
