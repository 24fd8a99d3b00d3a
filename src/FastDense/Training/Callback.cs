namespace FastDense;

/// <summary>
/// A hook into <c>Fit</c>, as Keras's <c>keras.callbacks.Callback</c>. Override what you need; every method is a
/// no-op by default. Set <see cref="IFitControl.StopTraining"/> to end training after the current batch.
/// </summary>
public abstract class Callback
{
    /// <summary>Before the first epoch.</summary>
    public virtual void OnTrainBegin(IFitControl fit)
    {
    }

    /// <summary>Before epoch <paramref name="epoch"/> (from 0).</summary>
    public virtual void OnEpochBegin(IFitControl fit, int epoch)
    {
    }

    /// <summary>Before batch <paramref name="batch"/> (from 0) of the current epoch.</summary>
    public virtual void OnBatchBegin(IFitControl fit, int batch)
    {
    }

    /// <summary>
    /// After batch <paramref name="batch"/> (from 0) of the current epoch (Keras's <c>on_train_batch_end</c>):
    /// <paramref name="logs"/> holds the epoch's running means so far (<c>loss</c> and each metric).
    /// </summary>
    public virtual void OnBatchEnd(IFitControl fit, int batch, Logs logs)
    {
    }

    /// <summary>
    /// After epoch <paramref name="epoch"/> (Keras's <c>on_epoch_end</c>): <paramref name="logs"/> holds the epoch's
    /// values, and <c>val_loss</c> and each <c>val_</c> metric when the epoch validated. They are also in
    /// <see cref="IFitControl.History"/>.
    /// </summary>
    public virtual void OnEpochEnd(IFitControl fit, int epoch, Logs logs)
    {
    }

    /// <summary>
    /// After the last epoch, or when training stops (Keras's <c>on_train_end</c>): <paramref name="logs"/> holds the
    /// last recorded epoch's values (empty when no epoch was recorded).
    /// </summary>
    public virtual void OnTrainEnd(IFitControl fit, Logs logs)
    {
    }
}

/// <summary>What a <see cref="Callback"/> can see and do while <c>Fit</c> runs.</summary>
public interface IFitControl
{
    /// <summary>The history so far: one entry per finished epoch under each key.</summary>
    History History { get; }

    /// <summary>The optimizer (its learning rate may be changed between batches).</summary>
    Optimizer Optimizer { get; }

    /// <summary>The number of parameters: the length the arrays of <see cref="CopyParametersTo"/> and <see cref="RestoreParameters"/> need.</summary>
    int ParameterCount { get; }

    /// <summary>
    /// Copies the model's parameters (the flat buffer, in the layout of the model's <c>Description</c>) into
    /// <paramref name="destination"/>, a <c>float[]</c> or <c>double[]</c> of the model's element type and at least
    /// <see cref="ParameterCount"/> long: to keep the best weights so far, for instance. Copies, not the live buffer:
    /// the model's buffer sits on a cache line inside a larger array.
    /// </summary>
    /// <exception cref="ArgumentException">destination has another element type or is too short.</exception>
    void CopyParametersTo(Array destination);

    /// <summary>Overwrites the model's parameters from <paramref name="source"/>, as <see cref="CopyParametersTo"/> fills it.</summary>
    /// <exception cref="ArgumentException">source has another element type or is too short.</exception>
    void RestoreParameters(Array source);

    /// <summary>
    /// Set to true to stop training (Keras's <c>model.stop_training</c>): checked after every batch, as Keras does, so
    /// training stops after the current batch; the epoch then ends as usual (validation, history, <c>OnEpochEnd</c>)
    /// over the batches it ran, and no further epoch starts.
    /// </summary>
    bool StopTraining { get; set; }

    /// <summary>
    /// Writes <paramref name="message"/> on a line of its own to <c>Fit</c>'s progress output
    /// (<see cref="FitOptions.Output"/>, or the console), whatever the verbosity, as Keras's callbacks print theirs.
    /// </summary>
    void WriteMessage(string message);

