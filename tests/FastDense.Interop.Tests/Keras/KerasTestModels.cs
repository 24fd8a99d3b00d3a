using FastDense;

namespace FastDense.Interop.Tests.Keras;

/// <summary>The digits model of the Keras lesson: 64 → Dense(64, relu) → Dense(10, softmax).</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class KerasDigitsNet;

/// <summary>The digits model in double: the files hold float64.</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy, ElementType = typeof(double))]
[Dense(64, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class KerasDigitsNet64;

/// <summary>The digits model with a tanh hidden layer: the same tensors, another activation.</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64, Activation.Tanh)]
[Dense(10, Activation.Softmax)]
public partial class KerasDigitsTanhNet;

/// <summary>The digits model with a 32-unit hidden layer: other shapes.</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(32, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class KerasNarrowDigitsNet;

/// <summary>Three Dense layers: its file holds a layer the digits model lacks.</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64, Activation.Relu)]
[Dense(10, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class KerasDeepDigitsNet;

/// <summary>
/// Every kind with weights or state and every kind without: Normalization (adapted), BatchNormalization (full and
/// without beta), Dropout, LayerNormalization (full and without gamma), GaussianNoise, GaussianDropout.
/// </summary>
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
[GaussianDropout(0.3)]
[Dense(3, Activation.Softmax)]
public partial class KerasLayersNet;

/// <summary>
/// The edge cases of the normalizations: a Normalization over everything (Keras's axis=None: scalar mean and
/// variance), inverted, BatchNormalization without gamma and without either, LayerNormalization without either, in double.
/// </summary>
[Model(Inputs = 4, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Normalization(PerFeature = false)]
[BatchNormalization(Scale = false)]
[Dense(5, Activation.Sigmoid)]
[BatchNormalization(Center = false, Scale = false, Epsilon = 0.01)]
[LayerNormalization(Center = false, Scale = false)]
[Normalization(Invert = true)]
[Dense(2)]
public partial class KerasEdgeNet64;

/// <summary>A Dense activation with an argument, which a .keras config cannot name.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError)]
[Dense(4, Activation.LeakyRelu, NegativeSlope = 0.1)]
[Dense(1)]
public partial class KerasLeakyNet;

/// <summary>KerasLayersNet with another Dropout rate and BatchNormalization momentum.</summary>
[Model(Inputs = 6, Loss = Loss.CategoricalCrossentropy)]
[Normalization]
[Dense(8, Activation.Relu)]
[BatchNormalization(Momentum = 0.95)]
[Dropout(0.2)]
[Dense(7, Activation.Tanh)]
[BatchNormalization(Momentum = 0.9, Center = false)]
[LayerNormalization]
[GaussianNoise(0.1)]
[Dense(5, Activation.Elu)]
[LayerNormalization(Scale = false, Epsilon = 0.01)]
[GaussianDropout(0.3)]
[Dense(3, Activation.Softmax)]
public partial class KerasLayersMomentumNet;

/// <summary>Dense layers with Keras's regularizers: L1L2 on a kernel, L2 on a bias, L1 on a hidden layer's activity.</summary>
[Model(Inputs = 5, Loss = Loss.BinaryCrossentropy)]
[Dense(4, Activation.Relu, KernelRegularizerL1 = 0.01, KernelRegularizerL2 = 0.001, BiasRegularizerL2 = 0.1, ActivityRegularizerL1 = 1e-4)]
[Dense(1, Activation.Sigmoid)]
public partial class KerasRegularizedNet;

/// <summary>Dense layers with Keras's constraints.</summary>
[Model(Inputs = 5, Loss = Loss.CategoricalCrossentropy)]
[Dense(4, Activation.Relu, KernelConstraint = Constraint.MaxNorm, KernelConstraintMaxValue = 3, BiasConstraint = Constraint.NonNeg)]
[Dense(3, Activation.Softmax, KernelConstraint = Constraint.MinMaxNorm, KernelConstraintRate = 0.5, KernelConstraintAxis = 1, BiasConstraint = Constraint.UnitNorm)]
public partial class KerasConstrainedNet;

/// <summary>BatchNormalization and LayerNormalization with declared initializers, regularizers and constraints of their tensors.</summary>
[Model(Inputs = 5, Loss = Loss.MeanSquaredError)]
[BatchNormalization(GammaInitializer = Initializer.RandomNormal, GammaMean = 1, GammaStddev = 0.1, BetaInitializer = Initializer.Constant, BetaValue = 0.5,
    MovingMeanInitializer = Initializer.VarianceScaling, MovingMeanScale = 2, MovingMeanMode = VarianceScalingMode.FanAvg, MovingMeanDistribution = VarianceScalingDistribution.Uniform,
    MovingVarianceInitializer = Initializer.RandomUniform, MovingVarianceMinValue = 0.5, MovingVarianceMaxValue = 1.5,
    GammaRegularizerL2 = 1e-3, BetaRegularizerL1 = 1e-4, GammaConstraint = Constraint.MinMaxNorm, GammaConstraintMinValue = 0.5, BetaConstraint = Constraint.NonNeg)]
[Dense(4, Activation.Relu)]
[LayerNormalization(Center = false, GammaInitializer = Initializer.HeUniform, GammaRegularizerL1 = 0.01, GammaRegularizerL2 = 0.02,
    GammaConstraint = Constraint.MaxNorm, GammaConstraintMaxValue = 3)]
[Dense(1)]
public partial class KerasNormWeightsNet;

/// <summary>
/// The activations that mix a row: Dense(16, glu) keeps a (6, 16) kernel and passes 8 values to the Dropout and to
/// Dense(10, sparsemax); the output Dense(4, glu) gives 2.
/// </summary>
[Model(Inputs = 6, Loss = Loss.MeanSquaredError)]
[Dense(16, Activation.Glu)]
[Dropout(0.1)]
[Dense(10, Activation.Sparsemax)]
[Dense(4, Activation.Glu)]
public partial class KerasRowActivationNet;

/// <summary>
/// Sparsemax and a glu output, which a .keras archive can hold (nothing follows the glu layer): 6 → Dense(10, sparsemax)
/// → Dropout → Dense(4, glu), 2 outputs.
/// </summary>
[Model(Inputs = 6, Loss = Loss.MeanSquaredError)]
[Dense(10, Activation.Sparsemax)]
[Dropout(0.1)]
[Dense(4, Activation.Glu)]
public partial class KerasSparsemaxGluOutputNet;

/// <summary>KerasSparsemaxGluOutputNet with softmax in place of sparsemax: the same tensors, another activation.</summary>
[Model(Inputs = 6, Loss = Loss.MeanSquaredError)]
[Dense(10, Activation.Softmax)]
[Dropout(0.1)]
[Dense(4, Activation.Glu)]
public partial class KerasSoftmaxGluOutputNet;

/// <summary>KerasSparsemaxGluOutputNet with relu of 2 units in place of glu of 4: the same output width, other units.</summary>
[Model(Inputs = 6, Loss = Loss.MeanSquaredError)]
[Dense(10, Activation.Sparsemax)]
[Dropout(0.1)]
[Dense(2, Activation.Relu)]
public partial class KerasSparsemaxReluOutputNet;
