using FastDense;

namespace FastDense.Tests.Models;

// Every activation but the original five, in pairs: each is the hidden layer of one double model and the output of the
// next, under mean squared error, so the completeness suite checks every one against finite differences as a hidden
// layer (its derivative from the output, or from the kept pre-activation) and as the output (after the loss's
// gradient with respect to the output). The hidden layer's kernel is drawn wide (stddev 2 over 3 inputs), so that its
// pre-activations reach the activation's far pieces (hard_sigmoid's saturation at ±3, relu6's at 6 is rarer); the
// gradient checker keeps every pre-activation away from the kinks. Not exponential's: its outputs, up to e^6 from a
// wide layer, would make the loss so large that the central differences lose the digits they are compared on (the
// same reason exponential's output follows hard_sigmoid's, which is bounded).

/// <summary>LeakyRelu hidden, ReluArguments output, mean squared error.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.LeakyRelu, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(2, Activation.Relu, NegativeSlope = 0.1, MaxValue = 1.5, Threshold = 0.25)]
public partial class LeakyReluThenReluArgumentsNet64;

/// <summary>ReluArguments hidden, Relu6 output, mean squared error.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.Relu, NegativeSlope = 0.1, MaxValue = 1.5, Threshold = 0.25, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(2, Activation.Relu6)]
public partial class ReluArgumentsThenRelu6Net64;

/// <summary>Relu6 hidden, Elu output, mean squared error.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.Relu6, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(2, Activation.Elu, Alpha = 0.7)]
public partial class Relu6ThenEluNet64;

/// <summary>Elu hidden, Selu output, mean squared error.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.Elu, Alpha = 0.7, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(2, Activation.Selu)]
public partial class EluThenSeluNet64;

/// <summary>Selu hidden, Celu output, mean squared error.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.Selu, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(2, Activation.Celu, Alpha = 1.5)]
public partial class SeluThenCeluNet64;

/// <summary>Celu hidden, Gelu output, mean squared error.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.Celu, Alpha = 1.5, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(2, Activation.Gelu)]
public partial class CeluThenGeluNet64;

/// <summary>Gelu hidden, GeluApproximate output, mean squared error.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.Gelu, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(2, Activation.Gelu, Approximate = true)]
public partial class GeluThenGeluApproximateNet64;

/// <summary>GeluApproximate hidden, Silu output, mean squared error.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.Gelu, Approximate = true, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(2, Activation.Silu)]
public partial class GeluApproximateThenSiluNet64;

/// <summary>Silu hidden, Mish output, mean squared error.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.Silu, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(2, Activation.Mish)]
public partial class SiluThenMishNet64;

/// <summary>Mish hidden, Softplus output, mean squared error.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.Mish, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(2, Activation.Softplus)]
public partial class MishThenSoftplusNet64;

/// <summary>Softplus hidden, Softsign output, mean squared error.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.Softplus, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(2, Activation.Softsign)]
public partial class SoftplusThenSoftsignNet64;

/// <summary>Softsign hidden, HardSilu output, mean squared error.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.Softsign, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(2, Activation.HardSilu)]
public partial class SoftsignThenHardSiluNet64;

/// <summary>HardSilu hidden, HardSigmoid output, mean squared error.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.HardSilu, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(2, Activation.HardSigmoid)]
public partial class HardSiluThenHardSigmoidNet64;

/// <summary>HardSigmoid hidden, Exponential output, mean squared error.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.HardSigmoid, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(2, Activation.Exponential)]
public partial class HardSigmoidThenExponentialNet64;

/// <summary>Exponential hidden, LogSigmoid output, mean squared error.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.Exponential)]
[Dense(2, Activation.LogSigmoid)]
public partial class ExponentialThenLogSigmoidNet64;

/// <summary>LogSigmoid hidden, TanhShrink output, mean squared error.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.LogSigmoid, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(2, Activation.TanhShrink)]
public partial class LogSigmoidThenTanhShrinkNet64;

/// <summary>TanhShrink hidden, HardTanh output, mean squared error.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.TanhShrink, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(2, Activation.HardTanh)]
public partial class TanhShrinkThenHardTanhNet64;

/// <summary>HardTanh hidden, SoftShrink output, mean squared error.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.HardTanh, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(2, Activation.SoftShrink, Threshold = 0.25)]
public partial class HardTanhThenSoftShrinkNet64;

