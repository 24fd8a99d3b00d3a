using FastDense;

namespace FastDense.Interop.Tests.PyTorch;

/// <summary>The digits model: nn.Sequential(Linear(64, 64), ReLU(), Linear(64, 10), Softmax(dim=-1)).</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class TorchDigitsNet;

/// <summary>The digits model without the hidden activation: Linear, Linear, Softmax, so the second Linear is module 1.</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64)]
[Dense(10, Activation.Softmax)]
public partial class TorchLinearDigitsNet;

/// <summary>The digits model with a tanh hidden layer: the same keys, another module list.</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64, Activation.Tanh)]
[Dense(10, Activation.Softmax)]
public partial class TorchDigitsTanhNet;

/// <summary>Every kind: Normalization, BatchNorm1d (full, without beta, without either), Dropout, LayerNorm (full, without gamma), the noise layers.</summary>
[Model(Inputs = 6, Loss = Loss.CategoricalCrossentropy)]
[Normalization]
[Dense(8, Activation.Relu)]
[BatchNormalization]
[Dropout(0.2)]
[Dense(7, Activation.Tanh)]
[BatchNormalization(Momentum = 0.9, Center = false)]
[LayerNormalization]
[GaussianNoise(0.1)]
[Dense(5, Activation.Elu)]
[LayerNormalization(Scale = false, Epsilon = 0.01)]
[BatchNormalization(Center = false, Scale = false)]
[GaussianDropout(0.3)]
[Dense(3, Activation.Softmax)]
public partial class TorchLayersNet;

/// <summary>TorchLayersNet in double: F64 tensors.</summary>
[Model(Inputs = 6, Loss = Loss.CategoricalCrossentropy, ElementType = typeof(double))]
[Normalization]
[Dense(8, Activation.Relu)]
[BatchNormalization]
[Dropout(0.2)]
[Dense(7, Activation.Tanh)]
[BatchNormalization(Momentum = 0.9, Center = false)]
[LayerNormalization]
[GaussianNoise(0.1)]
[Dense(5, Activation.Elu)]
[LayerNormalization(Scale = false, Epsilon = 0.01)]
[BatchNormalization(Center = false, Scale = false)]
[GaussianDropout(0.3)]
[Dense(3, Activation.Softmax)]
public partial class TorchLayersNet64;
