using static FastDense.Tests.Metrics.MetricChecks;

namespace FastDense.Tests.Metrics;

/// <summary>
/// The probabilistic metrics (keras/src/metrics/probabilistic_metrics.py: <c>BinaryCrossentropy</c>,
/// <c>CategoricalCrossentropy</c>, <c>SparseCategoricalCrossentropy</c>, <c>KLDivergence</c>, <c>Poisson</c>, each a
/// <c>MeanMetricWrapper</c> of the function of the same name in keras/src/losses/losses.py) against values computed here
/// from those functions and the TensorFlow backend's <c>binary_crossentropy</c>, <c>categorical_crossentropy</c> and
/// <c>sparse_categorical_crossentropy</c> from probabilities (keras/src/backend/tensorflow/nn.py: clip to [ε, 1 − ε],
/// the categorical output first divided by its row's sum, the sparse one's clipped logarithms through
/// <c>sparse_softmax_cross_entropy_with_logits</c>), ε = 1e-7, and from logits.
/// </summary>
public class ProbabilisticMetricTests
{
    private const double Epsilon = 1e-7;

    /// <summary>Keras's clip bounds as a tensor of the element type holds them (float: ε and 1 − ε rounded to float).</summary>
    private static (double Low, double High) Bounds(bool asFloat)
        => asFloat ? ((float)Epsilon, (float)(1 - Epsilon)) : (Epsilon, 1 - Epsilon);

    private static double Clip(double x, (double Low, double High) bounds) => Math.Min(Math.Max(x, bounds.Low), bounds.High);

    private static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

    private static double LogSumExp(double[] z)
    {
        double max = z.Max();
        return max + Math.Log(z.Sum(v => Math.Exp(v - max)));
    }

    private static double[] Row(double[] values, int r, int width) => values.Skip(r * width).Take(width).ToArray();

    // One row's value of each of Keras's functions, written out.

