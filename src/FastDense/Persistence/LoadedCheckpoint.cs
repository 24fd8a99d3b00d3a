namespace FastDense.Persistence;

/// <summary>A checkpoint read and checked in full, not yet applied to the model.</summary>
/// <param name="Parameters">The parameters then the model's state, as the file holds them.</param>
/// <param name="State">The optimizer's state (slots back to back), or null when it had taken no step.</param>
/// <param name="Iterations">The optimizer's step count.</param>
/// <param name="LearningRate">The optimizer's learning rate, positive and finite; null when it follows a schedule (the file's, checked to be the optimizer's).</param>
/// <param name="Epoch">The epochs trained.</param>
/// <param name="Seed">The run's shuffling seed.</param>
internal sealed record LoadedCheckpoint<T>(T[] Parameters, T[]? State, long Iterations, double? LearningRate, int Epoch, int Seed);
