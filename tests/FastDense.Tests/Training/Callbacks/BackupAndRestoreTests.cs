using FastDense.Data;
using FastDense.Tests.Models;

namespace FastDense.Tests.Training.Callbacks;

// BackupAndRestore against Keras 3's keras/src/callbacks/backup_and_restore.py and its docstring example: a fit
// interrupted by an exception from a callback, run again with the callback, continues from the last backup.
public sealed class BackupAndRestoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fastdense-backup-").FullName;
    private readonly float[] _x, _y;

    public BackupAndRestoreTests()
    {
        Dataset digits = Datasets.LoadDigits();
        _x = digits.Features[..(300 * 64)];
        _y = OneHot.Encode(digits.Labels()[..300], 10);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static FitOptions Options(int seed, params Callback[] callbacks)
        => new() { Epochs = 6, BatchSize = 32, Seed = seed, ValidationSplit = 0.2, Verbose = 0, Callbacks = callbacks };

    [Theory]
    [InlineData(3)]
    [InlineData(1)]
    public void InterruptedFit_RunAgain_EndsWithTheUninterruptedWeights(int interruptAt)
    {
        // Dropout and Adam: the resumed run must redraw the shuffles and masks of the epochs before the backup, and
        // restore the optimizer's moments and step count, to land on the same bits.
        var whole = new DropoutDigitsNet(seed: 5) { Optimizer = new Adam() };
        History wholeHistory = whole.Fit(_x, _y, Options(seed: 11));

        string backupDir = Path.Combine(_folder, "backup");
        var backup = new BackupAndRestore(backupDir);
        var interrupted = new DropoutDigitsNet(seed: 5) { Optimizer = new Adam() };
        Assert.Throws<InterruptedException>(() => interrupted.Fit(_x, _y, Options(seed: 11, backup, new Interrupt(interruptAt))));
        Assert.True(File.Exists(backup.CheckpointPath), "the interrupted fit left no backup");
        Assert.Null(backup.ResumedFrom);

        // Run again: a fresh model with other weights, and even another seed; the backup's weights, epoch and seed win.
        var resumed = new DropoutDigitsNet(seed: 77) { Optimizer = new Adam() };
        History history = resumed.Fit(_x, _y, Options(seed: 999, backup));

        Assert.Equal(new CheckpointInfo(interruptAt, 11), backup.ResumedFrom);
        Assert.Equal(Enumerable.Range(interruptAt, 6 - interruptAt), history.EpochsOf("loss"));
        Assert.Equal(wholeHistory.Loss.Skip(interruptAt), history.Loss);
        Assert.Equal(wholeHistory.ValidationLoss.Skip(interruptAt), history.ValidationLoss);
        Assert.Equal(whole.Parameters.ToArray(), resumed.Parameters.ToArray());
        Assert.Equal(whole.Optimizer.Iterations, resumed.Optimizer.Iterations);
        Assert.False(File.Exists(backup.CheckpointPath), "the backup was not deleted when training finished");
        Assert.False(Directory.Exists(backupDir), "the emptied backup folder was left");
    }

    [Fact]
    public void EveryNBatches_ResumesAtTheEpochInProgress_AsKeras()
    {
        // 240 training rows in batches of 32: 8 batches an epoch. save_freq 5: backups after batches 5, 10 and 15 overall;
        // the last before an interruption at the start of epoch 2 (from 0) is in the middle of epoch 1, so it records
        // 1 finished epoch, and Keras resumes at epoch 1 from weights that already trained on part of it.
        var backup = new BackupAndRestore(Path.Combine(_folder, "b"), saveFreq: 5, deleteCheckpoint: false);
        var model = new DropoutDigitsNet(seed: 5);
        Assert.Throws<InterruptedException>(() => model.Fit(_x, _y, Options(seed: 3, backup, new Interrupt(2))));
        History history = new DropoutDigitsNet(seed: 6).Fit(_x, _y, Options(seed: 3, backup));
        Assert.Equal(new CheckpointInfo(1, 3), backup.ResumedFrom);
        Assert.Equal([1, 2, 3, 4, 5], history.EpochsOf("loss"));
        Assert.True(File.Exists(backup.CheckpointPath), "deleteCheckpoint: false keeps the backup");
    }

    [Fact]
    public void FinishedBackup_KeptByRequest_ResumesPastTheLastEpoch_AndTrainsNothing()
    {
        var backup = new BackupAndRestore(Path.Combine(_folder, "kept"), deleteCheckpoint: false);
        var model = new DigitsNet(seed: 1);
        model.Fit(_x, _y, Options(seed: 2, backup));
        float[] trained = model.Parameters.ToArray();
        History again = model.Fit(_x, _y, Options(seed: 2, backup));
        Assert.Equal(new CheckpointInfo(6, 2), backup.ResumedFrom);
        Assert.Equal(0, again.Epochs);
        Assert.Equal(trained, model.Parameters.ToArray());
    }

    [Fact]
    public void Deleting_RemovesOnlyItsFile_FromAFolderThatHoldsOthers()
    {
        string backupDir = Directory.CreateDirectory(Path.Combine(_folder, "shared")).FullName;
        File.WriteAllText(Path.Combine(backupDir, "notes.txt"), "mine");
        new DigitsNet(seed: 1).Fit(_x, _y, Options(seed: 2, new BackupAndRestore(backupDir)));
        Assert.Equal(["notes.txt"], Directory.GetFiles(backupDir).Select(Path.GetFileName));
    }

    [Fact]
    public void ResumeFrom_OutsideOnTrainBegin_IsRefused()
    {
        string path = Path.Combine(_folder, "any.safetensors");
        var model = new DigitsNet(seed: 1);
        model.SaveCheckpoint(path, 1, 0);
        var late = new LambdaResume(path);
        var error = Assert.Throws<InvalidOperationException>(() => model.Fit(_x, _y, Options(seed: 0, late)));
        Assert.Contains("OnTrainBegin", error.Message);
    }

    [Fact]
    public void BadArguments_AreNamed()
    {
        Assert.Equal("backupDir", Assert.Throws<ArgumentException>(() => new BackupAndRestore("")).ParamName);
        Assert.Equal("saveFreq", Assert.Throws<ArgumentException>(() => new BackupAndRestore("b", saveFreq: -3)).ParamName);
    }

    private sealed class InterruptedException : Exception;

    /// <summary>Keras's InterruptingCallback: raises at the beginning of an epoch.</summary>
    private sealed class Interrupt(int epoch) : Callback
    {
        public override void OnEpochBegin(IFitControl fit, int current)
        {
            if (current == epoch) throw new InterruptedException();
        }
    }

    private sealed class LambdaResume(string path) : Callback
    {
        public override void OnEpochBegin(IFitControl fit, int epoch) => fit.ResumeFrom(path);
    }
}
