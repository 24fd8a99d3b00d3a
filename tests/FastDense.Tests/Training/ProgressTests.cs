using System.Text.RegularExpressions;
using FastDense.Data;
using FastDense.Tests.Models;
using FastDense.Training;

namespace FastDense.Tests.Training;

/// <summary>Keras 2's progress lines, and no carriage-return frames when output is not a terminal.</summary>
public partial class ProgressTests
{
    [GeneratedRegex(@"^36/36 \[==============================\] - \d+s \d+(us|ms|s)/step - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4}$")]
    private static partial Regex VerboseOneLine();

    [GeneratedRegex(@"^36/36 - \d+s - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4} - \d+(us|ms|s)/epoch - \d+(us|ms|s)/step$")]
    private static partial Regex VerboseTwoLine();

    private static string[] FitLines(Verbosity verbose, int epochs = 3)
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var (xTrain, _, yTrain, _) = TrainTestSplit.Split(digits.Features, y, digits.Rows, 0.2, seed: 42);
        var output = new StringWriter { NewLine = "\n" };
        new DigitsNet().Fit(xTrain, yTrain, new FitOptions { Epochs = epochs, ValidationSplit = 0.2, Verbose = verbose, Output = output });
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void Verbose1_Redirected_OneFinishedBarPerEpoch_NoCarriageReturns()
    {
        string[] lines = FitLines(Verbosity.ProgressBar);
        Assert.Equal(6, lines.Length);
        for (int e = 0; e < 3; e++)
        {
            Assert.Equal($"Epoch {e + 1}/3", lines[2 * e]);
            Assert.Matches(VerboseOneLine(), lines[2 * e + 1]);
        }
        Assert.DoesNotContain(lines, line => line.Contains('\r'));
    }

    [Fact]
    public void Verbose2_OneLinePerEpoch_WithEpochAndStepTimes()
    {
        string[] lines = FitLines(Verbosity.OneLinePerEpoch);
        Assert.Equal(6, lines.Length);
        Assert.Matches(VerboseTwoLine(), lines[1]);
    }

    [Fact]
    public void Verbose0_IsSilent()
        => Assert.Empty(FitLines(Verbosity.Silent));

    [Fact]
    public void SingleEpoch_HasNoEpochHeader_AsKeras()
        => Assert.Single(FitLines(Verbosity.Auto, epochs: 1));

    [Fact]
    public void Dynamic_RedrawsInPlace_AndEndsWithFinishedLine()
    {
        var output = new StringWriter { NewLine = "\n" };
        var bar = new ProgressBar(output, verbose: 1, dynamic: true, epochs: 1, steps: 4);
        bar.EpochBegin(0);
        bar.StepEnd(1, Logs(("loss", 2.0), ("accuracy", 0.25)));
        bar.EpochEnd(4, Logs(("loss", 1.0), ("accuracy", 0.5)));
        string text = output.ToString();
        // int(30 · 1/4) = 7 cells: six "=", the ">" head, then 23 dots (Keras's Progbar arithmetic).
        Assert.StartsWith("\r1/4 [======>.......................] - ETA: ", text);
        Assert.Contains(" - loss: 2.0000 - accuracy: 0.2500", text);
        string last = text.Split('\r')[^1];
        Assert.Matches(@"^4/4 \[==============================\] - 0s \d+(us|ms|s)/step - loss: 1\.0000 - accuracy: 0\.5000\s*\n$", last);
    }

    [Fact]
    public void SmallValues_UseExponentFormat_AsKeras()
    {
        var output = new StringWriter { NewLine = "\n" };
        var bar = new ProgressBar(output, verbose: 2, dynamic: false, epochs: 1, steps: 1);
        bar.EpochBegin(0);
        bar.StepEnd(1, Logs(("loss", 0.00012345), ("mae", 0.5)));
        bar.EpochEnd(1, Logs(("loss", 0.00012345), ("mae", 0.5)));
        Assert.Contains("loss: 1.2345e-04 - mae: 0.5000", output.ToString());
    }

    [Fact]
    public void EveryPresentKey_IsPrinted_InTheLogsOrder()
    {
        var output = new StringWriter { NewLine = "\n" };
        var bar = new ProgressBar(output, verbose: 2, dynamic: false, epochs: 1, steps: 3);
        var logs = new Logs(["loss", "auc", "precision", "val_loss", "val_auc", "val_precision"]);
        logs.Set(0, 0.5);
        logs.Set(1, 0.75);
        logs.Set(2, 0.25);
        bar.EpochBegin(0);
        bar.EpochEnd(3, logs);
        Assert.Contains("3/3 - 0s - loss: 0.5000 - auc: 0.7500 - precision: 0.2500 -", output.ToString());
        Assert.DoesNotContain("val_", output.ToString());
    }

    private static Logs Logs(params (string Key, double Value)[] values)
    {
        var logs = new Logs(values.Select(v => v.Key).ToArray());
        for (int i = 0; i < values.Length; i++) logs.Set(i, values[i].Value);
        return logs;
    }
}
