using Diabetes;
using Xunit.Abstractions;

namespace FastDense.Samples.Tests;

/// <summary>
/// samples/Diabetes: its training code reaches the measured test R² on the sample's split and the issue's 0.40 on
/// average over other splits, and the whole program runs from the embedded data to the plot.
/// </summary>
public sealed class DiabetesSampleTests(ITestOutputHelper log) : IDisposable
{
    // Measured with the sample's options (100 epochs, batch 32, validation split 0.2), Release and Debug alike. On the
    // sample's split (seed 1): test r2_score 0.5370 and mae 41.36 with model and shuffle seed 0; over seeds 0 to 19,
    // r2_score 0.5237 to 0.5497 and mae 40.81 to 42.21. The bounds sit below all of them and above the issue's 0.40.
    private const double MinTestR2 = 0.50;
    private const double MaxTestMae = 45;

    // The split matters more than the seeds (89 test rows of a noisy target): over splits 2 to 9 (seed 0) r2_score is
    // 0.3194 to 0.5809, mean 0.4869; over splits 0 to 99, 0.121 to 0.639, median 0.480, mean 0.466, 19 below 0.40.
    // Ordinary least squares does about as well (mean 0.50 over 50 splits, 5 below 0.40, lowest 0.16): the data set is
    // close to linear. The mean is held to the issue's 0.40; each split to 0.25, which the lowest of these eight
    // (split 2: 0.3085 to 0.3194 over seeds 0 to 19) clears by 0.06. The eight trainings take about 10 s in Debug
    // (100 epochs each; fewer epochs would test other options than the sample's).
    private static readonly int[] OtherSplits = [2, 3, 4, 5, 6, 7, 8, 9];
    private const double MinMeanR2 = 0.40;
    private const double MinSplitR2 = 0.25;

    private readonly string _folder = Directory.CreateTempSubdirectory("fastdense-diabetes-sample").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Train_OnTheSampleSplit_ReachesTheMeasuredR2()
    {
        var progress = new StringWriter();
        LessonResult result = DiabetesLesson.Train(DiabetesLesson.Split(), DiabetesLesson.Options(progress));
        log.WriteLine($"test {result.Test}");

        Assert.Equal(DiabetesLesson.Epochs, result.History.Epochs);
        Assert.Equal(["loss", "mae", "r2_score", "val_loss", "val_mae", "val_r2_score"], result.History.Keys);
        Assert.Equal(["mae", "r2_score"], result.Test.Metrics.Keys);
        // 353 training rows less the last 71 held out are 282, in batches of 32 9 steps.
        Assert.Contains("Epoch 100/100", progress.ToString());
        Assert.Contains("9/9 [==============================]", progress.ToString());
        Assert.True(result.Test["r2_score"] >= MinTestR2, $"test r2_score {result.Test["r2_score"]:F4} < {MinTestR2}");
        Assert.True(result.Test["mae"] <= MaxTestMae, $"test mae {result.Test["mae"]:F2} > {MaxTestMae}");
    }

    [Fact]
    public void Train_OnOtherSplits_AveragesR2AboveTheIssues0_40()
    {
        double[] r2 = OtherSplits
            .Select(seed => DiabetesLesson.Train(DiabetesLesson.Split(seed), DiabetesLesson.Options(TextWriter.Null)).Test["r2_score"])
            .ToArray();
        log.WriteLine($"test r2_score per split: {string.Join(", ", r2.Select(a => a.ToString("F4")))}; mean {r2.Average():F4}");

        Assert.True(r2.Average() >= MinMeanR2, $"mean test r2_score {r2.Average():F4} < {MinMeanR2}");
        Assert.All(r2, a => Assert.True(a >= MinSplitR2, $"test r2_score {a:F4} < {MinSplitR2}"));
    }

    [Fact]
    public void Run_PrintsTheSummary_Progress_AndTestMetrics_AndPlots()
    {
        var output = new StringWriter();
        string plot = Path.Combine(_folder, "history.png");
        int exit = DiabetesLesson.Run(output, plot);

        Assert.Equal(0, exit);
        string text = output.ToString();
        Assert.Contains("353 training and 89 test rows of 10 features", text);
        Assert.Contains("normalization_0 (Normalization)", text);
        Assert.Contains("Non-trainable params: 20", text);
        Assert.Contains("Epoch 100/100", text);
        Assert.Contains("val_r2_score", text);
        Assert.Matches(@"Test: loss: \d+\.\d{4} - mae: \d+\.\d{4} - r2_score: \d\.\d{4}", text);
        byte[] png = File.ReadAllBytes(plot);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
    }
}
