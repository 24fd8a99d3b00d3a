using FastDense.Data;
using FastDense.Tests.Models;

namespace FastDense.Tests.Training;

public class FitTests
{
    private static (float[] X, float[] Y) SmallProblem(int rows, int seed)
    {
        var random = new Random(seed);
        var x = new float[rows * 64];
        for (int i = 0; i < x.Length; i++) x[i] = (float)random.NextDouble();
        int[] labels = Enumerable.Range(0, rows).Select(_ => random.Next(10)).ToArray();
        return (x, OneHot.Encode(labels, 10));
    }

    [Fact]
    public void DigitsLesson_DefaultSeeds_ReachesKerasAccuracy()
    {
        // The lesson: 80 % of the digits to train on, validation_split 0.2, 10 epochs of batch 32, Adam.
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var (xTrain, xTest, yTrain, yTest) = TrainTestSplit.Split(digits.Features, y, digits.Rows, testSize: 0.2, seed: 42);
        var model = new DigitsNet();
        History history = model.Fit(xTrain, yTrain, new FitOptions { Epochs = 10, BatchSize = 32, ValidationSplit = 0.2, Verbose = 0 });

        Assert.Equal(["loss", "accuracy", "val_loss", "val_accuracy"], history.Keys);
        Assert.Equal(10, history.Epochs);
        Assert.True(history.ValidationAccuracy[^1] >= 0.93, $"val_accuracy {history.ValidationAccuracy[^1]:F4} < 0.93");
        Assert.True(history.Loss[^1] < history.Loss[0], "training loss must fall");
        EvaluationResult test = model.Evaluate(xTest, yTest);
        Assert.True(test.Accuracy >= 0.93, $"test accuracy {test.Accuracy:F4} < 0.93");
        // 1437 training rows: Keras trains on floor(1437 · 0.8) = 1149 of them, 36 batches per epoch.
        Assert.Equal(360, xTest.Length / 64);
        Assert.Equal(360, model.Optimizer.Iterations / 10 * 10); // 36 steps × 10 epochs
    }

    [Fact]
    public void ValidationSplit_HoldsOutLastRows_BeforeShuffling()
    {
        (float[] x, float[] y) = SmallProblem(rows: 10, seed: 1);
        // floor(10 · 0.75) = 7 training rows; rows 7, 8, 9 are validation.
        var split = new DigitsNet(seed: 3);
        History history = split.Fit(x, y, new FitOptions { Epochs = 3, BatchSize = 4, ValidationSplit = 0.25, Verbose = 0, Seed = 9 });

        var trainOnly = new DigitsNet(seed: 3);
        trainOnly.Fit(x[..(7 * 64)], y[..(7 * 10)], new FitOptions { Epochs = 3, BatchSize = 4, Verbose = 0, Seed = 9 });
        Assert.Equal(trainOnly.Parameters.ToArray(), split.Parameters.ToArray());

        EvaluationResult validation = split.Evaluate(x[(7 * 64)..], y[(7 * 10)..]);
        Assert.Equal(validation.Loss, history.ValidationLoss[^1], 12);
        Assert.Equal(validation.Accuracy!.Value, history.ValidationAccuracy[^1], 12);
    }

    [Fact]
    public void ValidationData_OverridesSplit()
    {
        (float[] x, float[] y) = SmallProblem(rows: 12, seed: 2);
        (float[] vx, float[] vy) = SmallProblem(rows: 5, seed: 3);
        var model = new DigitsNet();
        History history = model.Fit(x, y, new FitOptions { Epochs = 2, ValidationSplit = 0.5, Verbose = 0 }, validationData: (vx, vy));
        Assert.Equal(model.Evaluate(vx, vy).Loss, history.ValidationLoss[^1], 12);
        Assert.Equal(2, model.Optimizer.Iterations); // all 12 rows trained: one batch per epoch
    }

