namespace FastDense;

/// <summary>
/// Where a loaded checkpoint resumes: pass <see cref="Epoch"/> as <see cref="FitOptions.InitialEpoch"/> and
/// <see cref="Seed"/> as <see cref="FitOptions.Seed"/> (with the same data, batch size and <c>Epochs</c>) to continue
/// the interrupted run with the batches it would have seen.
/// </summary>
/// <param name="Epoch">The number of epochs trained when the checkpoint was saved.</param>
/// <param name="Seed">The shuffling seed of the run the checkpoint was taken from.</param>
public sealed record CheckpointInfo(int Epoch, int Seed);
