using FastDense.Data;
using FastDense.Tests.Models;

namespace FastDense.Tests.Training.Callbacks;

// LearningRateScheduler against Keras 3's keras/src/callbacks/learning_rate_scheduler.py (its docstring example and
// learning_rate_scheduler_test.py).
public class LearningRateSchedulerTests
{
    [Fact]
    public void DocstringExample_KeepsTenEpochsThenDecays()
    {
        // SGD() (0.01), 15 epochs, lr kept for epochs 0-9 then lr · exp(-0.1): round(lr, 5) == 0.00607.
        Dataset digits = Datasets.LoadDigits();
        float[] x = digits.Features[..(100 * 64)];
        float[] y = OneHot.Encode(digits.Labels()[..100], 10);
        var seen = new List<(int Epoch, double Rate)>();
        var scheduler = new LearningRateScheduler((epoch, lr) =>
        {
            seen.Add((epoch, lr));
            return epoch < 10 ? lr : lr * Math.Exp(-0.1);
        });
        var model = new DigitsNet(seed: 2) { Optimizer = new Sgd() };
        History history = model.Fit(x, y, new FitOptions { Epochs = 15, BatchSize = 50, Verbose = 0, Callbacks = [scheduler] });

        Assert.Equal(0.00607, Math.Round(model.Optimizer.LearningRate, 5));
        Assert.Equal(Enumerable.Range(0, 15), seen.Select(s => s.Epoch));
        // The current rate is read as the float32 Keras's variable holds, epoch after epoch.
        Assert.Equal((double)0.01f, seen[0].Rate);
        for (int e = 1; e < 15; e++)
        {
            double set = e - 1 < 10 ? seen[e - 1].Rate : seen[e - 1].Rate * Math.Exp(-0.1);
            Assert.Equal((double)(float)set, seen[e].Rate);
        }
        // As in Keras, the epoch's rate is in its logs and so in the history.
        Assert.Equal(seen.Select(s => (double)(float)(s.Epoch < 10 ? s.Rate : s.Rate * Math.Exp(-0.1))), history["learning_rate"]);
    }

    [Fact]
    public void Verbose_WritesKerasLine()
    {
        var fit = new FakeFit { Optimizer = new Sgd(0.01) };
        var scheduler = new LearningRateScheduler((epoch, lr) => epoch == 0 ? lr : 0.5, verbose: 1);
        scheduler.OnEpochBegin(fit, 0);
        scheduler.OnEpochBegin(fit, 1);
        Assert.Equal(
            ["Epoch 1: LearningRateScheduler setting learning rate to 0.009999999776482582.", "Epoch 2: LearningRateScheduler setting learning rate to 0.5."],
            fit.Messages);
        Assert.Equal(0.5, fit.Optimizer.LearningRate);
    }

    [Fact]
    public void WithALearningRateSchedule_Throws_AndBadRatesAreRefused()
    {
        var scheduled = new FakeFit { Optimizer = new Sgd(LearningRateSchedule.FromFunction(step => 0.1)) };
        var error = Assert.Throws<InvalidOperationException>(() => new LearningRateScheduler((e, lr) => lr).OnEpochBegin(scheduled, 0));
        Assert.Contains("not settable", error.Message);
        var fit = new FakeFit();
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateScheduler((e, lr) => double.NaN).OnEpochBegin(fit, 0));
        Assert.Throws<ArgumentNullException>(() => new LearningRateScheduler(null!));
        Assert.Equal("verbose", Assert.Throws<ArgumentException>(() => new LearningRateScheduler((e, lr) => lr, verbose: -1)).ParamName);
    }
}
