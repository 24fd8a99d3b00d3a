using FastDense;

namespace FastDense.Tests.Persistence;

// Small models for the file tests: the same layers in float and in double, so a file of one loads into the other.

/// <summary>3 -> Dense(4, tanh) -> Dense(2, softmax), float: 26 parameters, a file of about 600 bytes.</summary>
[Model(Inputs = 3, Loss = Loss.CategoricalCrossentropy)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
public partial class TinyNet;

/// <summary>The same layers as <see cref="TinyNet"/>, in double.</summary>
[Model(Inputs = 3, Loss = Loss.CategoricalCrossentropy, ElementType = typeof(double))]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
public partial class TinyNet64;

/// <summary>The same shapes as <see cref="TinyNet"/> with a relu hidden layer: its files must not load into TinyNet.</summary>
[Model(Inputs = 3, Loss = Loss.CategoricalCrossentropy)]
[Dense(4, Activation.Relu)]
[Dense(2, Activation.Softmax)]
public partial class TinyReluNet;
