using FastDense.Tests.Models;

namespace FastDense.Tests.Training;

/// <summary>
/// Divergence never passes silently: by default Fit stops at the first non-finite batch loss or gradient without
/// applying that batch; with the guard off it trains on as Keras does, and Keras's TerminateOnNaN stops it after the
/// batch (keras/src/callbacks/terminate_on_nan.py). A callback's StopTraining takes effect after the current batch, as
/// Keras's fit loop checks <c>stop_training</c> after every batch (keras/src/backend/tensorflow/trainer.py).
/// </summary>
public class DivergenceTests
{
    /// <summary>Rows for <see cref="Outer.NestedNet"/> (2 inputs, tanh hidden layer, linear output): y = x0 - 2 x1.</summary>
    private static (float[] X, float[] Y) Regression(int rows, int seed)
    {
        var random = new Random(seed);
        float[] x = Enumerable.Range(0, rows * 2).Select(_ => (float)random.NextDouble()).ToArray();
        float[] y = Enumerable.Range(0, rows).Select(r => x[2 * r] - 2 * x[2 * r + 1]).ToArray();
        return (x, y);
    }

    /// <summary>
    /// Plain SGD at 5 on mean squared error: the output bias's step is 5 · 2 (p - y), so the error grows about ninefold
    /// each batch (the tanh layer cannot absorb it) until it is no longer finite.
    /// </summary>
    private static Sgd Diverging() => new(learningRate: 5);

    [Fact]
    public void Diverging_Sgd_StopsBeforeTheFirstNonFiniteBatch_WithTheWeightsFromBeforeIt()
    {
        (float[] x, float[] y) = Regression(rows: 64, seed: 1);
        var model = new Outer.NestedNet(seed: 2) { Optimizer = Diverging() };
        var recorder = new ParameterRecorder(Outer.NestedNet.ParameterCount);
        var output = new StringWriter();
        History history = model.Fit(x, y, new FitOptions { Epochs = 50, BatchSize = 8, Verbose = 0, Output = output, Callbacks = [recorder] });

        TrainingStop stop = Assert.IsType<TrainingStop>(history.Stop);
        Assert.True(float.IsFinite(model.Parameters.ToArray().Max(Math.Abs)), "the model holds a non-finite weight");
        if (stop.Reason == TrainingStopReason.NonFiniteWeights || stop.Message.Contains("restored from the start"))
        {
            // The epoch's last update overflowed: caught at the epoch's end, the epoch's start restored.
            Assert.Equal(recorder.AtEpochStart, model.Parameters.ToArray());
            Assert.Equal(stop.Epoch * 8, model.Optimizer.Iterations);
        }
        else
        {
            Assert.True(stop.Reason is TrainingStopReason.NonFiniteLoss or TrainingStopReason.NonFiniteGradient, stop.Reason.ToString());
            Assert.Equal(recorder.BeforeLastBatch, model.Parameters.ToArray());
            // Every applied batch is a step; the stopped one is not.
            Assert.Equal(stop.Epoch * 8 + stop.Batch, model.Optimizer.Iterations);
        }
        Assert.Equal(stop.Epoch, history.Epochs);   // the epoch in progress is not recorded
        Assert.Equal(stop.Message + Environment.NewLine, output.ToString());   // one line, even with Verbose 0
        Assert.Contains(stop.Reason == TrainingStopReason.NonFiniteWeights ? $"end of epoch {stop.Epoch + 1}" : $"epoch {stop.Epoch + 1}, batch {stop.Batch + 1}", stop.Message);
        Assert.All(history.Loss, loss => Assert.True(double.IsFinite(loss)));
    }

    [Fact]
    public void Diverging_TwoThreads_StopsWithFiniteWeights()
    {
        var random = new Random(3);
        float[] x = Enumerable.Range(0, 256 * 256).Select(_ => (float)random.NextDouble()).ToArray();
        float[] y = FastDense.Data.OneHot.Encode(Enumerable.Range(0, 256).Select(_ => random.Next(10)).ToArray(), 10);
        var model = new WideNet(seed: 4) { Optimizer = new Sgd(learningRate: 1e30) };
        var recorder = new ParameterRecorder(WideNet.ParameterCount);
        History history = model.Fit(x, y, new FitOptions { Epochs = 20, BatchSize = 128, Threads = 2, Verbose = 0, Output = TextWriter.Null, Callbacks = [recorder] });

        TrainingStop stop = Assert.IsType<TrainingStop>(history.Stop);
        Assert.True(float.IsFinite(model.Parameters.ToArray().Max(Math.Abs)));
        // A kernel gradient that overflowed (the guard checks bias gradients) reaches the weights and is found by the
        // next loss or the epoch's end: then the epoch's start is restored; otherwise the weights before the batch stay.
        bool restored = stop.Reason == TrainingStopReason.NonFiniteWeights || stop.Message.Contains("restored from the start");
        Assert.Equal(restored ? recorder.AtEpochStart : recorder.BeforeLastBatch, model.Parameters.ToArray());
    }

