using FastDense;

namespace FastDense.Tests.Models;

// Models the tests train and differentiate. Double-precision ones serve the gradient checks: between them (and those
// of ActivationModels.cs) they cover every activation in a hidden layer and as an output, and every loss (each loss with
// every output activation it accepts is checked at the operator, Operators/LossGradientCheckTests).

/// <summary>The lesson's model, in float.</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class DigitsNet;

/// <summary>relu and tanh hidden layers, softmax + categorical cross-entropy.</summary>
[Model(Inputs = 5, Loss = Loss.CategoricalCrossentropy, ElementType = typeof(double))]
[Dense(7, Activation.Relu)]
[Dense(6, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
public partial class SoftmaxNet64;

/// <summary>sigmoid and linear hidden layers, sigmoid + binary cross-entropy (3 outputs).</summary>
[Model(Inputs = 4, Loss = Loss.BinaryCrossentropy, ElementType = typeof(double))]
[Dense(6, Activation.Sigmoid)]
[Dense(5, Activation.Linear)]
[Dense(3, Activation.Sigmoid)]
public partial class SigmoidNet64;

/// <summary>Mean squared error on a linear output.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(5, Activation.Tanh)]
[Dense(2)]
public partial class LinearMseNet64;

/// <summary>Mean squared error through each non-linear output activation it accepts.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.Relu)]
[Dense(2, Activation.Tanh)]
public partial class TanhMseNet64;

/// <summary>Mean squared error on a sigmoid output.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.Linear)]
[Dense(2, Activation.Sigmoid)]
public partial class SigmoidMseNet64;

/// <summary>Mean squared error on a relu output.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.Sigmoid)]
[Dense(3, Activation.Relu)]
public partial class ReluMseNet64;

/// <summary>Mean squared error on a softmax output: the gradient goes through softmax's Jacobian.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
public partial class SoftmaxMseNet64;

/// <summary>Mean absolute error on a linear output.</summary>
[Model(Inputs = 3, Loss = Loss.MeanAbsoluteError, ElementType = typeof(double))]
[Dense(5, Activation.Tanh)]
[Dense(3)]
public partial class MaeNet64;

/// <summary>Mean absolute percentage error on a linear output.</summary>
[Model(Inputs = 3, Loss = Loss.MeanAbsolutePercentageError, ElementType = typeof(double))]
[Dense(4, Activation.Sigmoid)]
[Dense(2)]
public partial class MapeNet64;

/// <summary>Mean squared logarithmic error on a sigmoid output.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredLogarithmicError, ElementType = typeof(double))]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Sigmoid)]
public partial class MsleNet64;

/// <summary>Huber with a delta of 0.5 (not Keras's default: the seam that carries it to the operator and the value), linear output.</summary>
[Model(Inputs = 3, Loss = Loss.Huber, Delta = 0.5, ElementType = typeof(double))]
[Dense(5, Activation.Tanh)]
[Dense(3)]
public partial class HuberNet64;

/// <summary>Log-cosh on a tanh output.</summary>
[Model(Inputs = 3, Loss = Loss.LogCosh, ElementType = typeof(double))]
[Dense(4, Activation.Linear)]
[Dense(2, Activation.Tanh)]
public partial class LogCoshNet64;

/// <summary>Poisson on a relu output.</summary>
[Model(Inputs = 3, Loss = Loss.Poisson, ElementType = typeof(double))]
[Dense(5, Activation.Sigmoid)]
[Dense(3, Activation.Relu)]
public partial class PoissonNet64;

/// <summary>KL divergence on a softmax output: through softmax's Jacobian.</summary>
[Model(Inputs = 3, Loss = Loss.KLDivergence, ElementType = typeof(double))]
[Dense(5, Activation.Relu)]
[Dense(4, Activation.Softmax)]
public partial class KLDivergenceNet64;

/// <summary>KL divergence on a sigmoid output.</summary>
[Model(Inputs = 3, Loss = Loss.KLDivergence, ElementType = typeof(double))]
[Dense(4, Activation.Tanh)]
[Dense(3, Activation.Sigmoid)]
public partial class KLDivergenceSigmoidNet64;

/// <summary>Cosine similarity on a linear output.</summary>
[Model(Inputs = 3, Loss = Loss.CosineSimilarity, ElementType = typeof(double))]
[Dense(5, Activation.Tanh)]
[Dense(3)]
public partial class CosineSimilarityNet64;

/// <summary>Hinge on a tanh output, 0/1 targets (converted to -1/1).</summary>
[Model(Inputs = 3, Loss = Loss.Hinge, ElementType = typeof(double))]
[Dense(5, Activation.Relu)]
[Dense(2, Activation.Tanh)]
public partial class HingeNet64;

/// <summary>Squared hinge on a linear output.</summary>
[Model(Inputs = 3, Loss = Loss.SquaredHinge, ElementType = typeof(double))]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public partial class SquaredHingeNet64;

/// <summary>Categorical hinge on a softmax output: through softmax's Jacobian.</summary>
[Model(Inputs = 3, Loss = Loss.CategoricalHinge, ElementType = typeof(double))]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
public partial class CategoricalHingeNet64;

/// <summary>Binary focal cross-entropy on sigmoid with class balancing and a gamma of 3 (the backward reads the logits).</summary>
[Model(Inputs = 4, Loss = Loss.BinaryFocalCrossentropy, ApplyClassBalancing = true, Alpha = 0.4, Gamma = 3.0, ElementType = typeof(double))]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Sigmoid)]
public partial class BinaryFocalNet64;

