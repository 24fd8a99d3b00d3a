using FastDense.Data;
using FastDense.Tests.Models;

namespace FastDense.Tests.Metrics;

/// <summary>
/// The base metrics against values written here from Keras's formulas: keras/src/metrics/accuracy_metrics.py
/// (binary_accuracy: mean over the last axis of y_true == (y_pred > threshold); categorical_accuracy: argmax equality),
/// regression_metrics.py (MeanAbsoluteError, MeanSquaredError: per-row means; RootMeanSquaredError: the root of the
/// mean of every squared error), confusion_metrics.py (Precision tp/(tp+fp), Recall tp/(tp+fn), divide_no_nan).
/// </summary>
public class MetricTests
{
    [Fact]
    public void CategoricalAccuracy_CountsArgmaxMatches_FirstOnTies()
    {
        // Row 0: argmax 1 = 1; row 1: argmax 0 vs 2; row 2: tie 0.4/0.4 -> 0 = 0.
        float[] y = [0, 1, 0, 1, 0, 0, 1, 0, 0];
        float[] p = [0.2f, 0.7f, 0.1f, 0.1f, 0.3f, 0.6f, 0.4f, 0.4f, 0.2f];
        var metric = new CategoricalAccuracy();
        metric.Update<float>(y, p, 3, 3);
        Assert.Equal(2.0 / 3, metric.Result(), 12);
        Assert.Equal("categorical_accuracy", metric.Name);
    }

    [Fact]
    public void BinaryAccuracy_ThresholdsThePrediction_AndComparesWithTheTarget()
    {
        // Two rows of two outputs: (1, 0) vs (0.7 -> 1, 0.5 -> 0): both match; (0, 1) vs (0.6 -> 1, 0.2 -> 0): none.
        double[] y = [1, 0, 0, 1];
        double[] p = [0.7, 0.5, 0.6, 0.2];
        var metric = new BinaryAccuracy();
        metric.Update<double>(y, p, 2, 2);
        Assert.Equal(0.5, metric.Result(), 12);
        var strict = new BinaryAccuracy(threshold: 0.65);
        strict.Update<double>(y, p, 2, 2);
        Assert.Equal((1.0 + 0.5) / 2, strict.Result(), 12);   // row 1: 0.6 -> 0 matches the 0, 0.2 -> 0 does not match 1
    }

    [Fact]
    public void Accuracy_IsBinaryForOneOutput_AndCategoricalForSeveral()
    {
        var one = new Accuracy();
        one.Update<float>([1, 0, 1], [0.9f, 0.6f, 0.2f], 3, 1);
        Assert.Equal(1.0 / 3, one.Result(), 12);
        var several = new Accuracy();
        several.Update<float>([0, 1, 1, 0], [0.3f, 0.7f, 0.8f, 0.2f], 2, 2);
        Assert.Equal(1.0, several.Result(), 12);
    }

    [Fact]
    public void RegressionMetrics_MatchTheirFormulas()
    {
        double[] y = [1, 2, 3, 4, 5, 6];
        double[] p = [1.5, 2, 2, 4, 8, 6];    // errors 0.5, 0, -1, 0, 3, 0 over 3 rows of 2
        var mae = new MeanAbsoluteError();
        var mse = new MeanSquaredError();
        var rmse = new RootMeanSquaredError();
        foreach (Metric metric in new Metric[] { mae, mse, rmse }) metric.Update<double>(y, p, 3, 2);
        Assert.Equal(((0.5 + 0) / 2 + (1 + 0) / 2.0 + (3 + 0) / 2.0) / 3, mae.Result(), 12);
        Assert.Equal(((0.25 + 0) / 2 + (1 + 0) / 2.0 + (9 + 0) / 2.0) / 3, mse.Result(), 12);
        Assert.Equal(Math.Sqrt((0.25 + 1 + 9) / 6), rmse.Result(), 12);
    }

    [Fact]
    public void RootMeanSquaredError_IsTheRootOfTheRunningMean_NotAMeanOfRoots()
    {
        var rmse = new RootMeanSquaredError();
        rmse.Update<double>([0, 0], [1, 1], 2, 1);
        rmse.Update<double>([0, 0], [3, 3], 2, 1);
        Assert.Equal(Math.Sqrt((1 + 1 + 9 + 9) / 4.0), rmse.Result(), 12);
    }

