namespace FastDense.Training;

/// <summary>
/// Marks a callback that, as Keras's <c>ReduceLROnPlateau</c> and <c>LearningRateScheduler</c> do in their
/// <c>on_epoch_end</c>, puts the optimizer's learning rate in each epoch's logs under <c>learning_rate</c>: with such a
/// callback, <c>Fit</c> records that key in the epoch logs and the <see cref="History"/> (the rate before any change
/// the callback makes at that epoch's end).
/// </summary>
internal interface ILogsLearningRate;
