namespace FastDense.Plotting.Tests;

/// <summary>Defaults chosen from the History, and input refused with a message that says what to do.</summary>
public class InputTests
{
    [Fact]
    public void DefaultKeys_Classifier_AreAccuracyAndItsValidationTwin()
        => Assert.Equal(["accuracy", "val_accuracy"], HistoryPlot.DefaultKeys(Histories.Classifier));

    [Fact]
    public void DefaultKeys_Regression_AreLossAndValLoss()
    {
        (float[] x, float[] y) = Histories.Line(rows: 40, seed: 3);
        History history = new LineNet(seed: 4).Fit(x, y, new FitOptions { Epochs = 2, ValidationSplit = 0.25, Verbose = 0 });
        Assert.False(history.Contains("accuracy"));
        Assert.Equal(["loss", "val_loss"], HistoryPlot.DefaultKeys(history));
    }

    [Fact]
    public void DefaultKeys_WithoutValidation_AreTheMetricAlone()
    {
        (float[] x, float[] y) = Histories.TwoClasses(rows: 40, seed: 3);
        History history = new TwoClassNet(seed: 4).Fit(x, y, new FitOptions { Epochs = 2, Verbose = 0 });
        Assert.Equal(["accuracy"], HistoryPlot.DefaultKeys(history));
    }

    [Theory]
    [InlineData("accuracy", "Accuracy")]
    [InlineData("val_accuracy", "Accuracy")]
    [InlineData("loss", "Loss")]
    [InlineData("val_mae", "MAE")]
    [InlineData("top_k", "Top k")]
    [InlineData("", "")]
    public void DefaultYLabel_FollowsTheKey(string key, string label) => Assert.Equal(label, HistoryPlot.DefaultYLabel(key));

    [Fact]
    public void MatplotlibColors_AreTheDefaultCycle()
    {
        Assert.Equal(10, HistoryPlot.MatplotlibColors.Count);
        Assert.Equal([Pixels.C0, Pixels.C1, "#2ca02c"], HistoryPlot.MatplotlibColors.Take(3));
    }

    [Fact]
    public void MissingKey_ListsTheKeysTheHistoryHas()
    {
        var error = Assert.Throws<HistoryKeyNotFoundException>(() =>
            Pixels.Png(Histories.Classifier, new HistoryPlotOptions { Keys = ["accuracy", "val_acc"] }));
        Assert.Equal("val_acc", error.Key);
        Assert.Equal(Histories.Classifier.Keys, error.AvailableKeys);
        Assert.Contains("loss, accuracy, val_loss, val_accuracy", error.Message);
        Assert.IsAssignableFrom<KeyNotFoundException>(error);
    }

    [Fact]
    public void EmptyHistory_IsRefused_SayingWhy()
    {
        // A learning rate infinite in float overflows the weights at the first batch; Fit stops at the second, inside
        // the first epoch, which is therefore not recorded.
        (float[] x, float[] y) = Histories.Line(rows: 32, seed: 5);
        var model = new LineNet(seed: 6) { Optimizer = new Sgd(learningRate: 1e39) };
        History history = model.Fit(x, y, new FitOptions { Epochs = 3, BatchSize = 8, Verbose = 0, Output = TextWriter.Null });
        Assert.Equal(0, history.Epochs);

        var error = Assert.Throws<ArgumentException>(() => Pixels.Png(history));
        Assert.Equal("history", error.ParamName);
        Assert.Contains("no epochs", error.Message);
    }

    public static TheoryData<HistoryPlotOptions, string> BadOptions => new()
    {
        { new HistoryPlotOptions { Keys = [] }, "Keys is empty" },
        { new HistoryPlotOptions { Labels = ["only one"] }, "1 labels for 2 keys" },
        { new HistoryPlotOptions { YLimits = (1, 0) }, "YLimits" },
        { new HistoryPlotOptions { YLimits = (0, double.NaN) }, "YLimits" },
        { new HistoryPlotOptions { Width = 0 }, "0 x 480" },
        { new HistoryPlotOptions { Colors = ["red"] }, "'red'" },
        { new HistoryPlotOptions { LineWidth = 0 }, "LineWidth" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void BadOptions_AreRefused_NamingTheOption(HistoryPlotOptions options, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => Pixels.Png(Histories.Classifier, options));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Labels_ReplaceTheKeysInTheLegend()
    {
        using var stream = new MemoryStream();
        HistoryPlot.Save(Histories.Classifier, stream, PlotFormat.Svg, new HistoryPlotOptions { Labels = ["train", "validation"], Title = "Digits" });
        string svg = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        Assert.Contains("validation", svg);
        Assert.Contains("Digits", svg);
        Assert.DoesNotContain("val_accuracy", svg);
    }
}