    [Fact]
    public void PrecisionAndRecall_CountEveryOutput_OrOneClass()
    {
        // outputs > 0.5 are positive; targets non-zero are positive.
        float[] y = [1, 0, 1, 1, 0, 0];
        float[] p = [0.9f, 0.8f, 0.2f, 0.6f, 0.4f, 0.51f];   // tp: 0, 3; fp: 1, 5; fn: 2
        var precision = new Precision();
        var recall = new Recall();
        precision.Update<float>(y, p, 3, 2);
        recall.Update<float>(y, p, 3, 2);
        Assert.Equal(2.0 / 4, precision.Result(), 12);
        Assert.Equal(2.0 / 3, recall.Result(), 12);

        var column0 = new Precision(classId: 0);   // column 0: y 1, 1, 0; p 0.9, 0.2, 0.4 -> tp 1, fp 0
        column0.Update<float>(y, p, 3, 2);
        Assert.Equal(1.0, column0.Result(), 12);
        Assert.Equal(0.0, new Recall().Result());    // divide_no_nan before any update
    }

    [Fact]
    public void State_AccumulatesOverUpdates_AndResets()
    {
        float[] y = [0, 1, 1, 0, 0, 1, 1, 0];
        float[] p = [0.4f, 0.6f, 0.3f, 0.7f, 0.1f, 0.9f, 0.8f, 0.2f];
        foreach (Func<Metric> create in new Func<Metric>[] { () => new Accuracy(), () => new MeanSquaredError(), () => new RootMeanSquaredError(), () => new Precision(), () => new Recall() })
        {
            Metric whole = create(), parts = create();
            whole.Update<float>(y, p, 4, 2);
            parts.Update<float>(y.AsSpan(0, 2), p.AsSpan(0, 2), 1, 2);
            parts.Update<float>(y.AsSpan(2), p.AsSpan(2), 3, 2);
            Assert.Equal(whole.Result(), parts.Result(), 12);
            parts.Reset();
            parts.Update<float>(y, p, 4, 2);
            Assert.Equal(whole.Result(), parts.Result(), 12);
        }
    }

    [Fact]
    public void BadArguments_AreRefused()
    {
        var metric = new Accuracy();
        var error = Assert.Throws<ArgumentException>(() => metric.Update<float>(new float[5], new float[6], 3, 2));
        Assert.Equal("yTrue", error.ParamName);
        Assert.Contains("yTrue has 5 values; 3 rows of 2 need 6.", error.Message);
        Assert.Throws<ArgumentException>(() => new MeanAbsoluteError("loss"));
        Assert.Throws<ArgumentException>(() => new MeanAbsoluteError("val_mae"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Precision(threshold: 1.5));
        var unknown = Assert.Throws<ArgumentException>(() => Metric.FromName("f1"));
        Assert.StartsWith("'f1' is not a metric FastDense knows; known names: accuracy, acc,", unknown.Message);
        Assert.Equal("mae", Metric.FromName("mae").Name);
    }

    [Fact]
    public void Fit_ReportsEachMetric_ByName_WithValidation()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var model = new DigitsNet();
        var output = new StringWriter();
        History history = model.Fit(digits.Features, y, new FitOptions
        {
            Epochs = 2, ValidationSplit = 0.2, Verbose = Verbosity.OneLinePerEpoch, Output = output,
            Metrics = [new CategoricalAccuracy(), new Precision(), Metric.FromName("mse")],
        });
        Assert.Equal(["loss", "categorical_accuracy", "precision", "mse", "val_loss", "val_categorical_accuracy", "val_precision", "val_mse"], history.Keys);
        Assert.Matches(@"loss: \d\.\d{4} - categorical_accuracy: \d\.\d{4} - precision: \d\.\d{4} - mse: \d\.\d{4} - val_loss: \d\.\d{4} - val_categorical_accuracy: \d\.\d{4} - val_precision: \d\.\d{4} - val_mse: \d\.\d{4}", output.ToString());

        // The validation values are Evaluate's on the validation rows, with the same metrics.
        int trainRows = (int)Math.Floor(digits.Rows * 0.8);
        EvaluationResult evaluation = model.Evaluate(digits.Features[(trainRows * 64)..], y[(trainRows * 10)..],
            metrics: [new CategoricalAccuracy(), new Precision(), Metric.FromName("mse")]);
        Assert.Equal(history["val_loss"][^1], evaluation.Loss, 10);
        Assert.Equal(history["val_precision"][^1], evaluation["precision"], 12);
        Assert.Equal(history["val_mse"][^1], evaluation.Metrics["mse"], 12);
    }