    [Fact]
    public void Loss_IsSampleWeightedMeanOfBatchLosses_BeforeEachUpdate()
    {
        (float[] x, float[] y) = SmallProblem(rows: 10, seed: 4);
        var fitted = new DigitsNet(seed: 5);
        History history = fitted.Fit(x, y, new FitOptions { Epochs = 1, BatchSize = 4, Shuffle = false, Verbose = 0 });

        // The same batches by hand: 4 + 4 + 2 rows, in order.
        var manual = new DigitsNet(seed: 5);
        Trainer<DigitsNet.Kernel, float> trainer = manual.CreateTrainer(4);
        double lossSum = 0, correct = 0;
        foreach ((int start, int rows) in new[] { (0, 4), (4, 4), (8, 2) })
        {
            BatchResult result = trainer.TrainStep(x.AsSpan(start * 64, rows * 64), y.AsSpan(start * 10, rows * 10), rows);
            lossSum += result.LossSum;
            correct += result.MetricSum;
        }
        Assert.Equal(lossSum / 10, history.Loss[0], 12);
        Assert.Equal(correct / 10, history.Accuracy[0], 12);
        Assert.Equal(manual.Parameters.ToArray(), fitted.Parameters.ToArray());
        Assert.Equal(3, fitted.Optimizer.Iterations); // the last, partial batch is a step too
    }

    [Fact]
    public void Shuffle_SameSeed_SameResult_OtherSeed_Differs()
    {
        (float[] x, float[] y) = SmallProblem(rows: 40, seed: 6);
        float[] Run(int seed)
        {
            var model = new DigitsNet(seed: 1);
            model.Fit(x, y, new FitOptions { Epochs = 2, BatchSize = 8, Seed = seed, Verbose = 0 });
            return model.Parameters.ToArray();
        }
        Assert.Equal(Run(1), Run(1));
        Assert.NotEqual(Run(1), Run(2));
    }

    [Fact]
    public void OptimizerState_PersistsAcrossFitCalls_AsKeras()
    {
        (float[] x, float[] y) = SmallProblem(rows: 8, seed: 7);
        var model = new DigitsNet();
        model.Fit(x, y, new FitOptions { Epochs = 1, BatchSize = 4, Verbose = 0 });
        model.Fit(x, y, new FitOptions { Epochs = 1, BatchSize = 4, Verbose = 0 });
        Assert.Equal(4, model.Optimizer.Iterations);
    }

    [Fact]
    public void Callback_StopTraining_EndsAfterThatEpoch()
    {
        (float[] x, float[] y) = SmallProblem(rows: 8, seed: 8);
        var model = new DigitsNet();
        var stopper = new StopAfter(epochs: 2);
        History history = model.Fit(x, y, new FitOptions { Epochs = 10, Verbose = 0, Callbacks = [stopper] });
        Assert.Equal(2, history.Epochs);
        Assert.Equal(["train-begin", "epoch 0", "epoch 1", "train-end"], stopper.Events);
    }

    [Fact]
    public void SameSeed_SameInitialWeights_OtherSeed_Differs()
    {
        Assert.Equal(new DigitsNet(7).Parameters.ToArray(), new DigitsNet(7).Parameters.ToArray());
        Assert.NotEqual(new DigitsNet(7).Parameters.ToArray(), new DigitsNet(8).Parameters.ToArray());
    }

    [Fact]
    public void Initialization_IsGlorotUniform_WithZeroBiases()
    {
        var model = new DigitsNet(seed: 11);
        foreach (LayerDescription layer in model.Description.Layers)
        {
            float limit = MathF.Sqrt(6f / (layer.Inputs + layer.Outputs));
            Span<float> kernel = model.Parameters.Slice(layer.Tensor("kernel").Offset, layer.Inputs * layer.Outputs);
            foreach (float w in kernel) Assert.InRange(w, -limit, limit);
            // A uniform on [-l, l] has variance l²/3: the sample should be within a few percent for 640+ draws.
            double variance = kernel.ToArray().Average(w => (double)w * w);
            Assert.InRange(variance, 0.85 * limit * limit / 3, 1.15 * limit * limit / 3);
            Assert.All(model.Parameters.Slice(layer.Tensor("bias").Offset, layer.Outputs).ToArray(), b => Assert.Equal(0f, b));
        }
    }

