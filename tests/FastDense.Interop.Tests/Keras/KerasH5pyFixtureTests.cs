using FastDense;

namespace FastDense.Interop.Tests.Keras;

/// <summary>
/// A weights file written by h5py the way Keras 3's H5IOStore writes one (Fixtures/README.md): it loads into the
/// equivalent FastDense model with every value in place, and refuses when truncated (its superblock is version 0,
/// h5py's default, unlike PureHDF's version 3).
/// </summary>
public sealed class KerasH5pyFixtureTests
{
    // The test project does not copy fixtures to its output; they are found beside this source file.
    private static readonly string FixturePath = Path.Combine(SourceFolder(), "..", "Fixtures", "keras_layers_h5py.weights.h5");

    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    /// <summary>make_keras_fixture.py's values(): variable v's element k.</summary>
    private static float Value(int variable, int k, bool positive)
    {
        double v = (k * 7 + variable * 13) % 101;
        return (float)(positive ? 0.5 + v / 100 : v / 50 - 1);
    }

    [Fact]
    public void H5pyWrittenFile_LoadsEveryValueIntoItsTensor()
    {
        var model = new KerasLayersNet(seed: 1);

        model.LoadKerasWeights(FixturePath);

        // The file numbers variables across layers in Keras's order, which is the order of the model's tensors.
        IReadOnlyList<TensorDescription> tensors = model.Description.Tensors;
        for (int v = 0; v < tensors.Count; v++)
        {
            TensorDescription tensor = tensors[v];
            Span<float> values = (tensor.Trainable ? model.Parameters : model.State).Slice(tensor.Offset, tensor.Length);
            bool positive = tensor.Name.EndsWith("variance", StringComparison.Ordinal);
            for (int k = 0; k < values.Length; k++) Assert.Equal(Value(v, k, positive), values[k]);
        }
    }

    [Fact]
    public void H5pyWrittenFile_Truncated_IsRefused()
    {
        byte[] bytes = File.ReadAllBytes(FixturePath);
        foreach (int length in new[] { bytes.Length - 1, bytes.Length - 200, bytes.Length / 2, 96 })
        {
            var model = new KerasLayersNet(seed: 1);
            byte[] before = TestValues.Bits(model);
            Assert.Throws<ModelFileException>(() => model.LoadKerasWeights(new MemoryStream(bytes[..length])));
            Assert.Equal(before, TestValues.Bits(model));
        }
    }
}
