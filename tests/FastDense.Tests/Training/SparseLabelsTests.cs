using FastDense.Data;
using FastDense.Losses;
using FastDense.Tests.Models;

namespace FastDense.Tests.Training;

/// <summary>
/// Sparse categorical cross-entropy (keras/src/losses/losses.py, <c>sparse_categorical_crossentropy</c>; its TensorFlow
/// form keras/src/backend/tensorflow/nn.py): class-index targets, <c>int[]</c> overloads, the sparse metrics
/// (keras/src/metrics/accuracy_metrics.py), and the refusals.
/// </summary>
public class SparseLabelsTests
{
    private static (float[] X, int[] Labels, float[] OneHot) Digits(int rows)
    {
        Dataset digits = Datasets.LoadDigits();
        int[] labels = digits.Labels()[..rows];
        return (digits.Features[..(rows * 64)], labels, OneHot.Encode(labels, 10));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Fit_OnLabels_TrainsToTheSameBitsAsOneHotRows(int threads)
    {
        // The fused gradient rounds (p - onehot) / rows as categorical cross-entropy rounds (p - y) / rows, the rows are
        // shuffled and split the same way, and accuracy is the same first-argmax rule: the runs must agree exactly.
        (float[] x, int[] labels, float[] oneHot) = Digits(600);
        var options = new FitOptions { Epochs = 3, BatchSize = 64, ValidationSplit = 0.2, Seed = 7, Threads = threads, Verbose = 0 };
        var sparse = new SparseDigitsNet(seed: 3);
        var dense = new DigitsNet(seed: 3);
        History sparseHistory = sparse.Fit(x, labels, options);
        History denseHistory = dense.Fit(x, oneHot, options);

        Assert.Equal(dense.Parameters.ToArray(), sparse.Parameters.ToArray());
        Assert.Equal(denseHistory.Accuracy, sparseHistory.Accuracy);
        Assert.Equal(denseHistory.ValidationAccuracy, sparseHistory.ValidationAccuracy);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            // The reported losses come from different passes (-log q per row against the one-hot rows' fused sum).
            Assert.Equal(denseHistory.Loss[epoch], sparseHistory.Loss[epoch], 1e-6);
            Assert.Equal(denseHistory.ValidationLoss[epoch], sparseHistory.ValidationLoss[epoch], 1e-6);
        }
    }

    [Fact]
    public void Evaluate_OnLabels_IsTheLossOfTheLabelsLogits()
    {
        (float[] x, int[] labels, float[] oneHot) = Digits(100);
        var model = new SparseDigitsNet(seed: 2);
        EvaluationResult result = model.Evaluate(x, labels, batchSize: 32);

        // logsumexp(z) - z_label per row (TensorFlow's sparse_softmax_cross_entropy_with_logits), from the logits
        // recomputed here in double: z = relu(x W0 + b0) W1 + b1.
        float[] p = model.Parameters.ToArray();
        TensorDescription k0 = model.Description.Layers[0].Tensor("kernel"), b0 = model.Description.Layers[0].Tensor("bias");
        TensorDescription k1 = model.Description.Layers[1].Tensor("kernel"), b1 = model.Description.Layers[1].Tensor("bias");
        double total = 0;
        int correct = 0;
        for (int r = 0; r < 100; r++)
        {
            var hidden = new double[64];
            for (int j = 0; j < 64; j++)
            {
                double sum = p[b0.Offset + j];
                for (int i = 0; i < 64; i++) sum += x[r * 64 + i] * (double)p[k0.Offset + i * 64 + j];
                hidden[j] = Math.Max(sum, 0);
            }
            var z = new double[10];
            for (int c = 0; c < 10; c++)
            {
                double sum = p[b1.Offset + c];
                for (int j = 0; j < 64; j++) sum += hidden[j] * p[k1.Offset + j * 10 + c];
                z[c] = sum;
            }
            double max = z.Max();
            total += max + Math.Log(z.Sum(v => Math.Exp(v - max))) - z[labels[r]];
            if (Array.IndexOf(z, max) == labels[r]) correct++;
        }
        Assert.Equal(total / 100, result.Loss, 1e-5);
        Assert.Equal(correct / 100.0, result.Accuracy);
        // The same as the model trained on one-hot rows reports for them.
        var dense = new DigitsNet(seed: 2);
        Assert.Equal(dense.Evaluate(x, oneHot).Loss, result.Loss, 1e-6);
    }

