using static FastDense.Tests.Metrics.MetricChecks;

namespace FastDense.Tests.Metrics;

/// <summary>
/// <see cref="IoU"/>, <see cref="MeanIoU"/>, <see cref="BinaryIoU"/>, <see cref="OneHotIoU"/> and
/// <see cref="OneHotMeanIoU"/> against values computed here from Keras's definitions (keras/src/metrics/iou_metrics.py:
/// classes read as integers, or as each row's arg-max when not sparse; pairs outside [0, num_classes) or of the ignored
/// class masked; a confusion matrix of target rows against predicted columns, weighted; <c>result()</c>:
/// <c>tp / (row + column − tp + ε)</c> per target class, the classes whose denominator is above 1e-9, their sum divided
/// by their number + ε).
/// </summary>
public class IoUMetricTests
{
    private const double Epsilon = 1e-7;

    /// <summary>Keras's <c>result()</c> of a confusion matrix given as (target, predicted, weight) pairs.</summary>
    private static double Result(int numClasses, int[] targetClassIds, IEnumerable<(int Actual, int Predicted, double Weight)> pairs)
    {
        var matrix = new double[numClasses, numClasses];
        foreach ((int actual, int predicted, double weight) in pairs) matrix[actual, predicted] += weight;
        double sum = 0, valid = 0;
        foreach (int id in targetClassIds)
        {
            double tp = matrix[id, id];
            double denominator = Enumerable.Range(0, numClasses).Sum(k => matrix[k, id] + matrix[id, k]) - tp;
            if (denominator <= 1e-9) continue;
            valid++;
            sum += tp / (denominator + Epsilon);
        }
        return sum / (valid + Epsilon);
    }

    private static int ArgMax(double[] values, int row, int width)
    {
        int best = 0;
        for (int i = 1; i < width; i++) if (values[row * width + i] > values[row * width + best]) best = i;
        return best;
    }

    [Fact]
    public void Defaults_AreKeras()
    {
        var iou = new IoU(3, [1]);
        Assert.Equal(("io_u", 3, (int?)null, true, true), (iou.Name, iou.NumClasses, iou.IgnoreClass, iou.SparseYTrue, iou.SparseYPred));
        Assert.Equal([1], iou.TargetClassIds);
        var mean = new MeanIoU(4);
        Assert.Equal(("mean_io_u", true, true), (mean.Name, mean.SparseYTrue, mean.SparseYPred));
        Assert.Equal([0, 1, 2, 3], mean.TargetClassIds);
        var oneHot = new OneHotIoU(3, [0, 2]);
        Assert.Equal(("one_hot_io_u", false, false), (oneHot.Name, oneHot.SparseYTrue, oneHot.SparseYPred));
        var oneHotMean = new OneHotMeanIoU(3);
        Assert.Equal(("one_hot_mean_io_u", false, false), (oneHotMean.Name, oneHotMean.SparseYTrue, oneHotMean.SparseYPred));
        Assert.Equal([0, 1, 2], oneHotMean.TargetClassIds);
        var binary = new BinaryIoU();
        Assert.Equal(("binary_io_u", 2, 0.5), (binary.Name, binary.NumClasses, binary.Threshold));
        Assert.Equal([0, 1], binary.TargetClassIds);
        Metric[] all = [iou, mean, oneHot, oneHotMean, binary];
        Assert.All(all, m => Assert.Equal(MetricDirection.Up, m.Direction));   // _IoUBase: _direction = "up"
        Assert.All(all, m => Assert.True(m.SupportsSampleWeight));
        Assert.All(all, m => Assert.Equal(0, m.Result()));                      // nothing seen: 0 / (0 + ε)
    }

