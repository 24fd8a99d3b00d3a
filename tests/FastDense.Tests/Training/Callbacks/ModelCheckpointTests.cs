using FastDense.Data;
using FastDense.Tests.Models;

namespace FastDense.Tests.Training.Callbacks;

// ModelCheckpoint against Keras 3's keras/src/callbacks/model_checkpoint.py (_save_model, _should_save_model,
// _should_save_on_batch, _get_file_path) and model_checkpoint_test.py.
public sealed class ModelCheckpointTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fastdense-modelcheckpoint-").FullName;
    private readonly float[] _x, _y;

    public ModelCheckpointTests()
    {
        Dataset digits = Datasets.LoadDigits();
        _x = digits.Features[..(200 * 64)];
        _y = OneHot.Encode(digits.Labels()[..200], 10);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void EveryEpoch_FillsThePathAsKeras_InAFolderItCreates()
    {
        // filepath "{epoch:02d}-{loss:.4f}": epoch from 1, the epoch's logs. The folder does not exist yet: Keras creates it.
        string pattern = Path.Combine(_folder, "run", "w-{epoch:02d}-{loss:.4f}.safetensors");
        var checkpoint = new ModelCheckpoint(pattern, saveWeightsOnly: true);
        var model = new DigitsNet(seed: 4);
        History history = model.Fit(_x, _y, new FitOptions { Epochs = 3, BatchSize = 50, Verbose = 0, Callbacks = [checkpoint] });

        string[] expected = Enumerable.Range(0, 3)
            .Select(e => $"w-{e + 1:00}-{FastDense.Training.PythonFormat.Format(history.Loss[e], ".4f")}.safetensors").ToArray();
        Assert.Equal(expected, Directory.GetFiles(Path.Combine(_folder, "run")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(Path.Combine(_folder, "run", expected[2]), checkpoint.LastSavedPath);
        var loaded = new DigitsNet();
        loaded.LoadWeights(checkpoint.LastSavedPath!);
        Assert.Equal(model.Parameters.ToArray(), loaded.Parameters.ToArray());
    }

    [Fact]
    public void SaveBestOnly_SavesImprovements_WithKerasMessages()
    {
        // Scripted score 0.5, 0.3, 0.4, 0.2 (minimized): saves at epochs 1, 2, 4 (from 1), not 3.
        string path = Path.Combine(_folder, "best.safetensors");
        var output = new StringWriter();
        var metric = new ScriptedMetric("score", MetricDirection.Down, 0.5, 0.3, 0.4, 0.2);
        var checkpoint = new ModelCheckpoint(path, monitor: "score", verbose: 1, saveBestOnly: true, saveWeightsOnly: true);
        var recorder = new WeightsAtEpochEnd();
        var model = new DigitsNet(seed: 4);
        model.Fit(_x, _y, new FitOptions { Epochs = 4, BatchSize = 50, Verbose = 0, Output = output, Metrics = [metric], Callbacks = [checkpoint, recorder] });

        Assert.Equal(
            [
                $"Epoch 1: score improved from None to 0.50000, saving model to {path}",
                $"Epoch 1: finished saving model to {path}",
                $"Epoch 2: score improved from 0.50000 to 0.30000, saving model to {path}",
                $"Epoch 2: finished saving model to {path}",
                "Epoch 3: score did not improve from 0.30000",
                $"Epoch 4: score improved from 0.30000 to 0.20000, saving model to {path}",
                $"Epoch 4: finished saving model to {path}",
            ],
            output.ToString().Split(output.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(0.2, checkpoint.Best);
        var loaded = new DigitsNet();
        loaded.LoadWeights(path);
        Assert.Equal(recorder.Epochs[3], loaded.Parameters.ToArray());
        Assert.Equal(["best.safetensors"], Directory.GetFiles(_folder).Select(Path.GetFileName));   // atomic: no temporary file left

        // The best is kept across fits (Keras does not reset it) and initialValueThreshold starts it.
        var strict = new ModelCheckpoint(Path.Combine(_folder, "strict.safetensors"), monitor: "score", saveBestOnly: true, initialValueThreshold: 0.35);
        new DigitsNet(seed: 4).Fit(_x, _y, new FitOptions
        {
            Epochs = 3, BatchSize = 50, Verbose = 0, Metrics = [new ScriptedMetric("score", MetricDirection.Down, 0.5, 0.4, 0.3)], Callbacks = [strict],
        });
        Assert.Equal(0.3, strict.Best);
    }

    [Fact]
    public void FullCheckpoint_IsTheDefault_AndResumesWhereItWasSaved()
    {
        // Keras's default saves the whole model; here a training checkpoint with the epochs trained and the run's seed.
        string pattern = Path.Combine(_folder, "ckpt-{epoch}.safetensors");
        var model = new DigitsNet(seed: 4) { Optimizer = new Adam() };
        model.Fit(_x, _y, new FitOptions { Epochs = 2, BatchSize = 50, Seed = 17, Verbose = 0, Callbacks = [new ModelCheckpoint(pattern)] });

        var resumed = new DigitsNet(seed: 99) { Optimizer = new Adam() };
        Assert.Equal(new CheckpointInfo(2, 17), resumed.LoadCheckpoint(Path.Combine(_folder, "ckpt-2.safetensors")));
        Assert.Equal(model.Parameters.ToArray(), resumed.Parameters.ToArray());
        Assert.Equal(8, resumed.Optimizer.Iterations);
        Assert.Equal(new CheckpointInfo(1, 17), new DigitsNet() { Optimizer = new Adam() }.LoadCheckpoint(Path.Combine(_folder, "ckpt-1.safetensors")));
    }

    [Fact]
    public void EveryNBatches_CountsAcrossEpochs_AndFillsTheBatch()
    {
        // 4 batches an epoch, save_freq 3 over 2 epochs: after batch 3 of epoch 1 and batch 2 of epoch 2 (both from 1).
        // A checkpoint taken mid-epoch records only the epochs finished before it.
        string pattern = Path.Combine(_folder, "e{epoch}-b{batch}.safetensors");
        var model = new DigitsNet(seed: 4);
        model.Fit(_x, _y, new FitOptions { Epochs = 2, BatchSize = 50, Verbose = 0, Callbacks = [new ModelCheckpoint(pattern, saveFreq: 3)] });
        Assert.Equal(["e1-b3.safetensors", "e2-b2.safetensors"], Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(0, new DigitsNet().LoadCheckpoint(Path.Combine(_folder, "e1-b3.safetensors")).Epoch);
        Assert.Equal(1, new DigitsNet().LoadCheckpoint(Path.Combine(_folder, "e2-b2.safetensors")).Epoch);
    }

    [Fact]
    public void SaveBestOnly_WithoutTheMonitor_WarnsAndSaves()
    {
        var fit = new FakeFit();
        var checkpoint = new ModelCheckpoint("m.safetensors", saveBestOnly: true);   // val_loss, not in the logs
        checkpoint.OnEpochEnd(fit, 0, FakeFit.LogsOf(("loss", 1.0)));
        checkpoint.OnEpochEnd(fit, 1, FakeFit.LogsOf(("loss", 0.5)));
        Assert.Equal(["UserWarning: Can save best model only with val_loss available."], fit.Messages);
        Assert.Equal([("m.safetensors", (int?)1), ("m.safetensors", (int?)2)], fit.Saves);
    }

    [Fact]
    public void MaxMode_AndAutoOnAccuracy_SaveOnIncreases()
    {
        var fit = new FakeFit(new Accuracy());
        var checkpoint = new ModelCheckpoint("a-{epoch}.safetensors", monitor: "val_accuracy", saveBestOnly: true, saveWeightsOnly: true);
        double[] accuracy = [0.5, 0.6, 0.55, 0.7];
        for (int e = 0; e < accuracy.Length; e++) checkpoint.OnEpochEnd(fit, e, FakeFit.LogsOf(("val_accuracy", accuracy[e])));
        Assert.Equal(["a-1.safetensors", "a-2.safetensors", "a-4.safetensors"], fit.Saves.Select(s => s.Path));
        Assert.All(fit.Saves, s => Assert.Null(s.Epoch));   // weights only
    }

    [Fact]
    public void AnExistingFolderAtThePath_IsKerasError()
    {
        string folder = Directory.CreateDirectory(Path.Combine(_folder, "taken")).FullName;
        var checkpoint = new ModelCheckpoint(folder);
        var error = Assert.Throws<IOException>(() => checkpoint.OnEpochEnd(new FakeFit(), 0, FakeFit.LogsOf(("loss", 1.0))));
        Assert.Contains("Please specify a non-directory filepath for ModelCheckpoint", error.Message);
    }

    [Fact]
    public void BadArguments_AreNamed()
    {
        Assert.Equal("filepath", Assert.Throws<ArgumentException>(() => new ModelCheckpoint("")).ParamName);
        Assert.Equal("filepath", Assert.Throws<ArgumentException>(() => new ModelCheckpoint("{epoch!r}.bin")).ParamName);
        Assert.Equal("saveFreq", Assert.Throws<ArgumentException>(() => new ModelCheckpoint("m.bin", saveFreq: 0)).ParamName);
        var error = Assert.Throws<ArgumentException>(() => new ModelCheckpoint("m.bin", saveFreq: "batch"));
        Assert.Equal("saveFreq", error.ParamName);
        Assert.Contains("\"batch\"", error.Message);
        Assert.Equal("verbose", Assert.Throws<ArgumentException>(() => new ModelCheckpoint("m.bin", verbose: -1)).ParamName);
        Assert.Equal("epoch", new ModelCheckpoint("m.bin", saveFreq: "epoch").SaveFreq.ToString());
        Assert.Equal(SaveFrequency.EveryBatches(7), new ModelCheckpoint("m.bin", saveFreq: 7).SaveFreq);
    }

    private sealed class WeightsAtEpochEnd : Callback
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
