using FastDense.Data;
using FastDense.Tests.Models;

namespace FastDense.Tests.Training;

/// <summary>
/// Keras's <c>weighted_metrics</c> in <c>Fit</c> and <c>Evaluate</c>: keras/src/trainers/compile_utils.py
/// (<c>CompileMetrics.update_state</c> gives the sample weights to the weighted metrics only; <c>result</c> keys a
/// weighted metric by its name, or <c>weighted_</c> + its name when an unweighted metric has it), and
/// keras/src/backend/tensorflow/trainer.py (<c>fit</c> validates with <c>evaluate(sample_weight=val_sample_weight)</c>;
/// <c>class_weight</c> weighs only the training rows).
/// </summary>
public class WeightedMetricsFitTests
{
    private const int Inputs = 5, Classes = 4;

    /// <summary>Rows of SoftmaxNet64: inputs in (−1, 1) and one-hot targets over 4 classes.</summary>
    private static (double[] X, double[] Y) Rows(int rows, int seed)
    {
        var random = new Random(seed);
        double[] x = Enumerable.Range(0, rows * Inputs).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        var y = new double[rows * Classes];
        for (int r = 0; r < rows; r++) y[r * Classes + random.Next(Classes)] = 1;
        return (x, y);
    }

    private static double[] Weights(int rows, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, rows).Select(_ => Math.Round(3 * random.NextDouble(), 2)).ToArray();
    }

    private static int ArgMax(ReadOnlySpan<double> row)
    {
        int best = 0;
        for (int i = 1; i < row.Length; i++) if (row[i] > row[best]) best = i;
        return best;
    }

    /// <summary>Σ w·[argmax p = argmax y] / Σ w and Σ w·mean|p − y| / Σ w, from the model's predictions.</summary>
    private static (double Accuracy, double MeanAbsoluteError) WeightedByHand(SoftmaxNet64 model, double[] x, double[] y, double[] w)
    {
        double[] p = model.Predict(x);
        double matches = 0, errors = 0, weights = 0;
        for (int r = 0; r < w.Length; r++)
        {
            ReadOnlySpan<double> pr = p.AsSpan(r * Classes, Classes), yr = y.AsSpan(r * Classes, Classes);
            double error = 0;
            for (int c = 0; c < Classes; c++) error += Math.Abs(pr[c] - yr[c]);
            matches += w[r] * (ArgMax(pr) == ArgMax(yr) ? 1 : 0);
            errors += w[r] * error / Classes;
            weights += w[r];
        }
        return (matches / weights, errors / weights);
    }

    [Fact]
    public void Evaluate_WeighsTheWeightedMetrics_AndKeysThemAsKeras()
    {
        (double[] x, double[] y) = Rows(50, seed: 1);
        double[] w = Weights(50, seed: 2);
        var model = new SoftmaxNet64(seed: 3);
        EvaluationResult result = model.Evaluate(x, y, batchSize: 16, metrics: [new Accuracy()], sampleWeight: w,
            weightedMetrics: [new Accuracy(), new MeanAbsoluteError()]);
        (double accuracy, double meanAbsoluteError) = WeightedByHand(model, x, y, w);

        Assert.Equal(["accuracy", "weighted_accuracy", "mean_absolute_error"], result.Metrics.Keys);
        Assert.Equal(accuracy, result["weighted_accuracy"], 12);
        Assert.Equal(meanAbsoluteError, result["mean_absolute_error"], 12);
        // The unweighted accuracy is the plain one, and differs from the weighted one on these weights.
        Assert.Equal(model.Evaluate(x, y, metrics: [new Accuracy()]).Accuracy, result.Accuracy);
        Assert.NotEqual(result["accuracy"], result["weighted_accuracy"]);
    }

    [Fact]
    public void Evaluate_OnClassIndices_WeighsTheSparseMetrics()
    {
        // Sparse categorical cross-entropy: the weighted metrics read class indices, row r weighing w[r].
        Dataset digits = Datasets.LoadDigits();
        int[] labels = digits.Labels();
        float[] w = Enumerable.Range(0, labels.Length).Select(i => (float)(i % 4) / 2).ToArray();
        var model = new SparseDigitsNet();
        model.Fit(digits.Features, labels, new FitOptions { Epochs = 1, Verbose = 0 });
        float[] p = model.Predict(digits.Features);
        double matches = 0, topThree = 0, weights = 0;
        for (int r = 0; r < labels.Length; r++)
        {
            ReadOnlySpan<float> row = p.AsSpan(r * 10, 10);
            int above = 0, best = 0;
            for (int c = 0; c < 10; c++)
            {
                if (row[c] > row[labels[r]]) above++;
                if (row[c] > row[best]) best = c;
            }
            matches += w[r] * (best == labels[r] ? 1 : 0);
            topThree += w[r] * (above < 3 ? 1 : 0);
            weights += w[r];
        }
        EvaluationResult result = model.Evaluate(digits.Features, labels, metrics: [new Accuracy()], sampleWeight: w,
            weightedMetrics: [new Accuracy(), new SparseCategoricalAccuracy(), new SparseTopKCategoricalAccuracy(k: 3)]);
        Assert.Equal(matches / weights, result["weighted_accuracy"], 12);
        Assert.Equal(matches / weights, result["sparse_categorical_accuracy"], 12);
        Assert.Equal(topThree / weights, result["sparse_top_k_categorical_accuracy"], 12);
    }

    [Fact]
    public void Evaluate_WithoutWeights_WeightedMetricsEqualTheUnweighted()
    {
        (double[] x, double[] y) = Rows(50, seed: 4);
        var model = new SoftmaxNet64(seed: 5);
        EvaluationResult result = model.Evaluate(x, y, metrics: [new Accuracy(), new Precision()], weightedMetrics: [new Accuracy(), new Precision()]);
        Assert.Equal(result["accuracy"], result["weighted_accuracy"]);
        Assert.Equal(result["precision"], result["weighted_precision"]);
    }

    [Fact]
    public void AWeightedMetricWithoutAnUnweightedTwin_KeepsItsName()
    {
        (double[] x, double[] y) = Rows(20, seed: 6);
        var model = new SoftmaxNet64(seed: 7);
        EvaluationResult result = model.Evaluate(x, y, metrics: [], sampleWeight: Weights(20, seed: 8), weightedMetrics: [new Accuracy()]);
        Assert.Equal(["accuracy"], result.Metrics.Keys);

        History history = new SoftmaxNet64(seed: 7).Fit(x, y, new FitOptions { Epochs = 1, Verbose = 0, Metrics = [], WeightedMetrics = [new Accuracy()] });
        Assert.Equal(["loss", "accuracy"], history.Keys);
    }

    [Fact]
    public void Fit_KeysTheWeightedMetricsAfterTheMetrics_ForTrainingAndValidation()
    {
        (double[] x, double[] y) = Rows(40, seed: 9);
        History history = new SoftmaxNet64(seed: 1).Fit(x, y, new FitOptions
        {
            Epochs = 2, Verbose = 0, ValidationSplit = 0.25,
            Metrics = [new Accuracy(), new MeanAbsoluteError()],
            WeightedMetrics = [new Accuracy(), new Recall()],
        }, sampleWeight: Weights(40, seed: 10));
        Assert.Equal(
            ["loss", "accuracy", "mean_absolute_error", "weighted_accuracy", "recall",
             "val_loss", "val_accuracy", "val_mean_absolute_error", "val_weighted_accuracy", "val_recall"],
            history.Keys);
        Assert.All(history.Keys, key => Assert.Equal(2, history[key].Count));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Fit_TrainingPass_WeighsEachBatchsRows(int threads)
    {
        // An SGD step of 1e-300 moves no weight by more than about 1e-300, so every batch is scored by the initial
        // model: the epoch's weighted accuracy is the weighted accuracy of the initial model over the training rows,
        // however the rows were shuffled and split (batches of 128 over two threads: shards of 64).
        (double[] x, double[] y) = Rows(300, seed: 11);
        double[] w = Weights(300, seed: 12);
        var model = new SoftmaxNet64(seed: 2) { Optimizer = new Sgd(learningRate: 1e-300) };
        (double accuracy, double meanAbsoluteError) = WeightedByHand(model, x, y, w);
        History history = model.Fit(x, y, new FitOptions
        {
            Epochs = 1, BatchSize = 128, Threads = threads, Verbose = 0,
            WeightedMetrics = [new Accuracy(), new MeanAbsoluteError()],
        }, sampleWeight: w);
        Assert.Equal(accuracy, history["weighted_accuracy"][0], 12);
        Assert.Equal(meanAbsoluteError, history["mean_absolute_error"][0], 9);
        Assert.NotEqual(history["accuracy"][0], history["weighted_accuracy"][0]);
    }

    [Fact]
    public void Fit_ValidatesWithTheValidationRowsWeights()
    {
        (double[] x, double[] y) = Rows(60, seed: 13);
        (double[] vx, double[] vy) = Rows(30, seed: 14);
        double[] vw = Weights(30, seed: 15);
        var model = new SoftmaxNet64(seed: 3);
        History history = model.Fit(x, y, new FitOptions { Epochs = 1, BatchSize = 16, Verbose = 0, WeightedMetrics = [new Accuracy(), new Auc()] },
            (vx, vy), validationSampleWeight: vw);
        EvaluationResult expected = model.Evaluate(vx, vy, batchSize: 16, metrics: [], sampleWeight: vw, weightedMetrics: [new Accuracy(), new Auc()]);
        Assert.Equal(WeightedByHand(model, vx, vy, vw).Accuracy, history["val_weighted_accuracy"][0], 12);
        Assert.Equal(expected["auc"], history["val_auc"][0], 12);
        Assert.NotEqual(history["val_accuracy"][0], history["val_weighted_accuracy"][0]);
    }

    [Fact]
    public void Fit_ValidationSplit_ValidatesWithTheSplitsWeights()
    {
        (double[] x, double[] y) = Rows(40, seed: 16);
        double[] w = Weights(40, seed: 17);
        var model = new SoftmaxNet64(seed: 4);
        History history = model.Fit(x, y, new FitOptions { Epochs = 1, BatchSize = 8, ValidationSplit = 0.25, Verbose = 0, WeightedMetrics = [new Accuracy()] }, sampleWeight: w);
        Assert.Equal(WeightedByHand(model, x[(30 * Inputs)..], y[(30 * Classes)..], w[30..]).Accuracy, history["val_weighted_accuracy"][0], 12);
    }

    [Fact]
    public void Fit_ClassWeights_WeighTheTrainingPass_NotTheValidation()
    {
        // Keras's class_weight becomes the training rows' sample weights, which the weighted metrics receive; the
        // validation rows have none, so there the weighted metrics equal the unweighted ones.
        (double[] x, double[] y) = Rows(200, seed: 18);
        var classWeight = new Dictionary<int, double> { [0] = 3, [2] = 0.25 };
        double[] w = Enumerable.Range(0, 150).Select(r => classWeight.GetValueOrDefault(ArgMax(y.AsSpan(r * Classes, Classes)), 1.0)).ToArray();
        var model = new SoftmaxNet64(seed: 5) { Optimizer = new Sgd(learningRate: 1e-300) };
        double expected = WeightedByHand(model, x[..(150 * Inputs)], y[..(150 * Classes)], w).Accuracy;
        History history = model.Fit(x, y, new FitOptions
        {
            Epochs = 1, BatchSize = 32, ValidationSplit = 0.25, Verbose = 0, ClassWeight = classWeight,
            Metrics = [new Accuracy()], WeightedMetrics = [new Accuracy()],
        });
        Assert.Equal(expected, history["weighted_accuracy"][0], 12);
        Assert.NotEqual(history["accuracy"][0], history["weighted_accuracy"][0]);
        Assert.Equal(history["val_accuracy"][0], history["val_weighted_accuracy"][0]);
    }

    [Fact]
    public void Fit_WithoutWeights_WeightedMetricsEqualTheUnweighted()
    {
        (double[] x, double[] y) = Rows(80, seed: 19);
        History history = new SoftmaxNet64(seed: 6).Fit(x, y, new FitOptions
        {
            Epochs = 3, BatchSize = 16, ValidationSplit = 0.25, Verbose = 0,
            Metrics = [new Accuracy(), new RootMeanSquaredError()], WeightedMetrics = [new Accuracy(), new RootMeanSquaredError()],
        });
        Assert.Equal(history["accuracy"], history["weighted_accuracy"]);
        Assert.Equal(history["val_accuracy"], history["val_weighted_accuracy"]);
        for (int e = 0; e < 3; e++)
        {
            Assert.Equal(history["root_mean_squared_error"][e], history["weighted_root_mean_squared_error"][e], 14);
            Assert.Equal(history["val_root_mean_squared_error"][e], history["val_weighted_root_mean_squared_error"][e], 14);
        }
    }

    [Fact]
    public void ProgressLine_PrintsTheWeightedMetrics()
    {
        (double[] x, double[] y) = Rows(40, seed: 20);
        var output = new StringWriter();
        new SoftmaxNet64(seed: 7).Fit(x, y, new FitOptions
        {
            Epochs = 1, Verbose = Verbosity.OneLinePerEpoch, Output = output, ValidationSplit = 0.25,
            Metrics = [new Accuracy()], WeightedMetrics = [new Accuracy()],
        }, sampleWeight: Weights(40, seed: 21));
        string text = output.ToString();
        Assert.Contains(" - weighted_accuracy: ", text);
        Assert.Contains(" - val_weighted_accuracy: ", text);
        Assert.True(text.IndexOf(" - accuracy: ", StringComparison.Ordinal) < text.IndexOf(" - weighted_accuracy: ", StringComparison.Ordinal));
    }

    [Fact]
    public void EarlyStopping_ResolvesAWeightedMetricsDirection_ByItsName()
    {
        // Keras's _set_monitor_op searches model.metrics, which holds the weighted metrics too, by their names.
        (double[] x, double[] y) = Rows(40, seed: 22);
        var stop = new EarlyStopping(monitor: "val_auc", patience: 5);
        History history = new SoftmaxNet64(seed: 8).Fit(x, y, new FitOptions
        {
            Epochs = 2, Verbose = 0, ValidationSplit = 0.25, Metrics = [], WeightedMetrics = [new Auc()], Callbacks = [stop],
        }, sampleWeight: Weights(40, seed: 23));
        Assert.Equal(2, history.Epochs);
    }

    [Fact]
    public void BadWeightedMetrics_AreRefusedBeforeTraining()
    {
        (double[] x, double[] y) = Rows(20, seed: 24);
        var model = new SoftmaxNet64(seed: 9);
        double[] before = model.Parameters.ToArray();
        var shared = new Accuracy();
        History Fit(IReadOnlyList<Metric> metrics, IReadOnlyList<Metric> weighted)
            => model.Fit(x, y, new FitOptions { Verbose = 0, Metrics = metrics, WeightedMetrics = weighted });

        Assert.Throws<ArgumentException>("options", () => Fit([shared], [shared]));
        Assert.Throws<ArgumentException>("options", () => Fit([], [new Accuracy(), new CategoricalAccuracy("accuracy")]));
        // accuracy in both lists is keyed weighted_accuracy, which a second weighted metric already takes.
        Assert.Throws<ArgumentException>("options", () => Fit([new Accuracy()], [new Accuracy(), new CategoricalAccuracy("weighted_accuracy")]));
        Assert.Throws<ArgumentException>("options", () => Fit([], [null!]));
        Assert.Throws<ArgumentException>("options", () => Fit([], [new SparseCategoricalAccuracy()]));
        Assert.Throws<NotSupportedException>(() => Fit([], [new UnweightedOnly()]));
        Assert.Throws<ArgumentException>("weightedMetrics", () => model.Evaluate(x, y, metrics: [shared], weightedMetrics: [shared]));
        Assert.Equal(before, model.Parameters.ToArray());
    }

    /// <summary>A metric that does not weigh rows.</summary>
    private sealed class UnweightedOnly() : Metric("unweighted_only")
    {
        public override void Reset()
        {
        }

        public override double Result() => 0;

        protected override void UpdateCore<T>(ReadOnlySpan<T> yTrue, ReadOnlySpan<T> yPred, int rows, int outputs)
        {
        }
    }

    [Fact]
    public void DeclaredWeightedMetrics_AreReported_KeyedAsKeras_WeightedByTheRows()
    {
        // [Model(WeightedMetrics = …)]: Keras's compile(weighted_metrics=...); accuracy in both lists gives
        // accuracy and weighted_accuracy (keras/src/trainers/compile_utils.py, CompileMetrics.result).
        Dataset digits = Datasets.LoadDigits();
        float[] x = digits.Features[..(200 * 64)], y = OneHot.Encode(digits.Labels()[..200], 10);
        float[] w = Enumerable.Range(0, 200).Select(i => i < 100 ? 3f : 0f).ToArray();
        var model = new DeclaredWeightedMetricsNet(seed: 1);
        Assert.Equal(["accuracy", "categorical_accuracy"], model.Description.WeightedMetrics);
        EvaluationResult result = model.Evaluate(x, y, sampleWeight: w);
        Assert.Equal(["accuracy", "weighted_accuracy", "categorical_accuracy"], result.Metrics.Keys);
        // Only the first 100 rows weigh: the weighted accuracy is theirs.
        Assert.Equal(model.Evaluate(x[..(100 * 64)], y[..1000]).Accuracy!.Value, result["weighted_accuracy"], 1e-12);
        Assert.Equal(result["weighted_accuracy"], result["categorical_accuracy"], 1e-12);
        History history = model.Fit(x, y, new FitOptions { Epochs = 1, Verbose = 0 }, sampleWeight: w);
        Assert.True(history.Contains("weighted_accuracy") && history.Contains("categorical_accuracy"));
        // Given ones replace the declared; an empty list reports none.
        Assert.Equal(["accuracy"], model.Evaluate(x, y, weightedMetrics: []).Metrics.Keys);
    }
}
