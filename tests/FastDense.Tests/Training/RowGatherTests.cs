using FastDense.Training;

namespace FastDense.Tests.Training;

/// <summary>The interleaved row gather against a row-by-row copy: whole 64-byte pieces, tails, and batches that
/// are not a multiple of the eight rows copied in turn.</summary>
public class RowGatherTests
{
    [Theory]
    [InlineData(784, 128)]   // Fashion-MNIST: 49 whole pieces per row
    [InlineData(784, 13)]    // one group of eight, then five rows one by one
    [InlineData(10, 32)]     // labels: 40 bytes, no whole piece: two overlapping 32-byte copies per row
    [InlineData(8, 5)]       // 32 bytes: one 32-byte copy twice over
    [InlineData(5, 9)]       // 20 bytes: two 16-byte copies
    [InlineData(3, 7)]       // 12 bytes: two 8-byte copies
    [InlineData(1, 11)]      // 4 bytes: one 4-byte copy twice over
    [InlineData(15, 4)]      // 60 bytes, the longest row without a whole piece
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
    public void Copy_ShortRows_OfBytesAndDoubles()
    {
        // Rows of 3 and 2 bytes (the byte loop) and of 3 doubles (24 bytes), next to a guard the copy must not touch.
        byte[] bytes = Enumerable.Range(0, 10 * 3).Select(i => (byte)(i + 1)).ToArray();
        var byteDestination = new byte[4 * 3 + 1];
        RowGather.Copy<byte>(bytes, 3, [9, 0, 4, 4], byteDestination.AsSpan(0, 12));
        Assert.Equal(new byte[] { 28, 29, 30, 1, 2, 3, 13, 14, 15, 13, 14, 15, 0 }, byteDestination);
        RowGather.Copy<byte>(bytes, 2, [14, 1], byteDestination.AsSpan(0, 4));
        Assert.Equal(new byte[] { 29, 30, 3, 4 }, byteDestination.AsSpan(0, 4).ToArray());

        double[] doubles = Enumerable.Range(0, 6 * 3).Select(i => (double)i).ToArray();
        var doubleDestination = new double[2 * 3];
        RowGather.Copy<double>(doubles, 3, [5, 2], doubleDestination);
        Assert.Equal(new double[] { 15, 16, 17, 6, 7, 8 }, doubleDestination);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(10)]
    public void Copy_RowOutsideTheSource_Throws_ForLongAndShortRows(int width)
    {
        var source = new float[10 * width];
        int[] indices = [0, 1, 2, 3, 4, 5, 6, 10];
        Assert.Equal("indices", Assert.Throws<ArgumentOutOfRangeException>(() => RowGather.Copy<float>(source, width, indices, new float[8 * width])).ParamName);
    }

    [Fact]
    public void Copy_EmptyRows_CopyNothing()
        => RowGather.Copy<float>(new float[5], 0, [3, 0, 7], Span<float>.Empty);

    [Fact]
    public void Copy_RowOutsideTheSource_Throws()
    {
        var source = new float[10 * 16];
        int[] indices = [0, 1, 2, 3, 4, 5, 6, 10];
        Assert.Equal("indices", Assert.Throws<ArgumentOutOfRangeException>(() => RowGather.Copy<float>(source, 16, indices, new float[8 * 16])).ParamName);
    }

    [Theory]
    [InlineData(16, 10)]              // the ninth row, past the group of eight copied in turn
    [InlineData(16, 1 << 28)]         // 16 · 2^28 wraps to 0: row 0 was copied without a word
    [InlineData(16, -1)]
    [InlineData(10, 1 << 28)]         // short rows, on any path
    public void Copy_RowOutsideTheSource_Throws_InTheRowsCopiedOneByOne(int width, int outside)
    {
        // The rows after the last group of eight, and every row where Vector256 or Vector128 is not accelerated, are
        // copied one by one; they must be checked as the others are.
        var source = new float[10 * width];
        int[] indices = [0, 1, 2, 3, 4, 5, 6, 7, outside];
        var destination = new float[indices.Length * width];
        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => RowGather.Copy<float>(source, width, indices, destination));
        Assert.Equal("indices", thrown.ParamName);
        Assert.Equal(outside, thrown.ActualValue);
    }

    [Fact]
    public void Copy_DestinationTooShort_Throws()
        => Assert.Equal("destination", Assert.Throws<ArgumentException>(() => RowGather.Copy<float>(new float[64], 16, [0, 1, 2], new float[40])).ParamName);
}
