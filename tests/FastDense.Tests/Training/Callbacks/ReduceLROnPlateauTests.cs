using FastDense.Data;
using FastDense.Tests.Models;

namespace FastDense.Tests.Training.Callbacks;

// ReduceLROnPlateau against Keras 3's keras/src/callbacks/reduce_lr_on_plateau.py and its tests
// (reduce_lr_on_plateau_test.py: Adam(0.1), patience 1, a min_delta so large that nothing after the first epoch improves).
public class ReduceLROnPlateauTests
{
    private static void Drive(ReduceLROnPlateau callback, FakeFit fit, params double[] valLosses)
    {
        callback.OnTrainBegin(fit);
        for (int epoch = 0; epoch < valLosses.Length; epoch++) callback.OnEpochEnd(fit, epoch, FakeFit.LogsOf(("loss", 1.0), ("val_loss", valLosses[epoch])));
    }

    [Fact]
    public void ReducesAfterPatience_AsKerasFromItsFloat32Rate()
    {
        // test_reduces_lr_with_model_fit: epoch 0 sets best; epoch 1 is no improvement (min_delta 100): wait 1 >= 1,
        // lr = float32(0.1) · 0.1 = 0.010000000149011612, which the float32 variable holds as float32(0.01).
        var callback = new ReduceLROnPlateau(patience: 1, factor: 0.1, monitor: "val_loss", minDelta: 100, verbose: 1);
        var fit = new FakeFit { Optimizer = new Adam(0.1) };
        Drive(callback, fit, 0.5, 0.4);
        Assert.Equal((double)0.1f * 0.1, fit.Optimizer.LearningRate);
        Assert.Equal(0.01f, (float)fit.Optimizer.LearningRate);
        // test_verbose_logging: "ReduceLROnPlateau reducing learning rate to 0.01"; Python prints the double in full.
        Assert.Equal(["Epoch 2: ReduceLROnPlateau reducing learning rate to 0.010000000149011612."], fit.Messages);
    }

    [Fact]
    public void DoubleModel_ReadsTheRateInDouble()
    {
        var callback = new ReduceLROnPlateau(patience: 1, minDelta: 100, verbose: 1);
        var fit = new FakeFit { Optimizer = new Adam(0.1), ElementType = typeof(double) };
        Drive(callback, fit, 0.5, 0.4);
        Assert.Equal(0.1 * 0.1, fit.Optimizer.LearningRate);
        Assert.Equal(["Epoch 2: ReduceLROnPlateau reducing learning rate to 0.010000000000000002."], fit.Messages);
    }

    [Fact]
    public void HonorsMinLR()
    {
        // test_honors_min_lr: 0.1 → 0.01 → max(0.001, 0.005) = 0.005; then float32(0.005) > float32(0.005) is false: no change.
        var callback = new ReduceLROnPlateau(patience: 1, factor: 0.1, minDelta: 10, minLR: 0.005);
        var fit = new FakeFit { Optimizer = new Adam(0.1) };
        Drive(callback, fit, 0.5, 0.5, 0.5, 0.5);
        Assert.Equal(0.005, fit.Optimizer.LearningRate);
    }

    [Fact]
    public void Cooldown_SkipsEpochsAfterAReduction()
    {
        // test_cooldown: cooldown 2 over 4 epochs reduces at epochs 1 and 3: 0.1 → 0.01 → 0.001.
        var callback = new ReduceLROnPlateau(patience: 1, factor: 0.1, minDelta: 100, cooldown: 2);
        var fit = new FakeFit { Optimizer = new Adam(0.1) };
        callback.OnTrainBegin(fit);
        var rates = new List<float>();
        for (int epoch = 0; epoch < 4; epoch++)
        {
            callback.OnEpochEnd(fit, epoch, FakeFit.LogsOf(("val_loss", 0.5)));
            rates.Add((float)fit.Optimizer.LearningRate);
        }
        // float32(float32(0.01) · 0.1) is an ulp below float32(0.001): Keras's test compares with assertAllClose.
        Assert.Equal([0.1f, 0.01f, 0.01f, (float)((double)0.01f * 0.1)], rates);
        Assert.Equal(0.001, rates[3], 1e-9);
        Assert.Equal(0, callback.Wait);
        Assert.Equal(2, callback.CooldownCounter);
    }

