using FastDense.Data;
using FastDense.Persistence;
using FastDense.Tests.Models;

namespace FastDense.Tests.Layers;

// Twins: the same parameters, the activation on the Dense layer or in a layer of its own after a linear Dense.
[Model(Inputs = 8, Loss = Loss.MeanSquaredError)][Dense(6)][Activation(Activation.Relu)][Dense(3)] public partial class ReluLayerTwin;
[Model(Inputs = 8, Loss = Loss.MeanSquaredError)][Dense(6, Activation.Relu)][Dense(3)] public partial class ReluDenseTwin;
[Model(Inputs = 8, Loss = Loss.MeanSquaredError)][Dense(6)][Activation(Activation.Gelu)][Dense(3)] public partial class GeluLayerTwin;
[Model(Inputs = 8, Loss = Loss.MeanSquaredError)][Dense(6, Activation.Gelu)][Dense(3)] public partial class GeluDenseTwin;
[Model(Inputs = 8, Loss = Loss.MeanSquaredError)][Dense(6)][Softmax][Dense(3)] public partial class SoftmaxLayerTwin;
[Model(Inputs = 8, Loss = Loss.MeanSquaredError)][Dense(6, Activation.Softmax)][Dense(3)] public partial class SoftmaxDenseTwin;
[Model(Inputs = 8, Loss = Loss.MeanSquaredError)][Dense(6)][LeakyReLU(NegativeSlope = 0.1)][Dense(3)] public partial class LeakyLayerTwin;
[Model(Inputs = 8, Loss = Loss.MeanSquaredError)][Dense(6, Activation.LeakyRelu, NegativeSlope = 0.1)][Dense(3)] public partial class LeakyDenseTwin;
[Model(Inputs = 8, Loss = Loss.MeanSquaredError)][Dense(6)][ReLU(MaxValue = 1, Threshold = 0.2, NegativeSlope = 0.3)][Dense(3)] public partial class ReluArgumentsLayerTwin;
[Model(Inputs = 8, Loss = Loss.MeanSquaredError)][Dense(6, Activation.Relu, MaxValue = 1, Threshold = 0.2, NegativeSlope = 0.3)][Dense(3)] public partial class ReluArgumentsDenseTwin;
[Model(Inputs = 8, Loss = Loss.MeanSquaredError)][Dense(6)][ELU(Alpha = 0.5)][Dense(3)] public partial class EluLayerTwin;
[Model(Inputs = 8, Loss = Loss.MeanSquaredError)][Dense(6, Activation.Elu, Alpha = 0.5)][Dense(3)] public partial class EluDenseTwin;

