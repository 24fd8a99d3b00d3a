using FastDense.Data;

namespace FastDense.Tests;

// The README's quick start, compiled and run. ReadMe_QuickStart_IsThisFilesCode keeps the two identical:
// edit the code here, then paste the region between the markers into README.md.

// README-MODEL-BEGIN
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class QuickStartNet;
// README-MODEL-END

public class ReadMeTests
{
    [Fact]
    public void QuickStart_Runs_AndLearns()
    {
        var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            // README-CODE-BEGIN
            Dataset digits = Datasets.LoadDigits();                        // 1797 x 64 pixel counts, labels 0..9
            float[] y = OneHot.Encode(digits.Labels(), classCount: 10);    // to_categorical
            var (xTrain, xTest, yTrain, yTest) = TrainTestSplit.Split(digits.Features, y, digits.Rows, testSize: 0.2, seed: 42);

            var model = new QuickStartNet();                               // Glorot-uniform weights, Adam(lr = 0.001)
            History history = model.Fit(xTrain, yTrain, new FitOptions { Epochs = 10, BatchSize = 32, ValidationSplit = 0.2 });

            Console.WriteLine(history);                                    // loss, accuracy, val_loss, val_accuracy per epoch
            Console.WriteLine($"test accuracy: {model.Evaluate(xTest, yTest).Accuracy:F4}");
            // README-CODE-END
            Assert.True(history.ValidationAccuracy[^1] > 0.9);
        }
        finally
        {
            Console.SetOut(new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true });
        }
        Assert.Contains("test accuracy: 0.9", output.ToString());
    }

    [Fact]
    public void SaveAndLoad_Runs_AndResumesBitForBit()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), classCount: 10);
        var (xTrain, _, yTrain, _) = TrainTestSplit.Split(digits.Features, y, digits.Rows, testSize: 0.2, seed: 42);
        string folder = Directory.CreateTempSubdirectory("fastdense-readme").FullName;
        string previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = folder;
        try
        {
            var model = new QuickStartNet();
            model.Fit(xTrain, yTrain, new FitOptions { Epochs = 5, Seed = 11, Verbose = 0 });
            // README-SAVE-BEGIN
            model.SaveWeights("digits.safetensors");                       // atomic: a temporary file, flushed, then renamed
            var copy = new QuickStartNet();
            copy.LoadWeights("digits.safetensors");                        // strict: ModelFileException on a bad file, model unchanged

            model.SaveCheckpoint("run.safetensors", epoch: 5, seed: 11);   // weights + Adam's moments and step count
            var resumed = new QuickStartNet();
            CheckpointInfo info = resumed.LoadCheckpoint("run.safetensors");
            resumed.Fit(xTrain, yTrain, new FitOptions { Epochs = 10, InitialEpoch = info.Epoch, Seed = info.Seed });
            // README-SAVE-END
            Assert.Equal(model.Parameters.ToArray(), copy.Parameters.ToArray());
            model.Fit(xTrain, yTrain, new FitOptions { Epochs = 10, InitialEpoch = 5, Seed = 11, Verbose = 0 });
            Assert.Equal(model.Parameters.ToArray(), resumed.Parameters.ToArray());
        }
        finally
        {
            Environment.CurrentDirectory = previous;
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ReadMe_QuickStart_IsThisFilesCode()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");
        foreach (string region in new[] { "MODEL", "CODE", "SAVE" })
        {
            string code = Region(File.ReadAllText(ThisFile()).ReplaceLineEndings("\n"), region);
            Assert.True(readme.Contains(code, StringComparison.Ordinal),
                $"README.md's quick start must contain the {region} region of ReadMeTests.cs verbatim (unindented):\n{code}");
        }
    }

    private static string Region(string source, string name)
    {
        int start = source.IndexOf($"// README-{name}-BEGIN\n", StringComparison.Ordinal);
        int end = source.IndexOf($"// README-{name}-END", StringComparison.Ordinal);
        string[] lines = source[(source.IndexOf('\n', start) + 1)..end].TrimEnd().Split('\n');
        int indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    private static string RepositoryRoot() => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", ".."));
}
