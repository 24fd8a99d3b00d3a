using FastDense.Tests.Models;

namespace FastDense.Tests.Description;

/// <summary>
/// Each layer's description carries the arguments its declaration fixed, by Keras's names: exporters (Keras config,
/// ONNX) build the layer from them, so a lost or renamed argument would export a different model.
/// </summary>
public class LayerArgumentsTests
{
    private static IReadOnlyList<KeyValuePair<string, double>> Arguments(ModelDescription model, string layer)
        => model.Layers.Single(l => l.Name == layer).Arguments;

    [Fact]
    public void BatchNormalization_ReportsMomentumEpsilonCenterAndScale_AsDeclared()
    {
        ModelDescription model = BatchNormNet64.Kernel.Description;
        Assert.Equal([new("momentum", 0.99), new("epsilon", 1e-3), new("center", 1), new("scale", 1)], Arguments(model, "batch_normalization_0"));
        Assert.Equal([new("momentum", 0.9), new("epsilon", 1e-3), new("center", 0), new("scale", 1)], Arguments(model, "batch_normalization_1"));
        Assert.Equal([new("momentum", 0.99), new("epsilon", 0.01), new("center", 1), new("scale", 0)], Arguments(model, "batch_normalization_2"));
    }

    [Fact]
    public void BatchNormalization_ReportsRenormAndSynchronized_AfterTheOthers_InKerasesOrder()
    {
        // Keras's signature ends with renorm, renorm_clipping, renorm_momentum, synchronized; a clipping key is reported
        // when it clips (rmax, dmax finite; rmin not 0), renorm_momentum whenever renorm is on, synchronized when set.
        ModelDescription model = RenormNet64.Kernel.Description;
        Assert.Equal([new("momentum", 0.99), new("epsilon", 1e-3), new("center", 1), new("scale", 1), new("renorm", 1), new("renorm_momentum", 0.9)],
            Arguments(model, "batch_normalization_0"));
        Assert.Equal([new("momentum", 0.99), new("epsilon", 1e-3), new("center", 0), new("scale", 1), new("renorm", 1),
            new("renorm_clipping.rmax", 3), new("renorm_clipping.rmin", 2.5), new("renorm_clipping.dmax", 0.05), new("renorm_momentum", 0.99)], Arguments(model, "batch_normalization_1"));
        Assert.Equal([new("momentum", 0.99), new("epsilon", 1e-3), new("center", 1), new("scale", 1), new("renorm", 1),
            new("renorm_clipping.rmax", 2), new("renorm_clipping.rmin", 0.5), new("renorm_clipping.dmax", 2), new("renorm_momentum", 0.99), new("synchronized", 1)],
            Arguments(RenormDigitsNet.Kernel.Description, "batch_normalization_0"));
        Assert.DoesNotContain(Arguments(BatchNormNet64.Kernel.Description, "batch_normalization_0"), a => a.Key.StartsWith("renorm", StringComparison.Ordinal) || a.Key == "synchronized");
    }

    [Fact]
    public void LayerNormalizationAndNoise_ReportTheirArguments()
    {
        ModelDescription model = LayerNormNet64.Kernel.Description;
        Assert.Equal([new("epsilon", 1e-3), new("center", 1), new("scale", 1)], Arguments(model, "layer_normalization_0"));
        Assert.Equal([new("epsilon", 0.01), new("center", 0), new("scale", 1)], Arguments(model, "layer_normalization_1"));
        Assert.Equal([new("stddev", 0.2)], Arguments(model, "gaussian_noise_0"));
        Assert.Equal([new("rate", 0.3)], Arguments(model, "gaussian_dropout_0"));
    }

    [Fact]
    public void DropoutAndNormalization_ReportTheirArguments_DenseHasNone()
    {
        Assert.Equal([new("rate", 0.4)], Arguments(DropoutMseNet64.Kernel.Description, "dropout_0"));
        Assert.Equal([new("rate", 0.5), new("seed", 3)], Arguments(DropoutNet64.Kernel.Description, "dropout_1"));
        ModelDescription normalized = NormalizationNet64.Kernel.Description;
        Assert.Equal([new("invert", 0)], Arguments(normalized, "normalization_0"));
        Assert.Equal([new("invert", 1)], Arguments(normalized, "normalization_1"));
        Assert.Empty(Arguments(normalized, "dense_0"));
    }

    [Fact]
    public void Argument_ReturnsTheValue_OrTheFallbackForAMissingName()
    {
        LayerDescription norm = BatchNormNet64.Kernel.Description.Layers[0];
        Assert.Equal(1e-3, norm.Argument("epsilon", double.NaN));
        Assert.Equal(-1, norm.Argument("no_such_argument", -1));
        Assert.Throws<ArgumentNullException>(() => norm.Argument(null!, 0));
    }
}
