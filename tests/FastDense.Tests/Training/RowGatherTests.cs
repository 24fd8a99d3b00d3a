using FastDense.Training;

namespace FastDense.Tests.Training;

/// <summary>The interleaved row gather against a row-by-row copy: whole 64-byte pieces, tails, and batches that
/// are not a multiple of the eight rows copied in turn.</summary>
public class RowGatherTests
{
    [Theory]
    [InlineData(784, 128)]   // Fashion-MNIST: 49 whole pieces per row
    [InlineData(784, 13)]    // one group of eight, then five rows one by one
    [InlineData(10, 32)]     // labels: 40 bytes, no whole piece
    [InlineData(17, 19)]     // one piece and a 4-byte tail
    [InlineData(16, 8)]      // exactly one piece
    public void Copy_EqualsRowByRow(int width, int count)
    {
        const int sourceRows = 300;
        var random = new Random(width * 31 + count);
        float[] source = Enumerable.Range(0, sourceRows * width).Select(_ => (float)random.NextDouble()).ToArray();
        int[] indices = Enumerable.Range(0, count).Select(_ => random.Next(sourceRows)).ToArray();
        var destination = new float[count * width + 3];
        destination.AsSpan(count * width).Fill(-7f);

        RowGather.Copy<float>(source, width, indices, destination.AsSpan(0, count * width));

        for (int i = 0; i < count; i++)
        {
            Assert.Equal(source.AsSpan(indices[i] * width, width).ToArray(), destination.AsSpan(i * width, width).ToArray());
        }
        Assert.All(destination.AsSpan(count * width).ToArray(), v => Assert.Equal(-7f, v));
    }

    [Fact]
    public void Copy_Doubles()
    {
        double[] source = Enumerable.Range(0, 20 * 9).Select(i => (double)i).ToArray();
        int[] indices = [19, 0, 5, 5, 7, 3, 2, 1, 18, 4];
        var destination = new double[indices.Length * 9];
        RowGather.Copy<double>(source, 9, indices, destination);
        for (int i = 0; i < indices.Length; i++) Assert.Equal(indices[i] * 9.0, destination[i * 9]);
    }

    [Fact]
    public void Copy_RowOutsideTheSource_Throws()
    {
        var source = new float[10 * 16];
        int[] indices = [0, 1, 2, 3, 4, 5, 6, 10];
        Assert.Equal("indices", Assert.Throws<ArgumentOutOfRangeException>(() => RowGather.Copy<float>(source, 16, indices, new float[8 * 16])).ParamName);
    }

    [Fact]
    public void Copy_DestinationTooShort_Throws()
        => Assert.Equal("destination", Assert.Throws<ArgumentException>(() => RowGather.Copy<float>(new float[64], 16, [0, 1, 2], new float[40])).ParamName);
}
