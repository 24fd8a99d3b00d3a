using FastDense.Data;
using FastDense.Tests.Models;

namespace FastDense.Tests.Training.Callbacks;

// LambdaCallback against Keras 3's keras/src/callbacks/lambda_callback.py: each delegate at its moment, with Keras's
// positional arguments (on_epoch_end(epoch, logs), on_train_batch_end(batch, logs), on_train_end(logs), ...).
public class LambdaCallbackTests
{
    [Fact]
    public void EachDelegate_IsCalledAtItsMoment_WithTheLogs()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] x = digits.Features[..(100 * 64)];
        float[] y = OneHot.Encode(digits.Labels()[..100], 10);
        var events = new List<string>();
        var callback = new LambdaCallback(
            onEpochBegin: epoch => events.Add($"epoch-begin {epoch}"),
            onEpochEnd: (epoch, logs) => events.Add($"epoch-end {epoch} {string.Join(",", logs.Keys)}"),
            onTrainBegin: () => events.Add("train-begin"),
            onTrainEnd: logs => events.Add($"train-end {logs["loss"] > 0}"),
            onTrainBatchBegin: batch => events.Add($"batch-begin {batch}"),
            onTrainBatchEnd: (batch, logs) => events.Add($"batch-end {batch} {string.Join(",", logs.Keys)}"));
        new DigitsNet(seed: 1).Fit(x, y, new FitOptions { Epochs = 2, BatchSize = 50, ValidationSplit = 0.2, Verbose = 0, Callbacks = [callback] });

        string[] epoch(int e) =>
        [
            $"epoch-begin {e}",
            "batch-begin 0", "batch-end 0 loss,accuracy",
            "batch-begin 1", "batch-end 1 loss,accuracy",
            $"epoch-end {e} loss,accuracy,val_loss,val_accuracy",
        ];
        Assert.Equal(["train-begin", .. epoch(0), .. epoch(1), "train-end True"], events);
    }

    [Fact]
    public void NullDelegates_DoNothing()
    {
        var fit = new FakeFit();
        var callback = new LambdaCallback();
        callback.OnTrainBegin(fit);
        callback.OnEpochBegin(fit, 0);
        callback.OnBatchBegin(fit, 0);
        callback.OnBatchEnd(fit, 0, FakeFit.LogsOf(("loss", 1.0)));
        callback.OnEpochEnd(fit, 0, FakeFit.LogsOf(("loss", 1.0)));
        callback.OnTrainEnd(fit, FakeFit.LogsOf(("loss", 1.0)));
        Assert.Empty(fit.Messages);
    }
}
