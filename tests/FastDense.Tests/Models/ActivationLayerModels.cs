using FastDense;

namespace FastDense.Tests.Models;

// Models with Keras's standalone activation layers (Activation, ReLU, LeakyReLU, ELU, Softmax), PReLU, AlphaDropout and
// Identity. The double ones are gradient-checked by the completeness suite; GradientChecker keeps the inputs of these
// layers away from their activations' kinks, as it does Dense pre-activations.

/// <summary>
/// Keras's pattern Dense(6, use_bias=False) → BatchNormalization → Activation("relu") (with a bias here: Dense always has
/// one), then Dropout, gelu from the layer's input, a hidden softmax through its Jacobian, leaky_relu with an argument and
/// linear, in double.
/// </summary>
[Model(Inputs = 4, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(6)]
[BatchNormalization]
[Activation(Activation.Relu)]
[Dropout(0.25)]
[Dense(5)]
[Activation(Activation.Gelu)]
[Dense(4)]
[Activation(Activation.Softmax)]
[Dense(3)]
[Activation(Activation.LeakyRelu, NegativeSlope = 0.1)]
[Activation(Activation.Linear)]
[Dense(2, Activation.Tanh)]
public partial class ActivationLayersNet64;

/// <summary>
/// An Activation layer on the input (nothing before it trains: no backward), log_softmax and relu with every argument between
/// layers, in double under categorical cross-entropy.
/// </summary>
[Model(Inputs = 5, Loss = Loss.CategoricalCrossentropy, ElementType = typeof(double))]
[Activation(Activation.Silu)]
[Dense(6)]
[Activation(Activation.LogSoftmax)]
[Dense(5)]
[Activation(Activation.Relu, MaxValue = 0.6, NegativeSlope = 0.05, Threshold = 0.1)]
[Dense(3, Activation.Softmax)]
public partial class ActivationLayersSoftmaxNet64;

/// <summary>ReLU (with arguments, on the input and between layers), Identity, LeakyReLU (its 0.3), ELU, Softmax and Dropout, in double.</summary>
[Model(Inputs = 5, Loss = Loss.CategoricalCrossentropy, ElementType = typeof(double))]
[ReLU(MaxValue = 0.8, NegativeSlope = 0.05, Threshold = 0.1)]
[Dense(6)]
[ReLU(MaxValue = 1.5, NegativeSlope = 0.1)]
[Identity]
[Dense(5)]
[LeakyReLU]
[Dense(4)]
[ELU(Alpha = 0.7)]
[Dense(4)]
[Softmax]
[Dropout(0.1)]
[Dense(3, Activation.Softmax)]
public partial class ActivationClassLayersNet64;

/// <summary>
/// PReLU on the input (its own gradient block; alpha 0.25), shared after a BatchNormalization (one negative alpha), and with
/// a random initializer, both regularizers and a constraint before Dropout, in double.
/// </summary>
[Model(Inputs = 4, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[PReLU(AlphaInitializer = Initializer.Constant, AlphaValue = 0.25)]
[Dense(6)]
[BatchNormalization]
[PReLU(SharedAxes = new[] { 1 }, AlphaInitializer = Initializer.Constant, AlphaValue = -0.3)]
[Dense(5)]
[PReLU(AlphaInitializer = Initializer.RandomUniform, AlphaMinValue = 0.1, AlphaMaxValue = 0.4, AlphaRegularizerL1 = 0.01, AlphaRegularizerL2 = 0.02,
    AlphaConstraint = Constraint.NonNeg)]
[Dropout(0.2)]
[Dense(2)]
public partial class PReLUNet64;

/// <summary>AlphaDropout on the input (no backward), between selu layers, and with a noise shape and a seed, in double.</summary>
[Model(Inputs = 5, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[AlphaDropout(0.3)]
[Dense(8, Activation.Selu)]
[AlphaDropout(0.2)]
[Dense(6, Activation.Selu)]
[AlphaDropout(0.1, NoiseShape = new[] { 0, 1 }, Seed = 7)]
[Dense(2)]
public partial class AlphaDropoutNet64;

/// <summary>The digits model in Keras's pattern: Dense → BatchNormalization → Activation(relu), then PReLU, AlphaDropout, LeakyReLU and Identity, in float.</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64)]
[BatchNormalization]
[Activation(Activation.Relu)]
[Dropout(0.2)]
[Dense(32)]
[PReLU]
[AlphaDropout(0.1)]
[Dense(32)]
[LeakyReLU]
[Identity]
[Dense(10, Activation.Softmax)]
public partial class ActivationLayersDigitsNet;

/// <summary>A selu digits model with AlphaDropout, a shared, regularized, constrained PReLU and ELU, without BatchNormalization (so it trains on two threads), in float.</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64, Activation.Selu)]
[AlphaDropout(0.2)]
[Dense(32)]
[PReLU(SharedAxes = new[] { 1 }, AlphaRegularizerL2 = 1e-3, AlphaConstraint = Constraint.NonNeg)]
[Dense(32)]
[ELU]
[Dense(10, Activation.Softmax)]
public partial class SeluDigitsNet;
