using FastDense;

namespace FastDense.Benchmarks;

/// <summary>
/// Workload W2, the Fashion-MNIST classifier: 784 -> Dense(256, relu) -> Dense(128, relu) -> Dense(10, softmax),
/// cross-entropy, Adam. 235,146 parameters; 1,007,104 flops per row per step, dense (FashionStepBench.cs).
/// </summary>
[Model(Inputs = 784, Loss = Loss.CategoricalCrossentropy)]
[Dense(256, Activation.Relu)]
[Dense(128, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class FashionNet;
