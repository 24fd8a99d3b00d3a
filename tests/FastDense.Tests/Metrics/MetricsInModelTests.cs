using FastDense.Data;
using FastDense.Tests.Models;

namespace FastDense.Tests.Metrics;

/// <summary>
/// The added metrics where a model uses them: Evaluate updates them batch by batch (and Fit shard by shard) and
/// reports each under its name; the result is the one update on every output would give, whatever the batch size,
/// as Keras accumulates them; a misfit is refused before anything runs.
/// </summary>
public class MetricsInModelTests
{
    private static (float[] X, float[] Y) Problem(int rows, int seed)
    {
        var random = new Random(seed);
        var x = new float[rows * 64];
        for (int i = 0; i < x.Length; i++) x[i] = (float)random.NextDouble();
        int[] labels = Enumerable.Range(0, rows).Select(_ => random.Next(10)).ToArray();
        return (x, OneHot.Encode(labels, 10));
    }

    private static Metric[] ClassifierMetrics() =>
    [
        new Auc(), new Auc(curve: AucCurve.Pr, name: "pr_auc"), new Auc(multiLabel: true, name: "multi_auc"),
        new F1Score(FScoreAverage.Macro), new FBetaScore(FScoreAverage.Weighted, 2.0, name: "f2"),
        new TopKCategoricalAccuracy(3), new TruePositives(0.1), new FalseNegatives(0.1),
        new MeanAbsolutePercentageError(), new MeanSquaredLogarithmicError(), new LogCoshError(), new CosineSimilarity(), new R2Score(),
        new BinaryCrossentropy(), new CategoricalCrossentropy(), new KLDivergence(), new Poisson(), new Hinge(), new SquaredHinge(), new CategoricalHinge(),
        new PrecisionAtRecall(0.5), new RecallAtPrecision(0.5), new SensitivityAtSpecificity(0.5), new SpecificityAtSensitivity(0.5),
        new OneHotMeanIoU(10), new OneHotIoU(10, [0, 3]), new BinaryIoU(),
    ];

    [Fact]
    public void Evaluate_ReportsEachMetric_AsOneUpdateOnThePredictionsWould()
    {
        (float[] x, float[] y) = Problem(rows: 53, seed: 3);
        var model = new DigitsNet();
        model.Fit(x, y, new FitOptions { Epochs = 3, Verbose = 0, Metrics = [new Auc()] }); // away from uniform outputs
        float[] predictions = model.Predict(x);

        EvaluationResult small = model.Evaluate(x, y, batchSize: 5, metrics: ClassifierMetrics());
        EvaluationResult large = model.Evaluate(x, y, batchSize: 64, metrics: ClassifierMetrics());
        Metric[] reference = ClassifierMetrics();
        Assert.Equal(reference.Select(m => m.Name), small.Metrics.Keys);
        foreach (Metric metric in reference)
        {
            metric.Update<float>(y, predictions, 53, 10);
            // AUC and the counts move only if a prediction's last bits cross a threshold between the two forward paths.
            double tolerance = metric is Auc ? 1e-4 : 1e-6 * Math.Max(1, Math.Abs(metric.Result()));
            Assert.Equal(metric.Result(), small[metric.Name], tolerance);
            Assert.Equal(metric.Result(), large[metric.Name], tolerance);
        }
    }

    [Fact]
    public void Fit_RecordsTheMetrics_AndTheirValidationValues()
    {
        Dataset cancer = Datasets.LoadBreastCancer();
        var model = new BinaryNet();
        History history = model.Fit(cancer.Features, cancer.Targets, new FitOptions
        {
            Epochs = 2,
            ValidationSplit = 0.2,
            Verbose = 0,
            Metrics = [new Auc(), new F1Score(threshold: 0.5), new FalsePositives()],
        });
        Assert.Equal(["loss", "auc", "f1_score", "false_positives", "val_loss", "val_auc", "val_f1_score", "val_false_positives"], history.Keys);
        Assert.All(history["val_auc"], v => Assert.InRange(v, 0, 1));
    }

    [Fact]
    public void Misfits_AreRefused_BeforeAnythingRuns()
    {
        (float[] x, float[] y) = Problem(rows: 8, seed: 4);
        Dataset cancer = Datasets.LoadBreastCancer();
        var binary = new BinaryNet();
        Assert.Throws<ArgumentException>(() => binary.Evaluate(cancer.Features, cancer.Targets, metrics: [new TopKCategoricalAccuracy()]));
        Assert.Throws<ArgumentException>(() => binary.Evaluate(cancer.Features, cancer.Targets, metrics: [new F1Score()]));
        Assert.Throws<ArgumentException>(() => binary.Evaluate(cancer.Features, cancer.Targets, metrics: [new CosineSimilarity()]));
        Assert.Throws<ArgumentException>(() => new DigitsNet().Evaluate(x, y, metrics: [new Auc(multiLabel: true, numLabels: 3)]));
        _ = new DigitsNet().Evaluate(x, y, metrics: [new TopKCategoricalAccuracy(), new F1Score(), new CosineSimilarity()]);
    }
}