    [Fact]
    public void Predict_SpanAndArray_Agree_AndRowsAreDistributions()
    {
        (float[] x, _) = SmallProblem(rows: 300, seed: 9); // more than one internal predict batch of 256
        var model = new DigitsNet();
        float[] probabilities = model.Predict(x);
        var destination = new float[probabilities.Length];
        model.Predict(x, destination);
        Assert.Equal(probabilities, destination);
        for (int r = 0; r < 300; r++) Assert.Equal(1.0, probabilities.AsSpan(r * 10, 10).ToArray().Sum(), 1e-5);
    }

    [Fact]
    public void Evaluate_DoesNotDependOnBatchSize()
    {
        (float[] x, float[] y) = SmallProblem(rows: 37, seed: 10);
        var model = new DigitsNet();
        EvaluationResult a = model.Evaluate(x, y, batchSize: 5), b = model.Evaluate(x, y, batchSize: 64);
        Assert.Equal(a.Loss, b.Loss, 6);
        Assert.Equal(a.Accuracy!.Value, b.Accuracy!.Value, 12);
        Assert.Equal(["accuracy"], a.Metrics.Keys);
    }

    [Fact]
    public void Fit_TwoDimensionalArrays_MatchFlat()
    {
        (float[] x, float[] y) = SmallProblem(rows: 6, seed: 12);
        var x2 = new float[6, 64];
        var y2 = new float[6, 10];
        Buffer.BlockCopy(x, 0, x2, 0, x.Length * 4);
        Buffer.BlockCopy(y, 0, y2, 0, y.Length * 4);
        var flat = new DigitsNet();
        var grid = new DigitsNet();
        flat.Fit(x, y, new FitOptions { Epochs = 2, Verbose = 0 });
        grid.Fit(x2, y2, new FitOptions { Epochs = 2, Verbose = 0 });
        Assert.Equal(flat.Parameters.ToArray(), grid.Parameters.ToArray());
    }

    [Fact]
    public void BinaryAndRegressionModels_Train_OnEmbeddedData()
    {
        Dataset cancer = Datasets.LoadBreastCancer();
        float[] scaled = Standardize(cancer.Features, cancer.FeatureCount);
        var binary = new BinaryNet();
        History b = binary.Fit(scaled, cancer.Targets, new FitOptions { Epochs = 20, ValidationSplit = 0.2, Verbose = 0 });
        Assert.Equal(["loss", "accuracy", "val_loss", "val_accuracy"], b.Keys);
        Assert.True(b.ValidationAccuracy[^1] > 0.9, $"breast cancer val_accuracy {b.ValidationAccuracy[^1]:F3}");

        Dataset diabetes = Datasets.LoadDiabetes();
        float[] target = diabetes.Targets.Select(t => (t - 152f) / 77f).ToArray(); // roughly zero mean, unit variance
        var regression = new RegressionNet();
        History r = regression.Fit(Standardize(diabetes.Features, 10), target, new FitOptions { Epochs = 30, Verbose = 0 });
        Assert.Equal(["loss", "mae"], r.Keys);
        Assert.True(r.Loss[^1] < 0.6 * r.Loss[0], $"diabetes loss {r.Loss[0]:F3} -> {r.Loss[^1]:F3}");
    }

    private static float[] Standardize(float[] x, int width)
    {
        int rows = x.Length / width;
        var result = new float[x.Length];
        for (int c = 0; c < width; c++)
        {
            double mean = 0, square = 0;
            for (int r = 0; r < rows; r++) mean += x[r * width + c];
            mean /= rows;
            for (int r = 0; r < rows; r++) square += Math.Pow(x[r * width + c] - mean, 2);
            double std = Math.Sqrt(square / rows) + 1e-12;
            for (int r = 0; r < rows; r++) result[r * width + c] = (float)((x[r * width + c] - mean) / std);
        }
        return result;
    }