    [Fact]
    public void BadArguments_AreRefused()
    {
        Assert.Equal("numClasses", Assert.Throws<ArgumentOutOfRangeException>(() => new MeanIoU(0)).ParamName);
        Assert.Equal("numClasses", Assert.Throws<ArgumentOutOfRangeException>(() => new IoU(-1, [0])).ParamName);
        Assert.Equal("targetClassIds", Assert.Throws<ArgumentNullException>(() => new IoU(2, null!)).ParamName);
        Assert.Equal("targetClassIds", Assert.Throws<ArgumentException>(() => new OneHotIoU(2, [])).ParamName);
        var outOfRange = Assert.Throws<ArgumentOutOfRangeException>(() => new IoU(3, [0, 3]));
        Assert.Equal(("targetClassIds", (object?)3), (outOfRange.ParamName, outOfRange.ActualValue));
        Assert.Contains("[0, 3)", outOfRange.Message);
        Assert.Equal("targetClassIds", Assert.Throws<ArgumentOutOfRangeException>(() => new IoU(3, [-1])).ParamName);
        Assert.Equal("targetClassIds", Assert.Throws<ArgumentOutOfRangeException>(() => new BinaryIoU([2])).ParamName);
        Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => new BinaryIoU(threshold: double.NaN)).ParamName);
    }

    [Fact]
    public void KerasDocstringExamples()
    {
        // IoU(2, [0]) and MeanIoU(2) of [0, 0, 1, 1] against [0, 1, 0, 1]: cm [[1, 1], [1, 1]], each IoU 1/3 (0.33333334);
        // weighted (0.3, 0.3, 0.3, 0.1): cm [[0.3, 0.3], [0.3, 0.1]], IoUs 1/3 and 1/7 (MeanIoU 0.23809525).
        double[] y = [0, 0, 1, 1], p = [0, 1, 0, 1], w = [0.3, 0.3, 0.3, 0.1];
        double Run(Metric metric, double[] yTrue, double[] yPred, int outputs, double[]? weights = null)
        {
            metric.Update<double>(yTrue, yPred, yTrue.Length / outputs, outputs, weights ?? []);
            return metric.Result();
        }
        Assert.Equal(0.33333334, Run(new IoU(2, [0]), y, p, 1), 1e-7);
        Assert.Equal(0.33333334, Run(new IoU(2, [0]), y, p, 1, w), 1e-7);
        Assert.Equal(0.33333334, Run(new MeanIoU(2), y, p, 1), 1e-7);
        Assert.Equal(0.23809525, Run(new MeanIoU(2), y, p, 1, w), 1e-7);
        // BinaryIoU([0, 1], 0.3) of [0, 1, 0, 1] against [0.1, 0.2, 0.4, 0.7]: 0.33333334; weighted (0.2, 0.3, 0.4, 0.1):
        // cm [[0.2, 0.4], [0.3, 0.1]], IoUs 0.2/0.9 and 0.1/0.8: 0.17361112.
        Assert.Equal(0.33333334, Run(new BinaryIoU([0, 1], 0.3), [0, 1, 0, 1], [0.1, 0.2, 0.4, 0.7], 1), 1e-7);
        Assert.Equal(0.17361112, Run(new BinaryIoU([0, 1], 0.3), [0, 1, 0, 1], [0.1, 0.2, 0.4, 0.7], 1, [0.2, 0.3, 0.4, 0.1]), 1e-7);
        // OneHotIoU(3, [0, 2]) and OneHotMeanIoU(3), weighted (0.1, 0.2, 0.3, 0.4): targets (2, 0, 1, 0), predictions
        // (2, 2, 0, 2): (0 + 0.1/0.7) / 2 = 0.071 and / 3 = 0.048.
        double[] oneHot = [0, 0, 1, 1, 0, 0, 0, 1, 0, 1, 0, 0];
        double[] softmax = [0.2, 0.3, 0.5, 0.1, 0.2, 0.7, 0.5, 0.3, 0.1, 0.1, 0.4, 0.5];
        double[] weights = [0.1, 0.2, 0.3, 0.4];
        Assert.Equal(0.1 / 0.7 / 2, Run(new OneHotIoU(3, [0, 2]), oneHot, softmax, 3, weights), 1e-6);
        Assert.Equal(0.071, Run(new OneHotIoU(3, [0, 2]), oneHot, softmax, 3, weights), 5e-4);
        Assert.Equal(0.048, Run(new OneHotMeanIoU(3), oneHot, softmax, 3, weights), 5e-4);
    }

    [Fact]
    public void OneHot_RandomRows_MatchTheArgMaxPairs()
    {
        const int Rows = 60, Outputs = 4;
        double[] p = Uniform(Rows * Outputs, 91), classes = Uniform(Rows, 92), w = Array.ConvertAll(Uniform(Rows, 93), v => Math.Round(2 * v, 2));
        double[] y = new double[Rows * Outputs];
        for (int r = 0; r < Rows; r++) y[r * Outputs + (int)(classes[r] * Outputs)] = 1;
        var pairs = Enumerable.Range(0, Rows).Select(r => (ArgMax(y, r, Outputs), ArgMax(p, r, Outputs), 1.0)).ToArray();
        var weightedPairs = Enumerable.Range(0, Rows).Select(r => (ArgMax(y, r, Outputs), ArgMax(p, r, Outputs), w[r])).ToArray();
        Assert.Equal(Result(4, [0, 1, 2, 3], pairs), Once(new OneHotMeanIoU(4), y, p, Outputs), 15);
        Assert.Equal(Result(4, [1, 3], pairs), Once(new OneHotIoU(4, [1, 3]), y, p, Outputs), 15);
        Assert.Equal(Result(4, [0, 1, 2, 3], pairs), Once<float>(new OneHotMeanIoU(4), ToFloat(y), ToFloat(p), Outputs), 15);
        var weighted = new OneHotMeanIoU(4);
        weighted.Update<double>(y, p, Rows, Outputs, w);
        Assert.Equal(Result(4, [0, 1, 2, 3], weightedPairs), weighted.Result(), 14);
        // The same rows as class indices: MeanIoU with sparse targets and arg-max predictions.
        double[] labels = Enumerable.Range(0, Rows).Select(r => (double)ArgMax(y, r, Outputs)).ToArray();
        var sparse = new MeanIoU(4, sparseYPred: false);
        sparse.UpdateSparse<double>(labels, p, Rows, Outputs);
        Assert.Equal(Result(4, [0, 1, 2, 3], pairs), sparse.Result(), 15);
    }

    [Fact]
    public void Elementwise_RandomValues_AreTruncatedClasses()
    {
        // Keras's defaults: every output a (target, prediction) pair of integer-cast values; values outside the classes
        // (here −1.x, 3.x and 4.x of 3 classes) are masked.
        const int Rows = 40, Outputs = 2;
        double[] y = Array.ConvertAll(Uniform(Rows * Outputs, 94), v => 6 * v - 1.5), p = Array.ConvertAll(Uniform(Rows * Outputs, 95), v => 6 * v - 1.5);
        static int Class(double v) => Math.Truncate(v) is double t && t >= 0 && t < 3 ? (int)t : -1;
        var pairs = Enumerable.Range(0, y.Length).Select(i => (Class(y[i]), Class(p[i]), 1.0)).Where(pair => pair.Item1 >= 0 && pair.Item2 >= 0).ToArray();
        Assert.InRange(pairs.Length, 10, y.Length - 10);   // some masked, most kept
        Assert.Equal(Result(3, [0, 1, 2], pairs), Once(new MeanIoU(3), y, p, Outputs), 15);
        Assert.Equal(Result(3, [2], pairs), Once(new IoU(3, [2]), y, p, Outputs), 15);
    }

    [Fact]
    public void ClassValues_AreTruncated_AndThoseOutsideTheClasses_NaN_AndTheIgnoredClass_AreDropped()
    {
        // Pairs (target, prediction): (1.7 → 1, 1), (−0.5 → 0, 0), (2, 0) ignored, (3, 1) out of range, (0, NaN) masked.
        double[] y = [1.7, -0.5, 2, 3, 0], p = [1, 0, 0, 1, double.NaN];
        Assert.Equal(Result(3, [0, 1, 2], [(1, 1, 1.0), (0, 0, 1.0)]), Once(new MeanIoU(3, ignoreClass: 2), y, p, 1), 15);
        // Without ignoreClass the (2, 0) pair counts: class 0 then has a false positive.
        Assert.Equal(Result(3, [0, 1, 2], [(1, 1, 1.0), (0, 0, 1.0), (2, 0, 1.0)]), Once(new MeanIoU(3), y, p, 1), 15);
        // An arg-max beyond numClasses (three outputs, two classes) is masked.
        double[] oneHot = [1, 0, 0, 0, 1, 0], softmax = [0.7, 0.2, 0.1, 0.1, 0.2, 0.7];
        Assert.Equal(Result(2, [0, 1], [(0, 0, 1.0)]), Once(new OneHotMeanIoU(2), oneHot, softmax, 3), 15);
    }

    [Fact]
    public void ClassesNeverSeen_AreLeftOutOfTheMean()
    {
        // Three classes, only 0 and 1 seen (all right): each IoU is 1/(1 + ε) and class 2 (denominator 0) is not counted.
        double value = Once(new MeanIoU(3), [0, 1], [0, 1], 1);
        Assert.Equal(2 * (1 / (1 + Epsilon)) / (2 + Epsilon), value, 15);
        Assert.True(value > 0.99);
        // Pairs (0, 0) and (2, 0): class 0's union is 2 (IoU 1/2), class 2 is seen only as a target (IoU 0, counted),
        // class 1 not at all (left out).
        Assert.Equal((1 / (2 + Epsilon) + 0) / (2 + Epsilon), Once(new MeanIoU(3), [0, 2], [0, 0], 1), 15);
    }

    [Fact]
    public void BinaryIoU_ThresholdsAtOrAbove_AndTruncatesTheTargets()
    {
        // Threshold 0.5: 0.5 is class 1, 0.4999 class 0. Targets 0.9 → 0, 1 → 1, 2 → dropped (not a class of two).
        double[] y = [1, 0.9, 1, 2], p = [0.5, 0.4999, 0.2, 0.9];
        var pairs = new[] { (1, 1, 1.0), (0, 0, 1.0), (1, 0, 1.0) };
        Assert.Equal(Result(2, [0, 1], pairs), Once(new BinaryIoU(), y, p, 1), 15);
        Assert.Equal(Result(2, [1], pairs), Once(new BinaryIoU([1]), y, p, 1), 15);
        // Every output of a row is a pair, each weighing the row's weight.
        var weighted = new BinaryIoU();
        weighted.Update<double>([1, 0, 0, 1], [0.8, 0.1, 0.6, 0.3], 2, 2, [2, 3]);
        Assert.Equal(Result(2, [0, 1], [(1, 1, 2.0), (0, 0, 2.0), (0, 1, 3.0), (1, 0, 3.0)]), weighted.Result(), 15);
    }

    [Fact]
    public void Misfits_AndUnpairableUpdates_AreRefused()
    {
        // Keras's defaults pair every output, which fits targets shaped like the outputs.
        Assert.Null(new MeanIoU(3).MisfitFor(Loss.CategoricalCrossentropy, 3));
        Assert.Null(new OneHotMeanIoU(3).MisfitFor(Loss.CategoricalCrossentropy, 3));
        Assert.Null(new BinaryIoU().MisfitFor(Loss.BinaryCrossentropy, 1));
        // Class-index targets pair with arg-max predictions only.
        Assert.Null(new MeanIoU(3, sparseYPred: false).MisfitFor(Loss.SparseCategoricalCrossentropy, 3));
        Assert.Contains("sparseYPred: false", new MeanIoU(3).MisfitFor(Loss.SparseCategoricalCrossentropy, 3));
        Assert.NotNull(new OneHotMeanIoU(3).MisfitFor(Loss.SparseCategoricalCrossentropy, 3));
        Assert.NotNull(new BinaryIoU().MisfitFor(Loss.SparseCategoricalCrossentropy, 3));
        // Sparse targets against arg-max predictions of one-hot rows: three target classes a row and one predicted.
        var mixed = new MeanIoU(3, sparseYPred: false);
        string? why = mixed.MisfitFor(Loss.CategoricalCrossentropy, 3);
        Assert.Equal("with sparseYTrue true and sparseYPred false a row gives 3 target classes and 1 predicted, which Keras cannot pair either; one-hot targets need sparseYTrue: false (OneHotIoU, OneHotMeanIoU)", why);
        var error = Assert.Throws<ArgumentException>(() => mixed.Update<double>([0, 1, 0], [0.2, 0.7, 0.1], 1, 3));
        Assert.Equal("outputs", error.ParamName);
        // One output a row pairs either way.
        Assert.Null(mixed.MisfitFor(Loss.MeanSquaredError, 1));
        mixed.Update<double>([1], [0.3], 1, 1);
        Assert.Throws<NotSupportedException>(() => new OneHotIoU(2, [0]).UpdateSparse<double>([1], [0.3, 0.7], 1, 2));
    }

    [Fact]
    public void SeveralUpdates_AccumulateAsOne_AndResetClears()
    {
        double[] p = Uniform(60, 96), y = new double[60], classes = Uniform(20, 97);
        for (int r = 0; r < 20; r++) y[r * 3 + (int)(classes[r] * 3)] = 1;
        AssertSplitEqualsWhole(() => new OneHotMeanIoU(3), y, p, 3, firstRows: 7);
        AssertSplitEqualsWhole(() => new BinaryIoU(), y, p, 3, firstRows: 0);
    }

    [Fact]
    public void AllZeroWeights_AndEmptyBatches_LeaveZero()
    {
        var metric = new OneHotMeanIoU(2);
        metric.Update<double>([], [], 0, 2);
        metric.Update<double>([1, 0, 0, 1], [0.9, 0.1, 0.2, 0.8], 2, 2, [0, 0]);
        Assert.Equal(0, metric.Result());
    }

    [Fact]
    public void Updates_DoNotAllocate()
    {
        AssertUpdatesDoNotAllocate(new OneHotMeanIoU(3), [0, 1, 0, 0, 0, 1], [0.2, 0.5, 0.3, 0.6, 0.1, 0.3], 3);
        AssertUpdatesDoNotAllocate(new BinaryIoU(), [0, 1, 1, 0], [0.2, 0.5, 0.3, 0.6], 2);
        AssertUpdatesDoNotAllocate(new MeanIoU(3, ignoreClass: 1), [0, 1, 2, 2], [0, 1, 1, 2], 2);
    }
}
