using FastDense.Data;
using FastDense.Plotting;

namespace FastDense.Samples.Tests;

// The code of docs/getting-started.md, compiled and run. GettingStarted_IsThisFilesCode keeps the page and this file
// identical: edit the code here, then paste each region between its markers into the page (unindented). Taken in
// order, the regions are one Program.cs of a NuGet user (the usings above it, the model class at its end).

// GUIDE-MODEL-BEGIN
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class DigitsClassifier;
// GUIDE-MODEL-END

public sealed class GettingStartedTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fastdense-guide").FullName;
    private readonly string _previous = Environment.CurrentDirectory;

    // The guide writes its files (plots, weights, checkpoints) into the current folder, as a user's program would.
    public GettingStartedTests() => Environment.CurrentDirectory = _folder;

    public void Dispose()
    {
        Environment.CurrentDirectory = _previous;
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Guide_Runs_FromDataToCheckpoint()
    {
        var console = new StringWriter();
        TextWriter previousOut = Console.Out;
        Console.SetOut(console);
        try
        {
            // GUIDE-DATA-BEGIN
            Dataset digits = Datasets.LoadDigits();                        // 1797 rows of 64 pixel counts, labels 0..9
            float[] y = OneHot.Encode(digits.Labels(), classCount: 10);    // (1797, 10) one-hot rows: Keras's to_categorical
            var (xTrain, xTest, yTrain, yTest) = TrainTestSplit.Split(digits.Features, y, digits.Rows, testSize: 0.2, seed: 42);
            // GUIDE-DATA-END
            Assert.Equal(1437 * 64, xTrain.Length);

            // GUIDE-OWN-DATA-BEGIN
            // Your own data: x is (rows, inputs) row-major, so row r's inputs are x[r * inputs .. (r + 1) * inputs].
            float[] x = [0.1f, 0.9f, 0.8f, 0.2f, 0.7f, 0.6f];               // 3 rows, 2 inputs
            int[] labels = [1, 0, 1];
            float[] targets = OneHot.Encode(labels, classCount: 2);        // (3, 2): [0, 1, 1, 0, 0, 1]
            // GUIDE-OWN-DATA-END
            Assert.Equal([0f, 1f, 1f, 0f, 0f, 1f], targets);
            Assert.Equal(6, x.Length);

            // GUIDE-FIT-BEGIN
            var model = new DigitsClassifier(seed: 0);                     // Glorot-uniform weights drawn from seed 0
            model.Optimizer = new Adam(learningRate: 0.001);               // the default; any of docs/optimizers.md
            Console.WriteLine(model.Summary());                            // layers, output shapes, parameter counts

            History history = model.Fit(xTrain, yTrain, new FitOptions
            {
                Epochs = 10,
                BatchSize = 32,
                ValidationSplit = 0.2,                                     // the last 20 % of the rows, as Keras takes them
                Seed = 0,                                                  // the shuffling order: same seed, same run
            });
            // GUIDE-FIT-END

            // GUIDE-HISTORY-BEGIN
            Console.WriteLine(history);                                    // one row per epoch: loss, accuracy, val_loss, val_accuracy
            IReadOnlyList<double> loss = history["loss"];                  // Keras's history.history['loss']
            double lastValidation = history.ValidationAccuracy[^1];
            IReadOnlyList<int> validated = history.EpochsOf("val_loss");   // from 0: here 0..9, every epoch
            if (history.Stop is not null) Console.WriteLine(history.Stop.Message);   // stopped early: why, and where
            // GUIDE-HISTORY-END
            Assert.Equal(10, loss.Count);
            Assert.True(loss[^1] < loss[0]);
            Assert.True(lastValidation >= 0.93, $"val_accuracy {lastValidation:F4}");
            Assert.Equal(Enumerable.Range(0, 10), validated);
            Assert.Null(history.Stop);

            // GUIDE-EVALUATE-BEGIN
            EvaluationResult test = model.Evaluate(xTest, yTest);
            Console.WriteLine($"test loss {test.Loss:F4}, test accuracy {test.Accuracy:F4}");

            float[] probabilities = model.Predict(xTest);                  // (360, 10) row-major
            int[] predicted = OneHot.Decode<float>(probabilities, classCount: 10);   // each row's most probable class

            float[] output = new float[DigitsClassifier.OutputSize];       // one row, into your own buffer: no allocation
            model.Predict(xTest.AsSpan(0, DigitsClassifier.InputSize), output);
            // GUIDE-EVALUATE-END
            Assert.True(test.Accuracy >= 0.93, $"test accuracy {test.Accuracy:F4}");
            Assert.Equal(360, predicted.Length);
            // A lone row takes the kernels' one-row paths: the same values up to rounding, not always the same bits.
            for (int c = 0; c < 10; c++) Assert.Equal(probabilities[c], output[c], 1e-5f);

            // GUIDE-PLOT-BEGIN
            HistoryPlot.Save(history, "history.png", HistoryPlotOptions.Lesson);   // accuracy and val_accuracy, y from 0 to 1
            HistoryPlot.Save(history, "loss.svg", new HistoryPlotOptions { Keys = ["loss", "val_loss"], FirstEpoch = 1 });
            // GUIDE-PLOT-END
            Assert.True(new FileInfo("history.png").Length > 1000);
            Assert.Contains("<svg", File.ReadAllText("loss.svg"));

            // GUIDE-SAVE-BEGIN
            model.SaveWeights("digits.safetensors");                       // the weights alone
            var restored = new DigitsClassifier();
            restored.LoadWeights("digits.safetensors");                    // same layers required, else ModelFileException

            model.SaveCheckpoint("run.safetensors", epoch: 10, seed: 0);   // weights + the optimizer's state, after 10 epochs
            var resumed = new DigitsClassifier();
            CheckpointInfo info = resumed.LoadCheckpoint("run.safetensors");
            resumed.Fit(xTrain, yTrain, new FitOptions { Epochs = 15, InitialEpoch = info.Epoch, Seed = info.Seed, ValidationSplit = 0.2 });
            // GUIDE-SAVE-END
            Assert.Equal(model.Parameters.ToArray(), restored.Parameters.ToArray());
            // Resuming gives the bits of an uninterrupted 15-epoch run.
            model.Fit(xTrain, yTrain, new FitOptions { Epochs = 15, InitialEpoch = 10, Seed = 0, ValidationSplit = 0.2, Verbose = 0 });
            Assert.Equal(model.Parameters.ToArray(), resumed.Parameters.ToArray());
        }
        finally
        {
            Console.SetOut(previousOut);
        }
        Assert.Contains("Epoch 10/10", console.ToString());
        Assert.Contains("test accuracy 0.9", console.ToString());
    }

    [Fact]
    public void GettingStarted_IsThisFilesCode()
    {
        string page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "getting-started.md")).ReplaceLineEndings("\n");
        string source = File.ReadAllText(ThisFile()).ReplaceLineEndings("\n");
        foreach (string region in new[] { "MODEL", "DATA", "OWN-DATA", "FIT", "HISTORY", "EVALUATE", "PLOT", "SAVE" })
        {
            string code = Region(source, region);
            Assert.True(page.Contains(code, StringComparison.Ordinal),
                $"docs/getting-started.md must contain the {region} region of GettingStartedTests.cs verbatim (unindented):\n{code}");
        }
    }

    private static string Region(string source, string name)
    {
        int start = source.IndexOf($"// GUIDE-{name}-BEGIN\n", StringComparison.Ordinal);
        int end = source.IndexOf($"// GUIDE-{name}-END", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"region {name} not found");
        string[] lines = source[(source.IndexOf('\n', start) + 1)..end].TrimEnd().Split('\n');
        int indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    private static string RepositoryRoot() => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", ".."));
}