    [Fact]
    public void ImprovementsBeyondMinDelta_ResetTheWait()
    {
        var callback = new ReduceLROnPlateau(patience: 2, factor: 0.5, minDelta: 0.01, mode: MonitorMode.Min);
        var fit = new FakeFit { Optimizer = new Sgd(0.2) };
        // 1.0 best; 0.995 is not 0.01 better (wait 1); 0.98 is (best, wait 0); 0.975 wait 1; 0.972 wait 2: reduce.
        Drive(callback, fit, 1.0, 0.995, 0.98, 0.975, 0.972);
        Assert.Equal((double)0.2f * 0.5, fit.Optimizer.LearningRate);
        Assert.Equal(0.98, callback.Best);
    }

    [Fact]
    public void Reuse_ResetsItsState()
    {
        // test_state_reset_across_fit_calls.
        var callback = new ReduceLROnPlateau(patience: 1, minDelta: 100, cooldown: 2);
        var fit = new FakeFit { Optimizer = new Adam(0.1) };
        Drive(callback, fit, 0.5, 0.5);
        Assert.Equal(2, callback.CooldownCounter);
        callback.OnTrainBegin(fit);
        Assert.Null(callback.Best);
        Assert.Equal(0, callback.Wait);
        Assert.Equal(0, callback.CooldownCounter);
    }

    [Fact]
    public void WithALearningRateSchedule_ThrowsWhenItWouldReduce_AsKerasTypeError()
    {
        // test_throws_when_optimizer_has_schedule: "This optimizer was created with a `LearningRateSchedule`".
        var callback = new ReduceLROnPlateau(patience: 1, minDelta: 100);
        var fit = new FakeFit { Optimizer = new Adam(LearningRateSchedule.FromFunction(step => 0.1)) };
        callback.OnTrainBegin(fit);
        callback.OnEpochEnd(fit, 0, FakeFit.LogsOf(("val_loss", 0.5)));   // best: nothing to set yet
        var error = Assert.Throws<InvalidOperationException>(() => callback.OnEpochEnd(fit, 1, FakeFit.LogsOf(("val_loss", 0.5))));
        Assert.Contains("LearningRateSchedule", error.Message);
        Assert.Contains("not settable", error.Message);
    }

    [Fact]
    public void MissingMonitor_Warns_ListingTheKeysAndTheRate()
    {
        var callback = new ReduceLROnPlateau();
        var fit = new FakeFit();
        callback.OnTrainBegin(fit);
        callback.OnEpochEnd(fit, 0, FakeFit.LogsOf(("loss", 1.0), ("learning_rate", 0.1)));
        callback.OnEpochEnd(fit, 1, FakeFit.LogsOf(("loss", 0.9), ("learning_rate", 0.1)));
        Assert.Equal(["UserWarning: Learning rate reduction is conditioned on metric `val_loss` which is not available. Available metrics are: loss,learning_rate."], fit.Messages);
    }

    [Fact]
    public void BadArguments_AreNamed()
    {
        Assert.Contains("factor >= 1.0. Received factor=1", Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau(factor: 1)).Message);
        Assert.Equal("factor", Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau(factor: 0)).ParamName);
        Assert.Equal("patience", Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau(patience: -1)).ParamName);
        Assert.Equal("cooldown", Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau(cooldown: -1)).ParamName);
        Assert.Equal("minLR", Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau(minLR: -0.1)).ParamName);
        Assert.Equal("minDelta", Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau(minDelta: double.PositiveInfinity)).ParamName);
    }

    [Fact]
    public void InARealFit_TheHistoryRecordsTheRateEachEpochTrainedWith()
    {
        // Keras's on_epoch_end puts learning_rate in the logs before reducing, so the history holds the rate of the
        // epoch that just ran: 0.001 (as float32) twice, then halved at the ends of epochs 1 and 2.
        Dataset digits = Datasets.LoadDigits();
        float[] x = digits.Features[..(200 * 64)];
        float[] y = OneHot.Encode(digits.Labels()[..200], 10);
        var metric = new ScriptedMetric("score", MetricDirection.Down, 1, 1, 1, 1);
        var model = new DigitsNet(seed: 1) { Optimizer = new Adam(0.001) };
        History history = model.Fit(x, y, new FitOptions
        {
            Epochs = 4, BatchSize = 50, Verbose = 0, Metrics = [metric],
            Callbacks = [new ReduceLROnPlateau(monitor: "score", factor: 0.5, patience: 1, minDelta: 0)],
        });
        double rate = (float)0.001;
        Assert.Equal(["loss", "score", "learning_rate"], history.Keys);
        Assert.Equal([rate, rate, rate * 0.5, rate * 0.25], history["learning_rate"]);
        Assert.Equal(rate * 0.125, model.Optimizer.LearningRate);
    }
}