    // Added for the built-in callbacks (EarlyStopping, ReduceLROnPlateau, LearningRateScheduler, ModelCheckpoint,
    // BackupAndRestore). The methods have a default body that throws NotSupportedException, so an IFitControl written
    // before them still compiles; the properties must be implemented (a getter does not throw). Fit's own implements all.

    /// <summary>
    /// The model's element type, <c>typeof(float)</c> or <c>typeof(double)</c>: the type of the arrays
    /// <see cref="CopyParametersTo"/> takes, and the precision the optimizer applies its learning rate in (Keras keeps
    /// the rate in a float32 variable; a float model's is the same value).
    /// </summary>
    Type ElementType { get; }

    /// <summary>
    /// The metrics the fit reports, in order (<see cref="FitOptions.Metrics"/>, or the model's, then
    /// <see cref="FitOptions.WeightedMetrics"/>, as Keras's <c>model.metrics</c>): the logs' keys beside <c>loss</c> are their
    /// names (a weighted one whose name an unweighted one has is <c>weighted_{name}</c>), and their
    /// <see cref="Metric.Direction"/> decides <see cref="MonitorMode.Auto"/>.
    /// </summary>
    IReadOnlyList<Metric> Metrics { get; }

    /// <summary>Saves the model's weights as <c>Model.SaveWeights(path)</c> does (safetensors, written atomically).</summary>
    /// <exception cref="ArgumentException">The path is empty or names a folder.</exception>
    /// <exception cref="IOException">Writing or replacing the file failed (or DirectoryNotFoundException, UnauthorizedAccessException).</exception>
    void SaveWeights(string path) => throw new NotSupportedException($"{GetType().Name} cannot save the model's weights.");

    /// <summary>
    /// Saves a training checkpoint as <c>Model.SaveCheckpoint(path, epoch, seed)</c> does, with this run's seed
    /// (<see cref="FitOptions.Seed"/>, or the one <see cref="ResumeFrom"/> took): the weights, the optimizer's state
    /// and step count, and <paramref name="epoch"/>, the number of epochs trained, where a resumed run starts.
    /// </summary>
    /// <exception cref="ArgumentException">The path is empty or names a folder.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative.</exception>
    /// <exception cref="IOException">Writing or replacing the file failed (or DirectoryNotFoundException, UnauthorizedAccessException).</exception>
    void SaveCheckpoint(string path, int epoch) => throw new NotSupportedException($"{GetType().Name} cannot save checkpoints.");

    /// <summary>
    /// Only from <see cref="Callback.OnTrainBegin"/>: loads the checkpoint at <paramref name="path"/> into the model
    /// (<c>Model.LoadCheckpoint</c>: weights, optimizer state, step count) and makes this <c>Fit</c> start at the
    /// checkpoint's epoch with its seed, instead of <see cref="FitOptions.InitialEpoch"/> and
    /// <see cref="FitOptions.Seed"/>: the shuffles and Dropout masks of the epochs before it are drawn again, so the
    /// run continues as the interrupted one would have. A checkpoint at or past <see cref="FitOptions.Epochs"/> trains
    /// no epoch. <c>BackupAndRestore</c> resumes through this.
    /// </summary>
    /// <returns>The checkpoint's epoch and seed.</returns>
    /// <exception cref="InvalidOperationException">Called outside <see cref="Callback.OnTrainBegin"/>.</exception>
    /// <exception cref="ModelFileException">The file is not a checkpoint of this model and optimizer (nothing changed).</exception>
    /// <exception cref="IOException">Reading failed (or FileNotFoundException, UnauthorizedAccessException).</exception>
    CheckpointInfo ResumeFrom(string path) => throw new NotSupportedException($"{GetType().Name} cannot resume from a checkpoint.");
}