    [Fact]
    public void Targets_AsValuesOfT_OneARow_AreTheSameAsIntLabels()
    {
        (float[] x, int[] labels, _) = Digits(64);
        var model = new SparseDigitsNet(seed: 1);
        Assert.Equal(model.Evaluate(x, labels).Loss, model.Evaluate(x, labels.Select(l => (float)l).ToArray()).Loss);
        Assert.Equal(1, model.Description.TargetWidth);
        Assert.Equal(10, new DigitsNet().Description.TargetWidth);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(-1)]
    public void Fit_LabelOutOfRange_ThrowsNamingTheRow_AndChangesNothing(int bad)
    {
        (float[] x, int[] labels, _) = Digits(40);
        labels[17] = bad;
        var model = new SparseDigitsNet(seed: 1);
        float[] before = model.Parameters.ToArray();
        var error = Assert.Throws<ArgumentException>(() => model.Fit(x, labels, new FitOptions { Epochs = 1, Verbose = 0 }));
        Assert.Equal("labels", error.ParamName);
        Assert.Contains("labels[17]", error.Message);
        Assert.Contains("[0, 10)", error.Message);
        Assert.Equal(before, model.Parameters.ToArray());
    }

    [Fact]
    public void Fit_FractionalLabel_Throws()
    {
        (float[] x, int[] labels, _) = Digits(8);
        float[] y = labels.Select(l => (float)l).ToArray();
        y[3] = 2.5f;
        var error = Assert.Throws<ArgumentException>(() => new SparseDigitsNet().Fit(x, y, new FitOptions { Epochs = 1, Verbose = 0 }));
        Assert.Contains("y[3] is 2.5", error.Message);
    }

    [Fact]
    public void Fit_OneHotRowsForASparseModel_ThrowsSayingOneIndexARow()
    {
        (float[] x, _, float[] oneHot) = Digits(8);
        var error = Assert.Throws<ArgumentException>(() => new SparseDigitsNet().Fit(x, oneHot, new FitOptions { Epochs = 1, Verbose = 0 }));
        Assert.Contains("one class index per row", error.Message);
    }

    [Fact]
    public void IntLabels_ForAModelWithSeveralOutputsAndOneHotTargets_ThrowSayingHowToFixIt()
    {
        (float[] x, int[] labels, _) = Digits(8);
        var error = Assert.Throws<ArgumentException>(() => new DigitsNet().Fit(x, labels));
        Assert.Equal("labels", error.ParamName);
        Assert.Contains("OneHot.Encode(labels, 10)", error.Message);
        Assert.Contains("SparseCategoricalCrossentropy", error.Message);
        Assert.Throws<ArgumentException>(() => new DigitsNet().Evaluate(x, labels));
    }

    [Fact]
    public void IntLabels_ForAModelWithOneOutput_AreItsTargets()
    {
        // Binary cross-entropy's 0/1 labels as ints, as Keras casts them.
        var random = new Random(4);
        float[] x = Enumerable.Range(0, 32 * 30).Select(_ => (float)random.NextDouble()).ToArray();
        int[] labels = Enumerable.Range(0, 32).Select(i => i % 2).ToArray();
        var model = new DeclaredMetricsNet(seed: 1);
        Assert.Equal(model.Evaluate(x, labels.Select(l => (float)l).ToArray()).Loss, model.Evaluate(x, labels).Loss);
    }

    [Fact]
    public void SparseMetrics_InFit_ReportUnderTheirNames()
    {
        (float[] x, int[] labels, _) = Digits(300);
        var model = new SparseDigitsNet(seed: 1);
        History history = model.Fit(x, labels, new FitOptions
        {
            Epochs = 2, BatchSize = 32, ValidationSplit = 0.25, Verbose = 0,
            Metrics = [new SparseCategoricalAccuracy(), new SparseTopKCategoricalAccuracy(k: 3), new Accuracy()],
        });
        Assert.Equal(history["accuracy"], history["sparse_categorical_accuracy"]);
        Assert.Equal(history["val_accuracy"], history["val_sparse_categorical_accuracy"]);
        Assert.All(history["sparse_top_k_categorical_accuracy"].Zip(history["accuracy"]), pair => Assert.True(pair.First >= pair.Second));

        // The last validation values against the metrics' definitions, from Predict.
        float[] validationX = x[(225 * 64)..];
        float[] p = model.Predict(validationX);
        int top1 = 0, top3 = 0;
        for (int r = 0; r < 75; r++)
        {
            float[] row = p[(r * 10)..(r * 10 + 10)];
            int label = labels[225 + r];
            if (Array.IndexOf(row, row.Max()) == label) top1++;
            if (row.Count(v => v > row[label]) < 3) top3++;
        }
        Assert.Equal(top1 / 75.0, history["val_sparse_categorical_accuracy"][^1], 1e-12);
        Assert.Equal(top3 / 75.0, history["val_sparse_top_k_categorical_accuracy"][^1], 1e-12);
    }

