namespace FastDense.Tests.Metrics;

/// <summary>
/// Every metric weighted per row (Keras's <c>update_state(y_true, y_pred, sample_weight)</c>), against values written
/// here from Keras's formulas and its docstring examples: keras/src/metrics/reduction_metrics.py (<c>Mean</c>:
/// <c>total += Σ w·v</c>, <c>count += Σ w</c>, <c>divide_no_nan</c>; <c>RootMeanSquaredError</c> is a <c>Mean</c> of each
/// row's mean squared error), metrics_utils.py (<c>update_confusion_matrix_variables</c>: each output adds its row's
/// weight), confusion_metrics.py (counts, Precision, Recall, AUC, the threshold-searching metrics), f_score_metrics.py (each term times w) and
/// regression_metrics.py (R2Score: weighted sums, count Σ w, n the rows of nonzero weight), iou_metrics.py (each pair
/// adds its row's weight to the confusion matrix), and the
/// <c>MeanMetricWrapper</c>s of probabilistic_metrics.py and hinge_metrics.py (a <c>Mean</c> of each row's value).
/// </summary>
public class WeightedMetricTests
{
    /// <summary>Every metric class FastDense has, with the targets it reads (class indices for the sparse ones).</summary>
    public static TheoryData<string> Metrics => new(Factories.Keys);

    /// <summary>
    /// <see cref="Metrics"/> but the adjusted R2, whose n counts the rows of nonzero weight (Keras's num_samples), so a
    /// row of weight k is not k rows there.
    /// </summary>
    public static TheoryData<string> MetricsOfWeightedSums => new(Factories.Keys.Where(name => !name.Contains("adjusted", StringComparison.Ordinal)));

    private static readonly Dictionary<string, (Func<Metric> Create, bool Sparse)> Factories = new()
    {
        ["accuracy"] = (() => new Accuracy(), false),
        ["accuracy (class indices)"] = (() => new Accuracy(), true),
        ["binary_accuracy"] = (() => new BinaryAccuracy(), false),
        ["categorical_accuracy"] = (() => new CategoricalAccuracy(), false),
        ["sparse_categorical_accuracy"] = (() => new SparseCategoricalAccuracy(), true),
        ["top_k_categorical_accuracy"] = (() => new TopKCategoricalAccuracy(k: 2), false),
        ["sparse_top_k_categorical_accuracy"] = (() => new SparseTopKCategoricalAccuracy(k: 2), true),
        ["mean_absolute_error"] = (() => new MeanAbsoluteError(), false),
        ["mean_squared_error"] = (() => new MeanSquaredError(), false),
        ["root_mean_squared_error"] = (() => new RootMeanSquaredError(), false),
        ["mean_absolute_percentage_error"] = (() => new MeanAbsolutePercentageError(), false),
        ["mean_squared_logarithmic_error"] = (() => new MeanSquaredLogarithmicError(), false),
        ["logcosh"] = (() => new LogCoshError(), false),
        ["cosine_similarity"] = (() => new CosineSimilarity(), false),
        ["true_positives"] = (() => new TruePositives(), false),
        ["false_positives"] = (() => new FalsePositives(), false),
        ["true_negatives"] = (() => new TrueNegatives(), false),
        ["false_negatives"] = (() => new FalseNegatives(), false),
        ["precision"] = (() => new Precision(), false),
        ["precision (class 1)"] = (() => new Precision(classId: 1), false),
        ["recall"] = (() => new Recall(threshold: 0.3), false),
        ["auc"] = (() => new Auc(), false),
        ["auc (pr, multi-label)"] = (() => new Auc(curve: AucCurve.Pr, multiLabel: true), false),
        ["auc (given thresholds, minoring)"] = (() => new Auc(thresholds: [0.1, 0.35, 0.8], summationMethod: AucSummationMethod.Minoring), false),
        ["f1_score"] = (() => new F1Score(), false),
        ["f_beta_score (micro, threshold)"] = (() => new FBetaScore(FScoreAverage.Micro, beta: 2, threshold: 0.4), false),
        ["f1_score (weighted)"] = (() => new F1Score(FScoreAverage.Weighted), false),
        ["r2_score"] = (() => new R2Score(), false),
        ["r2_score (variance-weighted, adjusted)"] = (() => new R2Score(R2ClassAggregation.VarianceWeightedAverage, numRegressors: 2), false),
        ["binary_crossentropy"] = (() => new BinaryCrossentropy(), false),
        ["binary_crossentropy (logits, smoothing)"] = (() => new BinaryCrossentropy(fromLogits: true, labelSmoothing: 0.1), false),
        ["categorical_crossentropy"] = (() => new CategoricalCrossentropy(), false),
        ["categorical_crossentropy (smoothing)"] = (() => new CategoricalCrossentropy(labelSmoothing: 0.2), false),
        ["sparse_categorical_crossentropy"] = (() => new SparseCategoricalCrossentropy(), true),
        ["sparse_categorical_crossentropy (logits)"] = (() => new SparseCategoricalCrossentropy(fromLogits: true), true),
        ["kl_divergence"] = (() => new KLDivergence(), false),
        ["poisson"] = (() => new Poisson(), false),
        ["hinge"] = (() => new Hinge(), false),
        ["squared_hinge"] = (() => new SquaredHinge(), false),
        ["categorical_hinge"] = (() => new CategoricalHinge(), false),
        ["precision_at_recall"] = (() => new PrecisionAtRecall(0.6), false),
        ["recall_at_precision (class 2)"] = (() => new RecallAtPrecision(0.3, classId: 2), false),
        ["sensitivity_at_specificity (11 thresholds)"] = (() => new SensitivityAtSpecificity(0.5, numThresholds: 11), false),
        ["specificity_at_sensitivity"] = (() => new SpecificityAtSensitivity(0.4), false),
        ["one_hot_mean_io_u"] = (() => new OneHotMeanIoU(Outputs), false),
        ["one_hot_io_u (0, 2)"] = (() => new OneHotIoU(Outputs, [0, 2]), false),
        ["mean_io_u (class indices)"] = (() => new MeanIoU(Outputs, sparseYPred: false), true),
        ["binary_io_u"] = (() => new BinaryIoU(threshold: 0.4), false),
    };

