using FastDense;

namespace FastDense.Interop.Tests.Onnx;

// One model per activation and argument set: one input, 64 units. OnnxActivationTests sets every kernel weight to 1 and
// the biases to a grid, so that the rows' pre-activations sweep [-9, 8.75] in steps of 1/16 and hit every kink
// (±1, 0, the thresholds, the maxima) exactly.

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Linear)]
public partial class OnnxLinearNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Relu)]
public partial class OnnxReluNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Relu, NegativeSlope = 0.1)]
public partial class OnnxReluSlopeNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Relu, MaxValue = 2.5)]
public partial class OnnxReluMaxNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Relu, Threshold = 0.5)]
public partial class OnnxReluThresholdNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Relu, NegativeSlope = 0.1, MaxValue = 2.5, Threshold = 0.5)]
public partial class OnnxReluAllNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Relu, NegativeSlope = 0.25, MaxValue = 6)]
public partial class OnnxReluSlopeMaxNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Sigmoid)]
public partial class OnnxSigmoidNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Tanh)]
public partial class OnnxTanhNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Softmax)]
public partial class OnnxSoftmaxNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.LogSoftmax)]
public partial class OnnxLogSoftmaxNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Sparsemax)]
public partial class OnnxSparsemaxNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Glu)]
public partial class OnnxGluNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.LeakyRelu)]
public partial class OnnxLeakyReluNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.LeakyRelu, NegativeSlope = 0.05)]
public partial class OnnxLeakyReluSlopeNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Relu6)]
public partial class OnnxRelu6Net;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Elu)]
public partial class OnnxEluNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Elu, Alpha = 0.5)]
public partial class OnnxEluAlphaNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Selu)]
public partial class OnnxSeluNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Celu)]
public partial class OnnxCeluNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Celu, Alpha = 2)]
public partial class OnnxCeluAlphaNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Gelu)]
public partial class OnnxGeluNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Gelu, Approximate = true)]
public partial class OnnxGeluApproximateNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Silu)]
public partial class OnnxSiluNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Mish)]
public partial class OnnxMishNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Softplus)]
public partial class OnnxSoftplusNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Softsign)]
public partial class OnnxSoftsignNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.HardSigmoid)]
public partial class OnnxHardSigmoidNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.HardSilu)]
public partial class OnnxHardSiluNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Exponential)]
public partial class OnnxExponentialNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.LogSigmoid)]
public partial class OnnxLogSigmoidNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.TanhShrink)]
public partial class OnnxTanhShrinkNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.HardTanh)]
public partial class OnnxHardTanhNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.SoftShrink)]
public partial class OnnxSoftShrinkNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.SoftShrink, Threshold = 1)]
public partial class OnnxSoftShrinkThresholdNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.HardShrink)]
public partial class OnnxHardShrinkNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.HardShrink, Threshold = 1.5)]
public partial class OnnxHardShrinkThresholdNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Squareplus)]
public partial class OnnxSquareplusNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Squareplus, B = 1)]
public partial class OnnxSquareplusBNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.SparsePlus)]
public partial class OnnxSparsePlusNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.SparseSigmoid)]
public partial class OnnxSparseSigmoidNet;

[Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
[Dense(OnnxActivationTests.Units, Activation.Threshold, Threshold = 0.25, DefaultValue = -2)]
public partial class OnnxThresholdNet;
