namespace FastDense.Generators.Tests;

/// <summary>The generated source of whole models, against checked-in baselines (see <see cref="Baselines"/>).</summary>
public class ModelGeneratorOutputTests
{
    private static void VerifyScenario(string scenario, string source)
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        var files = result.Run.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).ToList();
        Assert.NotEmpty(files);
        Baselines.Verify(scenario, files);
    }

    [Fact]
    public void Dense_64_64_10()
        => VerifyScenario(nameof(Dense_64_64_10), """
            using FastDense;

            namespace Demo;

            /// <summary>The Keras lesson's model.</summary>
            [Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
            [Dense(64, Activation.Relu)]
            [Dense(10, Activation.Softmax)]
            public partial class DigitsNet;
            """);

    [Fact]
    public void Huber_WithDelta_OnLinear()
        => VerifyScenario(nameof(Huber_WithDelta_OnLinear), """
            using FastDense;

            namespace Demo;

            /// <summary>Keras's Huber(delta=2.0): the operator gets the delta, the description carries it.</summary>
            [Model(Inputs = 10, Loss = Loss.Huber, Delta = 2.0)]
            [Dense(32, Activation.Relu)]
            [Dense(1)]
            public partial class RobustRegressor;
            """);

    [Fact]
    public void KLDivergence_OnSoftmax_ThroughTheJacobian()
        => VerifyScenario(nameof(KLDivergence_OnSoftmax_ThroughTheJacobian), """
            using FastDense;

            namespace Demo;

            /// <summary>KL divergence on a softmax output: no logits kept, the gradient through softmax's Jacobian.</summary>
            [Model(Inputs = 8, Loss = Loss.KLDivergence)]
            [Dense(16, Activation.Tanh)]
            [Dense(4, Activation.Softmax)]
            public partial class DistributionNet;
            """);

    [Fact]
    public void Sparsemax_Hidden_AndOutput_UnderKLDivergence()
        => VerifyScenario(nameof(Sparsemax_Hidden_AndOutput_UnderKLDivergence), """
            using FastDense;

            namespace Demo;

            /// <summary>Sparsemax as a hidden layer (its Jacobian row by row) and as the output of KL divergence (through its Jacobian).</summary>
            [Model(Inputs = 8, Loss = Loss.KLDivergence)]
            [Dense(16, Activation.Sparsemax)]
            [Dense(4, Activation.Sparsemax)]
            public partial class SparseAttentionNet;
            """);

    [Fact]
    public void Glu_Hidden_AndOutput_HalvingTheWidth()
        => VerifyScenario(nameof(Glu_Hidden_AndOutput_HalvingTheWidth), """
            using FastDense;

            namespace Demo;

            /// <summary>
            /// glu halves the width: Dense(16, glu) keeps a (8, 16) kernel and outputs 8 values, which the Dropout and the next
            /// layer read; the output Dense(4, glu) makes OutputSize 2. The constraint and the initializer see the units, the
            /// activity regularizer the output.
            /// </summary>
            [Model(Inputs = 8, Loss = Loss.MeanSquaredError)]
            [Dense(16, Activation.Glu, KernelConstraint = Constraint.MaxNorm, ActivityRegularizerL2 = 0.01)]
            [Dropout(0.25)]
            [Dense(6, Activation.Relu)]
            [Dense(4, Activation.Glu, KernelInitializer = Initializer.HeNormal)]
            public partial class GatedNet;
            """);

    [Fact]
    public void BinaryFocal_OnSigmoid_BackwardReadsTheLogits()
        => VerifyScenario(nameof(BinaryFocal_OnSigmoid_BackwardReadsTheLogits), """
            using FastDense;

            namespace Demo;

            /// <summary>Keras's BinaryFocalCrossentropy(apply_class_balancing=True, alpha=0.3, gamma=3.0).</summary>
            [Model(Inputs = 30, Loss = Loss.BinaryFocalCrossentropy, ApplyClassBalancing = true, Alpha = 0.3, Gamma = 3.0)]
            [Dense(16, Activation.Relu)]
            [Dense(1, Activation.Sigmoid)]
            public partial class RareEventNet;
            """);

    [Fact]
    public void SparseCategoricalCrossentropy_OnSoftmax_WithSparseMetrics()
        => VerifyScenario(nameof(SparseCategoricalCrossentropy_OnSoftmax_WithSparseMetrics), """
            using FastDense;

            namespace Demo;

            /// <summary>The digits model on class-index labels, as Keras's compile(loss="sparse_categorical_crossentropy").</summary>
            [Model(Inputs = 64, Loss = Loss.SparseCategoricalCrossentropy, Metrics = new[] { "sparse_categorical_accuracy", "sparse_top_k_categorical_accuracy" },
                WeightedMetrics = new[] { "sparse_categorical_accuracy" })]
            [Dense(64, Activation.Relu)]
            [Dense(10, Activation.Softmax)]
            public partial class SparseDigitsNet;
            """);

    [Fact]
    public void Regularizers_KernelBiasAndActivity()
        => VerifyScenario(nameof(Regularizers_KernelBiasAndActivity), """
            using FastDense;

            namespace Demo;

            /// <summary>Keras's kernel_regularizer=L1L2(0.01, 0.001), bias_regularizer=L2(0.1), activity_regularizer=L1(1e-4).</summary>
            [Model(Inputs = 30, Loss = Loss.BinaryCrossentropy)]
            [Dense(16, Activation.Relu, KernelRegularizerL1 = 0.01, KernelRegularizerL2 = 0.001, BiasRegularizerL2 = 0.1, ActivityRegularizerL1 = 1e-4)]
            [Dropout(0.2)]
            [Dense(1, Activation.Sigmoid, KernelRegularizerL2 = 0.001)]
            public partial class RegularizedNet;
            """);

    [Fact]
    public void CategoricalFocal_AlphaPerClass()
        => VerifyScenario(nameof(CategoricalFocal_AlphaPerClass), """
            using FastDense;

            namespace Demo;

            /// <summary>Keras's CategoricalFocalCrossentropy(alpha=[0.25, 0.5, 0.25]).</summary>
            [Model(Inputs = 4, Loss = Loss.CategoricalFocalCrossentropy, AlphaPerClass = new[] { 0.25, 0.5, 0.25 })]
            [Dense(8, Activation.Relu)]
            [Dense(3, Activation.Softmax)]
            public partial class ClassWeightedFocalNet;
            """);

    [Fact]
    public void LossReduction_Sum()
        => VerifyScenario(nameof(LossReduction_Sum), """
            using FastDense;

            namespace Demo;

            /// <summary>Keras's loss=MeanSquaredError(reduction="sum").</summary>
            [Model(Inputs = 4, Loss = Loss.MeanSquaredError, Reduction = LossReduction.Sum)]
            [Dense(8, Activation.Relu)]
            [Dense(1)]
            public partial class SummedLossNet;
            """);

    [Fact]
    public void ActivityRegularizer_OnTheOutputLayer()
        => VerifyScenario(nameof(ActivityRegularizer_OnTheOutputLayer), """
            using FastDense;

            namespace Demo;

            /// <summary>Keras's activity_regularizer=L1L2(0.01, 0.001) on a softmax output under categorical cross-entropy.</summary>
            [Model(Inputs = 8, Loss = Loss.CategoricalCrossentropy)]
            [Dense(16, Activation.Relu)]
            [Dense(4, Activation.Softmax, ActivityRegularizerL1 = 0.01, ActivityRegularizerL2 = 0.001)]
            public partial class OutputActivityNet;
            """);

    [Fact]
    public void Dense_WithoutBias_BeforeBatchNormalization()
        => VerifyScenario(nameof(Dense_WithoutBias_BeforeBatchNormalization), """
            using FastDense;

            namespace Demo;

            /// <summary>Keras's Dense(use_bias=False) before BatchNormalization, a gelu layer without a bias (its pre-activation kept) and a softmax output without one.</summary>
            [Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
            [Dense(64, Activation.Relu, UseBias = false, KernelConstraint = Constraint.MaxNorm)]
            [BatchNormalization]
            [Dense(32, Activation.Gelu, UseBias = false)]
            [Dense(10, Activation.Softmax, UseBias = false)]
            public partial class NoBiasNet;
            """);

    [Fact]
    public void Regularizers_Orthogonal_RowsAndColumns()
        => VerifyScenario(nameof(Regularizers_Orthogonal_RowsAndColumns), """
            using FastDense;

            namespace Demo;

            /// <summary>Keras's kernel_regularizer=OrthogonalRegularizer(0.01) (rows) and OrthogonalRegularizer(0.05, mode="columns").</summary>
            [Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
            [Dense(32, Activation.Relu, KernelRegularizerOrthogonalFactor = 0.01)]
            [Dense(10, Activation.Softmax, KernelRegularizerOrthogonalFactor = 0.05, KernelRegularizerOrthogonalMode = OrthogonalRegularizerMode.Columns, BiasRegularizerL2 = 0.001)]
            public partial class OrthogonalNet;
            """);

    [Fact]
    public void ActivityRegularization_OnTheInput_AndBetweenLayers()
        => VerifyScenario(nameof(ActivityRegularization_OnTheInput_AndBetweenLayers), """
            using FastDense;

            namespace Demo;

            /// <summary>Keras's ActivityRegularization(l1=0.01) on the input and ActivityRegularization(l2=0.001) after a hidden layer.</summary>
            [Model(Inputs = 8, Loss = Loss.MeanSquaredError)]
            [ActivityRegularization(L1 = 0.01)]
            [Dense(16, Activation.Tanh)]
            [ActivityRegularization(L2 = 0.001)]
            [Dense(1)]
            public partial class ActivityNet;
            """);

    [Fact]
    public void VarianceScaling_WithItsArguments()
        => VerifyScenario(nameof(VarianceScaling_WithItsArguments), """
            using FastDense;

            namespace Demo;

            /// <summary>Keras's VarianceScaling(scale=2.0, mode="fan_avg", distribution="untruncated_normal").</summary>
            [Model(Inputs = 12, Loss = Loss.MeanSquaredError)]
            [Dense(8, Activation.Relu, KernelInitializer = Initializer.VarianceScaling, KernelScale = 2, KernelMode = VarianceScalingMode.FanAvg, KernelDistribution = VarianceScalingDistribution.UntruncatedNormal)]
            [Dense(1, KernelInitializer = Initializer.VarianceScaling)]
            public partial class ScaledNet;
            """);

    [Fact]
    public void Dropout_WithNoiseShapes()
        => VerifyScenario(nameof(Dropout_WithNoiseShapes), """
            using FastDense;

            namespace Demo;

            /// <summary>Keras's Dropout(0.2, noise_shape=(None, 1)) and Dropout(0.5, noise_shape=(1, None)).</summary>
            [Model(Inputs = 10, Loss = Loss.MeanSquaredError)]
            [Dense(16, Activation.Relu)]
            [Dropout(0.2, NoiseShape = new[] { 0, 1 })]
            [Dense(16, Activation.Relu)]
            [Dropout(0.5, NoiseShape = new[] { 1, 0 })]
            [Dense(1)]
            public partial class NoiseShapeNet;
            """);

    [Fact]
    public void SparseCategoricalCrossentropy_IgnoreClass()
        => VerifyScenario(nameof(SparseCategoricalCrossentropy_IgnoreClass), """
            using FastDense;

            namespace Demo;

            /// <summary>Keras's SparseCategoricalCrossentropy(ignore_class=-1): padding rows labelled -1 do not train.</summary>
            [Model(Inputs = 16, Loss = Loss.SparseCategoricalCrossentropy, IgnoreClass = -1)]
            [Dense(8, Activation.Relu)]
            [Dense(4, Activation.Softmax)]
            public partial class PaddedNet;
            """);

    [Fact]
    public void Constraints_OnKernelsAndBiases()
        => VerifyScenario(nameof(Constraints_OnKernelsAndBiases), """
            using FastDense;

            namespace Demo;

            /// <summary>Keras's kernel_constraint=MaxNorm(3), bias_constraint=NonNeg(), kernel_constraint=UnitNorm(axis=1).</summary>
            [Model(Inputs = 20, Loss = Loss.CategoricalCrossentropy)]
            [Dense(32, Activation.Relu, KernelConstraint = Constraint.MaxNorm, KernelConstraintMaxValue = 3, BiasConstraint = Constraint.NonNeg)]
            [Dense(4, Activation.Softmax, KernelConstraint = Constraint.UnitNorm, KernelConstraintAxis = -1)]
            public partial class ConstrainedNet;
            """);

    [Fact]
    public void NormalizationWeights_InitializersRegularizersConstraints()
        => VerifyScenario(nameof(NormalizationWeights_InitializersRegularizersConstraints), """
            using FastDense;

            namespace Demo;

            /// <summary>
            /// Keras's BatchNormalization(gamma_initializer=RandomNormal(1, 0.1), moving_variance_initializer=Constant(2),
            /// gamma_regularizer=L2(1e-3), beta_constraint=NonNeg()) and LayerNormalization(center=False,
            /// gamma_initializer=HeUniform(), gamma_regularizer=L1L2(1e-4, 1e-3), gamma_constraint=MaxNorm(4)).
            /// </summary>
            [Model(Inputs = 12, Loss = Loss.MeanSquaredError)]
            [BatchNormalization(GammaInitializer = Initializer.RandomNormal, GammaMean = 1, GammaStddev = 0.1, MovingVarianceInitializer = Initializer.Constant, MovingVarianceValue = 2,
                GammaRegularizerL2 = 1e-3, BetaConstraint = Constraint.NonNeg)]
            [Dense(8, Activation.Relu)]
            [LayerNormalization(Center = false, GammaInitializer = Initializer.HeUniform, GammaRegularizerL1 = 1e-4, GammaRegularizerL2 = 1e-3,
                GammaConstraint = Constraint.MaxNorm, GammaConstraintMaxValue = 4)]
            [Dense(1)]
            public partial class NormalizedWeightsNet;
            """);

    [Fact]
    public void CategoricalCrossentropy_FromLogits_WithLabelSmoothing()
        => VerifyScenario(nameof(CategoricalCrossentropy_FromLogits_WithLabelSmoothing), """
            using FastDense;

            namespace Demo;

            /// <summary>Keras's Dense(10) and CategoricalCrossentropy(from_logits=True, label_smoothing=0.1): no logits block.</summary>
            [Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy, FromLogits = true, LabelSmoothing = 0.1)]
            [Dense(64, Activation.Relu)]
            [Dense(10)]
            public partial class LogitsNet;
            """);

    [Fact]
    public void Dropout_OnTheInput_AndBetweenLayers()
        => VerifyScenario(nameof(Dropout_OnTheInput_AndBetweenLayers), """
            using FastDense;

            namespace Demo;

            /// <summary>Dropout before any trainable layer (no backward) and between two (backward through its mask).</summary>
            [Model(Inputs = 30, Loss = Loss.BinaryCrossentropy, Metrics = new[] { "accuracy", "precision", "recall" })]
            [Dropout(0.1)]
            [Dense(64, Activation.Relu)]
            [Dropout(0.2, Seed = 42)]
            [Dense(1, Activation.Sigmoid)]
            public partial class BreastCancerNet;
            """);

    [Fact]
    public void Normalization_First_AndInverted_BetweenLayers()
        => VerifyScenario(nameof(Normalization_First_AndInverted_BetweenLayers), """
            using FastDense;

            namespace Demo;

            /// <summary>Normalization on the input (adapted later), and one with declared values inside the model (backward through it).</summary>
            [Model(Inputs = 3, Loss = Loss.MeanSquaredError, Metrics = new[] { "mae" })]
            [Normalization]
            [Dense(4, Activation.Tanh)]
            [Normalization(PerFeature = false, Invert = true, Mean = new[] { 0.5 }, Variance = new[] { 4.0 })]
            [Dense(1)]
            public partial class DiabetesNet;
            """);

    [Fact]
    public void BatchNormalization_First_AndBetweenLayers()
        => VerifyScenario(nameof(BatchNormalization_First_AndBetweenLayers), """
            using FastDense;

            namespace Demo;

            /// <summary>BatchNormalization on the input (its own gradient block) and between layers (in dense_0's).</summary>
            [Model(Inputs = 4, Loss = Loss.CategoricalCrossentropy)]
            [BatchNormalization]
            [Dense(8, Activation.Relu)]
            [BatchNormalization(Momentum = 0.9, Center = false)]
            [Dense(3, Activation.Softmax)]
            public partial class NormalizedNet;
            """);

    [Fact]
    public void BatchNormalization_Renorm_Synchronized()
        => VerifyScenario(nameof(BatchNormalization_Renorm_Synchronized), """
            using FastDense;

            namespace Demo;

            /// <summary>
            /// Keras's BatchNormalization(renorm=True) on the input (its own gradient block: no input gradient), then
            /// BatchNormalization(center=False, moving_variance_initializer=Constant(4), renorm=True,
            /// renorm_clipping={'rmax': 3, 'rmin': 0.5, 'dmax': 2}, renorm_momentum=0.9, synchronized=True) between layers,
            /// then a synchronized BatchNormalization without renorm.
            /// </summary>
            [Model(Inputs = 4, Loss = Loss.CategoricalCrossentropy)]
            [BatchNormalization(Renorm = true)]
            [Dense(8, Activation.Relu)]
            [BatchNormalization(Center = false, MovingVarianceInitializer = Initializer.Constant, MovingVarianceValue = 4, Renorm = true,
                RenormClippingRMax = 3, RenormClippingRMin = 0.5, RenormClippingDMax = 2, RenormMomentum = 0.9, Synchronized = true)]
            [Dense(6, Activation.Tanh)]
            [BatchNormalization(Synchronized = true)]
            [Dense(3, Activation.Softmax)]
            public partial class RenormNet;
            """);

    [Fact]
    public void LayerNormalization_GaussianNoise_GaussianDropout()
        => VerifyScenario(nameof(LayerNormalization_GaussianNoise_GaussianDropout), """
            using FastDense;

            namespace Demo;

            /// <summary>Noise on the input (no backward), LayerNormalization between layers, GaussianDropout before the output.</summary>
            [Model(Inputs = 6, Loss = Loss.BinaryCrossentropy)]
            [GaussianNoise(0.1)]
            [Dense(16, Activation.Relu)]
            [LayerNormalization(Center = false)]
            [GaussianDropout(0.3, Seed = 5)]
            [Dense(1, Activation.Sigmoid)]
            public partial class NoisyNet;
            """);

    [Fact]
    public void Dense_Initializers()
        => VerifyScenario(nameof(Dense_Initializers), """
            using FastDense;

            namespace Demo;

            /// <summary>Keras's kernel_initializer and bias_initializer, with and without arguments.</summary>
            [Model(Inputs = 4, Loss = Loss.MeanSquaredError)]
            [Dense(8, Activation.Relu, KernelInitializer = Initializer.HeNormal, BiasInitializer = Initializer.Constant, BiasValue = 0.1)]
            [Dense(8, Activation.Tanh, KernelInitializer = Initializer.Orthogonal, KernelGain = 2)]
            [Dense(1, KernelInitializer = Initializer.RandomNormal, KernelStddev = 0.01)]
            public partial class InitializedNet;
            """);

    [Fact]
    public void Initializers_WithSeeds()
        => VerifyScenario(nameof(Initializers_WithSeeds), """
            using FastDense;

            namespace Demo;

            /// <summary>Keras's initializers with seed: glorot_uniform(seed=7), random_normal(seed=7) on a bias, he_normal(seed=7), glorot_uniform(seed=0).</summary>
            [Model(Inputs = 8, Loss = Loss.MeanSquaredError)]
            [Dense(16, Activation.Relu, KernelSeed = 7, BiasInitializer = Initializer.RandomNormal, BiasSeed = 7)]
            [Dense(16, Activation.Relu, KernelInitializer = Initializer.HeNormal, KernelSeed = 7)]
            [Dense(4, Activation.Tanh)]
            [Dense(1, KernelSeed = 0)]
            public partial class SeededNet;
            """);

    [Fact]
    public void Activations_WithArguments_AndFromTheirInput()
        => VerifyScenario(nameof(Activations_WithArguments_AndFromTheirInput), """
            using FastDense;

            namespace Demo;

            /// <summary>
            /// Activations with Keras's arguments (relu's, leaky_relu's default, elu's alpha, gelu's approximate), a hidden
            /// layer whose derivative is taken from its kept pre-activation (silu), and a gelu output under mean squared
            /// error: the loss's gradient with respect to the output, then gelu's derivative at z3.
            /// </summary>
            [Model(Inputs = 4, Loss = Loss.MeanSquaredError)]
            [Dense(8, Activation.Relu, NegativeSlope = 0.1, MaxValue = 6, Threshold = 0.5)]
            [Dense(8, Activation.LeakyRelu)]
            [Dense(6, Activation.Silu)]
            [Dense(2, Activation.Gelu, Approximate = true)]
            public partial class ActivatedNet;

            /// <summary>A plain relu written with its defaults stays the fused relu; elu with an alpha.</summary>
            [Model(Inputs = 3, Loss = Loss.BinaryCrossentropy)]
            [Dense(5, Activation.Relu, MaxValue = double.PositiveInfinity)]
            [Dense(4, Activation.Elu, Alpha = 0.5)]
            [Dense(1, Activation.Sigmoid)]
            public partial class DefaultsNet;
            """);

    [Fact]
    public void Double_ThreeLayers_MeanSquaredError_Sigmoid()
        => VerifyScenario(nameof(Double_ThreeLayers_MeanSquaredError_Sigmoid), """
            using FastDense;

            namespace Demo.Regression;

            /// <summary>Every hidden activation but relu, and MSE through a sigmoid, in double.</summary>
            [Model(Inputs = 3, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
            [Dense(8, Activation.Tanh)]
            [Dense(5)]
            [Dense(2, Activation.Sigmoid)]
            internal partial class Regressor;
            """);

    [Fact]
    public void Binary_Sigmoid_OneOutput()
        => VerifyScenario(nameof(Binary_Sigmoid_OneOutput), """
            using FastDense;

            namespace Demo;

            /// <summary>Binary classification.</summary>
            [Model(Inputs = 30, Loss = Loss.BinaryCrossentropy)]
            [Dense(units: 16, activation: Activation.Relu)]
            [Dense(1, Activation.Sigmoid)]
            public partial class CancerNet;
            """);

    [Fact]
    public void NestedClass()
        => VerifyScenario(nameof(NestedClass), """
            using FastDense;

            namespace Demo;

            /// <summary>Containers.</summary>
            public static partial class Models
            {
                /// <summary>A struct container.</summary>
                public partial struct Inner
                {
                    /// <summary>The model.</summary>
                    [Model(Inputs = 4, Loss = Loss.MeanSquaredError)]
                    [Dense(3)]
                    public partial class LinearNet;
                }
            }
            """);

    [Fact]
    public void GlobalNamespace()
        => VerifyScenario(nameof(GlobalNamespace), """
            using FastDense;

            /// <summary>No namespace.</summary>
            [Model(Inputs = 2, Loss = Loss.CategoricalCrossentropy)]
            [Dense(2, Activation.Softmax)]
            public partial class GlobalNet;
            """);

    [Fact]
    public void TwoModelsInOneFile_TwoGeneratedFiles()
        => VerifyScenario(nameof(TwoModelsInOneFile_TwoGeneratedFiles), """
            using FastDense;

            namespace Demo;

            /// <summary>First.</summary>
            [Model(Inputs = 2, Loss = Loss.BinaryCrossentropy)]
            [Dense(1, Activation.Sigmoid)]
            public partial class First;

            /// <summary>Second.</summary>
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(1, Activation.Relu)]
            public partial class Second;
            """);

    [Fact]
    public void Output_IsDeterministic()
    {
        const string source = """
            using FastDense;
            /// <summary>x</summary>
            [Model(Inputs = 5, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.Tanh)]
            [Dense(1)]
            public partial class Net;
            """;
        string first = GeneratorHarness.Run(source).Run.GeneratedSources.Single().SourceText.ToString();
        string second = GeneratorHarness.Run(source).Run.GeneratedSources.Single().SourceText.ToString();
        Assert.Equal(first, second);
    }

    [Fact]
    public void EditingAnotherFile_DoesNotReEmit_EditingTheModel_Does()
    {
        // The harness checks an unrelated edit; here, a real change to the declaration must flow through.
        var compilation = GeneratorHarness.CreateCompilation("""
            using FastDense;
            /// <summary>x</summary>
            [Model(Inputs = 5, Loss = Loss.MeanSquaredError)]
            [Dense(3)]
            public partial class Net;
            """);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(
            tree.GetText().ToString().Replace("[Dense(3)]", "[Dense(4)]"))));
        var run = driver.RunGenerators(edited).GetRunResult().Results.Single();
        Assert.Contains(run.TrackedSteps[TrackingNames.Spec].SelectMany(s => s.Outputs), o => o.Reason == Microsoft.CodeAnalysis.IncrementalStepRunReason.Modified);
        Assert.Contains("public const int Units0 = 4;", run.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void ActivationLayers_KerasPattern_DenseBatchNormalizationActivation()
        => VerifyScenario(nameof(ActivationLayers_KerasPattern_DenseBatchNormalizationActivation), """
            using FastDense;

            namespace Demo;

            /// <summary>Keras's Dense → BatchNormalization → Activation("relu"), gelu from its input, a hidden softmax.</summary>
            [Model(Inputs = 8, Loss = Loss.CategoricalCrossentropy)]
            [Dense(16)]
            [BatchNormalization]
            [Activation(Activation.Relu)]
            [Dropout(0.2)]
            [Dense(12)]
            [Activation(Activation.Gelu, Approximate = true)]
            [Dense(6)]
            [Activation(Activation.Softmax)]
            [Dense(3, Activation.Softmax)]
            public partial class PatternNet;
            """);

    [Fact]
    public void ReLU_LeakyReLU_ELU_Softmax_Identity()
        => VerifyScenario(nameof(ReLU_LeakyReLU_ELU_Softmax_Identity), """
            using FastDense;

            namespace Demo;

            /// <summary>Keras's activation layers with their arguments, one on the input, and an Identity.</summary>
            [Model(Inputs = 6, Loss = Loss.MeanSquaredError)]
            [ReLU(MaxValue = 6, NegativeSlope = 0.1, Threshold = 0.5)]
            [Dense(8)]
            [LeakyReLU]
            [Identity]
            [Dense(8)]
            [ELU(Alpha = 0.5)]
            [Dense(4)]
            [Softmax]
            [Dense(1)]
            public partial class ActivationLayersNet;
            """);

    [Fact]
    public void PReLU_PerFeatureAndShared_WithAlphaOptions()
        => VerifyScenario(nameof(PReLU_PerFeatureAndShared_WithAlphaOptions), """
            using FastDense;

            namespace Demo;

            /// <summary>PReLU on the input (its own gradient block), and shared with alpha's initializer, regularizer and constraint.</summary>
            [Model(Inputs = 5, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
            [PReLU]
            [Dense(4)]
            [PReLU(SharedAxes = new[] { 1 }, AlphaInitializer = Initializer.Constant, AlphaValue = 0.25, AlphaRegularizerL2 = 0.01, AlphaConstraint = Constraint.NonNeg)]
            [Dense(1)]
            public partial class PReLUNet;
            """);

    [Fact]
    public void AlphaDropout_OnTheInput_AndWithANoiseShape()
        => VerifyScenario(nameof(AlphaDropout_OnTheInput_AndWithANoiseShape), """
            using FastDense;

            namespace Demo;

            /// <summary>AlphaDropout on the input (no backward) and between selu layers with noise_shape (1, None) and a seed.</summary>
            [Model(Inputs = 5, Loss = Loss.MeanSquaredError)]
            [AlphaDropout(0.1)]
            [Dense(8, Activation.Selu)]
            [AlphaDropout(0.2, NoiseShape = new[] { 1, 0 }, Seed = 3)]
            [Dense(1)]
            public partial class SeluNet;
            """);
}
