using FastDense.__Internals;

namespace FastDense.Data;

/// <summary>
/// The result of <see cref="TrainTestSplit.Split{T}(T[], T[], int, double, int)"/>, deconstructing in scikit-learn's order:
/// <c>var (xTrain, xTest, yTrain, yTest) = TrainTestSplit.Split(x, y, rows, 0.2);</c>
/// </summary>
/// <param name="XTrain">Training inputs, (trainRows, inputs).</param>
/// <param name="XTest">Test inputs, (testRows, inputs).</param>
/// <param name="YTrain">Training targets, (trainRows, outputs).</param>
/// <param name="YTest">Test targets, (testRows, outputs).</param>
public sealed record TrainTestSplit<T>(T[] XTrain, T[] XTest, T[] YTrain, T[] YTest);

/// <summary>
/// The result of the <see cref="TrainTestSplit.Split{T}(T[], int[], int, double, int)"/> overload for integer class
/// labels: <c>var (xTrain, xTest, yTrain, yTest) = TrainTestSplit.Split(x, labels, rows, 0.2);</c>
/// </summary>
/// <param name="XTrain">Training inputs, (trainRows, inputs).</param>
/// <param name="XTest">Test inputs, (testRows, inputs).</param>
/// <param name="YTrain">Training labels, (trainRows).</param>
/// <param name="YTest">Test labels, (testRows).</param>
public sealed record TrainTestSplit<TX, TY>(TX[] XTrain, TX[] XTest, TY[] YTrain, TY[] YTest);

/// <summary>A seeded random train/test split of row-major data, as scikit-learn's <c>train_test_split</c>.</summary>
public static class TrainTestSplit
{
    /// <summary>
    /// Shuffles the rows with <paramref name="seed"/> and holds out <c>ceil(testSize · rows)</c> of them for testing
    /// (scikit-learn's rule), keeping x and y rows together.
    /// </summary>
    /// <param name="x">Inputs, (rows, inputs) row-major.</param>
    /// <param name="y">Targets, (rows, outputs) row-major.</param>
    /// <param name="rows">The number of rows of both.</param>
    /// <param name="testSize">The fraction held out, in (0, 1).</param>
    /// <param name="seed">The shuffle's seed.</param>
    /// <exception cref="ArgumentException">x or y is not a whole number of rows, or the split leaves a side empty.</exception>
    public static TrainTestSplit<T> Split<T>(T[] x, T[] y, int rows, double testSize = 0.25, int seed = 0)
    {
        var (xTrain, xTest, yTrain, yTest) = Split<T, T>(x, y, rows, testSize, seed);
        return new TrainTestSplit<T>(xTrain, xTest, yTrain, yTest);
    }

    /// <summary>
    /// <see cref="Split{T}(T[], T[], int, double, int)"/> for integer class labels (one a row, as sparse categorical
    /// cross-entropy takes them): the same shuffle, so the same rows as the split of their one-hot rows.
    /// </summary>
    /// <param name="x">Inputs, (rows, inputs) row-major.</param>
    /// <param name="labels">Labels, (rows).</param>
    /// <param name="rows">The number of rows of both.</param>
    /// <param name="testSize">The fraction held out, in (0, 1).</param>
    /// <param name="seed">The shuffle's seed.</param>
    /// <exception cref="ArgumentException">x or labels is not a whole number of rows, or the split leaves a side empty.</exception>
    public static TrainTestSplit<T, int> Split<T>(T[] x, int[] labels, int rows, double testSize = 0.25, int seed = 0)
    {
        var (xTrain, xTest, yTrain, yTest) = Split<T, int>(x, labels, rows, testSize, seed);
        return new TrainTestSplit<T, int>(xTrain, xTest, yTrain, yTest);
    }

    private static (TX[] XTrain, TX[] XTest, TY[] YTrain, TY[] YTest) Split<TX, TY>(TX[] x, TY[] y, int rows, double testSize, int seed)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (rows <= 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "rows must be positive.");
        if (x.Length % rows != 0) throw new ArgumentException($"x has {x.Length} values, not a whole number of {rows} rows.", nameof(x));
        if (y.Length % rows != 0) throw new ArgumentException($"y has {y.Length} values, not a whole number of {rows} rows.", nameof(y));
        if (!(testSize > 0 && testSize < 1)) throw new ArgumentOutOfRangeException(nameof(testSize), testSize, "testSize must be in (0, 1).");
        int testRows = (int)Math.Ceiling(testSize * rows), trainRows = rows - testRows;
        if (trainRows == 0) throw new ArgumentException($"testSize {testSize} of {rows} rows leaves no training rows.", nameof(testSize));

        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) order[i] = i;
#pragma warning disable CS0618 // the library's own seeded stream
        var random = new SeededRandom(unchecked((ulong)seed));
        for (int i = rows - 1; i > 0; i--)
        {
            int j = random.NextInt32(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
#pragma warning restore CS0618
        int xWidth = x.Length / rows, yWidth = y.Length / rows;
        return (
            Gather(x, order.AsSpan(testRows), xWidth),
            Gather(x, order.AsSpan(0, testRows), xWidth),
            Gather(y, order.AsSpan(testRows), yWidth),
            Gather(y, order.AsSpan(0, testRows), yWidth));
    }

    private static T[] Gather<T>(T[] source, ReadOnlySpan<int> rows, int width)
    {
        var result = new T[rows.Length * width];
        for (int r = 0; r < rows.Length; r++) source.AsSpan(rows[r] * width, width).CopyTo(result.AsSpan(r * width));
        return result;
    }
}
