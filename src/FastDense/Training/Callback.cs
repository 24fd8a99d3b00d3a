namespace FastDense;

/// <summary>
/// A hook into <c>Fit</c>, as Keras's <c>keras.callbacks.Callback</c>. Override what you need; every method is a
/// no-op by default. Set <see cref="IFitControl.StopTraining"/> to end training after the current epoch.
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

    /// <summary>After batch <paramref name="batch"/> (from 0) of the current epoch, with the epoch's running means so far.</summary>
    public virtual void OnBatchEnd(IFitControl fit, int batch, double loss, double metric)
    {
    }

    /// <summary>After epoch <paramref name="epoch"/>: its entries, validation included, are in <see cref="IFitControl.History"/>.</summary>
    public virtual void OnEpochEnd(IFitControl fit, int epoch)
    {
    }

    /// <summary>After the last epoch.</summary>
    public virtual void OnTrainEnd(IFitControl fit)
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

    /// <summary>The model's live parameter buffer (a <c>float[]</c> or <c>double[]</c>): callbacks may copy or restore it between epochs.</summary>
    Array Parameters { get; }

    /// <summary>Set to true to stop after the current epoch (Keras's <c>model.stop_training</c>).</summary>
    bool StopTraining { get; set; }
}