    [Fact]
    public void MetricsThatReadShapedTargets_DoNotFitASparseModel_NorTheSparseOnesADenseModel()
    {
        (float[] x, int[] labels, float[] oneHot) = Digits(16);
        var error = Assert.Throws<ArgumentException>(() => new SparseDigitsNet().Evaluate(x, labels, metrics: [new Auc()]));
        Assert.Contains("class indices", error.Message);
        Assert.Throws<ArgumentException>(() => new SparseDigitsNet().Evaluate(x, labels, metrics: [new CategoricalAccuracy()]));
        error = Assert.Throws<ArgumentException>(() => new DigitsNet().Evaluate(x, oneHot, metrics: [new SparseCategoricalAccuracy()]));
        Assert.Contains("sparse_categorical_crossentropy", error.Message);
        Assert.Throws<ArgumentException>(() => new DigitsNet().Evaluate(x, oneHot, metrics: [new SparseTopKCategoricalAccuracy()]));
    }

    [Fact]
    public void SparseCategoricalAccuracy_KerasDocstringExample()
    {
        // keras/src/metrics/accuracy_metrics.py, SparseCategoricalAccuracy: y_true [[2], [1]], y_pred
        // [[0.1, 0.6, 0.3], [0.05, 0.95, 0]] -> 0.5.
        var metric = new SparseCategoricalAccuracy();
        metric.UpdateSparse<float>([2, 1], [0.1f, 0.6f, 0.3f, 0.05f, 0.95f, 0f], rows: 2, outputs: 3);
        Assert.Equal(0.5, metric.Result());
        Assert.Throws<NotSupportedException>(() => metric.Update<float>([0, 0, 1], [0.1f, 0.6f, 0.3f], 1, 3));
    }

    [Fact]
    public void SparseTopKCategoricalAccuracy_KerasDocstringExample_AndTies()
    {
        // keras/src/metrics/accuracy_metrics.py, SparseTopKCategoricalAccuracy(k=1): y_true [2, 1], y_pred
        // [[0.1, 0.9, 0.8], [0.05, 0.95, 0]] -> 0.5.
        var metric = new SparseTopKCategoricalAccuracy(k: 1);
        metric.UpdateSparse<float>([2, 1], [0.1f, 0.9f, 0.8f, 0.05f, 0.95f, 0f], rows: 2, outputs: 3);
        Assert.Equal(0.5, metric.Result());
        // TensorFlow's in_top_k: a class tied at the k-th value is in the top k.
        metric.Reset();
        metric.UpdateSparse<float>([2], [0.5f, 0.5f, 0.5f], rows: 1, outputs: 3);
        Assert.Equal(1, metric.Result());
        Assert.Throws<NotSupportedException>(() => new Auc().UpdateSparse<float>([0], [0.5f, 0.5f], 1, 2));
    }

    [Fact]
    public void Loss_ValueAndTargetWidth_FromTheRegistry()
    {
        // keras/src/losses/losses.py docstring: y_true [1, 2], y_pred [[0.05, 0.95, 0], [0.1, 0.8, 0.1]] -> [0.0513, 2.303];
        // from logits z = log(p) (the second row; the first has a 0 probability, whose logit is -inf).
        LossFunction loss = LossFunction.For(Loss.SparseCategoricalCrossentropy);
        double[] z = [Math.Log(0.1), Math.Log(0.8), Math.Log(0.1)];
        Assert.Equal(-Math.Log(0.1), loss.Sum<double>(z, [2.0], rows: 1, columns: 3), 1e-12);
        Assert.Equal(2.303, loss.Sum<double>(z, [2.0], rows: 1, columns: 3), 3);
        Assert.Equal("sparse_categorical_crossentropy", loss.KerasName);
        Assert.Equal(1, loss.TargetWidth(10));
        Assert.Equal(10, LossFunction.For(Loss.CategoricalCrossentropy).TargetWidth(10));
    }

    [Fact]
    public void TrainTestSplit_OfLabels_TakesTheSameRowsAsTheSplitOfTheirOneHotRows()
    {
        (float[] x, int[] labels, float[] oneHot) = Digits(200);
        var (xTrain, xTest, yTrain, yTest) = TrainTestSplit.Split(x, labels, 200, testSize: 0.3, seed: 5);
        TrainTestSplit<float> dense = TrainTestSplit.Split(x, oneHot, 200, testSize: 0.3, seed: 5);
        Assert.Equal(dense.XTrain, xTrain);
        Assert.Equal(dense.XTest, xTest);
        Assert.Equal(dense.YTrain, OneHot.Encode(yTrain, 10));
        Assert.Equal(dense.YTest, OneHot.Encode(yTest, 10));
        Assert.Equal(60, yTest.Length);
    }
}
