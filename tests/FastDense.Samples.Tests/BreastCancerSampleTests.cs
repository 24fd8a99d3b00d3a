using BreastCancer;
using FastDense.Data;
using Xunit.Abstractions;

namespace FastDense.Samples.Tests;

/// <summary>
/// samples/BreastCancer: its training code reaches the issue's test AUC (0.99) on the sample's split and on average
/// over other splits, and the whole program runs from the embedded data to the plot.
/// </summary>
public sealed class BreastCancerSampleTests(ITestOutputHelper log) : IDisposable
{
    // Measured with the sample's options (20 epochs, batch 32, validation split 0.2), Release and Debug alike (the same
    // kernels, the same bits). On the sample's split (seed 1): test AUC 0.9940 with model and shuffle seed 0, 0.9922 to
    // 0.9960 over seeds 0 to 19. The issue's bound 0.99 sits below all of them.
    private const double MinTestAuc = 0.99;

    // The split matters more than the seeds: 114 test rows hold about 42 malignant ones, and a few borderline rows
    // decide the last hundredth. Over splits 2 to 9 (seed 0): 0.9902 to 1.0000, mean 0.9963. Over splits 0 to 99:
    // 0.982 to 1.000, median 0.997, mean 0.995, 24 of them below 0.99; a ridge logistic regression has 11 of 50 splits
    // below 0.99, the hardest among them. So the mean is held to the issue's 0.99 and each split only to 0.98, below
    // the lowest of the 100. The eight trainings take about 3 s in Debug.
    private static readonly int[] OtherSplits = [2, 3, 4, 5, 6, 7, 8, 9];
    private const double MinSplitAuc = 0.98;

    private readonly string _folder = Directory.CreateTempSubdirectory("fastdense-breast-cancer-sample").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Train_OnTheSampleSplit_ReachesTestAuc0_99()
    {
        var progress = new StringWriter();
        LessonResult result = BreastCancerLesson.Train(BreastCancerLesson.Split(), BreastCancerLesson.Options(progress));
        log.WriteLine($"test {result.Test}");

        Assert.Equal(BreastCancerLesson.Epochs, result.History.Epochs);
        Assert.Equal(
            ["loss", "accuracy", "auc", "precision", "recall", "val_loss", "val_accuracy", "val_auc", "val_precision", "val_recall"],
            result.History.Keys);
        Assert.Equal(["accuracy", "auc", "precision", "recall"], result.Test.Metrics.Keys);
        // Keras's progress lines: 455 training rows less the last 91 held out are 364, in batches of 32 12 steps.
        Assert.Contains("Epoch 20/20", progress.ToString());
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
        Assert.Contains("Epoch 20/20", text);
        Assert.Contains("val_auc", text);
        Assert.Matches(@"Test: loss: \d\.\d{4} - accuracy: \d\.\d{4} - auc: \d\.\d{4} - precision: \d\.\d{4} - recall: \d\.\d{4}", text);
        byte[] png = File.ReadAllBytes(plot);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
    }
}
