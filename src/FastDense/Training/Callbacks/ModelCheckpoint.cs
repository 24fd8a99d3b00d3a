using FastDense.Training;

namespace FastDense;

/// <summary>
/// Keras's <c>keras.callbacks.ModelCheckpoint</c> (keras/src/callbacks/model_checkpoint.py): saves the model at each
/// epoch's end, or every N batches, to a path that may hold Python format fields filled as Keras fills them:
/// <c>{epoch:02d}</c> (from 1), <c>{batch}</c> (from 1, when saving every N batches) and any key of the logs
/// (<c>{val_loss:.2f}</c>, <c>{accuracy:.4f}</c>). With <c>saveBestOnly</c> it saves only when the monitored quantity
/// improves on the best so far (the first value, or <c>initialValueThreshold</c>); the best is kept across fits, as in
/// Keras. Files are written atomically (a temporary file, flushed, then renamed), in a folder created when missing.
/// </summary>
/// <remarks>
/// <para>
/// What is saved, in safetensors: with <c>saveWeightsOnly</c> the weights (<c>Model.SaveWeights</c>; load them with
/// <c>LoadWeights</c>); otherwise (Keras's default, a whole model) a training checkpoint (<c>Model.SaveCheckpoint</c>:
/// the weights, the optimizer's state and step count, the epochs trained and the run's seed; <c>LoadCheckpoint</c>
/// resumes from it). A checkpoint saved at an epoch's end records that epoch as trained; one saved after a batch records
/// only the epochs finished before it. Keras requires <c>.weights.h5</c> or <c>.keras</c> names; any name is taken here
/// (<c>.safetensors</c> says what the file is).
/// </para>
/// <para>Saving every N batches counts batches without allocating; only a save allocates.</para>
/// </remarks>
public sealed class ModelCheckpoint : Callback
{
    private readonly MonitoredQuantity _monitor;
    private readonly FilePathTemplate _path;
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private BatchCounter _batches = new();
    private int _currentEpoch;
    private double? _best;