    [Fact]
    public void Accuracy_TakenFromTheFusedScore_IsCategoricalAccuracy()
    {
        // Under categorical cross-entropy the trainer's fused score counts accuracy; it must be Keras's definition.
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        History history = new DigitsNet().Fit(digits.Features, y, new FitOptions
        {
            Epochs = 3, ValidationSplit = 0.2, Verbose = 0, Metrics = [new Accuracy(), new CategoricalAccuracy()],
        });
        Assert.Equal(history["categorical_accuracy"], history["accuracy"]);
        Assert.Equal(history["val_categorical_accuracy"], history["val_accuracy"]);
    }

    [Fact]
    public void Fit_WithTheDefault_ReportsWhatItAlwaysDid()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        History history = new DigitsNet().Fit(digits.Features, y, new FitOptions { Epochs = 1, Verbose = 0 });
        Assert.Equal(["loss", "accuracy"], history.Keys);
        History none = new DigitsNet().Fit(digits.Features, y, new FitOptions { Epochs = 1, Verbose = 0, Metrics = [] });
        Assert.Equal(["loss"], none.Keys);
        Assert.Equal(history.Loss, none.Loss);
    }

    [Fact]
    public void Fit_RefusesDuplicateNames_NullEntries_AndMisfits()
    {
        float[] x = new float[4 * 64], y = OneHot.Encode([0, 1, 2, 3], 10);
        var model = new DigitsNet();
        var duplicate = Assert.Throws<ArgumentException>(() => model.Fit(x, y, new FitOptions { Verbose = 0, Metrics = [new Accuracy(), new Accuracy()] }));
        Assert.Equal("options", duplicate.ParamName);
        Assert.Contains("Two metrics are named 'accuracy'", duplicate.Message);
        Assert.Throws<ArgumentException>(() => model.Fit(x, y, new FitOptions { Verbose = 0, Metrics = [null!] }));
        var binary = new BinaryNet();
        var misfit = Assert.Throws<ArgumentException>(() => binary.Evaluate(new float[30], [1f], metrics: [new CategoricalAccuracy()]));
        Assert.Equal("metrics", misfit.ParamName);
        Assert.Contains("does not fit this model (BinaryCrossentropy, 1 outputs)", misfit.Message);
    }

    [Fact]
    public void DeclaredMetrics_AreFitsAndEvaluatesDefault_AndFitOptionsOverrideThem()
    {
        Dataset cancer = Datasets.LoadBreastCancer();
        float[] y = cancer.Labels().Select(l => (float)l).ToArray();
        float[] x = Standardize(cancer.Features, cancer.Rows, 30);
        var model = new DeclaredMetricsNet();
        Assert.Equal(["accuracy", "precision", "recall"], model.Description.Metrics);
        History history = model.Fit(x, y, new FitOptions { Epochs = 3, ValidationSplit = 0.2, Verbose = 0 });
        Assert.Equal(["loss", "accuracy", "precision", "recall", "val_loss", "val_accuracy", "val_precision", "val_recall"], history.Keys);
        Assert.True(history["val_precision"][^1] > 0.8, $"val_precision {history["val_precision"][^1]}");
        Assert.Equal(["accuracy", "precision", "recall"], model.Evaluate(x, y).Metrics.Keys);
        History other = new DeclaredMetricsNet().Fit(x, y, new FitOptions { Epochs = 1, Verbose = 0, Metrics = [new Recall()] });
        Assert.Equal(["loss", "recall"], other.Keys);
    }

    private static float[] Standardize(float[] x, int rows, int columns)
    {
        var z = new float[x.Length];
        for (int c = 0; c < columns; c++)
        {
            double mean = 0, square = 0;
            for (int r = 0; r < rows; r++) mean += x[r * columns + c];
            mean /= rows;
            for (int r = 0; r < rows; r++) square += Math.Pow(x[r * columns + c] - mean, 2);
            double deviation = Math.Sqrt(square / rows);
            for (int r = 0; r < rows; r++) z[r * columns + c] = (float)((x[r * columns + c] - mean) / deviation);
        }
        return z;
    }
}