    private const int Outputs = 3, Rows = 12;

    /// <summary>12 rows of 3 outputs: one-hot targets (or their class indices) and predictions in (0, 1).</summary>
    private static (double[] YTrue, double[] YPred) Data(bool sparse, int seed = 1)
    {
        double[] yPred = MetricChecks.Uniform(Rows * Outputs, seed);
        double[] draws = MetricChecks.Uniform(Rows, seed + 100);
        var yTrue = new double[sparse ? Rows : Rows * Outputs];
        for (int r = 0; r < Rows; r++)
        {
            int label = (int)(draws[r] * Outputs);
            if (sparse) yTrue[r] = label;
            else yTrue[r * Outputs + label] = 1;
        }
        return (yTrue, yPred);
    }

    private static int Width(bool sparse) => sparse ? 1 : Outputs;

    private static void Update(Metric metric, bool sparse, ReadOnlySpan<double> yTrue, ReadOnlySpan<double> yPred, int rows, ReadOnlySpan<double> w)
    {
        if (sparse) metric.UpdateSparse(yTrue, yPred, rows, Outputs, w);
        else metric.Update(yTrue, yPred, rows, Outputs, w);
    }

    private static double Weighted(string name, double[] yTrue, double[] yPred, double[] w)
    {
        (Func<Metric> create, bool sparse) = Factories[name];
        Metric metric = create();
        Update(metric, sparse, yTrue, yPred, Rows, w);
        return metric.Result();
    }

    private static double Unweighted(string name, double[] yTrue, double[] yPred, int rows)
    {
        (Func<Metric> create, bool sparse) = Factories[name];
        Metric metric = create();
        Update(metric, sparse, yTrue, yPred, rows, default);
        return metric.Result();
    }