/// <summary>Each layer's output block read after a forward pass: the first four layers over one activation, and Identity.</summary>
[Model(Inputs = 7, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[LeakyReLU]
[Identity]
[ELU(Alpha = 0.5)]
[Softmax]
[Dense(2)]
public partial class ActivationProbeNet64;

/// <summary>PReLU (per feature and shared), ReLU with every argument, gelu's tanh form and hard_sigmoid, each layer's output read.</summary>
[Model(Inputs = 7, Loss = Loss.MeanSquaredError, ElementType = typeof(double))]
[PReLU(AlphaInitializer = Initializer.Constant, AlphaValue = 0.25)]
[ReLU(MaxValue = 0.5, NegativeSlope = 0.2, Threshold = 0.1)]
[Activation(Activation.Gelu, Approximate = true)]
[PReLU(SharedAxes = new[] { 1 }, AlphaInitializer = Initializer.Constant, AlphaValue = -0.5)]
[Activation(Activation.HardSigmoid)]
[Dense(2)]
public partial class ActivationProbe2Net64;

/// <summary>
/// Keras's activation layers (keras/src/layers/activations/activation.py, relu.py, leaky_relu.py, elu.py, softmax.py) and
/// Identity (keras/src/layers/core/identity.py): each calls the function of keras/src/activations/activations.py with the
/// layer's arguments. The values are checked against those formulas written out here; the layers against the same
/// activation on a Dense layer (the Keras pattern Dense → Activation must compute what Dense(activation) computes); their
/// backward is gradient-checked by CompletenessTests (ActivationLayersNet64, ActivationLayersSoftmaxNet64,
/// ActivationClassLayersNet64).
/// </summary>
[Collection(FastDense.Tests.Threading.HelperThreadsCollection.Name)]
public class ActivationLayerTests
{
    /// <summary>Inputs with zeros, ReLU's threshold 0.1 exactly, both signs and the far sides.</summary>
    private static readonly double[] Probe =
    [
        -3, -1.2, -0.5, -0.1, 0, 0.05, 0.1,
        0.1000001, 0.3, 0.5, 0.7, 1.4, 2.5, -0.02,
        4, -4, 0.2, -0.3, 0.45, 0.55, -2,
    ];

    private static double[] Output<TKernel>(double[] p, double[] x, int rows, int layer)
        where TKernel : struct, IModelKernel<double>
    {
        var ws = new double[rows * TKernel.WorkspacePerRow + TKernel.WorkspaceFixed];
        TKernel.Forward(p, [], x, rows, ws, ForwardMode.Training(noiseKey: 3));
        // Every layer's output block comes first, in order: layer i's after the widths of the ones before.
        int offset = TKernel.Description.Layers.Take(layer).Sum(l => l.Outputs);
        int width = TKernel.Description.Layers[layer].Outputs;
        return ws.AsSpan(rows * offset, rows * width).ToArray();
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance = 1e-14)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])), $"[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    // keras.activations.leaky_relu: x for x > 0, else negative_slope · x (the layer's default slope 0.3).
    private static double Leaky(double x, double slope) => x > 0 ? x : slope * x;

    // keras.activations.elu: x for x > 0, else alpha · (e^x − 1).
    private static double Elu(double x, double alpha) => x > 0 ? x : alpha * (Math.Exp(x) - 1);

    // keras.activations.relu (ReLU.static_call): min(x, max_value) above the threshold, else negative_slope · (x − threshold).
    private static double Relu(double x, double slope, double max, double threshold) => x > threshold ? Math.Min(x, max) : slope * (x - threshold);

    // keras.activations.gelu(approximate=True): x/2 · (1 + tanh(√(2/π) · (x + 0.044715 x³))).
    private static double GeluTanh(double x) => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));

    // keras.activations.hard_sigmoid (Keras 3): relu6(x + 3) / 6.
    private static double HardSigmoid(double x) => Math.Clamp(x + 3, 0, 6) / 6;

    // keras.layers.PReLU: relu(x) − alpha · relu(−x).
    private static double PRelu(double x, double alpha) => Math.Max(0, x) - alpha * Math.Max(0, -x);

    private static double[] RowSoftmax(double[] v, int width)
    {
        var y = new double[v.Length];
        for (int r = 0; r < v.Length / width; r++)
        {
            double max = v.Skip(r * width).Take(width).Max(), sum = 0;
            for (int j = 0; j < width; j++) sum += Math.Exp(v[r * width + j] - max);
            for (int j = 0; j < width; j++) y[r * width + j] = Math.Exp(v[r * width + j] - max) / sum;
        }
        return y;
    }

    [Fact]
    public void LeakyReLU_Identity_ELU_Softmax_ComputeKerasFormulas()
    {
        var p = new double[ActivationProbeNet64.ParameterCount];
        ActivationProbeNet64.Kernel.Initialize(p, [], 1);
        double[] leaky = Probe.Select(v => Leaky(v, 0.3)).ToArray();
        double[] elu = leaky.Select(v => Elu(v, 0.5)).ToArray();
        AssertClose(leaky, Output<ActivationProbeNet64.Kernel>(p, Probe, 3, 0));
        Assert.Equal(leaky, Output<ActivationProbeNet64.Kernel>(p, Probe, 3, 1));   // Identity: the same bits
        AssertClose(elu, Output<ActivationProbeNet64.Kernel>(p, Probe, 3, 2));
        double[] softmax = Output<ActivationProbeNet64.Kernel>(p, Probe, 3, 3);
        AssertClose(RowSoftmax(elu, 7), softmax);
        for (int r = 0; r < 3; r++) Assert.Equal(1, softmax.Skip(r * 7).Take(7).Sum(), 1e-14);
    }

    [Fact]
    public void PReLU_ReLU_Gelu_HardSigmoid_ComputeKerasFormulas_WithTheInitializedAlphas()
    {
        var p = new double[ActivationProbe2Net64.ParameterCount];
        ActivationProbe2Net64.Kernel.Initialize(p, [], 1);
        // Constant initializers: alpha 0.25 per feature, then one alpha of −0.5.
        Assert.All(p.AsSpan(0, 7).ToArray(), a => Assert.Equal(0.25, a));
        Assert.Equal(-0.5, p[7]);
        double[] prelu = Probe.Select(v => PRelu(v, 0.25)).ToArray();
        double[] relu = prelu.Select(v => Relu(v, 0.2, 0.5, 0.1)).ToArray();
        double[] gelu = relu.Select(GeluTanh).ToArray();
        double[] shared = gelu.Select(v => PRelu(v, -0.5)).ToArray();
        AssertClose(prelu, Output<ActivationProbe2Net64.Kernel>(p, Probe, 3, 0));
        AssertClose(relu, Output<ActivationProbe2Net64.Kernel>(p, Probe, 3, 1));
        AssertClose(gelu, Output<ActivationProbe2Net64.Kernel>(p, Probe, 3, 2));
        AssertClose(shared, Output<ActivationProbe2Net64.Kernel>(p, Probe, 3, 3));
        AssertClose(shared.Select(HardSigmoid).ToArray(), Output<ActivationProbe2Net64.Kernel>(p, Probe, 3, 4));
        // PReLU per feature: a different alpha per column.
        for (int j = 0; j < 7; j++) p[j] = 0.1 * (j + 1);
        double[] columns = Probe.Select((v, i) => PRelu(v, 0.1 * (i % 7 + 1))).ToArray();
        AssertClose(columns, Output<ActivationProbe2Net64.Kernel>(p, Probe, 3, 0));
    }

    /// <summary>
    /// Dense(6) → [activation layer] must be Dense(6, activation): the same output and the same gradient, bit for bit (the
    /// same products; relu fused into Dense's product gives the product's bits then relu).
    /// </summary>
    private static void AssertTwins<TLayer, TDense>()
        where TLayer : struct, IModelKernel<float>
        where TDense : struct, IModelKernel<float>
    {
        const int rows = 37;
        Assert.Equal(TDense.ParameterCount, TLayer.ParameterCount);
        var p = new float[TDense.ParameterCount];
        TDense.Initialize(p, [], 5);
        var random = new Random(6);
        for (int i = 0; i < p.Length; i++) p[i] += (float)(0.1 * (random.NextDouble() - 0.5));   // non-zero biases too
        float[] x = Enumerable.Range(0, rows * 8).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
        float[] y = Enumerable.Range(0, rows * 3).Select(_ => (float)random.NextDouble()).ToArray();
        (float[] Output, float[] Gradient) Run<TKernel>() where TKernel : struct, IModelKernel<float>
        {
            var ws = new float[rows * TKernel.WorkspacePerRow + TKernel.WorkspaceFixed];
            var g = new float[TKernel.ParameterCount];
            TKernel.Forward(p, [], x, rows, ws, ForwardMode.Training(1));
            TKernel.Backward(p, [], x, y, [], rows, ws, g);
            return (ws.AsSpan(rows * TKernel.OutputOffsetPerRow, rows * 3).ToArray(), g);
        }
        (float[] layerOutput, float[] layerGradient) = Run<TLayer>();
        (float[] denseOutput, float[] denseGradient) = Run<TDense>();
        Assert.Equal(denseOutput, layerOutput);
        Assert.Equal(denseGradient, layerGradient);
        Assert.Contains(denseGradient.Take(8 * 6), g => g != 0);
    }

    [Fact]
    public void Activation_Relu_IsDenseRelu() => AssertTwins<ReluLayerTwin.Kernel, ReluDenseTwin.Kernel>();

    [Fact]
    public void Activation_Gelu_FromItsInput_IsDenseGelu() => AssertTwins<GeluLayerTwin.Kernel, GeluDenseTwin.Kernel>();

    [Fact]
    public void SoftmaxLayer_ThroughItsJacobian_IsDenseSoftmax() => AssertTwins<SoftmaxLayerTwin.Kernel, SoftmaxDenseTwin.Kernel>();

    [Fact]
    public void LeakyReLULayer_IsDenseLeakyRelu() => AssertTwins<LeakyLayerTwin.Kernel, LeakyDenseTwin.Kernel>();

    [Fact]
    public void ReLULayer_WithArguments_IsDenseReluWithThem() => AssertTwins<ReluArgumentsLayerTwin.Kernel, ReluArgumentsDenseTwin.Kernel>();

    [Fact]
    public void ELULayer_IsDenseElu() => AssertTwins<EluLayerTwin.Kernel, EluDenseTwin.Kernel>();

    [Fact]
    public void Description_ReportsEachLayersActivation_WithTheArgumentsThatDifferFromTheFunctions()
    {
        IReadOnlyList<LayerDescription> layers = ActivationClassLayersNet64.Kernel.Description.Layers;
        Assert.Equal(["re_lu_0", "dense_0", "re_lu_1", "identity_0", "dense_1", "leaky_re_lu_0", "dense_2", "elu_0", "dense_3", "softmax_0", "dropout_0", "dense_4"],
            layers.Select(l => l.Name));
        Assert.Equal([LayerKind.ReLU, LayerKind.Dense, LayerKind.ReLU, LayerKind.Identity, LayerKind.Dense, LayerKind.LeakyReLU, LayerKind.Dense, LayerKind.ELU,
            LayerKind.Dense, LayerKind.Softmax, LayerKind.Dropout, LayerKind.Dense], layers.Select(l => l.Kind));
        Assert.Equal(Activation.Relu, layers[0].Activation);
        // relu's own order: negative_slope, max_value, threshold.
        Assert.Equal([new("negative_slope", 0.05), new("max_value", 0.8), new("threshold", 0.1)], layers[0].ActivationArguments);
        Assert.Equal([new("negative_slope", 0.1), new("max_value", 1.5)], layers[2].ActivationArguments);
        Assert.Equal((Activation.Linear, 0), (layers[3].Activation, layers[3].ActivationArguments.Count));
        // LeakyReLU's 0.3 is not the function's 0.2, so it is listed.
        Assert.Equal(Activation.LeakyRelu, layers[5].Activation);
        Assert.Equal([new("negative_slope", 0.3)], layers[5].ActivationArguments);
        Assert.Equal(Activation.Elu, layers[7].Activation);
        Assert.Equal([new("alpha", 0.7)], layers[7].ActivationArguments);
        Assert.Equal((Activation.Softmax, 0), (layers[9].Activation, layers[9].ActivationArguments.Count));
        Assert.All(layers.Where(l => l.Kind != LayerKind.Dense), l => Assert.Empty(l.Tensors));
        Assert.All(layers.Where(l => l.Kind != LayerKind.Dense && l.Kind != LayerKind.Dropout), l => Assert.Empty(l.Arguments));
        // The activation layer's activation is named in the summary and in the files' layer list.
        Assert.Contains("activation_0 (Activation, relu)", ActivationLayersNet64.Kernel.Description.ToString());
        Assert.Contains("re_lu_0:ReLU(relu(negative_slope=0.05, max_value=0.8, threshold=0.1));dense_0:Dense(6,linear);re_lu_1:ReLU(relu(negative_slope=0.1, max_value=1.5));identity_0:Identity;",
            FileMetadata.LayerList(ActivationClassLayersNet64.Kernel.Description));
        Assert.Contains("leaky_re_lu_0:LeakyReLU(leaky_relu(negative_slope=0.3))", FileMetadata.LayerList(ActivationClassLayersNet64.Kernel.Description));
    }

    [Fact]
    public void WeightsOfAModelWithAnotherActivationLayer_AreRefused()
    {
        // The same tensors, another activation: the file would load and compute something else.
        var relu = new ReluLayerTwin(seed: 1);
        using var stream = new MemoryStream();
        relu.SaveWeights(stream);
        var gelu = new GeluLayerTwin(seed: 2);
        stream.Position = 0;
        var error = Assert.Throws<ModelFileException>(() => gelu.LoadWeights(stream));
        Assert.Contains("activation_0:Activation(relu)", error.Message);
        Assert.Contains("activation_0:Activation(gelu)", error.Message);
        var twin = new ReluLayerTwin(seed: 3);
        stream.Position = 0;
        twin.LoadWeights(stream);
        Assert.Equal(relu.Parameters.ToArray(), twin.Parameters.ToArray());
    }

    [Fact]
    public void Digits_TrainInKerassPattern_DenseBatchNormalizationActivation()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var (xTrain, xTest, yTrain, yTest) = TrainTestSplit.Split(digits.Features, y, digits.Rows, testSize: 0.2, seed: 42);
        var model = new ActivationLayersDigitsNet(seed: 1);
        History history = model.Fit(xTrain, yTrain, new FitOptions { Epochs = 10, ValidationSplit = 0.2, Verbose = 0 });
        Assert.True(history.ValidationAccuracy[^1] >= 0.9, $"val_accuracy {history.ValidationAccuracy[^1]:F4}");
        Assert.True(model.Evaluate(xTest, yTest).Accuracy >= 0.9);
        // PReLU's alpha started at Keras's zeros and trained.
        TensorDescription alpha = ActivationLayersDigitsNet.Kernel.Description.Layers.Single(l => l.Kind == LayerKind.PReLU).Tensor("alpha");
        Assert.Contains(model.Parameters.Slice(alpha.Offset, alpha.Length).ToArray(), a => a != 0);
    }
}