    [Fact]
    public void Callback_CopiesAndRestoresParameters()
    {
        // Keep the weights at the start, train, put them back at the end: Fit leaves the model as it found it.
        (float[] x, float[] y) = SmallProblem(rows: 64, seed: 14);
        var model = new DigitsNet(seed: 2);
        float[] initial = model.Parameters.ToArray();
        var keeper = new KeepInitialWeights();
        model.Fit(x, y, new FitOptions { Epochs = 2, Verbose = 0, Callbacks = [keeper] });
        Assert.Equal(DigitsNet.ParameterCount, keeper.Count);
        Assert.Equal(initial, keeper.Kept);
        Assert.NotEqual(initial, keeper.Trained);   // training did move them before the restore
        Assert.Equal(initial, model.Parameters.ToArray());
    }

    [Fact]
    public void Callback_ParameterCopies_RejectWrongTypeAndLength()
    {
        (float[] x, float[] y) = SmallProblem(rows: 8, seed: 15);
        var model = new DigitsNet(seed: 2);
        float[] before = model.Parameters.ToArray();
        var probe = new BadCopies();
        model.Fit(x, y, new FitOptions { Epochs = 1, Verbose = 0, Callbacks = [probe] });
        Assert.Equal(["destination", "destination", "source", "source"], probe.ParamNames);
        Assert.Contains("Double[]", probe.Messages[0]);
        Assert.Contains("4810 parameters", probe.Messages[1]);
        Assert.NotEqual(before, model.Parameters.ToArray()); // the failed restores changed nothing; training did
    }

    private sealed class KeepInitialWeights : Callback
    {
        public float[] Kept { get; } = new float[DigitsNet.ParameterCount];

        public float[] Trained { get; } = new float[DigitsNet.ParameterCount];

        public int Count { get; private set; }

        public override void OnTrainBegin(IFitControl fit)
        {
            Count = fit.ParameterCount;
            fit.CopyParametersTo(Kept);
        }

        public override void OnTrainEnd(IFitControl fit, Logs logs)
        {
            fit.CopyParametersTo(Trained);
            fit.RestoreParameters(Kept);
        }
    }

    private sealed class BadCopies : Callback
    {
        public List<string?> ParamNames { get; } = [];

        public List<string> Messages { get; } = [];

        public override void OnTrainBegin(IFitControl fit)
        {
            Record(() => fit.CopyParametersTo(new double[DigitsNet.ParameterCount]));
            Record(() => fit.CopyParametersTo(new float[10]));
            Record(() => fit.RestoreParameters(new int[DigitsNet.ParameterCount]));
            Record(() => fit.RestoreParameters(new float[DigitsNet.ParameterCount - 1]));
        }

        private void Record(Action action)
        {
            var error = Assert.Throws<ArgumentException>(action);
            ParamNames.Add(error.ParamName);
            Messages.Add(error.Message);
        }
    }

    private sealed class StopAfter(int epochs) : Callback
    {
        public List<string> Events { get; } = [];

        public override void OnTrainBegin(IFitControl fit) => Events.Add("train-begin");

        public override void OnEpochEnd(IFitControl fit, int epoch, Logs logs)
        {
            Events.Add($"epoch {epoch}");
            if (epoch + 1 == epochs) fit.StopTraining = true;
        }

        public override void OnTrainEnd(IFitControl fit, Logs logs) => Events.Add("train-end");
    }
    [Fact]
    public void InitialEpoch_ResumesWithTheUninterruptedRunsBatches()
    {
        // Keras's initial_epoch: epochs [InitialEpoch, Epochs) are trained. The skipped epochs' shuffles are drawn
        // again, so 2 epochs then epochs 2..4 equal 4 epochs in one call, bit for bit (the optimizer object carries on).
        (float[] x, float[] y) = SmallProblem(rows: 50, seed: 4);
        var whole = new DigitsNet(seed: 5);
        whole.Fit(x, y, new FitOptions { Epochs = 4, BatchSize = 8, Verbose = 0, Seed = 11 });

        var resumed = new DigitsNet(seed: 5);
        resumed.Fit(x, y, new FitOptions { Epochs = 2, BatchSize = 8, Verbose = 0, Seed = 11 });
        History rest = resumed.Fit(x, y, new FitOptions { Epochs = 4, InitialEpoch = 2, BatchSize = 8, Verbose = 0, Seed = 11 });

        Assert.Equal(2, rest.Epochs);
        Assert.Equal(whole.Optimizer.Iterations, resumed.Optimizer.Iterations);
        Assert.Equal(whole.Parameters.ToArray(), resumed.Parameters.ToArray());
    }

