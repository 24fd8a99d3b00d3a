namespace FastDense;

/// <summary>
/// Keras's <c>keras.callbacks.LambdaCallback</c> (keras/src/callbacks/lambda_callback.py): a callback made of
/// delegates, each called at its moment with Keras's positional arguments (the epoch or batch index, from 0, and the
/// logs where Keras passes them). Null delegates do nothing. For <see cref="IFitControl"/> (to stop training, say),
/// write a <see cref="Callback"/> subclass.
/// </summary>
/// <remarks>
/// The <see cref="Logs"/> are Fit's reused instances: read them during the call, or copy them
/// (<see cref="Logs.ToDictionary"/>). Delegates called per batch should not allocate if training is to stay allocation-free.
/// </remarks>
/// <param name="onEpochBegin">Before each epoch: <c>(epoch)</c>.</param>
/// <param name="onEpochEnd">After each epoch: <c>(epoch, logs)</c>.</param>
/// <param name="onTrainBegin">Before the first epoch.</param>
/// <param name="onTrainEnd">When training ends: <c>(logs)</c>, the last epoch's.</param>
/// <param name="onTrainBatchBegin">Before each batch: <c>(batch)</c>.</param>
/// <param name="onTrainBatchEnd">After each batch: <c>(batch, logs)</c>, the epoch's running values.</param>
public sealed class LambdaCallback(
    Action<int>? onEpochBegin = null,
    Action<int, Logs>? onEpochEnd = null,
    Action? onTrainBegin = null,
    Action<Logs>? onTrainEnd = null,
    Action<int>? onTrainBatchBegin = null,
    Action<int, Logs>? onTrainBatchEnd = null) : Callback
{
    /// <inheritdoc />
    public override void OnTrainBegin(IFitControl fit) => onTrainBegin?.Invoke();

    /// <inheritdoc />
    public override void OnEpochBegin(IFitControl fit, int epoch) => onEpochBegin?.Invoke(epoch);

    /// <inheritdoc />
    public override void OnBatchBegin(IFitControl fit, int batch) => onTrainBatchBegin?.Invoke(batch);

    /// <inheritdoc />
    public override void OnBatchEnd(IFitControl fit, int batch, Logs logs) => onTrainBatchEnd?.Invoke(batch, logs);

    /// <inheritdoc />
    public override void OnEpochEnd(IFitControl fit, int epoch, Logs logs) => onEpochEnd?.Invoke(epoch, logs);

    /// <inheritdoc />
    public override void OnTrainEnd(IFitControl fit, Logs logs) => onTrainEnd?.Invoke(logs);
}
