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
}