/// <summary>Binary focal cross-entropy from the logits of a linear output, with label smoothing.</summary>
[Model(Inputs = 4, Loss = Loss.BinaryFocalCrossentropy, FromLogits = true, LabelSmoothing = 0.1, ElementType = typeof(double))]
[Dense(5, Activation.Relu)]
[Dense(2)]
public partial class BinaryFocalLogitsNet64;

/// <summary>Categorical focal cross-entropy on softmax (from the probabilities, through softmax's Jacobian).</summary>
[Model(Inputs = 4, Loss = Loss.CategoricalFocalCrossentropy, ElementType = typeof(double))]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
public partial class CategoricalFocalNet64;

/// <summary>Categorical focal cross-entropy from the logits of a linear output, alpha 1, gamma 1.5, label smoothing.</summary>
[Model(Inputs = 4, Loss = Loss.CategoricalFocalCrossentropy, FromLogits = true, Alpha = 1.0, Gamma = 1.5, LabelSmoothing = 0.2, ElementType = typeof(double))]
[Dense(5, Activation.Sigmoid)]
[Dense(3)]
public partial class CategoricalFocalLogitsNet64;

/// <summary>Categorical cross-entropy with label smoothing, fused with softmax.</summary>
[Model(Inputs = 4, Loss = Loss.CategoricalCrossentropy, LabelSmoothing = 0.1, ElementType = typeof(double))]
[Dense(5, Activation.Relu)]
[Dense(3, Activation.Softmax)]
public partial class SmoothedSoftmaxNet64;

/// <summary>Categorical cross-entropy from the logits of a linear output (Keras's recommended from_logits=True).</summary>
[Model(Inputs = 4, Loss = Loss.CategoricalCrossentropy, FromLogits = true, ElementType = typeof(double))]
[Dense(5, Activation.Tanh)]
[Dense(3)]
public partial class LogitsSoftmaxNet64;

/// <summary>Binary cross-entropy from logits with label smoothing, linear output.</summary>
[Model(Inputs = 4, Loss = Loss.BinaryCrossentropy, FromLogits = true, LabelSmoothing = 0.2, ElementType = typeof(double))]
[Dense(5, Activation.Tanh)]
[Dense(2)]
public partial class LogitsSigmoidNet64;

/// <summary>Binary cross-entropy with label smoothing on sigmoid.</summary>
[Model(Inputs = 4, Loss = Loss.BinaryCrossentropy, LabelSmoothing = 0.3, ElementType = typeof(double))]
[Dense(5, Activation.Tanh)]
[Dense(2, Activation.Sigmoid)]
public partial class SmoothedSigmoidNet64;

/// <summary>Binary focal cross-entropy in float (breast cancer): Fit.</summary>
[Model(Inputs = 30, Loss = Loss.BinaryFocalCrossentropy, Gamma = 2.0)]
[Dense(16, Activation.Relu)]
[Dense(1, Activation.Sigmoid)]
public partial class FocalCancerNet;

/// <summary>The lesson's model with categorical cross-entropy from logits and label smoothing, in float.</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy, FromLogits = true, LabelSmoothing = 0.1)]
[Dense(64, Activation.Relu)]
[Dense(10)]
public partial class LogitsDigitsNet;