    [Theory]
    [InlineData(-1, 3)]
    [InlineData(3, 3)]
    [InlineData(4, 3)]
    public void InitialEpoch_OutOfRange_IsRejected(int initialEpoch, int epochs)
    {
        (float[] x, float[] y) = SmallProblem(rows: 4, seed: 4);
        var model = new DigitsNet();
        float[] before = model.Parameters.ToArray();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.Fit(x, y, new FitOptions { Epochs = epochs, InitialEpoch = initialEpoch, Verbose = 0 }));
        Assert.Contains("InitialEpoch", error.Message);
        Assert.Equal(before, model.Parameters.ToArray());
    }
    [Fact]
    public void ValidationFrequency_ValidatesEveryNthEpoch_AsKeras()
    {
        // Keras validates after epoch e (from 0) when (e + 1) % validation_freq == 0: of 7 epochs with frequency 3,
        // after epochs 2 and 5. The values are the model's at those epochs' ends.
        (float[] x, float[] y) = SmallProblem(rows: 40, seed: 21);
        (float[] vx, float[] vy) = SmallProblem(rows: 9, seed: 22);
        var model = new DigitsNet(seed: 23);
        var recorder = new ValidationRecorder(model, vx, vy);
        History history = model.Fit(x, y, new FitOptions { Epochs = 7, BatchSize = 8, Verbose = 0, ValidationFrequency = 3, Callbacks = [recorder] }, (vx, vy));
        Assert.Equal(7, history.Loss.Count);
        Assert.Equal(2, history.ValidationLoss.Count);
        Assert.Equal(recorder.Losses[2], history.ValidationLoss[0], 6);   // Evaluate's batches differ: rounding only
        Assert.Equal(recorder.Losses[5], history.ValidationLoss[1], 6);
        Assert.NotEqual(recorder.Losses[3], history.ValidationLoss[1], 6);
        Assert.Equal([2, 5], history.EpochsOf("val_loss"));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], history.EpochsOf("loss"));
        string[] table = history.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(8, table.Length);   // the header and 7 epochs; validated epochs (3 and 6, from 1) have 5 columns, the others 3
        Assert.Equal([3, 3, 5, 3, 3, 5, 3], table[1..].Select(row => row.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length));
    }

    [Fact]
    public void ValidationBatchSize_ChangesNothingButRounding()
    {
        (float[] x, float[] y) = SmallProblem(rows: 60, seed: 24);
        var a = new DigitsNet(seed: 25);
        var b = new DigitsNet(seed: 25);
        History small = a.Fit(x, y, new FitOptions { Epochs = 2, BatchSize = 8, Verbose = 0, ValidationSplit = 0.3 });
        History large = b.Fit(x, y, new FitOptions { Epochs = 2, BatchSize = 8, Verbose = 0, ValidationSplit = 0.3, ValidationBatchSize = 18 });
        Assert.Equal(a.Parameters.ToArray(), b.Parameters.ToArray());   // training is untouched
        for (int e = 0; e < 2; e++) Assert.Equal(small.ValidationLoss[e], large.ValidationLoss[e], 6);
        Assert.Equal(small.ValidationAccuracy, large.ValidationAccuracy);
    }

    /// <summary>Evaluates the validation data at every epoch's end, independently of Fit.</summary>
    private sealed class ValidationRecorder(DigitsNet model, float[] x, float[] y) : Callback
    {
        public List<double> Losses { get; } = [];

        public override void OnEpochEnd(IFitControl fit, int epoch, Logs logs) => Losses.Add(model.Evaluate(x, y).Loss);
    }
}