    private static double BinaryRow(double[] y, double[] p, double smoothing, bool fromLogits, bool asFloat)
    {
        double sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double t = y[i] * (1 - smoothing) + 0.5 * smoothing;
            sum += fromLogits
                ? Math.Max(p[i], 0) - p[i] * t + Math.Log(1 + Math.Exp(-Math.Abs(p[i])))   // sigmoid_cross_entropy_with_logits
                : -(t * Math.Log(Clip(p[i], Bounds(asFloat))) + (1 - t) * Math.Log(1 - Clip(p[i], Bounds(asFloat))));
        }
        return sum / y.Length;
    }

    private static double CategoricalRow(double[] y, double[] p, double smoothing, bool fromLogits, bool asFloat)
    {
        double[] t = y.Select(v => v * (1 - smoothing) + smoothing / y.Length).ToArray();
        if (fromLogits) return Enumerable.Range(0, y.Length).Sum(i => t[i] * (LogSumExp(p) - p[i]));   // softmax_cross_entropy_with_logits
        double rowSum = p.Sum();
        return -Enumerable.Range(0, y.Length).Sum(i => t[i] * Math.Log(Clip(p[i] / rowSum, Bounds(asFloat))));
    }

    private static double SparseRow(int label, double[] p, bool fromLogits, bool asFloat)
    {
        double[] logits = fromLogits ? p : p.Select(v => Math.Log(Clip(v, Bounds(asFloat)))).ToArray();
        return LogSumExp(logits) - logits[label];   // sparse_softmax_cross_entropy_with_logits
    }

    private static double KLRow(double[] y, double[] p, bool asFloat)
    {
        double e = asFloat ? (float)Epsilon : Epsilon;
        return Enumerable.Range(0, y.Length).Sum(i => Math.Clamp(y[i], e, 1) * Math.Log(Math.Clamp(y[i], e, 1) / Math.Clamp(p[i], e, 1)));
    }

    private static double PoissonRow(double[] y, double[] p, bool asFloat)
    {
        double e = asFloat ? (float)Epsilon : Epsilon;
        return Enumerable.Range(0, y.Length).Average(i => p[i] - y[i] * Math.Log(p[i] + e));
    }

    private static double MeanOfRows(int rows, Func<int, double> row) => Enumerable.Range(0, rows).Average(row);

    private static void AssertClose(double expected, double actual, double relative)
        => Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void Defaults_AreKeras()
    {
        var binary = new BinaryCrossentropy();
        Assert.Equal(("binary_crossentropy", false, 0.0), (binary.Name, binary.FromLogits, binary.LabelSmoothing));
        var categorical = new CategoricalCrossentropy();
        Assert.Equal(("categorical_crossentropy", false, 0.0, -1), (categorical.Name, categorical.FromLogits, categorical.LabelSmoothing, categorical.Axis));
        var sparse = new SparseCategoricalCrossentropy();
        Assert.Equal(("sparse_categorical_crossentropy", false, (int?)null, -1), (sparse.Name, sparse.FromLogits, sparse.IgnoreClass, sparse.Axis));
        Assert.Equal("kl_divergence", new KLDivergence().Name);
        Assert.Equal("poisson", new Poisson().Name);
        // MeanMetricWrapper of a Keras loss: _direction "down" (the cross-entropies also set it themselves).
        Metric[] all = [binary, categorical, sparse, new KLDivergence(), new Poisson()];
        Assert.All(all, m => Assert.Equal(MetricDirection.Down, m.Direction));
        Assert.All(all, m => Assert.True(m.SupportsSampleWeight));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void LabelSmoothing_OutsideZeroOne_IsRefused(double smoothing)
    {
        Assert.Equal("labelSmoothing", Assert.Throws<ArgumentOutOfRangeException>(() => new BinaryCrossentropy(labelSmoothing: smoothing)).ParamName);
        Assert.Equal("labelSmoothing", Assert.Throws<ArgumentOutOfRangeException>(() => new CategoricalCrossentropy(labelSmoothing: smoothing)).ParamName);
    }

    [Fact]
    public void Axis_OtherThanTheOutputs_IsRefused()
    {
        Assert.Equal("axis", Assert.Throws<ArgumentOutOfRangeException>(() => new CategoricalCrossentropy(axis: 0)).ParamName);
        Assert.Equal("axis", Assert.Throws<ArgumentOutOfRangeException>(() => new SparseCategoricalCrossentropy(axis: 2)).ParamName);
        Assert.Equal(1, new CategoricalCrossentropy(axis: 1).Axis);
    }

    [Fact]
    public void KerasDocstringExamples()
    {
        // probabilistic_metrics.py's examples (Keras prints float32 values).
        double[] y = [0, 1, 0, 0], p = [0.6, 0.4, 0.4, 0.6];
        AssertClose(0.45814306, Once(new KLDivergence(), y, p, 2), 1e-6);
        AssertClose(0.81492424, Once(new BinaryCrossentropy(), y, p, 2), 1e-6);
        AssertClose(0.49999997, Once(new Poisson(), y, [1.0, 1, 0, 0], 2), 1e-7);

        double[] oneHot = [0, 1, 0, 0, 0, 1], softmax = [0.05, 0.95, 0, 0.1, 0.8, 0.1];
        AssertClose(1.1769392, Once(new CategoricalCrossentropy(), oneHot, softmax, 3), 1e-6);
        var sparse = new SparseCategoricalCrossentropy();
        sparse.UpdateSparse<double>([1, 2], softmax, 2, 3);
        AssertClose(1.1769392, sparse.Result(), 1e-6);
    }

    [Fact]
    public void KerasDocstringExamples_Weighted()
    {
        double[] y = [0, 1, 0, 0], p = [0.6, 0.4, 0.4, 0.6];
        double Run(Metric metric, double[] yTrue, double[] yPred, int outputs, double[] w)
        {
            metric.Update<double>(yTrue, yPred, yTrue.Length / outputs, outputs, w);
            return metric.Result();
        }
        AssertClose(0.9162892, Run(new KLDivergence(), y, p, 2, [1, 0]), 1e-6);
        AssertClose(0.9162905, Run(new BinaryCrossentropy(), y, p, 2, [1, 0]), 1e-6);
        AssertClose(0.99999994, Run(new Poisson(), y, [1, 1, 0, 0], 2, [1, 0]), 1e-7);
        double[] oneHot = [0, 1, 0, 0, 0, 1], softmax = [0.05, 0.95, 0, 0.1, 0.8, 0.1];
        AssertClose(1.6271976, Run(new CategoricalCrossentropy(), oneHot, softmax, 3, [0.3, 0.7]), 1e-6);
        var sparse = new SparseCategoricalCrossentropy();
        sparse.UpdateSparse<double>([1, 2], softmax, 2, 3, [0.3, 0.7]);
        AssertClose(1.6271976, sparse.Result(), 1e-6);
    }

    [Theory]
    [InlineData(false, 0.0)]
    [InlineData(false, 0.2)]
    [InlineData(true, 0.0)]
    [InlineData(true, 0.3)]
    public void BinaryCrossentropy_RandomRows_MatchTheFormula(bool fromLogits, double smoothing)
    {
        const int Rows = 30, Outputs = 3;
        double[] y = Array.ConvertAll(Uniform(Rows * Outputs, 11), v => Math.Round(v * 4) / 4);   // soft targets too
        double[] p = fromLogits ? Array.ConvertAll(Uniform(Rows * Outputs, 12), v => 40 * v - 20) : Uniform(Rows * Outputs, 12);
        double Expected(bool asFloat, double[] pred) => MeanOfRows(Rows, r => BinaryRow(Row(y, r, Outputs), Row(pred, r, Outputs), smoothing, fromLogits, asFloat));
        AssertClose(Expected(false, p), Once(new BinaryCrossentropy(fromLogits: fromLogits, labelSmoothing: smoothing), y, p, Outputs), 1e-14);
        float[] pF = ToFloat(p);
        AssertClose(Expected(true, Array.ConvertAll(pF, v => (double)v)), Once<float>(new BinaryCrossentropy(fromLogits: fromLogits, labelSmoothing: smoothing), ToFloat(y), pF, Outputs), 1e-14);
    }

    [Theory]
    [InlineData(false, 0.0)]
    [InlineData(false, 0.3)]
    [InlineData(true, 0.0)]
    [InlineData(true, 0.1)]
    public void CategoricalCrossentropy_RandomRows_MatchTheFormula(bool fromLogits, double smoothing)
    {
        const int Rows = 25, Outputs = 4;
        double[] p = fromLogits ? Array.ConvertAll(Uniform(Rows * Outputs, 21), v => 30 * v - 15) : Uniform(Rows * Outputs, 21);
        double[] y = new double[Rows * Outputs], classes = Uniform(Rows, 22);
        for (int r = 0; r < Rows; r++) y[r * Outputs + (int)(classes[r] * Outputs)] = 1;
        double expected = MeanOfRows(Rows, r => CategoricalRow(Row(y, r, Outputs), Row(p, r, Outputs), smoothing, fromLogits, asFloat: false));
        AssertClose(expected, Once(new CategoricalCrossentropy(fromLogits: fromLogits, labelSmoothing: smoothing), y, p, Outputs), 1e-14);
        // The outputs here are not rows of probabilities: Keras divides each by its sum first.
        if (!fromLogits) Assert.NotEqual(-MeanOfRows(Rows, r => Math.Log(p[r * Outputs + Array.IndexOf(Row(y, r, Outputs), 1.0)])), expected, 3);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SparseCategoricalCrossentropy_RandomRows_MatchTheFormula(bool fromLogits)
    {
        const int Rows = 25, Outputs = 5;
        double[] p = fromLogits ? Array.ConvertAll(Uniform(Rows * Outputs, 31), v => 30 * v - 15) : Uniform(Rows * Outputs, 31);
        int[] labels = Array.ConvertAll(Uniform(Rows, 32), v => (int)(v * Outputs));
        double expected = MeanOfRows(Rows, r => SparseRow(labels[r], Row(p, r, Outputs), fromLogits, asFloat: false));
        var metric = new SparseCategoricalCrossentropy(fromLogits: fromLogits);
        metric.UpdateSparse<double>(Array.ConvertAll(labels, l => (double)l), p, Rows, Outputs);
        AssertClose(expected, metric.Result(), 1e-14);

        // The same rows one-hot through CategoricalCrossentropy: equal from logits; from probabilities Keras's two
        // functions differ (one divides the raw row by its sum, the other renormalizes the clipped row), equal to ~ε.
        double[] oneHot = new double[Rows * Outputs];
        for (int r = 0; r < Rows; r++) oneHot[r * Outputs + labels[r]] = 1;
        AssertClose(expected, Once(new CategoricalCrossentropy(fromLogits: fromLogits), oneHot, p, Outputs), fromLogits ? 1e-14 : 1e-5);
    }

    [Fact]
    public void KLDivergence_AndPoisson_RandomRows_MatchTheFormula()
    {
        const int Rows = 20, Outputs = 3;
        double[] y = Array.ConvertAll(Uniform(Rows * Outputs, 41), v => v < 0.3 ? 0 : v), p = Array.ConvertAll(Uniform(Rows * Outputs, 42), v => v < 0.1 ? 0 : v);
        AssertClose(MeanOfRows(Rows, r => KLRow(Row(y, r, Outputs), Row(p, r, Outputs), false)), Once(new KLDivergence(), y, p, Outputs), 1e-14);
        double[] counts = Array.ConvertAll(Uniform(Rows * Outputs, 43), v => Math.Floor(5 * v));
        double[] rates = Array.ConvertAll(Uniform(Rows * Outputs, 44), v => 4 * v);
        AssertClose(MeanOfRows(Rows, r => PoissonRow(Row(counts, r, Outputs), Row(rates, r, Outputs), false)), Once(new Poisson(), counts, rates, Outputs), 1e-14);
        // Float rows: ε rounded to float, as Keras converts it to the predictions' dtype.
        float[] yF = ToFloat(y), pF = ToFloat(p);
        double[] yD = Array.ConvertAll(yF, v => (double)v), pD = Array.ConvertAll(pF, v => (double)v);
        AssertClose(MeanOfRows(Rows, r => KLRow(Row(yD, r, Outputs), Row(pD, r, Outputs), true)), Once<float>(new KLDivergence(), yF, pF, Outputs), 1e-14);
    }

    [Fact]
    public void ConfidentMistakes_AreClippedAtTheElementTypesBounds()
    {
        // y = 0, p = 1 (and y = 1, p = 0): −log(1 − (1 − ε)). In double 1 − ε is 0.9999999 (16.118); a float tensor holds
        // 0.99999988 (15.942), as Keras's float32 does.
        double inDouble = -Math.Log(1 - (1 - Epsilon)), inFloat = -Math.Log(1 - (double)(float)(1 - Epsilon));
        Assert.Equal(16.118, inDouble, 3);
        Assert.Equal(15.942, inFloat, 3);
        (double d, double f) = BothTypes(new BinaryCrossentropy(), [0, 1], [1, 0], 1);
        AssertClose((inDouble - Math.Log(Epsilon)) / 2, d, 1e-15);
        AssertClose((inFloat - Math.Log((float)Epsilon)) / 2, f, 1e-12);
        // The categorical and sparse ones clip the target's probability at ε: −log(ε).
        (d, f) = BothTypes(new CategoricalCrossentropy(), [1, 0], [0, 1], 2);
        AssertClose(-Math.Log(Epsilon), d, 1e-15);
        AssertClose(-Math.Log((float)Epsilon), f, 1e-12);
        var sparse = new SparseCategoricalCrossentropy();
        sparse.UpdateSparse<double>([0], [0, 1], 1, 2);
        AssertClose(Math.Log(Epsilon + (1 - Epsilon)) - Math.Log(Epsilon), sparse.Result(), 1e-15);
    }

    [Fact]
    public void CategoricalCrossentropy_DividesEachRowByItsSum_AndARowOfZerosIsNaN()
    {
        Assert.Equal(-Math.Log(0.75), Once(new CategoricalCrossentropy(), [0, 1], [2, 6], 2), 15);
        Assert.True(double.IsNaN(Once(new CategoricalCrossentropy(), [0, 1], [0, 0], 2)));   // Keras's 0 / 0
    }

    [Fact]
    public void SparseCategoricalCrossentropy_RenormalizesTheClippedRow()
    {
        // [0.05, 0.95, 0] clips to [0.05, 0.95, ε], which sums to 1 + ε: the value is log(1 + ε) − log(0.95), not −log(0.95).
        var metric = new SparseCategoricalCrossentropy();
        metric.UpdateSparse<double>([1], [0.05, 0.95, 0], 1, 3);
        Assert.Equal(Math.Log(1 + Epsilon) - Math.Log(0.95), metric.Result(), 15);
        Assert.NotEqual(-Math.Log(0.95), metric.Result());
    }

    [Fact]
    public void LabelSmoothing_MovesTheTargets()
    {
        // Binary: s = 0.2 makes 1 → 0.9 and 0 → 0.1. Categorical over 4 outputs: s = 0.4 makes 1 → 0.7, 0 → 0.1.
        Assert.Equal(-(0.9 * Math.Log(0.8) + 0.1 * Math.Log(0.2)), Once(new BinaryCrossentropy(labelSmoothing: 0.2), [1], [0.8], 1), 14);
        double[] p = [0.1, 0.2, 0.3, 0.4];
        double expected = -(0.1 * Math.Log(0.1) + 0.1 * Math.Log(0.2) + 0.7 * Math.Log(0.3) + 0.1 * Math.Log(0.4));
        Assert.Equal(expected, Once(new CategoricalCrossentropy(labelSmoothing: 0.4), [0, 0, 1, 0], p, 4), 14);
        // From logits the smoothed targets meet the logits the same way.
        Assert.Equal(0.9 * Softplus(-2) + 0.1 * Softplus(2), Once(new BinaryCrossentropy(fromLogits: true, labelSmoothing: 0.2), [1], [2], 1), 14);
    }

    [Fact]
    public void FromLogits_LargeLogits_DoNotOverflow()
    {
        Assert.Equal(100, Once(new BinaryCrossentropy(fromLogits: true), [0], [100], 1), 12);
        Assert.Equal(0, Once(new BinaryCrossentropy(fromLogits: true), [1], [100], 1), 12);
        Assert.Equal(1000 + Math.Log(1 + Math.Exp(-1000)), Once(new CategoricalCrossentropy(fromLogits: true), [1, 0], [0, 1000], 2), 12);
        var sparse = new SparseCategoricalCrossentropy(fromLogits: true);
        sparse.UpdateSparse<double>([1], [-500, 500], 1, 2);
        Assert.Equal(0, sparse.Result(), 12);
    }

    [Fact]
    public void KLDivergence_ClipsZeroTargetsAndPredictionsAtEpsilon()
    {
        // y = 0 counts as ε: ε·log(ε / 0.5); p = 0 as ε: 1·log(1 / ε).
        Assert.Equal((Epsilon * Math.Log(Epsilon / 0.5) + Math.Log(1 / 0.5)) / 1, Once(new KLDivergence(), [0, 1], [0.5, 0.5], 2), 14);
        Assert.Equal(Math.Log(1 / Epsilon) + Epsilon * Math.Log(Epsilon / 1), Once(new KLDivergence(), [1, 0], [0, 1], 2), 12);
    }

    [Fact]
    public void Poisson_AddsEpsilonInsideTheLogarithm()
    {
        Assert.Equal(0, Once(new Poisson(), [0], [0], 1));
        Assert.Equal(-Math.Log(Epsilon), Once(new Poisson(), [1], [0], 1), 12);
        Assert.Equal((2 - 3 * Math.Log(2 + Epsilon) + 0.5) / 2, Once(new Poisson(), [3, 0], [2, 0.5], 2), 14);
        Assert.True(double.IsNaN(Once(new Poisson(), [1], [-1], 1)));
    }

    [Fact]
    public void SparseLabels_AreTruncated_AndOneOutsideTheClassesIsRefused()
    {
        double[] p = [0.2, 0.5, 0.3];
        double Value(double label)
        {
            var metric = new SparseCategoricalCrossentropy();
            metric.UpdateSparse<double>([label], p, 1, 3);
            return metric.Result();
        }
        Assert.Equal(Value(1), Value(1.7));   // Keras casts to int64
        Assert.Equal(Value(0), Value(-0.5));
        foreach (double bad in new[] { 3.0, -1, double.NaN })
        {
            var error = Assert.Throws<ArgumentException>(() => Value(bad));
            Assert.Equal("labels", error.ParamName);
            Assert.Contains("labels[0] is", error.Message);
            Assert.Contains("[0, 3)", error.Message);
        }
    }

    [Fact]
    public void IgnoreClass_RowsCountZero_Unweighted_AndWeighZero_Weighted()
    {
        // Rows: label 1, label −1 (ignored), label 0. Keras: values [v0, 0, v2]; unweighted the mean is over 3 rows
        // (Mean applies the values' mask only to sample weights); weighted the ignored row's weight is 0.
        double[] labels = [1, -1, 0], p = [0.3, 0.7, 0.9, 0.1, 0.6, 0.4];
        double v0 = SparseRow(1, [0.3, 0.7], false, false), v2 = SparseRow(0, [0.6, 0.4], false, false);
        var unweighted = new SparseCategoricalCrossentropy(ignoreClass: -1);
        unweighted.UpdateSparse<double>(labels, p, 3, 2);
        Assert.Equal((v0 + v2) / 3, unweighted.Result(), 14);
        var weighted = new SparseCategoricalCrossentropy(ignoreClass: -1);
        weighted.UpdateSparse<double>(labels, p, 3, 2, [2, 5, 1]);
        Assert.Equal((2 * v0 + v2) / 3, weighted.Result(), 14);
        // Without ignoreClass the label −1 is outside the classes.
        Assert.Throws<ArgumentException>(() => new SparseCategoricalCrossentropy().UpdateSparse<double>(labels, p, 3, 2));
    }

    [Fact]
    public void SparseCategoricalCrossentropy_ReadsOnlyClassIndices()
    {
        var metric = new SparseCategoricalCrossentropy();
        Assert.True(metric.ReadsClassIndices);
        Assert.Throws<NotSupportedException>(() => metric.Update<double>([0, 1], [0.3, 0.7], 1, 2));
    }

    [Fact]
    public void EmptyBatches_ChangeNothing()
    {
        Metric[] metrics = [new BinaryCrossentropy(), new CategoricalCrossentropy(), new KLDivergence(), new Poisson()];
        foreach (Metric metric in metrics)
        {
            metric.Update<double>([], [], 0, 2);
            Assert.Equal(0, metric.Result());   // divide_no_nan of an empty mean
            metric.Update<double>([0, 1], [0.4, 0.6], 1, 2);
            double one = metric.Result();
            metric.Update<double>([], [], 0, 2);
            metric.Update<double>([], [], 0, 2, []);
            Assert.Equal(one, metric.Result());
        }
        var sparse = new SparseCategoricalCrossentropy();
        sparse.UpdateSparse<double>([], [], 0, 2);
        Assert.Equal(0, sparse.Result());
    }

    public static TheoryData<string> Shaped => new(["binary_crossentropy", "binary_crossentropy (logits, smoothing)", "categorical_crossentropy", "categorical_crossentropy (logits)", "kl_divergence", "poisson"]);

    private static Metric Create(string name) => name switch
    {
        "binary_crossentropy" => new BinaryCrossentropy(),
        "binary_crossentropy (logits, smoothing)" => new BinaryCrossentropy(fromLogits: true, labelSmoothing: 0.1),
        "categorical_crossentropy" => new CategoricalCrossentropy(),
        "categorical_crossentropy (logits)" => new CategoricalCrossentropy(fromLogits: true, labelSmoothing: 0.2),
        "kl_divergence" => new KLDivergence(),
        _ => new Poisson(),
    };

    [Theory, MemberData(nameof(Shaped))]
    public void SeveralUpdates_AccumulateAsOne_AndResetClears(string name)
    {
        // Keras's Mean: total and count summed over updates, so any split of the rows gives the one mean.
        double[] y = Array.ConvertAll(Uniform(36, 51), v => Math.Round(v)), p = Array.ConvertAll(Uniform(36, 52), v => 0.05 + 0.9 * v);
        AssertSplitEqualsWhole(() => Create(name), y, p, 3, firstRows: 5, tolerance: 1e-15);
        AssertSplitEqualsWhole(() => Create(name), y, p, 3, firstRows: 0, tolerance: 1e-15);
    }

    [Fact]
    public void SparseUpdates_AccumulateAsOne()
    {
        double[] labels = [0, 2, 1, 1, 0], p = Uniform(15, 53);
        var whole = new SparseCategoricalCrossentropy();
        whole.UpdateSparse<double>(labels, p, 5, 3);
        var split = new SparseCategoricalCrossentropy();
        split.UpdateSparse<double>(labels.AsSpan(0, 2), p.AsSpan(0, 6), 2, 3);
        split.UpdateSparse<double>(labels.AsSpan(2), p.AsSpan(6), 3, 3);
        Assert.Equal(whole.Result(), split.Result(), 15);
        split.Reset();
        Assert.Equal(0, split.Result());
    }

    [Theory, MemberData(nameof(Shaped))]
    public void Updates_DoNotAllocate(string name) => AssertUpdatesDoNotAllocate(Create(name), [0, 1, 1, 0, 0, 1], [0.2, 0.5, 0.3, 0.6, 0.1, 0.3], 3);

    [Fact]
    public void SparseUpdates_DoNotAllocate()
    {
        var metric = new SparseCategoricalCrossentropy(ignoreClass: 2);
        double[] labels = [0, 2, 1], p = Uniform(9, 54), w = [1, 2, 3];
        for (int i = 0; i < 3; i++) { metric.UpdateSparse<double>(labels, p, 3, 3); metric.UpdateSparse<double>(labels, p, 3, 3, w); }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) { metric.UpdateSparse<double>(labels, p, 3, 3); metric.UpdateSparse<double>(labels, p, 3, 3, w); }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Misfits_FollowTheTargets()
    {
        // Categorical cross-entropy of one output: the normalized output is always 1 (Keras warns).
        Assert.NotNull(new CategoricalCrossentropy().Misfit(Loss.BinaryCrossentropy, 1));
        Assert.Null(new CategoricalCrossentropy().Misfit(Loss.CategoricalCrossentropy, 10));
        // The sparse one fits only class-index targets; the shaped ones fit any other model.
        Assert.Null(new SparseCategoricalCrossentropy().MisfitFor(Loss.SparseCategoricalCrossentropy, 10));
        Assert.Contains("categorical_crossentropy", new SparseCategoricalCrossentropy().MisfitFor(Loss.CategoricalCrossentropy, 10));
        Assert.NotNull(new BinaryCrossentropy().MisfitFor(Loss.SparseCategoricalCrossentropy, 10));
        Assert.Null(new BinaryCrossentropy().MisfitFor(Loss.BinaryCrossentropy, 1));
        Assert.Null(new Poisson().MisfitFor(Loss.Poisson, 3));
        Assert.Null(new KLDivergence().MisfitFor(Loss.CategoricalCrossentropy, 3));
    }
}