/// <summary>SoftShrink hidden, HardShrink output, mean squared error.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.SoftShrink, Threshold = 0.25, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(2, Activation.HardShrink)]
public partial class SoftShrinkThenHardShrinkNet64;

/// <summary>HardShrink hidden, Squareplus output, mean squared error.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.HardShrink, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(2, Activation.Squareplus, B = 2)]
public partial class HardShrinkThenSquareplusNet64;

/// <summary>Squareplus hidden, SparsePlus output, mean squared error.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.Squareplus, B = 2, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(2, Activation.SparsePlus)]
public partial class SquareplusThenSparsePlusNet64;

/// <summary>SparsePlus hidden, SparseSigmoid output, mean squared error.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.SparsePlus, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(2, Activation.SparseSigmoid)]
public partial class SparsePlusThenSparseSigmoidNet64;

/// <summary>SparseSigmoid hidden, Threshold output, mean squared error.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.SparseSigmoid, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(2, Activation.Threshold, Threshold = 0.1, DefaultValue = -0.5)]
public partial class SparseSigmoidThenThresholdNet64;

/// <summary>Threshold hidden, LeakyRelu output, mean squared error.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.Threshold, Threshold = 0.1, DefaultValue = -0.5, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(2, Activation.LeakyRelu)]
public partial class ThresholdThenLeakyReluNet64;

/// <summary>Two layers whose derivatives are taken from their inputs, one after the other, then gelu at the output: z0, z1 and z2 kept.</summary>
[Model(Inputs = 4, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(5, Activation.Mish)]
[Dense(5, Activation.HardSilu, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(3, Activation.Gelu)]
public partial class FromInputChainNet64;

/// <summary>An activation from its input before the fused sigmoid and binary cross-entropy (the output's kept logits are its own block).</summary>
[Model(Inputs = 4, Loss = Loss.BinaryCrossentropy, ElementType = typeof(double))]
[Dense(5, Activation.Silu)]
[Dense(2, Activation.Sigmoid)]
public partial class SiluBinaryNet64;

/// <summary>gelu, leaky_relu and silu in float: a short Fit, and no allocation per step.</summary>
[Model(Inputs = 4, Loss = Loss.MeanSquaredError)]
[Dense(16, Activation.Gelu)]
[Dense(16, Activation.LeakyRelu)]
[Dense(1, Activation.Silu)]
public partial class GeluRegressionNet;

/// <summary>Softmax and log_softmax as hidden layers (their Jacobians row by row) and log_softmax as the output, mean squared error.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(5, Activation.Softmax, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(4, Activation.LogSoftmax)]
[Dense(3, Activation.Tanh)]
[Dense(2, Activation.LogSoftmax)]
public partial class SoftmaxThenLogSoftmaxNet64;

/// <summary>
/// Sparsemax as a hidden layer (its Jacobian row by row) and as the output under mean squared error (through the loss's
/// Jacobian path). The first kernel is drawn wide, so that rows have supports of one element as well as of several.
/// </summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(6, Activation.Sparsemax, KernelInitializer = Initializer.RandomNormal, KernelStddev = 2)]
[Dense(4, Activation.Tanh)]
[Dense(5, Activation.Sparsemax, KernelInitializer = Initializer.RandomNormal, KernelStddev = 0.5)]
public partial class SparsemaxNet64;

/// <summary>Sparsemax as the output of KL divergence, whose clipped zeros get no gradient (Keras's clip to [1e-7, 1]).</summary>
[Model(Inputs = 3, Loss = Loss.KLDivergence, ElementType = typeof(double))]
[Dense(4, Activation.Tanh)]
[Dense(5, Activation.Sparsemax)]
public partial class SparsemaxKLDivergenceNet64;

/// <summary>
/// Glu as hidden layers (its derivative from the kept pre-activation, written over it; one before a Dropout, which
/// reads its halved width) and as the output under mean squared error: OutputSize is half the last units.
/// </summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(8, Activation.Glu, KernelInitializer = Initializer.RandomNormal, KernelStddev = 1.5)]
[Dropout(0.25)]
[Dense(6, Activation.Glu, ActivityRegularizerL2 = 0.01)]
[Dense(4, Activation.Glu)]
public partial class GluNet64;

/// <summary>sparsemax and glu in float: a short Fit, and no allocation per step.</summary>
[Model(Inputs = 4, Loss = Loss.MeanSquaredError)]
[Dense(32, Activation.Glu)]
[Dense(8, Activation.Sparsemax)]
[Dense(4, Activation.Glu)]
public partial class SparsemaxGluNet;
