using FastDense;

namespace FastDense.Benchmarks;

/// <summary>The digits model of the Keras lesson (samples/Digits): 64 -> Dense(64, relu) -> Dense(10, softmax), cross-entropy, Adam.</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class DigitsNet;
