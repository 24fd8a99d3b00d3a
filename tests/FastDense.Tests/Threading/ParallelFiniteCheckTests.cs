using FastDense.Tests.Models;
using FastDense.Threading;

namespace FastDense.Tests.Threading;

/// <summary>Fit's finite check shared between threads finds a NaN or infinity in any chunk, and Fit still names it.</summary>
[Collection(HelperThreadsCollection.Name)]
public class ParallelFiniteCheckTests
{
    private const int Length = 3 * ParallelFiniteCheck<float>.ChunkValues + 123;   // three chunks and a short fourth

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void FiniteArray_IsFinite(int threads) => Assert.True(ParallelFiniteCheck<float>.AllFinite(new float[Length], threads));

    [Theory]
    [InlineData(0, float.NaN)]
    [InlineData(ParallelFiniteCheck<float>.ChunkValues - 1, float.PositiveInfinity)]   // last of the first chunk
    [InlineData(ParallelFiniteCheck<float>.ChunkValues, float.NegativeInfinity)]       // first of the second
    [InlineData(Length - 1, float.NaN)]                                                 // last of the short chunk
    public void OneBadValue_AnywhereIsFound_OnEveryThreadCount(int index, float bad)
    {
        var values = new float[Length];
        values[index] = bad;
        for (int threads = 1; threads <= 3; threads++) Assert.False(ParallelFiniteCheck<float>.AllFinite(values, threads), $"threads {threads}");
    }

    [Fact]
    public void Doubles_AreCheckedToo()
    {
        var values = new double[2 * ParallelFiniteCheck<double>.ChunkValues + 1];
        Assert.True(ParallelFiniteCheck<double>.AllFinite(values, 2));
        values[^1] = double.NaN;
        Assert.False(ParallelFiniteCheck<double>.AllFinite(values, 2));
    }

    [Fact]
    public void Fit_OnTwoThreads_NamesTheBadValue_AndLeavesTheModelAlone()
    {
        const int rows = 40_000;   // 2.56 M inputs: shared between the threads
        var x = new float[rows * 64];
        var y = new float[rows * 10];
        for (int r = 0; r < rows; r++) y[r * 10 + r % 10] = 1;
        x[(rows - 3) * 64 + 5] = float.NaN;
        var model = new DigitsNet();
        float[] before = model.Parameters.ToArray();
        var error = Assert.Throws<ArgumentException>(() => model.Fit(x, y, new FitOptions { Epochs = 1, Verbose = 0, Threads = 2 }));
        Assert.Equal("x", error.ParamName);
        Assert.Contains($"x[row {rows - 3}, column 5] is NaN", error.Message);
        Assert.Equal(before, model.Parameters.ToArray());
    }
}
