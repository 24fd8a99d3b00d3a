using FastDense;

namespace FastDense.Benchmarks;

/// <summary>
/// The model of <see cref="ThreadCrossoverBench"/>: 256 -> Dense(256, relu) -> Dense(10, softmax), cross-entropy,
/// Adam (the shape of the tests' WideNet). 6 · (256·256 + 256·10) = 408,576 flops per row per step, so
/// <c>Trainer.MinRowsPerShard</c> (64) lets a batch of 128 rows or more split over 2 threads.
/// </summary>
[Model(Inputs = 256, Loss = Loss.CategoricalCrossentropy)]
[Dense(256, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class CrossoverNet;
