using System.Runtime.InteropServices;
using FastDense.Training;

namespace FastDense.Tests.Training;

/// <summary>The trainer's buffers start on a 64-byte boundary, hold the length asked for and start zeroed.</summary>
public class AlignedArrayTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(235_146)]   // Fashion-MNIST's gradient
    public void Floats_StartOnA64ByteBoundary(int length) => AssertAligned(new AlignedArray<float>(length), length);

    [Theory]
    [InlineData(3)]
    [InlineData(4810)]
    public void Doubles_StartOnA64ByteBoundary(int length) => AssertAligned(new AlignedArray<double>(length), length);

    [Fact]
    public void ManyBuffers_EachAligned()
    {
        // Consecutive allocations land at different offsets from a line; each must find its own boundary.
        for (int i = 1; i <= 40; i++) AssertAligned(new AlignedArray<float>(i * 3), i * 3);
    }

    private static void AssertAligned<T>(AlignedArray<T> buffer, int length) where T : unmanaged
    {
        (T[] array, int offset) = buffer.Storage;
        Assert.Equal(0, Marshal.UnsafeAddrOfPinnedArrayElement(array, offset).ToInt64() % 64);
        Assert.Equal(length, buffer.Length);
        Assert.Equal(length, buffer.Span.Length);
        Assert.All(buffer.Span.ToArray(), v => Assert.Equal(default, v));
    }
}