/// <summary>The lesson's model with categorical focal cross-entropy (gamma 1), in float (allocations).</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalFocalCrossentropy, Gamma = 1.0)]
[Dense(64, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class FocalDigitsNet;

/// <summary>Huber with delta 2 in float (diabetes-sized regression): Fit and the reported value.</summary>
[Model(Inputs = 10, Loss = Loss.Huber, Delta = 2.0)]
[Dense(16, Activation.Relu)]
[Dense(1)]
public partial class HuberNet;

/// <summary>Mean squared error on a softmax output, in float.</summary>
[Model(Inputs = 4, Loss = Loss.MeanSquaredError)]
[Dense(8, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class SoftmaxMseNet;

/// <summary>One layer only: the input layer is also the output layer.</summary>
[Model(Inputs = 6, Loss = Loss.CategoricalCrossentropy, ElementType = typeof(double))]
[Dense(3, Activation.Softmax)]
public partial class SingleLayerNet64;

/// <summary>Binary classification with one sigmoid output, in float (breast cancer).</summary>
[Model(Inputs = 30, Loss = Loss.BinaryCrossentropy)]
[Dense(16, Activation.Relu)]
[Dense(1, Activation.Sigmoid)]
public partial class BinaryNet;

/// <summary>Regression in float (diabetes).</summary>
[Model(Inputs = 10, Loss = Loss.MeanSquaredError)]
[Dense(32, Activation.Relu)]
[Dense(1)]
public partial class RegressionNet;

/// <summary>A model nested in a partial class, to prove containing types are re-declared.</summary>
public static partial class Outer
{
    [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
    [Dense(3, Activation.Tanh)]
    [Dense(1)]
    public partial class NestedNet;
}

/// <summary>A model for the data-parallel tests (about 0.4 MFLOP per row).</summary>
[Model(Inputs = 256, Loss = Loss.CategoricalCrossentropy)]
[Dense(256, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class WideNet;

/// <summary>Digits with 128-unit hidden layers: wide enough for the zero-skipping products (float, units of 128).</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(128, Activation.Relu)]
[Dense(128, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class WideDigitsNet;

/// <summary>Dropout on the input and between layers, softmax and cross-entropy, in double (gradient checks).</summary>
[Model(Inputs = 5, Loss = Loss.CategoricalCrossentropy, ElementType = typeof(double))]
[Dropout(0.3)]
[Dense(7, Activation.Tanh)]
[Dropout(0.5, Seed = 3)]
[Dense(6, Activation.Relu)]
[Dropout(0.25)]
[Dense(4, Activation.Softmax)]
public partial class DropoutNet64;

/// <summary>Dropout between layers of a regression model, in double (gradient checks).</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(8, Activation.Sigmoid)]
[Dropout(0.4)]
[Dense(2, Activation.Tanh)]
public partial class DropoutMseNet64;

/// <summary>The digits model with Dropout(0.2) between its layers, in float (training, threads, allocations).</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64, Activation.Relu)]
[Dropout(0.2)]
[Dense(10, Activation.Softmax)]
public partial class DropoutDigitsNet;

/// <summary>A binary classifier that declares its metrics, as compile(metrics=[...]) does.</summary>
[Model(Inputs = 30, Loss = Loss.BinaryCrossentropy, Metrics = new[] { "accuracy", "precision", "recall" })]
[Dense(16, Activation.Relu)]
[Dropout(0.2)]
[Dense(1, Activation.Sigmoid)]
public partial class DeclaredMetricsNet;

/// <summary>Normalization on the input, and an inverted one with one mean and variance between layers (backward through it), in double.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Normalization]
[Dense(5, Activation.Tanh)]
[Normalization(PerFeature = false, Invert = true, Mean = new[] { 0.25 }, Variance = new[] { 2.25 })]
[Dense(4, Activation.Sigmoid)]
[Normalization]
[Dense(2)]
public partial class NormalizationNet64;

/// <summary>The diabetes regression of the Keras parity issue: Normalization, two relu layers, one output.</summary>
[Model(Inputs = 10, Loss = Loss.MeanSquaredError)]
[Normalization]
[Dense(64, Activation.Relu)]
[Dense(64, Activation.Relu)]
[Dense(1)]
public partial class NormalizedRegressionNet;

/// <summary>NormalizedRegressionNet without its Normalization: the same parameter layout.</summary>
[Model(Inputs = 10, Loss = Loss.MeanSquaredError)]
[Dense(64, Activation.Relu)]
[Dense(64, Activation.Relu)]
[Dense(1)]
public partial class RegressionNetNoNormalization;

/// <summary>BatchNormalization on the input (its own gradient block), between layers, and without beta or gamma, in double.</summary>
[Model(Inputs = 4, Loss = Loss.CategoricalCrossentropy, ElementType = typeof(double))]
[BatchNormalization]
[Dense(6, Activation.Tanh)]
[BatchNormalization(Momentum = 0.9, Center = false)]
[Dense(5, Activation.Relu)]
[BatchNormalization(Scale = false, Epsilon = 0.01)]
[Dense(3, Activation.Softmax)]
public partial class BatchNormNet64;

/// <summary>The digits model with a BatchNormalization after its hidden layer, in float.</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64, Activation.Relu)]
[BatchNormalization]
[Dropout(0.2)]
[Dense(10, Activation.Softmax)]
public partial class BatchNormDigitsNet;

/// <summary>
/// Batch renormalization (Keras's renorm=True), in double, gradient-checked by the completeness suite. Keras's backward
/// holds r and d constant (stop_gradient), so it is the loss's derivative only where r and d do not move with the
/// parameters: on the input (unclipped here: its input is no parameter's), and between layers where the clipping holds
/// r and d at their bounds (GradientChecker keeps the pre-clip values away from the bounds, or rmin = rmax fixes r).
/// With gamma and beta, without beta, without gamma.
/// </summary>
[Model(Inputs = 4, Loss = Loss.CategoricalCrossentropy, ElementType = typeof(double))]
[BatchNormalization(Renorm = true, RenormMomentum = 0.9)]
[Dense(6, Activation.Tanh)]
[BatchNormalization(Center = false, Renorm = true, RenormClippingRMin = 2.5, RenormClippingRMax = 3, RenormClippingDMax = 0.05)]
[Dense(5, Activation.Sigmoid)]
[BatchNormalization(Scale = false, Renorm = true, RenormClippingRMin = 1.2, RenormClippingRMax = 1.2, RenormClippingDMax = 0.01)]
[Dense(3, Activation.Softmax)]
public partial class RenormNet64;

/// <summary>
/// Batch renormalization without gamma and beta (Keras's _compose_transforms: the scale is r, the offset d), on the
/// input with some corrections clipped and some not, and between layers clipped, in double (gradient-checked).
/// </summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[BatchNormalization(Center = false, Scale = false, Renorm = true, RenormClippingRMin = 0.9, RenormClippingRMax = 1.1, RenormClippingDMax = 0.2)]
[Dense(4, Activation.Tanh)]
[BatchNormalization(Center = false, Scale = false, Renorm = true, RenormClippingRMin = 2.5, RenormClippingRMax = 4, RenormClippingDMax = 0.03)]
[Dense(2)]
public partial class RenormPlainNet64;

/// <summary>
/// Batch renormalization on the input, whose statistics are the batch's own: every argument away from Keras's
/// defaults, random initial moving statistics, in double.
/// </summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[BatchNormalization(Momentum = 0.8, Epsilon = 0.01, Renorm = true, RenormMomentum = 0.7, RenormClippingRMin = 0.8, RenormClippingRMax = 1.25, RenormClippingDMax = 0.5,
    GammaInitializer = Initializer.RandomUniform, GammaMinValue = 0.5, GammaMaxValue = 1.5, BetaInitializer = Initializer.RandomNormal, BetaStddev = 0.3,
    MovingMeanInitializer = Initializer.RandomNormal, MovingMeanStddev = 0.5, MovingVarianceInitializer = Initializer.RandomUniform, MovingVarianceMinValue = 0.5, MovingVarianceMaxValue = 2)]
[Dense(2)]
public partial class RenormStatsNet64;

/// <summary><see cref="RenormStatsNet64"/> without renorm: the same layout of parameters, moving mean and variance, in double.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[BatchNormalization(Momentum = 0.8, Epsilon = 0.01)]
[Dense(2)]
public partial class RenormStatsTwin64;

/// <summary>The digits model with a renormalizing BatchNormalization after its hidden layer, in float.</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64, Activation.Relu)]
[BatchNormalization(Renorm = true, RenormClippingRMin = 0.5, RenormClippingRMax = 2, RenormClippingDMax = 2, Synchronized = true)]
[Dropout(0.2)]
[Dense(10, Activation.Softmax)]
public partial class RenormDigitsNet;

/// <summary>LayerNormalization on the input (its own gradient block) and between layers, GaussianNoise and GaussianDropout, in double.</summary>
[Model(Inputs = 5, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[LayerNormalization]
[Dense(6, Activation.Tanh)]
[GaussianNoise(0.2)]
[LayerNormalization(Center = false, Epsilon = 0.01)]
[Dense(4, Activation.Sigmoid)]
[GaussianDropout(0.3)]
[LayerNormalization(Scale = false)]
[Dense(2)]
public partial class LayerNormNet64;

/// <summary>
/// BatchNormalization and LayerNormalization with Keras's defaults: the twin of <see cref="NormRegularizedNet64"/> and
/// <see cref="NormConstrainedNet64"/> (the same layout), in double.
/// </summary>
[Model(Inputs = 4, Loss = Loss.CategoricalCrossentropy, ElementType = typeof(double))]
[BatchNormalization]
[Dense(6, Activation.Tanh)]
[LayerNormalization]
[Dense(5, Activation.Sigmoid)]
[BatchNormalization(Center = false)]
[LayerNormalization(Scale = false)]
[Dense(3, Activation.Softmax)]
public partial class NormPlainNet64;

/// <summary>
/// Gamma and beta regularizers (L1, L2 and both) on every normalization tensor, with initializers that keep them away
/// from L1's kink at 0, in double (gradient-checked by the completeness suite).
/// </summary>
[Model(Inputs = 4, Loss = Loss.CategoricalCrossentropy, ElementType = typeof(double))]
[BatchNormalization(GammaInitializer = Initializer.RandomNormal, GammaMean = 1, GammaStddev = 0.2, BetaInitializer = Initializer.RandomUniform, BetaMinValue = 0.1, BetaMaxValue = 0.5,
    GammaRegularizerL1 = 0.01, GammaRegularizerL2 = 0.02, BetaRegularizerL1 = 0.03)]
[Dense(6, Activation.Tanh)]
[LayerNormalization(GammaInitializer = Initializer.TruncatedNormal, GammaMean = 1, GammaStddev = 0.3, BetaInitializer = Initializer.Constant, BetaValue = -0.2,
    GammaRegularizerL2 = 0.05, BetaRegularizerL1 = 0.02, BetaRegularizerL2 = 0.01)]
[Dense(5, Activation.Sigmoid)]
[BatchNormalization(Center = false, GammaInitializer = Initializer.Constant, GammaValue = 0.7, GammaRegularizerL1 = 0.04)]
[LayerNormalization(Scale = false, BetaInitializer = Initializer.Constant, BetaValue = 0.3, BetaRegularizerL2 = 0.1)]
[Dense(3, Activation.Softmax)]
public partial class NormRegularizedNet64;

/// <summary>A regularized and constrained LayerNormalization between layers, in double: a batch of it splits over threads.</summary>
[Model(Inputs = 4, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(6, Activation.Tanh)]
[LayerNormalization(GammaInitializer = Initializer.RandomNormal, GammaMean = 1, GammaStddev = 0.2, BetaInitializer = Initializer.Constant, BetaValue = 0.1,
    GammaRegularizerL1 = 0.01, GammaRegularizerL2 = 0.03, BetaRegularizerL2 = 0.02, GammaConstraint = Constraint.MaxNorm, GammaConstraintMaxValue = 2)]
[Dense(2)]
public partial class LayerNormRegularizedNet64;

/// <summary>Each of Keras's constraints on a normalization's gamma or beta, in double (the layout of <see cref="NormPlainNet64"/>).</summary>
[Model(Inputs = 4, Loss = Loss.CategoricalCrossentropy, ElementType = typeof(double))]
[BatchNormalization(GammaConstraint = Constraint.MaxNorm, GammaConstraintMaxValue = 0.5, BetaConstraint = Constraint.NonNeg)]
[Dense(6, Activation.Tanh)]
[LayerNormalization(GammaConstraint = Constraint.UnitNorm, BetaConstraint = Constraint.MinMaxNorm, BetaConstraintMinValue = 0.2, BetaConstraintMaxValue = 0.3, BetaConstraintRate = 0.7)]
[Dense(5, Activation.Sigmoid)]
[BatchNormalization(Center = false, GammaConstraint = Constraint.MinMaxNorm)]
[LayerNormalization(Scale = false, BetaConstraint = Constraint.MaxNorm)]
[Dense(3, Activation.Softmax)]
public partial class NormConstrainedNet64;

/// <summary>
/// Declared initializers of every BatchNormalization and LayerNormalization tensor over 3000 features, wide enough for
/// their distributions to be checked, in float.
/// </summary>
[Model(Inputs = 3000, Loss = Loss.MeanSquaredError)]
[BatchNormalization(GammaInitializer = Initializer.HeNormal, BetaInitializer = Initializer.VarianceScaling, BetaScale = 3, BetaMode = VarianceScalingMode.FanOut,
    BetaDistribution = VarianceScalingDistribution.Uniform, MovingMeanInitializer = Initializer.RandomNormal, MovingMeanMean = 0.5, MovingMeanStddev = 0.2,
    MovingVarianceInitializer = Initializer.Constant, MovingVarianceValue = 2)]
[LayerNormalization(GammaInitializer = Initializer.GlorotUniform, BetaInitializer = Initializer.TruncatedNormal, BetaMean = -0.1, BetaStddev = 0.05)]
[LayerNormalization(GammaInitializer = Initializer.LecunNormal, BetaInitializer = Initializer.RandomUniform, BetaMinValue = 0.2, BetaMaxValue = 0.6)]
[BatchNormalization(GammaInitializer = Initializer.Zeros, BetaInitializer = Initializer.Ones, MovingMeanInitializer = Initializer.VarianceScaling, MovingMeanScale = 0.5,
    MovingMeanMode = VarianceScalingMode.FanAvg, MovingMeanDistribution = VarianceScalingDistribution.UntruncatedNormal, MovingVarianceInitializer = Initializer.HeUniform)]
[Dense(1)]
public partial class NormInitializedNet;

/// <summary>The digits model with a regularized, constrained BatchNormalization and LayerNormalization after its hidden layer, in float.</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64, Activation.Relu)]
[BatchNormalization(GammaRegularizerL2 = 1e-3, BetaConstraint = Constraint.NonNeg)]
[LayerNormalization(GammaConstraint = Constraint.MaxNorm, GammaConstraintMaxValue = 4, BetaRegularizerL1 = 1e-4)]
[Dense(10, Activation.Softmax)]
public partial class NormWeightsDigitsNet;

/// <summary>Declared initializers (he_normal with a constant bias, orthogonal), in double.</summary>
[Model(Inputs = 5, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(6, Activation.Relu, KernelInitializer = Initializer.HeNormal, BiasInitializer = Initializer.Constant, BiasValue = 0.1)]
[Dense(4, Activation.Tanh, KernelInitializer = Initializer.Orthogonal)]
[Dense(1, KernelInitializer = Initializer.LecunUniform)]
public partial class InitializedNet64;

/// <summary>Sparse categorical cross-entropy fused with softmax, in double (gradient checks; class-index targets).</summary>
[Model(Inputs = 4, Loss = Loss.SparseCategoricalCrossentropy, ElementType = typeof(double))]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class SparseSoftmaxNet64;

/// <summary>Sparse categorical cross-entropy from the logits of a linear output, in double.</summary>
[Model(Inputs = 4, Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true, ElementType = typeof(double))]
[Dense(5, Activation.Relu)]
[Dense(3)]
public partial class SparseLogitsNet64;

/// <summary>The digits model on class-index labels: trains to the same bits as <see cref="DigitsNet"/> on their one-hot rows.</summary>
[Model(Inputs = 64, Loss = Loss.SparseCategoricalCrossentropy)]
[Dense(64, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class SparseDigitsNet;

/// <summary>Kernel, bias and activity regularizers (L1, L2 and both), before Dropout and BatchNormalization, in double.</summary>
[Model(Inputs = 4, Loss = Loss.CategoricalCrossentropy, ElementType = typeof(double))]
[Dense(6, Activation.Tanh, KernelRegularizerL1 = 0.01, KernelRegularizerL2 = 0.02, BiasRegularizerL2 = 0.05, ActivityRegularizerL1 = 0.03)]
[Dropout(0.25)]
[Dense(5, Activation.Sigmoid, ActivityRegularizerL2 = 0.04, BiasRegularizerL1 = 0.01)]
[BatchNormalization]
[Dense(3, Activation.Softmax, KernelRegularizerL2 = 0.1)]
public partial class RegularizedNet64;

/// <summary>The digits model with Keras's L2(1e-3) on both kernels, in float.</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64, Activation.Relu, KernelRegularizerL2 = 1e-3)]
[Dense(10, Activation.Softmax, KernelRegularizerL2 = 1e-3)]
public partial class RegularizedDigitsNet;

/// <summary>An activity regularizer (L1 and L2) on a hidden tanh layer, mean squared error, in double.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.Tanh, ActivityRegularizerL1 = 0.1, ActivityRegularizerL2 = 0.2)]
[Dense(2)]
public partial class ActivityRegularizedNet64;

/// <summary>An activity regularizer on a softmax output fused with categorical cross-entropy: its gradient through softmax's Jacobian, in double.</summary>
[Model(Inputs = 3, Loss = Loss.CategoricalCrossentropy, ElementType = typeof(double))]
[Dense(4, Activation.Tanh)]
[Dense(3, Activation.Softmax, ActivityRegularizerL1 = 0.1, ActivityRegularizerL2 = 0.3)]
public partial class OutputActivitySoftmaxNet64;

/// <summary>An activity regularizer on a sigmoid output fused with binary cross-entropy, in double.</summary>
[Model(Inputs = 3, Loss = Loss.BinaryCrossentropy, ElementType = typeof(double))]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Sigmoid, ActivityRegularizerL2 = 0.5)]
public partial class OutputActivitySigmoidNet64;

/// <summary>An activity regularizer on a linear output under mean squared error, in double.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.Tanh)]
[Dense(2, ActivityRegularizerL1 = 0.2, ActivityRegularizerL2 = 0.1)]
public partial class OutputActivityLinearNet64;

/// <summary>An activity regularizer on a gelu output (its derivative from the kept pre-activation) under Huber, in double.</summary>
[Model(Inputs = 3, Loss = Loss.Huber, ElementType = typeof(double))]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Gelu, ActivityRegularizerL2 = 0.4)]
public partial class OutputActivityGeluNet64;

/// <summary>An activity regularizer on a log_softmax output under mean squared error (log_softmax's Jacobian), in double.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.Tanh)]
[Dense(3, Activation.LogSoftmax, ActivityRegularizerL2 = 0.2)]
public partial class OutputActivityLogSoftmaxNet64;

/// <summary>The digits model with Keras's MaxNorm(3) on its hidden kernel, UnitNorm by rows on the output kernel and NonNeg biases, in float.</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64, Activation.Relu, KernelConstraint = Constraint.MaxNorm, KernelConstraintMaxValue = 0.5, BiasConstraint = Constraint.NonNeg)]
[Dense(10, Activation.Softmax, KernelConstraint = Constraint.MinMaxNorm, KernelConstraintMinValue = 0.5, KernelConstraintMaxValue = 0.8, KernelConstraintRate = 0.5, KernelConstraintAxis = 1,
    BiasConstraint = Constraint.UnitNorm)]
public partial class ConstrainedDigitsNet;

/// <summary>ActivityRegularization on the input (a constant penalty) and between layers (its gradient flows back), in double.</summary>
[Model(Inputs = 4, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[ActivityRegularization(L1 = 0.05)]
[Dense(5, Activation.Tanh)]
[ActivityRegularization(L1 = 0.02, L2 = 0.1)]
[Dense(2)]
public partial class ActivityRegularizationNet64;

/// <summary>Keras's VarianceScaling(scale=2, mode="fan_avg", distribution="uniform") on a kernel and a uniform one on a bias, in float.</summary>
[Model(Inputs = 40, Loss = Loss.MeanSquaredError)]
[Dense(20, Activation.Relu, KernelInitializer = Initializer.VarianceScaling, KernelScale = 2, KernelMode = VarianceScalingMode.FanAvg, KernelDistribution = VarianceScalingDistribution.Uniform,
    BiasInitializer = Initializer.VarianceScaling, BiasScale = 0.5, BiasDistribution = VarianceScalingDistribution.Uniform)]
[Dense(1)]
public partial class VarianceScaledNet;

/// <summary>Dropout with Keras's noise_shape (None, 1) and (1, None) between layers, in double (gradient checks).</summary>
[Model(Inputs = 5, Loss = Loss.CategoricalCrossentropy, ElementType = typeof(double))]
[Dense(8, Activation.Tanh)]
[Dropout(0.3, NoiseShape = new[] { 0, 1 })]
[Dense(6, Activation.Sigmoid)]
[Dropout(0.4, NoiseShape = new[] { 1, 0 })]
[Dense(3, Activation.Softmax)]
public partial class NoiseShapeDropoutNet64;

/// <summary>A classifier that declares weighted metrics beside its metrics, as compile(metrics=..., weighted_metrics=...) does.</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy, Metrics = new[] { "accuracy" }, WeightedMetrics = new[] { "accuracy", "categorical_accuracy" })]
[Dense(32, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class DeclaredWeightedMetricsNet;

/// <summary>Sparse categorical cross-entropy with Keras's ignore_class=-1, in double (gradient checks with ignored rows).</summary>
[Model(Inputs = 4, Loss = Loss.SparseCategoricalCrossentropy, IgnoreClass = -1, ElementType = typeof(double))]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class IgnoreClassNet64;

/// <summary>The digits model on class-index labels where 0 is Keras's ignore_class (a padding class), in float.</summary>
[Model(Inputs = 64, Loss = Loss.SparseCategoricalCrossentropy, IgnoreClass = 0)]
[Dense(64, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class IgnoreZeroDigitsNet;

/// <summary>Mean squared error with Keras's reduction="sum", in double (the same layout as <see cref="MeanReducedNet64"/>).</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, Reduction = LossReduction.Sum, ElementType = typeof(double))]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public partial class SumReducedNet64;

/// <summary>Mean squared error with Keras's reduction="mean_with_sample_weight", in double.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, Reduction = LossReduction.MeanWithSampleWeight, ElementType = typeof(double))]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public partial class WeightedMeanReducedNet64;

/// <summary>Mean squared error with Keras's default reduction (sum_over_batch_size), in double: the reference for the two above.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public partial class MeanReducedNet64;

/// <summary>Sparse categorical cross-entropy with ignore_class=-1 and reduction="sum", in double.</summary>
[Model(Inputs = 4, Loss = Loss.SparseCategoricalCrossentropy, IgnoreClass = -1, Reduction = LossReduction.Sum, ElementType = typeof(double))]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class IgnoreClassSumNet64;

/// <summary>Sparse categorical cross-entropy with ignore_class=-1 and reduction="mean_with_sample_weight", in double.</summary>
[Model(Inputs = 4, Loss = Loss.SparseCategoricalCrossentropy, IgnoreClass = -1, Reduction = LossReduction.MeanWithSampleWeight, ElementType = typeof(double))]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class IgnoreClassWeightedMeanNet64;

/// <summary><see cref="WideNet"/> with reduction="sum", for the data-parallel path.</summary>
[Model(Inputs = 256, Loss = Loss.CategoricalCrossentropy, Reduction = LossReduction.Sum)]
[Dense(256, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class SumReducedWideNet;

/// <summary>Categorical focal cross-entropy with Keras's alpha as a list (one weight a class), in double.</summary>
[Model(Inputs = 3, Loss = Loss.CategoricalFocalCrossentropy, AlphaPerClass = new[] { 0.2, 1.5, 0.7 }, Gamma = 1.5, ElementType = typeof(double))]
[Dense(4, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class FocalPerClassNet64;

/// <summary>The same, from the logits of a linear output, with label smoothing, in double.</summary>
[Model(Inputs = 3, Loss = Loss.CategoricalFocalCrossentropy, AlphaPerClass = new[] { 0.9, 0.1, 0.4 }, FromLogits = true, LabelSmoothing = 0.1, ElementType = typeof(double))]
[Dense(4, Activation.Tanh)]
[Dense(3)]
public partial class FocalPerClassLogitsNet64;

/// <summary>An activity regularizer on a glu output (half its units wide, its derivative from the kept pre-activation), in double.</summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(4, Activation.Tanh)]
[Dense(4, Activation.Glu, ActivityRegularizerL1 = 0.1, ActivityRegularizerL2 = 0.3)]
public partial class OutputActivityGluNet64;

/// <summary>
/// Keras's use_bias=False: a linear hidden layer before a BatchNormalization (the usual pattern: beta is the bias), a
/// tanh hidden layer, and the softmax output (fused with the cross-entropy, from its logits), in double.
/// </summary>
[Model(Inputs = 4, Loss = Loss.CategoricalCrossentropy, ElementType = typeof(double))]
[Dense(6, UseBias = false)]
[BatchNormalization]
[Dense(5, Activation.Tanh, UseBias = false)]
[Dense(3, Activation.Softmax, UseBias = false)]
public partial class NoBiasNet64;

/// <summary>
/// use_bias=False on a gelu layer (its pre-activation kept for the derivative), a biased sigmoid layer between, and a
/// linear output under mean squared error, in double.
/// </summary>
[Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(5, Activation.Gelu, UseBias = false)]
[Dense(4, Activation.Sigmoid)]
[Dense(2, UseBias = false)]
public partial class NoBiasMseNet64;

/// <summary>use_bias=False on a sigmoid output under binary cross-entropy (its logits kept), in double.</summary>
[Model(Inputs = 3, Loss = Loss.BinaryCrossentropy, ElementType = typeof(double))]
[Dense(4, Activation.Relu)]
[Dense(1, Activation.Sigmoid, UseBias = false)]
public partial class NoBiasSigmoidNet64;

/// <summary>The digits model with use_bias=False on its relu layer, followed by a BatchNormalization, in float.</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64, Activation.Relu, UseBias = false)]
[BatchNormalization]
[Dense(10, Activation.Softmax)]
public partial class NoBiasDigitsNet;

/// <summary>The digits model with use_bias=False on both layers, in float: every product without a bias on the float paths.</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64, Activation.Relu, UseBias = false)]
[Dense(10, Activation.Softmax, UseBias = false)]
public partial class NoBiasPlainDigitsNet;

/// <summary>use_bias=False on the hidden layer only, in float (the divergence guard checks its kernel's gradient).</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64, Activation.Relu, UseBias = false)]
[Dense(10, Activation.Softmax)]
public partial class NoBiasHiddenDigitsNet;

/// <summary>
/// Keras's OrthogonalRegularizer on kernels: rows (the default), columns on a layer without a bias, and columns on the
/// output, in double.
/// </summary>
[Model(Inputs = 4, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(6, Activation.Tanh, KernelRegularizerOrthogonalFactor = 0.1)]
[Dense(5, Activation.Sigmoid, KernelRegularizerOrthogonalFactor = 0.2, KernelRegularizerOrthogonalMode = OrthogonalRegularizerMode.Columns, UseBias = false)]
[Dense(2, KernelRegularizerOrthogonalFactor = 0.05, KernelRegularizerOrthogonalMode = OrthogonalRegularizerMode.Columns)]
public partial class OrthogonalNet64;

/// <summary>The digits model with Keras's OrthogonalRegularizer(0.01) on the hidden kernel's rows and (0.05, "columns") on the output's, in float.</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64, Activation.Relu, KernelRegularizerOrthogonalFactor = 0.01)]
[Dense(10, Activation.Softmax, KernelRegularizerOrthogonalFactor = 0.05, KernelRegularizerOrthogonalMode = OrthogonalRegularizerMode.Columns)]
public partial class OrthogonalDigitsNet;

/// <summary>
/// Keras's initializer seeds: two layers of one shape with he_normal(seed=42) kernels and random_uniform(seed=5) biases,
/// an unseeded layer (the model's stream), and a glorot_uniform(seed=0) output, in float.
/// </summary>
[Model(Inputs = 8, Loss = Loss.MeanSquaredError)]
[Dense(8, Activation.Tanh, KernelInitializer = Initializer.HeNormal, KernelSeed = 42, BiasInitializer = Initializer.RandomUniform, BiasSeed = 5)]
[Dense(8, Activation.Tanh, KernelInitializer = Initializer.HeNormal, KernelSeed = 42, BiasInitializer = Initializer.RandomUniform, BiasSeed = 5)]
[Dense(8, Activation.Tanh)]
[Dense(1, KernelSeed = 0)]
public partial class SeededNet;

/// <summary><see cref="SeededNet"/> in double: the draws are made in double and rounded to the element type.</summary>
[Model(Inputs = 8, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(8, Activation.Tanh, KernelInitializer = Initializer.HeNormal, KernelSeed = 42, BiasInitializer = Initializer.RandomUniform, BiasSeed = 5)]
[Dense(8, Activation.Tanh, KernelInitializer = Initializer.HeNormal, KernelSeed = 42, BiasInitializer = Initializer.RandomUniform, BiasSeed = 5)]
[Dense(8, Activation.Tanh)]
[Dense(1, KernelSeed = 0)]
public partial class SeededNet64;

/// <summary>Another model whose first kernel has SeededNet's shape, initializer and seed, and whose output is seeded otherwise: every tensor seeded.</summary>
[Model(Inputs = 8, Loss = Loss.BinaryCrossentropy)]
[Dense(8, Activation.Relu, KernelInitializer = Initializer.HeNormal, KernelSeed = 42)]
[Dense(1, Activation.Sigmoid, KernelInitializer = Initializer.HeNormal, KernelSeed = 43)]
public partial class SeededTwinNet;

/// <summary>An unseeded 8 -> Dense(8, tanh) -> Dense(1): its first kernel is the model stream's first draws.</summary>
[Model(Inputs = 8, Loss = Loss.MeanSquaredError)]
[Dense(8, Activation.Tanh)]
[Dense(1)]
public partial class UnseededNet;
