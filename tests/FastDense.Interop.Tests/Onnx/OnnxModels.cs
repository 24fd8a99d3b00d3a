using FastDense;

namespace FastDense.Interop.Tests.Onnx;

// The models the ONNX export tests declare: the data sets' models, the normalization layers in their variants, and one
// single-layer model per activation (with Keras's non-default arguments where the activation takes them).

/// <summary>The digits model of samples/Digits: 64 → Dense(64, relu) → Dense(10, softmax).</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class OnnxDigitsNet;

/// <summary>
/// Sparsemax and glu between other layers: a glu layer's output (half its units) read by a sparsemax layer, then a glu
/// output of two values.
/// </summary>
[Model(Inputs = 6, Loss = Loss.MeanSquaredError)]
[Dense(16, Activation.Glu)]
[Dense(10, Activation.Sparsemax)]
[Dense(4, Activation.Glu)]
public partial class OnnxSparsemaxGluNet;

/// <summary>The same model in double.</summary>
[Model(Inputs = 6, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[Dense(16, Activation.Glu)]
[Dense(10, Activation.Sparsemax)]
[Dense(4, Activation.Glu)]
public partial class OnnxSparsemaxGluDoubleNet;

/// <summary>The digits model in double.</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy, ElementType = typeof(double))]
[Dense(64, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class OnnxDigitsDoubleNet;

/// <summary>Breast cancer: 30 features → Normalization → Dense(32, relu) → Dropout → BatchNormalization → Dense(1, sigmoid).</summary>
[Model(Inputs = 30, Loss = Loss.BinaryCrossentropy)]
[Normalization]
[Dense(32, Activation.Relu)]
[Dropout(0.2)]
[BatchNormalization]
[Dense(1, Activation.Sigmoid)]
public partial class OnnxCancerNet;

/// <summary>The breast-cancer model in double.</summary>
[Model(Inputs = 30, Loss = Loss.BinaryCrossentropy, ElementType = typeof(double))]
[Normalization]
[Dense(32, Activation.Relu)]
[Dropout(0.2)]
[BatchNormalization]
[Dense(1, Activation.Sigmoid)]
public partial class OnnxCancerDoubleNet;

/// <summary>Digits with the noise layers and LayerNormalization: GaussianNoise → Dense(32, tanh) → LayerNormalization → GaussianDropout → Dense(10, softmax).</summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[GaussianNoise(0.5)]
[Dense(32, Activation.Tanh)]
[LayerNormalization(Epsilon = 1e-2)]
[GaussianDropout(0.3)]
[Dense(10, Activation.Softmax)]
public partial class OnnxNoiseNet;

/// <summary>
/// The normalization layers' other forms: one mean and variance for all features, BatchNormalization without gamma and
/// beta, LayerNormalization without beta and without gamma, an inverted Normalization with given statistics.
/// </summary>
[Model(Inputs = 30, Loss = Loss.MeanSquaredError)]
[Normalization(PerFeature = false)]
[Dense(8, Activation.Elu)]
[BatchNormalization(Center = false, Scale = false, Epsilon = 1e-2)]
[LayerNormalization(Center = false)]
[BatchNormalization(Center = false)]
[LayerNormalization(Scale = false, Epsilon = 1e-5)]
[Normalization(Invert = true, Mean = new[] { 1.0, -2.0, 0.5, 3.0, 0.0, -1.0, 2.0, 0.25 }, Variance = new[] { 4.0, 0.25, 1.0, 9.0, 0.0, 2.0, 0.5, 1e-20 })]
[Dense(3)]
public partial class OnnxNormalizationVariantsNet;