    /// <summary>Creates the callback with Keras's arguments and defaults.</summary>
    /// <param name="filepath">Where to save; may hold format fields (see the class).</param>
    /// <param name="monitor">The key of the logs that decides <c>saveBestOnly</c> (default <c>val_loss</c>).</param>
    /// <param name="verbose">0 (the default) is silent; 1 writes Keras's lines at each save or skipped save.</param>
    /// <param name="saveBestOnly">Save only when the monitored quantity improves (default false).</param>
    /// <param name="saveWeightsOnly">Save the weights only (default false: a training checkpoint, Keras's whole model).</param>
    /// <param name="mode">Which way is better (default <see cref="MonitorMode.Auto"/>).</param>
    /// <param name="saveFreq"><c>"epoch"</c> (the default) or a number of batches.</param>
    /// <param name="initialValueThreshold">The best value to start from with <c>saveBestOnly</c> (default null: the first value).</param>
    /// <exception cref="ArgumentException">The path is empty or has a field that cannot be filled, or another argument is out of range.</exception>
    public ModelCheckpoint(string filepath, string monitor = "val_loss", int verbose = 0, bool saveBestOnly = false, bool saveWeightsOnly = false,
        MonitorMode mode = MonitorMode.Auto, SaveFrequency saveFreq = default, double? initialValueThreshold = null)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        if (filepath.Length == 0) throw new ArgumentException("ModelCheckpoint: filepath must name a file; got an empty string.", nameof(filepath));
        _path = new FilePathTemplate(filepath, nameof(filepath));
        _monitor = new MonitoredQuantity(monitor, mode, 0, nameof(ModelCheckpoint));
        if (verbose < 0) throw new ArgumentException($"ModelCheckpoint: verbose must be 0 or 1; got {verbose}.", nameof(verbose));
        if (initialValueThreshold is double t && double.IsNaN(t)) throw new ArgumentException("ModelCheckpoint: initialValueThreshold must be a number or null; got NaN.", nameof(initialValueThreshold));
        Filepath = filepath;
        Verbose = verbose;
        SaveBestOnly = saveBestOnly;
        SaveWeightsOnly = saveWeightsOnly;
        Mode = mode;
        SaveFreq = saveFreq;
        _best = initialValueThreshold;
    }

    /// <summary>The path, with its fields unfilled.</summary>
    public string Filepath { get; }

    /// <summary>The monitored key.</summary>
    public string Monitor => _monitor.Name;

    /// <summary>0 silent, 1 writes each save.</summary>
    public int Verbose { get; }

    /// <summary>Whether only improvements are saved.</summary>
    public bool SaveBestOnly { get; }

    /// <summary>Whether only the weights are saved (else a training checkpoint).</summary>
    public bool SaveWeightsOnly { get; }

    /// <summary>Which way is better.</summary>
    public MonitorMode Mode { get; }

    /// <summary>When to save.</summary>
    public SaveFrequency SaveFreq { get; }

    /// <summary>The best monitored value saved so far, or null (Keras's <c>best</c>).</summary>
    public double? Best => _best;

    /// <summary>The path of the last file saved, or null before any.</summary>
    public string? LastSavedPath { get; private set; }

    /// <inheritdoc />
    public override void OnEpochBegin(IFitControl fit, int epoch) => _currentEpoch = epoch;

    /// <inheritdoc />
    public override void OnBatchEnd(IFitControl fit, int batch, Logs logs)
    {
        if (!SaveFreq.IsEpoch && _batches.ShouldSave(batch, SaveFreq.Batches)) Save(fit, _currentEpoch, batch, logs);
    }

    /// <inheritdoc />
    public override void OnEpochEnd(IFitControl fit, int epoch, Logs logs)
    {
        ArgumentNullException.ThrowIfNull(fit);
        _monitor.Resolve(fit);
        if (SaveFreq.IsEpoch) Save(fit, epoch, null, logs);
    }

    /// <summary>Keras's <c>_save_model</c>: the path (filled first, so a missing key fails even when nothing is saved), the decision, the file.</summary>
    private void Save(IFitControl fit, int epoch, int? batch, Logs logs)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(logs);
        string path = _path.Fill(epoch, batch, logs);
        if (!ShouldSave(fit, epoch, logs, path)) return;
        if (Directory.Exists(path))
        {
            throw new IOException($"Please specify a non-directory filepath for ModelCheckpoint. Filepath used is an existing directory: {path}");
        }
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        if (SaveWeightsOnly) fit.SaveWeights(path);
        else fit.SaveCheckpoint(path, batch is null ? epoch + 1 : epoch);   // the epochs finished when saved
        LastSavedPath = path;
        if (Verbose > 0) fit.WriteMessage($"Epoch {epoch + 1}: finished saving model to {path}");
    }

    /// <summary>Keras's <c>_should_save_model</c>, with its messages.</summary>
    private bool ShouldSave(IFitControl fit, int epoch, Logs logs, string path)
    {
        if (!SaveBestOnly)
        {
            if (Verbose > 0) fit.WriteMessage($"Epoch {epoch + 1}: saving model to {path}");
            return true;
        }
        if (!logs.TryGetValue(_monitor.Name, out double current))
        {
            string warning = $"Can save best model only with {_monitor.Name} available.";
            if (_warned.Add(warning)) fit.WriteMessage("UserWarning: " + warning);
            return true;   // Keras saves anyway
        }
        _monitor.Resolve(fit);
        string bestText = _best is double best ? PythonFormat.Format(best, ".5f") : "None";
        if (_monitor.IsImprovement(current, _best))
        {
            if (Verbose > 0) fit.WriteMessage($"Epoch {epoch + 1}: {_monitor.Name} improved from {bestText} to {PythonFormat.Format(current, ".5f")}, saving model to {path}");
            _best = current;
            return true;
        }
        if (Verbose > 0) fit.WriteMessage($"Epoch {epoch + 1}: {_monitor.Name} did not improve from {bestText}");
        return false;
    }
}
