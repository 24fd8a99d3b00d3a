using BreastCancer;
using FastDense.Data;
using Xunit.Abstractions;

namespace FastDense.Samples.Tests;

/// <summary>
/// samples/BreastCancer: its training code (up to 100 epochs, EarlyStopping on val_loss with the best weights restored)
/// reaches the issue's test AUC (0.99) on the sample's split and on average over other splits, stops early where it was
/// measured to, and the whole program runs from the embedded data to the plot.
/// </summary>
public sealed class BreastCancerSampleTests(ITestOutputHelper log) : IDisposable
{
    // Measured with the sample's options (up to 100 epochs, batch 32, validation split 0.2, EarlyStopping(val_loss,
    // patience 10, restore_best_weights)), Release and Debug alike (the same kernels, the same bits). On the sample's
    // split (seed 1) with model and shuffle seed 0: val_loss is lowest at epoch 50, the fit stops after epoch 60 and
    // ends with epoch 50's weights, test AUC 0.9940 (the fixed 20 epochs before: 0.9940 too), accuracy 0.9474 (0.9386),
    // loss 0.0987 (0.1023). Over seeds 0 to 19: 0.9919 to 0.9950, stopping after 33 to 60 epochs. The issue's bound
    // 0.99 sits below all of them.
    private const double MinTestAuc = 0.99;
    private const int StoppedAfter = 60, BestEpoch = 50;

    // The split matters more than the seeds: 114 test rows hold about 42 malignant ones, and a few borderline rows
    // decide the last hundredth. Over splits 2 to 9 (seed 0): 0.9847 to 1.0000, mean 0.9954 (20 epochs: 0.9902 to
    // 1.0000, mean 0.9963). Over splits 0 to 99: 0.972 to 1.000, median 0.997, mean 0.993, 31 of them below 0.99 (20
    // epochs: 0.982 to 1.000, mean 0.995, 24); a ridge logistic regression has 11 of 50 splits below 0.99, the hardest
    // among them. So the mean is held to the issue's 0.99 and each of these eight splits to 0.98; the lowest of the 100
    // (0.972) would not pass that. The eight trainings take about 8 s in Debug (2-core VM).
    private static readonly int[] OtherSplits = [2, 3, 4, 5, 6, 7, 8, 9];
    private const double MinSplitAuc = 0.98;

    private readonly string _folder = Directory.CreateTempSubdirectory("fastdense-breast-cancer-sample").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Train_OnTheSampleSplit_ReachesTestAuc0_99()
    {
        var progress = new StringWriter();
        TrainTestSplit<float> data = BreastCancerLesson.Split();
        LessonResult result = BreastCancerLesson.Train(data, BreastCancerLesson.Options(progress));
        log.WriteLine($"test {result.Test}");

        // EarlyStopping stopped the fit (Keras: "Epoch 60: early stopping") and put back the weights of the epoch of the
        // lowest val_loss: evaluated on the validation rows (the last 91 of the 455), they give that epoch's val_loss,
        // not the last epoch's.
        Assert.Equal(StoppedAfter, result.History.Epochs);
        Assert.Equal(TrainingStopReason.Callback, result.History.Stop?.Reason);
        List<double> validationLoss = [.. result.History.ValidationLoss];
        Assert.Equal(BestEpoch - 1, validationLoss.IndexOf(validationLoss.Min()));
        Assert.Contains($"Epoch {StoppedAfter}: early stopping", progress.ToString());
        Assert.Contains($"Restoring model weights from the end of the best epoch: {BestEpoch}.", progress.ToString());
        const int trainingRows = 364, features = 30;
        double restoredLoss = result.Model.Evaluate(data.XTrain[(trainingRows * features)..], data.YTrain[trainingRows..]).Loss;
        Assert.Equal(validationLoss[BestEpoch - 1], restoredLoss, 1e-6);
        Assert.NotEqual(validationLoss[^1], restoredLoss, 1e-4);
        Assert.Equal(
            ["loss", "accuracy", "auc", "precision", "recall", "val_loss", "val_accuracy", "val_auc", "val_precision", "val_recall"],
            result.History.Keys);
        Assert.Equal(["accuracy", "auc", "precision", "recall"], result.Test.Metrics.Keys);
        // Keras's progress lines: 455 training rows less the last 91 held out are 364, in batches of 32 12 steps.
        Assert.Contains($"Epoch {StoppedAfter}/{BreastCancerLesson.Epochs}", progress.ToString());
        Assert.DoesNotContain($"Epoch {StoppedAfter + 1}/", progress.ToString());
        Assert.Contains("12/12 [==============================]", progress.ToString());
        Assert.True(result.Test["auc"] >= MinTestAuc, $"test auc {result.Test["auc"]:F4} < {MinTestAuc}");
    }

    [Fact]
    public void Train_OnOtherSplits_AveragesTestAuc0_99()
    {
        double[] auc = OtherSplits
            .Select(seed => BreastCancerLesson.Train(BreastCancerLesson.Split(seed), BreastCancerLesson.Options(TextWriter.Null)).Test["auc"])
            .ToArray();
        log.WriteLine($"test auc per split: {string.Join(", ", auc.Select(a => a.ToString("F4")))}; mean {auc.Average():F4}");

        Assert.True(auc.Average() >= MinTestAuc, $"mean test auc {auc.Average():F4} < {MinTestAuc}");
        Assert.All(auc, a => Assert.True(a >= MinSplitAuc, $"test auc {a:F4} < {MinSplitAuc}"));
    }

    [Fact]
    public void Run_PrintsTheSummary_Progress_AndTestMetrics_AndPlots()
    {
        var output = new StringWriter();
        string plot = Path.Combine(_folder, "history.png");
        int exit = BreastCancerLesson.Run(output, plot);

        Assert.Equal(0, exit);
        string text = output.ToString();
        Assert.Contains("455 training and 114 test rows of 30 features", text);
        Assert.Contains("normalization_0 (Normalization)", text);
        Assert.Contains("Non-trainable params: 60", text);
        Assert.Contains($"Epoch {StoppedAfter}/{BreastCancerLesson.Epochs}", text);
        Assert.Contains($"Epoch {StoppedAfter}: early stopping", text);
        Assert.Contains("val_auc", text);
        Assert.Matches(@"Test: loss: \d\.\d{4} - accuracy: \d\.\d{4} - auc: \d\.\d{4} - precision: \d\.\d{4} - recall: \d\.\d{4}", text);
        byte[] png = File.ReadAllBytes(plot);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
    }
}
