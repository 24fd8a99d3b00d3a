using FastDense.Data;
using FastDense.Tests.Models;

namespace FastDense.Tests.Training;

/// <summary>
/// The callbacks' keyed logs, as Keras's <c>logs</c> dict (keras/src/callbacks/callback.py; the epoch's logs hold
/// <c>val_</c> entries only after an epoch that validated, keras/src/trainers/trainer.py <c>fit</c>).
/// </summary>
public class LogsTests
{
    [Fact]
    public void EpochLogs_AreTheHistorysValues_WithValidationOnlyWhenTheEpochValidated()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var recorder = new Recorder();
        History history = new DigitsNet().Fit(digits.Features, y, new FitOptions
        {
            Epochs = 4, ValidationSplit = 0.2, ValidationFrequency = 2, Verbose = 0, Callbacks = [recorder],
        });

        Assert.Equal(4, recorder.Epochs.Count);
        for (int epoch = 0; epoch < 4; epoch++)
        {
            Dictionary<string, double> logs = recorder.Epochs[epoch];
            Assert.Equal(history.Loss[epoch], logs["loss"]);
            Assert.Equal(history.Accuracy[epoch], logs["accuracy"]);
            if (epoch % 2 == 1)
            {
                Assert.Equal(["loss", "accuracy", "val_loss", "val_accuracy"], logs.Keys);
                Assert.Equal(history.ValidationLoss[epoch / 2], logs["val_loss"]);
                Assert.Equal(history.ValidationAccuracy[epoch / 2], logs["val_accuracy"]);
            }
            else
            {
                Assert.Equal(["loss", "accuracy"], logs.Keys);
            }
        }
        // on_train_end gets the last epoch's logs.
        Assert.Equal(recorder.Epochs[^1], recorder.AtTrainEnd);
    }

    [Fact]
    public void BatchLogs_AreTheEpochsRunningMeans_AndTheLastOneIsTheEpochs()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var recorder = new Recorder();
        History history = new DigitsNet().Fit(digits.Features, y, new FitOptions { Epochs = 1, Verbose = 0, Callbacks = [recorder] });
        Assert.Equal((1797 + 31) / 32, recorder.Batches.Count);
        Assert.All(recorder.Batches, logs => Assert.Equal(["loss", "accuracy"], logs.Keys));
        Assert.Equal(history.Loss[0], recorder.Batches[^1]["loss"], 12);
        Assert.Equal(history.Accuracy[0], recorder.Batches[^1]["accuracy"], 12);
        Assert.NotEqual(recorder.Batches[0]["loss"], recorder.Batches[^1]["loss"]);
    }

    [Fact]
    public void MissingKey_SaysWhichKeysThereAre()
    {
        var logs = new Logs(["loss", "accuracy", "val_loss"]);
        logs.Set(0, 0.5);
        logs.Set(1, 0.75);
        var error = Assert.Throws<KeyNotFoundException>(() => logs["val_loss"]);
        Assert.Equal("The logs have no 'val_loss' now; they hold: loss, accuracy (validation values are present only after an epoch that validated).", error.Message);
        Assert.False(logs.TryGetValue("auc", out _));
        Assert.Equal(2, logs.Count);
        Assert.Equal("loss: 0.5000 - accuracy: 0.7500", logs.ToString());
        logs.Clear();
        Assert.Empty(logs);
    }

    private sealed class Recorder : Callback
    {
        public List<Dictionary<string, double>> Batches { get; } = [];

        public List<Dictionary<string, double>> Epochs { get; } = [];

        public Dictionary<string, double>? AtTrainEnd { get; private set; }

        public override void OnBatchEnd(IFitControl fit, int batch, Logs logs) => Batches.Add(logs.ToDictionary());

        public override void OnEpochEnd(IFitControl fit, int epoch, Logs logs) => Epochs.Add(logs.ToDictionary());

        public override void OnTrainEnd(IFitControl fit, Logs logs) => AtTrainEnd = logs.ToDictionary();
    }
}
