using FastDense.Training;

namespace FastDense;

/// <summary>
/// Keras's <c>keras.callbacks.BackupAndRestore</c> (keras/src/callbacks/backup_and_restore.py): backs up the training
/// state at each epoch's end (or every N batches) so that a <c>Fit</c> interrupted by an exception or a killed process
/// can be run again, with the same arguments, and continue where the backup left off. The backup is one training
/// checkpoint, <see cref="CheckpointPath"/> in <c>backupDir</c> (the weights, the optimizer's state and step count, the
/// epochs finished and the run's seed), replaced atomically each time, so there is always one whole backup. When
/// <c>Fit</c> begins and the backup exists, it is loaded and the run resumes at its epoch with its seed
/// (<see cref="IFitControl.ResumeFrom"/>): the shuffles and Dropout masks of the epochs before are drawn again, so the
/// resumed run ends with the weights of an uninterrupted one. When training finishes (every epoch, or a callback
/// stopped it) the backup is deleted if <c>deleteCheckpoint</c>.
/// </summary>
/// <remarks>
/// <para>
/// As in Keras, a backup taken in the middle of an epoch records only the epochs finished before it; resuming starts that
/// epoch again from the backed-up weights, which have already trained on part of it. The model and optimizer must be
/// those of the interrupted run (LoadCheckpoint checks the layers, the optimizer's type and hyperparameters).
/// </para>
/// <para>
/// Differences from Keras: one file instead of a weights file and a JSON file (so the two cannot disagree), hence no
/// <c>double_checkpoint</c>; deleting removes that file, and the folder only if it is then empty (Keras deletes the whole
/// folder); <c>save_freq=False</c> (preemption saving) is not offered. Counting batches allocates nothing; a backup does.
/// </para>
/// </remarks>
public sealed class BackupAndRestore : Callback
{
    /// <summary>The backup's file name in <see cref="BackupDir"/>.</summary>
    public const string CheckpointFileName = "latest.checkpoint.safetensors";

    private BatchCounter _batches = new();
    private int _currentEpoch;

    /// <summary>Creates the callback with Keras's arguments and defaults.</summary>
    /// <param name="backupDir">The folder of the backup, used by this callback alone; created when missing.</param>
    /// <param name="saveFreq"><c>"epoch"</c> (the default) or a number of batches.</param>
    /// <param name="deleteCheckpoint">Whether the backup is deleted when training finishes (default true).</param>
    /// <exception cref="ArgumentException"><paramref name="backupDir"/> is empty (Keras: "Empty `backup_dir` argument passed").</exception>
    public BackupAndRestore(string backupDir, SaveFrequency saveFreq = default, bool deleteCheckpoint = true)
    {
        ArgumentNullException.ThrowIfNull(backupDir);
        if (backupDir.Length == 0) throw new ArgumentException("Empty `backupDir` argument passed: it must name a folder.", nameof(backupDir));
        BackupDir = backupDir;
        SaveFreq = saveFreq;
        DeleteCheckpoint = deleteCheckpoint;
        CheckpointPath = Path.Combine(backupDir, CheckpointFileName);
    }

    /// <summary>The backup's folder.</summary>
    public string BackupDir { get; }

    /// <summary>When to back up.</summary>
    public SaveFrequency SaveFreq { get; }

    /// <summary>Whether the backup is deleted when training finishes.</summary>
    public bool DeleteCheckpoint { get; }

    /// <summary>The backup file: <see cref="CheckpointFileName"/> in <see cref="BackupDir"/>.</summary>
    public string CheckpointPath { get; }

    /// <summary>The checkpoint this fit resumed from (its epoch and seed), or null when it started afresh.</summary>
    public CheckpointInfo? ResumedFrom { get; private set; }

    /// <inheritdoc />
    public override void OnTrainBegin(IFitControl fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        _batches = new BatchCounter();
        ResumedFrom = File.Exists(CheckpointPath) ? fit.ResumeFrom(CheckpointPath) : null;
    }

    /// <inheritdoc />
    public override void OnEpochBegin(IFitControl fit, int epoch) => _currentEpoch = epoch;

    /// <inheritdoc />
    public override void OnBatchEnd(IFitControl fit, int batch, Logs logs)
    {
        if (!SaveFreq.IsEpoch && _batches.ShouldSave(batch, SaveFreq.Batches)) Save(fit);
    }

    /// <inheritdoc />
    public override void OnEpochEnd(IFitControl fit, int epoch, Logs logs)
    {
        _currentEpoch = epoch + 1;
        _batches.NewEpoch();
        if (SaveFreq.IsEpoch) Save(fit);
    }

    /// <inheritdoc />
    public override void OnTrainEnd(IFitControl fit, Logs logs)
    {
        if (!DeleteCheckpoint || !Directory.Exists(BackupDir)) return;
        File.Delete(CheckpointPath);   // nothing happens when it is not there
        if (!Directory.EnumerateFileSystemEntries(BackupDir).Any()) Directory.Delete(BackupDir);
    }

    private void Save(IFitControl fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        Directory.CreateDirectory(BackupDir);
        fit.SaveCheckpoint(CheckpointPath, _currentEpoch);
    }
}
