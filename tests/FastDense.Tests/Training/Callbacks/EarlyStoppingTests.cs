using FastDense.Data;
using FastDense.Tests.Models;

namespace FastDense.Tests.Training.Callbacks;

// EarlyStopping against Keras 3's keras/src/callbacks/early_stopping.py and its test file
// (keras/src/callbacks/early_stopping_test.py); the mode rule is monitor_callback.py's _set_monitor_op.
public class EarlyStoppingTests
{
    /// <summary>Drives the callback over per-epoch values as Keras's tests do; the weights of epoch e are all e.</summary>
    private static int Drive(EarlyStopping stopper, FakeFit fit, string key, double[] values, int stopOtherAt = -1)
    {
        stopper.OnTrainBegin(fit);
        int trained = 0;
        for (int epoch = 0; epoch < values.Length; epoch++)
        {
            trained++;
            Array.Fill(fit.Weights, epoch);
            stopper.OnEpochEnd(fit, epoch, FakeFit.LogsOf((key, values[epoch])));
            if (epoch == stopOtherAt) fit.StopTraining = true;
            if (fit.StopTraining) break;
        }
        stopper.OnTrainEnd(fit, FakeFit.LogsOf());
        return trained;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Patience_StopsWhereKerasDoes(int patience)
    {
        // test_early_stopping_patience: losses 10, 9, 8 improve; from epoch 3 none beats 8. Each unimproved epoch adds one
        // to wait; at wait >= patience (and epoch > 0) it stops: epoch max(patience, 1) + 2.
        double[] losses = [10.0, 9.0, 8.0, 9.0, 8.9, 8.8, 8.7, 8.6, 8.5];
        var stopper = new EarlyStopping(monitor: "loss", patience: patience);
        var fit = new FakeFit();
        Drive(stopper, fit, "loss", losses);
        Assert.Equal(Math.Max(patience, 1) + 2, stopper.StoppedEpoch);
        Assert.Equal(2, stopper.BestEpoch);
        Assert.Equal(8.0, stopper.Best);
    }

    [Fact]
    public void Baseline_ImprovementsThatMissIt_NeitherResetWaitNorStop()
    {
        // An improvement on the best returns before the patience check, whatever the baseline; it resets wait only if
        // it also beats the baseline. The first epoch with no improvement then finds wait above patience.
        var stopper = new EarlyStopping(monitor: "loss", patience: 0, baseline: 0.1);
        var fit = new FakeFit();
        stopper.OnTrainBegin(fit);
        stopper.OnEpochEnd(fit, 0, FakeFit.LogsOf(("loss", 1.0)));
        stopper.OnEpochEnd(fit, 1, FakeFit.LogsOf(("loss", 0.9)));
        Assert.False(fit.StopTraining);
        Assert.Equal(2, stopper.Wait);
        stopper.OnEpochEnd(fit, 2, FakeFit.LogsOf(("loss", 0.95)));
        Assert.True(fit.StopTraining);
        Assert.Equal(2, stopper.StoppedEpoch);
        Assert.Equal(1, stopper.BestEpoch);

        // Beating the baseline resets wait.
        var beaten = new EarlyStopping(monitor: "loss", patience: 1, baseline: 0.5);
        beaten.OnTrainBegin(fit);
        beaten.OnEpochEnd(fit, 0, FakeFit.LogsOf(("loss", 0.4)));
        Assert.Equal(0, beaten.Wait);
    }

    [Fact]
    public void RestoreBestWeights_PutsBackTheBestEpoch()
    {
        // test_early_stopping_final_weights_when_restoring_model_weights, first case: best val_loss 0.1 at epoch 2,
        // patience 2 stops at epoch 4, and the weights of epoch 2 come back.
        var stopper = new EarlyStopping(monitor: "val_loss", patience: 2, restoreBestWeights: true, verbose: 1);
        var fit = new FakeFit();
        int trained = Drive(stopper, fit, "val_loss", [0.2, 0.15, 0.1, 0.11, 0.12]);
        Assert.Equal(5, trained);
        Assert.All(fit.Weights, w => Assert.Equal(2f, w));
        Assert.Equal(4, stopper.StoppedEpoch);
        Assert.Equal(["Epoch 5: early stopping", "Restoring model weights from the end of the best epoch: 3."], fit.Messages);
    }

    [Fact]
    public void Baseline_NeverBeaten_StopsAfterPatience_AndRestoresTheBestOfThose()
    {
        // Second case: baseline 0.5, nothing beats it: wait never resets, so 5 epochs train (stop at epoch 4), and the
        // best of them (0.7, epoch 2) is restored.
        var stopper = new EarlyStopping(monitor: "val_loss", patience: 5, baseline: 0.5, restoreBestWeights: true);
        var fit = new FakeFit();
        int trained = Drive(stopper, fit, "val_loss", [0.9, 0.8, 0.7, 0.71, 0.72, 0.73]);
        Assert.Equal(5, trained);
        Assert.All(fit.Weights, w => Assert.Equal(2f, w));
        Assert.Empty(fit.Messages);   // verbose 0
    }

    [Fact]
    public void AnotherCallbacksStop_StillRestoresTheBestWeights()
    {
        // Third case: another callback stops at epoch 3; Keras 3 restores in on_train_end whenever it kept weights.
        var stopper = new EarlyStopping(monitor: "val_loss", patience: 5, baseline: 0.5, restoreBestWeights: true, verbose: 1);
        var fit = new FakeFit();
        int trained = Drive(stopper, fit, "val_loss", [0.9, 0.8, 0.7, 0.71, 0.72, 0.73], stopOtherAt: 3);
        Assert.Equal(4, trained);
        Assert.All(fit.Weights, w => Assert.Equal(2f, w));
        Assert.Equal(0, stopper.StoppedEpoch);   // it did not stop training itself: no "early stopping" line
        Assert.Equal(["Restoring model weights from the end of the best epoch: 3."], fit.Messages);
    }

    [Fact]
    public void MinDelta_SmallerChangesAreNoImprovement()
    {
        // min_delta is made negative for a quantity to minimize: improvement when current + |d| < best.
        var stopper = new EarlyStopping(monitor: "loss", minDelta: -0.05, patience: 1);   // abs() taken, as Keras does
        var fit = new FakeFit();
        Drive(stopper, fit, "loss", [1.0, 0.97, 0.9, 0.87]);
        // 0.97: 1.02 < 1.0? no, wait 1 >= 1 at epoch 1: stop. Best stays 1.0.
        Assert.Equal(1, stopper.StoppedEpoch);
        Assert.Equal(1.0, stopper.Best);
        Assert.Equal(0.05, stopper.MinDelta);

        var maximizing = new EarlyStopping(monitor: "auc", minDelta: 0.05, patience: 1, mode: MonitorMode.Max);
        var fit2 = new FakeFit();
        Drive(maximizing, fit2, "auc", [0.5, 0.56, 0.6, 0.64]);
        // 0.56 - 0.05 > 0.5: improves; 0.6 - 0.05 > 0.56? 0.55 no: wait 1: stop at epoch 2.
        Assert.Equal(2, maximizing.StoppedEpoch);
        Assert.Equal(0.56, maximizing.Best);
    }

    [Fact]
    public void StartFromEpoch_IgnoresTheWarmUp()
    {
        var stopper = new EarlyStopping(monitor: "loss", patience: 0, startFromEpoch: 3);
        var fit = new FakeFit();
        int trained = Drive(stopper, fit, "loss", [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        // Epochs 0-2 are not looked at; epoch 3 is the first value (best 4.0), epoch 4 does not improve: stop.
        Assert.Equal(5, trained);
        Assert.Equal(4, stopper.StoppedEpoch);
        Assert.Equal(3, stopper.BestEpoch);
    }

    [Fact]
    public void MissingMonitor_WarnsAsKeras_OncePerText_AndSkipsTheEpoch()
    {
        var stopper = new EarlyStopping(patience: 0);   // val_loss, absent without validation
        var fit = new FakeFit();
        int trained = Drive(stopper, fit, "loss", [1.0, 2.0, 3.0]);
        Assert.Equal(3, trained);
        Assert.Equal(["UserWarning: Early stopping conditioned on metric `val_loss` which is not available. Available metrics are: loss"], fit.Messages);
        Assert.Equal(0, stopper.Wait);
    }

    [Fact]
    public void Reuse_ResetsEverythingAtTrainBegin()
    {
        // test_state_reset_across_fit_calls.
        var stopper = new EarlyStopping(monitor: "loss", patience: 0, restoreBestWeights: true);
        var fit = new FakeFit();
        Drive(stopper, fit, "loss", [1.0, 2.0]);
        Assert.Equal(1, stopper.StoppedEpoch);
        stopper.OnTrainBegin(fit);
        Assert.Null(stopper.Best);
        Assert.Equal(0, stopper.Wait);
        Assert.Equal(0, stopper.StoppedEpoch);
        Assert.Equal(0, stopper.BestEpoch);
        Array.Fill(fit.Weights, 9f);
        stopper.OnTrainEnd(fit, FakeFit.LogsOf());   // no weights kept in this run: nothing restored
        Assert.All(fit.Weights, w => Assert.Equal(9f, w));
    }

    [Theory]
    // test_early_stopping's cases, on FastDense's metrics: (mode, monitor, maximize).
    [InlineData(MonitorMode.Max, "val_mse", true)]
    [InlineData(MonitorMode.Min, "val_loss", false)]
    [InlineData(MonitorMode.Auto, "val_mse", false)]
    [InlineData(MonitorMode.Auto, "loss", false)]
    [InlineData(MonitorMode.Auto, "acc", true)]
    [InlineData(MonitorMode.Auto, "val_accuracy", true)]
    [InlineData(MonitorMode.Auto, "f1_score", true)]
    [InlineData(MonitorMode.Auto, "val_auc", true)]
    [InlineData(MonitorMode.Auto, "root_mean_squared_error", false)]
    [InlineData(MonitorMode.Auto, "val_binary_crossentropy", false)]   // probabilistic_metrics.py: _direction "down"
    [InlineData(MonitorMode.Auto, "hinge", false)]
    [InlineData(MonitorMode.Auto, "val_precision_at_recall", true)]    // SensitivitySpecificityBase: "up"
    [InlineData(MonitorMode.Auto, "one_hot_mean_io_u", true)]          // _IoUBase: "up"
    public void AutoMode_FollowsTheMetricsDirection(MonitorMode mode, string monitor, bool maximize)
    {
        var fit = new FakeFit(Metric.FromName("mse"), Metric.FromName("acc"), new Accuracy(), new F1Score(name: "f1_score"), new Auc(),
            new RootMeanSquaredError(), new BinaryCrossentropy(), new Hinge(), new PrecisionAtRecall(0.5), new OneHotMeanIoU(3));
        var stopper = new EarlyStopping(monitor: monitor, mode: mode, patience: 0);
        stopper.OnTrainBegin(fit);
        // Two epochs, the second higher: a maximized quantity improves (no stop), a minimized one does not (stop).
        stopper.OnEpochEnd(fit, 0, FakeFit.LogsOf((monitor, 0.5)));
        stopper.OnEpochEnd(fit, 1, FakeFit.LogsOf((monitor, 0.6)));
        Assert.Equal(!maximize, fit.StopTraining);
    }

    [Fact]
    public void AutoMode_MetricWithoutDirection_OrUnknown_ThrowsAsKerasValueError()
    {
        // Keras: "Keras isn't able to automatically determine whether that metric should be maximized or minimized".
        var fit = new FakeFit(new TruePositives(), new Accuracy());
        foreach (string monitor in new[] { "true_positives", "val_true_positives", "unknown" })
        {
            var stopper = new EarlyStopping(monitor: monitor);
            stopper.OnTrainBegin(fit);
            var error = Assert.Throws<ArgumentException>(() => stopper.OnEpochEnd(fit, 0, FakeFit.LogsOf((monitor, 1.0))));
            Assert.Equal("monitor", error.ParamName);
            Assert.Contains("isn't able to automatically determine", error.Message);
            Assert.Contains("true_positives (no direction)", error.Message);
        }
        var explicitMode = new EarlyStopping(monitor: "true_positives", mode: MonitorMode.Max);
        explicitMode.OnTrainBegin(fit);
        explicitMode.OnEpochEnd(fit, 0, FakeFit.LogsOf(("true_positives", 1.0)));
    }

    [Theory]
    [InlineData("patience", -1)]
    [InlineData("verbose", -1)]
    [InlineData("startFromEpoch", -2)]
    public void BadArguments_AreNamed(string argument, int value)
    {
        var error = Assert.Throws<ArgumentException>(() => argument switch
        {
            "patience" => new EarlyStopping(patience: value),
            "verbose" => new EarlyStopping(verbose: value),
            _ => new EarlyStopping(startFromEpoch: value),
        });
        Assert.Equal(argument, error.ParamName);
        Assert.Contains(value.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
        Assert.Equal("monitor", Assert.Throws<ArgumentException>(() => new EarlyStopping(monitor: "")).ParamName);
        Assert.Equal("mode", Assert.Throws<ArgumentException>(() => new EarlyStopping(mode: (MonitorMode)7)).ParamName);
        Assert.Equal("minDelta", Assert.Throws<ArgumentException>(() => new EarlyStopping(minDelta: double.NaN)).ParamName);
        Assert.Equal("baseline", Assert.Throws<ArgumentException>(() => new EarlyStopping(baseline: double.NaN)).ParamName);
    }

    [Fact]
    public void InARealFit_StopsTraining_AndRestoresTheWeightsOfTheBestEpoch()
    {
        // A metric scripted per epoch: best (lowest) at epoch 1, then worse: patience 2 stops at the end of epoch 3,
        // and the weights are those at the end of epoch 1, recorded here by a callback after EarlyStopping.
        Dataset digits = Datasets.LoadDigits();
        float[] x = digits.Features[..(200 * 64)];
        float[] y = OneHot.Encode(digits.Labels()[..200], 10);
        var metric = new ScriptedMetric("score", MetricDirection.Down, 0.5, 0.3, 0.4, 0.45, 0.2, 0.1);
        var stopper = new EarlyStopping(monitor: "score", patience: 2, restoreBestWeights: true);
        var recorder = new WeightsPerEpoch();
        var model = new DigitsNet(seed: 3);
        History history = model.Fit(x, y, new FitOptions { Epochs = 6, BatchSize = 50, Verbose = 0, Metrics = [metric], Callbacks = [stopper, recorder] });

        Assert.Equal(4, history.Epochs);
        Assert.Equal([0.5, 0.3, 0.4, 0.45], history["score"]);
        Assert.Equal(TrainingStopReason.Callback, history.Stop!.Reason);
        Assert.Equal(3, stopper.StoppedEpoch);
        Assert.Equal(1, stopper.BestEpoch);
        Assert.Equal(recorder.Epochs[1], model.Parameters.ToArray());
        Assert.NotEqual(recorder.Epochs[3], model.Parameters.ToArray());
    }

    private sealed class WeightsPerEpoch : Callback
    {
        public List<float[]> Epochs { get; } = [];

        public override void OnEpochEnd(IFitControl fit, int epoch, Logs logs)
        {
            var copy = new float[fit.ParameterCount];
            fit.CopyParametersTo(copy);
            Epochs.Add(copy);
        }
    }
}