    [Fact]
    public void UpdateThatOverflowsTheWeights_RestoresTheStartOfTheEpoch()
    {
        // A learning rate of 1e39 (finite in double, infinite in float) turns a finite gradient into infinite weights: the
        // loss and gradient of that batch were finite, so the guard sees it at the next batch, when the weights from
        // before it are gone. Adam's moments and iteration count must come back too.
        (float[] x, float[] y) = Regression(rows: 32, seed: 5);
        var model = new Outer.NestedNet(seed: 6) { Optimizer = new Adam() };
        model.Fit(x, y, new FitOptions { Epochs = 1, BatchSize = 8, Verbose = 0 });   // Adam has state and 4 iterations now
        float[] epochStart = model.Parameters.ToArray();
        float[] moments = (float[])((float[])model.Optimizer.State!).Clone();
        model.Optimizer.LearningRate = 1e39;
        History history = model.Fit(x, y, new FitOptions { Epochs = 3, BatchSize = 8, Verbose = 0, Output = TextWriter.Null, Shuffle = false });

        TrainingStop stop = Assert.IsType<TrainingStop>(history.Stop);
        Assert.Equal((0, 1), (stop.Epoch, stop.Batch));
        Assert.Contains("restored from the start of epoch 1", stop.Message);
        Assert.Equal(epochStart, model.Parameters.ToArray());
        Assert.Equal(4, model.Optimizer.Iterations);
        Assert.Equal(moments, (float[])model.Optimizer.State!);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void OverflowInAnEpochsLastBatch_IsCaughtAtTheEpochsEnd_AndTheStartRestored(int epochs)
    {
        // One batch per epoch: the overflowing update is the epoch's last, so no later loss of that epoch reveals it;
        // the end-of-epoch check does, before the next epoch's start is copied.
        (float[] x, float[] y) = Regression(rows: 32, seed: 5);
        var model = new Outer.NestedNet(seed: 6) { Optimizer = new Adam() };
        model.Fit(x, y, new FitOptions { Epochs = 1, BatchSize = 8, Verbose = 0 });
        float[] start = model.Parameters.ToArray();
        float[] moments = (float[])((float[])model.Optimizer.State!).Clone();
        model.Optimizer.LearningRate = 1e39;
        History history = model.Fit(x, y, new FitOptions { Epochs = epochs, BatchSize = 32, Verbose = 0, Output = TextWriter.Null });

        TrainingStop stop = Assert.IsType<TrainingStop>(history.Stop);
        Assert.Equal(TrainingStopReason.NonFiniteWeights, stop.Reason);
        Assert.Equal((0, 0), (stop.Epoch, stop.Batch));
        Assert.Equal(start, model.Parameters.ToArray());
        Assert.Equal(moments, (float[])model.Optimizer.State!);
        Assert.Equal(4, model.Optimizer.Iterations);
        Assert.Equal(0, history.Epochs);
    }

    [Fact]
    public void ModelAlreadyHoldingInfinity_IsRefusedBeforeTraining()
    {
        // A dead relu unit's -inf bias never shows in the loss; Fit refuses such a model instead of training around it.
        (float[] x, float[] y) = (new float[2 * 64], FastDense.Data.OneHot.Encode([1, 2], 10));
        var model = new DigitsNet();
        model.Parameters[model.Description.Layers[0].Tensor("bias").Offset + 3] = float.NegativeInfinity;
        float[] before = model.Parameters.ToArray();
        var error = Assert.Throws<InvalidOperationException>(() => model.Fit(x, y, new FitOptions { Verbose = 0 }));
        Assert.Contains("NaN or infinity before Fit", error.Message);
        Assert.Equal(before, model.Parameters.ToArray());
        Assert.Equal(0, model.Optimizer.Iterations);
        model.Fit(x, y, new FitOptions { Verbose = 0, StopOnNonFinite = false });   // Keras's behaviour, asked for
    }

    [Fact]
    public void GuardOff_TrainsOnAsKeras_AndTerminateOnNaN_StopsAfterTheBatch()
    {
        (float[] x, float[] y) = Regression(rows: 64, seed: 1);
        var unguarded = new Outer.NestedNet(seed: 2) { Optimizer = Diverging() };
        History free = unguarded.Fit(x, y, new FitOptions { Epochs = 50, BatchSize = 8, Verbose = 0, StopOnNonFinite = false });
        Assert.Null(free.Stop);
        Assert.Equal(50, free.Epochs);
        Assert.True(double.IsNaN(free.Loss[^1]), "Keras's behaviour: the loss is NaN from the divergence on");

        var model = new Outer.NestedNet(seed: 2) { Optimizer = Diverging() };
        var output = new StringWriter();
        History history = model.Fit(x, y, new FitOptions { Epochs = 50, BatchSize = 8, Verbose = 0, Output = output, StopOnNonFinite = false, Callbacks = [new TerminateOnNaN()] });
        TrainingStop stop = Assert.IsType<TrainingStop>(history.Stop);
        Assert.Equal(TrainingStopReason.Callback, stop.Reason);
        Assert.Equal($"Batch {stop.Batch}: Invalid loss, terminating training{Environment.NewLine}", output.ToString());
        // The NaN batch was applied (Keras semantics), and training ended after it: the epoch is recorded.
        Assert.Equal(stop.Epoch * 8 + stop.Batch + 1, model.Optimizer.Iterations);
        Assert.Equal(stop.Epoch + 1, history.Epochs);
        Assert.False(double.IsFinite(history.Loss[^1]));
    }

    [Fact]
    public void FiniteLoss_WithAnInfiniteDelta_StopsOnTheGradient_WeightsUntouched()
    {
        // Logits of +3e38 and -3e38 are finite, and so is the loss in double (6e38); but the hidden layer's delta
        // d1 · K1ᵀ = (1 · 3e38 - 1 · -3e38) overflows float: the bias gradient of dense_0 is infinite, so the step is
        // refused on its gradient, before the optimizer moves anything.
        var model = new DigitsNet();
        model.Parameters.Clear();
        LayerDescription hidden = model.Description.Layers[0], output = model.Description.Layers[1];
        model.Parameters.Slice(hidden.Tensor("bias").Offset, hidden.Outputs).Fill(1f);   // every hidden unit is 1
        model.Parameters[output.Tensor("kernel").Offset + 0] = 3e38f;                  // unit 0 -> class 0
        model.Parameters[output.Tensor("kernel").Offset + 1] = -3e38f;                 // unit 0 -> class 1
        float[] before = model.Parameters.ToArray();
        float[] x = new float[64];
        float[] y = new float[10];
        y[1] = 1;
        var output1 = new StringWriter();
        History history = model.Fit(x, y, new FitOptions { Epochs = 3, BatchSize = 1, Verbose = 0, Output = output1 });

        TrainingStop stop = Assert.IsType<TrainingStop>(history.Stop);
        Assert.Equal(TrainingStopReason.NonFiniteGradient, stop.Reason);
        Assert.Equal((0, 0), (stop.Epoch, stop.Batch));
        Assert.Equal(before, model.Parameters.ToArray());
        Assert.Equal(0, model.Optimizer.Iterations);
        Assert.Contains("the gradient holds NaN or infinity", output1.ToString());
    }

    [Fact]
    public void StopTraining_TakesEffectAfterTheCurrentBatch_AndTheEpochEnds()
    {
        var random = new Random(7);
        float[] x = Enumerable.Range(0, 40 * 64).Select(_ => (float)random.NextDouble()).ToArray();
        float[] y = FastDense.Data.OneHot.Encode(Enumerable.Range(0, 40).Select(_ => random.Next(10)).ToArray(), 10);
        var model = new DigitsNet();
        var stopper = new StopAtBatch(2);
        History history = model.Fit(x, y, new FitOptions { Epochs = 5, BatchSize = 4, ValidationSplit = 0.2, Verbose = 0, Callbacks = [stopper] });

        Assert.Equal(3, model.Optimizer.Iterations);   // batches 0, 1, 2 of epoch 0
        Assert.Equal(1, history.Epochs);
        Assert.Single(history.ValidationLoss);         // the epoch ended as usual, validation included
        Assert.Equal(["epoch-end 0", "train-end"], stopper.Events);
        Assert.Equal(new TrainingStop(TrainingStopReason.Callback, 0, 2, history.Stop!.Message), history.Stop);
    }

    [Fact]
    public void GuardOn_RegressionHistoryAndEvaluation_GettersDoNotThrow()
    {
        (float[] x, float[] y) = Regression(rows: 16, seed: 8);
        var model = new Outer.NestedNet();
        History history = model.Fit(x, y, new FitOptions { Epochs = 2, Verbose = 0 });
        Assert.Empty(history.Accuracy);
        Assert.Empty(history.ValidationAccuracy);
        Assert.Empty(history.ValidationLoss);
        Assert.Null(history.Stop);
        EvaluationResult result = model.Evaluate(x, y);
        Assert.Null(result.Accuracy);
        Assert.Matches(@"^loss: \d+\.\d{4} - mae: \d+\.\d{4}$", result.ToString());
    }

    /// <summary>Keeps a copy of the parameters at the start of every batch.</summary>
    private sealed class ParameterRecorder(int count) : Callback
    {
        public float[] BeforeLastBatch { get; } = new float[count];

        public float[] AtEpochStart { get; } = new float[count];

        public override void OnEpochBegin(IFitControl fit, int epoch) => fit.CopyParametersTo(AtEpochStart);

        public override void OnBatchBegin(IFitControl fit, int batch) => fit.CopyParametersTo(BeforeLastBatch);
    }

    private sealed class StopAtBatch(int stopBatch) : Callback
    {
        public List<string> Events { get; } = [];

        public override void OnBatchEnd(IFitControl fit, int batch, Logs logs)
        {
            if (batch == stopBatch) fit.StopTraining = true;
        }

        public override void OnEpochEnd(IFitControl fit, int epoch, Logs logs) => Events.Add($"epoch-end {epoch}");

        public override void OnTrainEnd(IFitControl fit, Logs logs) => Events.Add("train-end");
    }
}
