using FastDense.Data;

namespace FastDense.Tests.Data;

public class SplitAndOneHotTests
{
    [Fact]
    public void OneHot_Encode_PutsOneAtLabel()
        => Assert.Equal([0f, 1f, 0f, 0f, 0f, 1f], OneHot.Encode([1, 2], 3));

    [Fact]
    public void OneHot_Decode_IsArgMax()
        => Assert.Equal([1, 0], OneHot.Decode<float>([0.1f, 0.8f, 0.1f, 0.5f, 0.2f, 0.3f], 3));

    [Fact]
    public void Split_HoldsOutCeilOfTestSize_KeepsRowsPaired()
    {
        // Row r of x is [r, r] and of y is [10 r]: pairing is checkable after the shuffle.
        const int rows = 11;
        float[] x = Enumerable.Range(0, rows).SelectMany(r => new float[] { r, r }).ToArray();
        float[] y = Enumerable.Range(0, rows).Select(r => 10f * r).ToArray();
        var (xTrain, xTest, yTrain, yTest) = TrainTestSplit.Split(x, y, rows, testSize: 0.2, seed: 3);
        Assert.Equal(3, yTest.Length); // ceil(0.2 · 11) = 3, scikit-learn's rule
        Assert.Equal(8, yTrain.Length);
        for (int r = 0; r < yTest.Length; r++) Assert.Equal(10f * xTest[2 * r], yTest[r]);
        for (int r = 0; r < yTrain.Length; r++) Assert.Equal(10f * xTrain[2 * r], yTrain[r]);
        Assert.Equal(Enumerable.Range(0, rows).Select(r => 10f * r), yTrain.Concat(yTest).Order());
    }

    [Fact]
    public void Split_IsSeeded()
    {
        float[] x = Enumerable.Range(0, 50).Select(i => (float)i).ToArray();
        Assert.Equal(TrainTestSplit.Split(x, x, 50, 0.2, seed: 1).YTest, TrainTestSplit.Split(x, x, 50, 0.2, seed: 1).YTest);
        Assert.NotEqual(TrainTestSplit.Split(x, x, 50, 0.2, seed: 1).YTest, TrainTestSplit.Split(x, x, 50, 0.2, seed: 2).YTest);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    public void Split_TestSizeOutsideOpenUnitInterval_Throws(double testSize)
        => Assert.Equal("testSize", Assert.Throws<ArgumentOutOfRangeException>(() => TrainTestSplit.Split(new float[4], new float[4], 4, testSize)).ParamName);

    [Fact]
    public void Split_RowsDoNotDivide_Throws()
        => Assert.Equal("y", Assert.Throws<ArgumentException>(() => TrainTestSplit.Split(new float[8], new float[5], 4)).ParamName);
}