    private static void AssertClose(double expected, double actual, double relative)
        => Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Theory, MemberData(nameof(Metrics))]
    public void EveryMetric_WeighsRows(string name) => Assert.True(Factories[name].Create().SupportsSampleWeight);

    [Theory, MemberData(nameof(Metrics))]
    public void WeightsOfOne_AreTheUnweightedUpdate(string name)
    {
        bool sparse = Factories[name].Sparse;
        (double[] yTrue, double[] yPred) = Data(sparse);
        double expected = Unweighted(name, yTrue, yPred, Rows);
        // The same sums, except that a weighted mean metric sums its rows' values one row at a time (mean squared
        // error: Σ_r (Σ_c e²) / outputs rather than Σ e² / outputs), which may round differently in the last bit.
        AssertClose(expected, Weighted(name, yTrue, yPred, Enumerable.Repeat(1.0, Rows).ToArray()), 1e-15);
        // An empty weight span is the unweighted update itself.
        Assert.Equal(expected, Weighted(name, yTrue, yPred, []));
    }

    [Theory, MemberData(nameof(Metrics))]
    public void AllEqualWeights_ScaleTheCounts_AndLeaveEveryOtherMetric(string name)
    {
        // Multiplying every weight by 2.5 multiplies a count by 2.5, and cancels in every mean and ratio; only the
        // F-scores' and the IoUs' ε (tp / (tp + fp + ε), tp / (union + ε)) does not scale with the counts, so they agree
        // to about ε / count.
        bool sparse = Factories[name].Sparse;
        (double[] yTrue, double[] yPred) = Data(sparse);
        double plain = Unweighted(name, yTrue, yPred, Rows);
        double weighted = Weighted(name, yTrue, yPred, Enumerable.Repeat(2.5, Rows).ToArray());
        Metric probe = Factories[name].Create();
        if (probe is TruePositives or FalsePositives or TrueNegatives or FalseNegatives) Assert.Equal(2.5 * plain, weighted);
        else AssertClose(plain, weighted, probe is FBetaScore or IoU ? 1e-7 : 1e-12);
    }

    [Theory, MemberData(nameof(Metrics))]
    public void ZeroWeightRows_AreAsIfAbsent(string name)
    {
        // Rows 0, 5 and 11 weigh 0, the others 1: the result is the unweighted one of the other nine rows.
        bool sparse = Factories[name].Sparse;
        int width = Width(sparse);
        (double[] yTrue, double[] yPred) = Data(sparse, seed: 3);
        double[] w = Enumerable.Repeat(1.0, Rows).ToArray();
        int[] zero = [0, 5, 11];
        foreach (int r in zero) w[r] = 0;
        int[] kept = Enumerable.Range(0, Rows).Except(zero).ToArray();
        double[] keptTrue = kept.SelectMany(r => yTrue.Skip(r * width).Take(width)).ToArray();
        double[] keptPred = kept.SelectMany(r => yPred.Skip(r * Outputs).Take(Outputs)).ToArray();
        // R2Score shifts its sums by the first row's targets (exact algebra, not exact rounding): 1e-12 for all.
        AssertClose(Unweighted(name, keptTrue, keptPred, kept.Length), Weighted(name, yTrue, yPred, w), 1e-12);
    }

    [Theory, MemberData(nameof(MetricsOfWeightedSums))]
    public void IntegerWeights_AreRepeatedRows(string name)
    {
        // Keras's weighted sums: a row of weight k counts as k copies of it (R2's adjusted n aside, which counts rows of
        // nonzero weight: its own test below).
        bool sparse = Factories[name].Sparse;
        int width = Width(sparse);
        (double[] yTrue, double[] yPred) = Data(sparse, seed: 5);
        double[] w = Enumerable.Range(0, Rows).Select(r => (double)(1 + r % 3)).ToArray();
        int[] repeated = Enumerable.Range(0, Rows).SelectMany(r => Enumerable.Repeat(r, (int)w[r])).ToArray();
        double[] repeatedTrue = repeated.SelectMany(r => yTrue.Skip(r * width).Take(width)).ToArray();
        double[] repeatedPred = repeated.SelectMany(r => yPred.Skip(r * Outputs).Take(Outputs)).ToArray();
        AssertClose(Unweighted(name, repeatedTrue, repeatedPred, repeated.Length), Weighted(name, yTrue, yPred, w), 1e-12);
    }

    [Theory, MemberData(nameof(Metrics))]
    public void WeightedUpdates_AfterWarmUp_AllocateNothing(string name)
    {
        (Func<Metric> create, bool sparse) = Factories[name];
        (double[] yTrue, double[] yPred) = Data(sparse);
        float[] yTrueF = MetricChecks.ToFloat(yTrue), yPredF = MetricChecks.ToFloat(yPred);
        double[] w = MetricChecks.Uniform(Rows, 9);
        float[] wF = MetricChecks.ToFloat(w);
        Metric metric = create();
        void Both()
        {
            Update(metric, sparse, yTrue, yPred, Rows, w);
            if (sparse) metric.UpdateSparse<float>(yTrueF, yPredF, Rows, Outputs, wF);
            else metric.Update<float>(yTrueF, yPredF, Rows, Outputs, wF);
        }
        for (int i = 0; i < 3; i++) Both();
        metric.Reset();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) Both();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    // Keras's docstring examples with sample_weight (keras/src/metrics/*.py), one output a row unless shown.

    [Fact]
    public void AccuracyMetrics_KerasExamples()
    {
        var binary = new BinaryAccuracy();
        binary.Update<double>([1, 1, 0, 0], [0.98, 1, 0, 0.6], 4, 1, [1, 0, 0, 1]);
        Assert.Equal(0.5, binary.Result(), 12);

        var categorical = new CategoricalAccuracy();
        categorical.Update<double>([0, 0, 1, 0, 1, 0], [0.1, 0.9, 0.8, 0.05, 0.95, 0], 2, 3, [0.7, 0.3]);
        Assert.Equal(0.3, categorical.Result(), 12);

        var sparse = new SparseCategoricalAccuracy();
        sparse.UpdateSparse<double>([2, 1], [0.1, 0.6, 0.3, 0.05, 0.95, 0], 2, 3, [0.7, 0.3]);
        Assert.Equal(0.3, sparse.Result(), 12);

        var topK = new TopKCategoricalAccuracy(k: 1);
        topK.Update<double>([0, 0, 1, 0, 1, 0], [0.1, 0.9, 0.8, 0.05, 0.95, 0], 2, 3, [0.7, 0.3]);
        Assert.Equal(0.3, topK.Result(), 12);

        var sparseTopK = new SparseTopKCategoricalAccuracy(k: 1);
        sparseTopK.UpdateSparse<double>([2, 1], [0.1, 0.9, 0.8, 0.05, 0.95, 0], 2, 3, [0.7, 0.3]);
        Assert.Equal(0.3, sparseTopK.Result(), 12);
    }

    [Fact]
    public void RegressionMetrics_KerasExamples()
    {
        // y_true [[0, 1], [0, 0]], y_pred [[1, 1], [0, 0]], sample_weight [1, 0]: only the first row counts.
        double[] yTrue = [0, 1, 0, 0], yPred = [1, 1, 0, 0], w = [1, 0];
        double Run(Metric metric)
        {
            metric.Update<double>(yTrue, yPred, 2, 2, w);
            return metric.Result();
        }
        Assert.Equal(0.5, Run(new MeanAbsoluteError()), 12);
        AssertClose(5e8, Run(new MeanAbsolutePercentageError()), 1e-12);
        Assert.Equal(0.24022643, Run(new MeanSquaredLogarithmicError()), 7);
        Assert.Equal(0.70710677, Run(new RootMeanSquaredError()), 7);
        Assert.Equal(0.21689045, Run(new LogCoshError()), 7);
        Assert.Equal(0.5, Run(new MeanSquaredError()), 12);   // mean((1 - 0)², (1 - 1)²) of the first row

        var cosine = new CosineSimilarity(axis: 1);
        cosine.Update<double>([0, 1, 1, 1], [1, 0, 1, 1], 2, 2, [0.3, 0.7]);
        Assert.Equal(0.7, cosine.Result(), 12);   // 0.3 · 0 + 0.7 · 1
    }

    [Fact]
    public void ConfusionMetrics_KerasExamples()
    {
        double Run(Metric metric, double[] yTrue, double[] yPred)
        {
            metric.Update<double>(yTrue, yPred, 4, 1, [0, 0, 1, 0]);
            return metric.Result();
        }
        Assert.Equal(1, Run(new FalsePositives(), [0, 1, 0, 0], [0, 0, 1, 1]));
        Assert.Equal(1, Run(new FalseNegatives(), [0, 1, 1, 1], [0, 1, 0, 0]));
        Assert.Equal(1, Run(new TrueNegatives(), [0, 1, 0, 0], [1, 1, 0, 0]));
        Assert.Equal(1, Run(new TruePositives(), [0, 1, 1, 1], [1, 0, 1, 1]));
        Assert.Equal(1, Run(new Precision(), [0, 1, 1, 1], [1, 0, 1, 1]));
        Assert.Equal(1, Run(new Recall(), [0, 1, 1, 1], [1, 0, 1, 1]));

        var auc = new Auc(numThresholds: 3);
        auc.Update<double>([0, 0, 1, 1], [0, 0.5, 0.3, 0.9], 4, 1, [1, 0, 0, 1]);
        Assert.Equal(1.0, auc.Result(), 12);
    }

    [Fact]
    public void ConfusionCounts_AddTheRowsWeights()
    {
        // Rows: (y, p, w) = (1, 0.9, 0.5) tp, (0, 0.8, 2) fp, (1, 0.2, 1) fn, (0, 0.3, 3) tn, (1, 0.6, 1.5) tp.
        double[] yTrue = [1, 0, 1, 0, 1], yPred = [0.9, 0.8, 0.2, 0.3, 0.6], w = [0.5, 2, 1, 3, 1.5];
        double Run(Metric metric)
        {
            metric.Update<double>(yTrue, yPred, 5, 1, w);
            return metric.Result();
        }
        Assert.Equal(2, Run(new TruePositives()));
        Assert.Equal(2, Run(new FalsePositives()));
        Assert.Equal(1, Run(new FalseNegatives()));
        Assert.Equal(3, Run(new TrueNegatives()));
        Assert.Equal(2.0 / 4, Run(new Precision()), 15);
        Assert.Equal(2.0 / 3, Run(new Recall()), 15);
    }

    [Fact]
    public void ConfusionCounts_WeighEveryOutputOfTheRow_OrOnlyTheClassColumn()
    {
        // Two rows of two outputs: row 0 (y 1 0, p 0.7 0.6, w 2): tp and fp; row 1 (y 1 1, p 0.1 0.9, w 3): fn and tp.
        double[] yTrue = [1, 0, 1, 1], yPred = [0.7, 0.6, 0.1, 0.9], w = [2, 3];
        var all = new Precision();
        all.Update<double>(yTrue, yPred, 2, 2, w);
        Assert.Equal((2.0 + 3) / (2 + 3 + 2), all.Result(), 15);   // tp = 2 + 3, fp = 2
        var column = new Recall(classId: 0);
        column.Update<double>(yTrue, yPred, 2, 2, w);
        Assert.Equal(2.0 / (2 + 3), column.Result(), 15);           // column 0: tp 2, fn 3
    }

    [Fact]
    public void Auc_WeighsTheConfusionCountsAtEveryThreshold()
    {
        // numThresholds 3: thresholds (−ε, 0.5, 1 + ε). Targets (0, 0, 1, 1), predictions (0, 0.5, 0.3, 0.9),
        // weights (1, 2, 3, 4): at −ε every row is positive, tp = 7, fp = 3; at 0.5 only 0.9, tp = 4, fp = 0; at
        // 1 + ε none. TPR (1, 4/7, 0), FPR (1, 0, 0): the trapezoids give (1 − 0) · (1 + 4/7) / 2 = 11/14 (0.75 unweighted).
        var auc = new Auc(numThresholds: 3);
        auc.Update<double>([0, 0, 1, 1], [0, 0.5, 0.3, 0.9], 4, 1, [1, 2, 3, 4]);
        Assert.Equal(11.0 / 14, auc.Result(), 12);
    }

    [Fact]
    public void F1Score_MultipliesEachTermByTheWeight()
    {
        // Threshold 0.5; rows (y; p; w): (1 0; 0.9 0.2; 2), (0 1; 0.6 0.7; 1), (1 1; 0.3 0.8; 0.5). Predicted: (1 0),
        // (1 1), (0 1). Class 0: tp 2, fp 1, fn 0.5. Class 1: tp 1 + 0.5, fp 0, fn 0. Keras's result() per class.
        static double Score(double tp, double fp, double fn)
        {
            const double Epsilon = 1e-7;
            double precision = tp / (tp + fp + Epsilon), recall = tp / (tp + fn + Epsilon);
            return 2 * precision * recall / (precision + recall + Epsilon);
        }
        var f1 = new F1Score(threshold: 0.5);
        f1.Update<double>([1, 0, 0, 1, 1, 1], [0.9, 0.2, 0.6, 0.7, 0.3, 0.8], 3, 2, [2, 1, 0.5]);
        Assert.Equal(Score(2, 1, 0.5), f1.ClassResults[0], 12);
        Assert.Equal(Score(1.5, 0, 0), f1.ClassResults[1], 12);
        Assert.Equal((Score(2, 1, 0.5) + Score(1.5, 0, 0)) / 2, f1.Result(), 12);
        Assert.Equal(8.0 / 11, f1.ClassResults[0], 6);   // without ε: P = 2/3, R = 0.8
    }

    [Fact]
    public void R2Score_WeighsTheSums_AndCountsNonzeroWeightRowsForTheAdjustedScore()
    {
        // Keras's example rows y (1, 4, 3), ŷ (2, 4, 4) weighted (1, 2, 3): Σw = 6, Σwy = 18, mean 3, Σwy² = 60,
        // total 60 − 18 · 3 = 6, residual 1 + 0 + 3 = 4: R² = 1 − 4/6 = 1/3 (unweighted: 0.5714). A fourth row of weight
        // 0 changes nothing but is not one of the adjusted score's n = 3 rows: with one regressor,
        // 1 − (1 − 1/3) · (3 − 1) / (3 − 1 − 1) = −1/3.
        double[] yTrue = [1, 4, 3, 100], yPred = [2, 4, 4, -50], w = [1, 2, 3, 0];
        var plain = new R2Score();
        plain.Update<double>(yTrue, yPred, 4, 1, w);
        Assert.Equal(1.0 / 3, plain.Result(), 12);
        var adjusted = new R2Score(numRegressors: 1);
        adjusted.Update<double>(yTrue, yPred, 4, 1, w);
        Assert.Equal(-1.0 / 3, adjusted.Result(), 12);
    }

    [Fact]
    public void ZeroTotalWeight_GivesKerasEmptyValues()
    {
        // divide_no_nan makes a mean, a ratio and an area 0; R2's mean is 0 / 0, so NaN.
        double[] yTrue = [1, 0], yPred = [0.9, 0.2], zero = [0, 0];
        Metric[] zeroes = [new BinaryAccuracy(), new MeanSquaredError(), new RootMeanSquaredError(), new Precision(), new Recall(), new Auc(), new TruePositives()];
        foreach (Metric metric in zeroes)
        {
            metric.Update<double>(yTrue, yPred, 2, 1, zero);
            Assert.Equal(0, metric.Result());
        }
        var r2 = new R2Score();
        r2.Update<double>(yTrue, yPred, 2, 1, zero);
        Assert.True(double.IsNaN(r2.Result()));
    }

    [Fact]
    public void WeightedAndUnweightedUpdates_Accumulate_Together()
    {
        // An unweighted update is one of weights 1: a mean over both is Σ w·v / Σ w with w = 1 for the first batch.
        var metric = new MeanAbsoluteError();
        metric.Update<double>([0, 0], [1, 3], 2, 1);          // values 1, 3
        metric.Update<double>([0, 0], [2, 4], 2, 1, [3, 0]);  // values 2 (w 3), 4 (w 0)
        Assert.Equal((1 + 3 + 3 * 2.0) / 5, metric.Result(), 15);
    }

    [Fact]
    public void TooFewWeights_AreRefused()
    {
        var metric = new MeanAbsoluteError();
        Assert.Throws<ArgumentException>("sampleWeight", () => metric.Update<double>([0, 0], [1, 3], 2, 1, [1]));
        var sparse = new SparseCategoricalAccuracy();
        Assert.Throws<ArgumentException>("sampleWeight", () => sparse.UpdateSparse<double>([0, 1], [0.2, 0.8, 0.6, 0.4], 2, 2, [1]));
    }

    [Fact]
    public void AMetricThatDoesNotWeighRows_RefusesWeights_ButTakesNone()
    {
        var metric = new UnweightedOnly();
        Assert.False(metric.SupportsSampleWeight);
        Assert.Throws<NotSupportedException>(() => metric.Update<double>([0], [1], 1, 1, [2]));
        metric.Update<double>([0], [1], 1, 1, []);
        Assert.Equal(1, metric.Result());
    }

    /// <summary>A user's metric written before weights existed: it overrides only the unweighted core.</summary>
    private sealed class UnweightedOnly() : Metric("unweighted_only")
    {
        private int _rows;

        public override void Reset() => _rows = 0;

        public override double Result() => _rows;

        protected override void UpdateCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs) => _rows += rows;
    }
}
