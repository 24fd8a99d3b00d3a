using Xunit.Abstractions;

namespace FastDense.Interop.Tests.Onnx;

/// <summary>
/// Every <see cref="Activation"/>, with Keras's defaults and with other arguments, exported and run in ONNX Runtime on
/// pre-activations that sweep [-9, 8.75] in steps of 1/16, against <c>Predict</c> (the runtime's operators, whose
/// formulas follow keras/src/activations/activations.py and the TensorFlow backend, keras/src/backend/tensorflow/nn.py).
/// </summary>
public sealed class OnnxActivationTests(ITestOutputHelper output)
{
    /// <summary>The units of each activation model.</summary>
    public const int Units = 64;

    private static readonly Dictionary<string, ActivationCase> Cases = new()
    {
        ["Linear"] = Case(() => new OnnxLinearNet(0)),
        ["Relu"] = Case(() => new OnnxReluNet(0)),
        ["ReluSlope"] = Case(() => new OnnxReluSlopeNet(0)),
        ["ReluMax"] = Case(() => new OnnxReluMaxNet(0)),
        ["ReluThreshold"] = Case(() => new OnnxReluThresholdNet(0)),
        ["ReluAll"] = Case(() => new OnnxReluAllNet(0)),
        ["ReluSlopeMax"] = Case(() => new OnnxReluSlopeMaxNet(0)),
        ["Sigmoid"] = Case(() => new OnnxSigmoidNet(0)),
        ["Tanh"] = Case(() => new OnnxTanhNet(0)),
        ["Softmax"] = Case(() => new OnnxSoftmaxNet(0)),
        ["LogSoftmax"] = Case(() => new OnnxLogSoftmaxNet(0)),
        ["Sparsemax"] = Case(() => new OnnxSparsemaxNet(0)),
        ["Glu"] = Case(() => new OnnxGluNet(0)),
        ["LeakyRelu"] = Case(() => new OnnxLeakyReluNet(0)),
        ["LeakyReluSlope"] = Case(() => new OnnxLeakyReluSlopeNet(0)),
        ["Relu6"] = Case(() => new OnnxRelu6Net(0)),
        ["Elu"] = Case(() => new OnnxEluNet(0)),
        ["EluAlpha"] = Case(() => new OnnxEluAlphaNet(0)),
        ["Selu"] = Case(() => new OnnxSeluNet(0)),
        ["Celu"] = Case(() => new OnnxCeluNet(0)),
        ["CeluAlpha"] = Case(() => new OnnxCeluAlphaNet(0)),
        ["Gelu"] = Case(() => new OnnxGeluNet(0)),
        ["GeluApproximate"] = Case(() => new OnnxGeluApproximateNet(0)),
        ["Silu"] = Case(() => new OnnxSiluNet(0)),
        ["Mish"] = Case(() => new OnnxMishNet(0)),
        ["Softplus"] = Case(() => new OnnxSoftplusNet(0)),
        ["Softsign"] = Case(() => new OnnxSoftsignNet(0)),
        ["HardSigmoid"] = Case(() => new OnnxHardSigmoidNet(0)),
        ["HardSilu"] = Case(() => new OnnxHardSiluNet(0)),
        ["Exponential"] = Case(() => new OnnxExponentialNet(0)),
        ["LogSigmoid"] = Case(() => new OnnxLogSigmoidNet(0)),
        ["TanhShrink"] = Case(() => new OnnxTanhShrinkNet(0)),
        ["HardTanh"] = Case(() => new OnnxHardTanhNet(0)),
        ["SoftShrink"] = Case(() => new OnnxSoftShrinkNet(0)),
        ["SoftShrinkThreshold"] = Case(() => new OnnxSoftShrinkThresholdNet(0)),
        ["HardShrink"] = Case(() => new OnnxHardShrinkNet(0)),
        ["HardShrinkThreshold"] = Case(() => new OnnxHardShrinkThresholdNet(0)),
        ["Squareplus"] = Case(() => new OnnxSquareplusNet(0)),
        ["SquareplusB"] = Case(() => new OnnxSquareplusBNet(0)),
        ["SparsePlus"] = Case(() => new OnnxSparsePlusNet(0)),
        ["SparseSigmoid"] = Case(() => new OnnxSparseSigmoidNet(0)),
        ["Threshold"] = Case(() => new OnnxThresholdNet(0)),
    };

    /// <summary>
    /// The piecewise-linear activations (and squareplus, whose square root is correctly rounded on both sides): their
    /// graphs do the runtime's arithmetic in the runtime's order on exact pre-activations (x · 1 + b), so ONNX Runtime
    /// must reproduce Predict bit for bit.
    /// </summary>
    private static readonly HashSet<Activation> Exact =
    [
        Activation.Linear, Activation.Relu, Activation.LeakyRelu, Activation.Relu6, Activation.HardTanh, Activation.SoftShrink,
        Activation.HardShrink, Activation.Squareplus, Activation.SparsePlus, Activation.SparseSigmoid, Activation.Threshold,
    ];

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Activation_in_onnx_runtime_matches_predict(string name)
    {
        ActivationCase activation = Cases[name];
        (float[] expected, float[] onnx) = activation.Run();
        output.WriteLine($"{name}: max abs difference {OnnxAgreement.MaxAbsDifference(expected, onnx):E3}");
        if (Exact.Contains(activation.Layer.Activation)) Assert.Equal(expected, onnx);
        else OnnxAgreement.AssertClose(expected, onnx, $"{name} ({activation.Layer.Activation})");
    }

    [Fact]
    public void Every_activation_is_covered_and_every_argument_is_varied()
    {
        Assert.Equal(Enum.GetValues<Activation>().Order(), Cases.Values.Select(c => c.Layer.Activation).Distinct().Order());
        // Keras's argument names of each activation that takes any (the [Dense] properties' FD0023 table).
        var arguments = new Dictionary<Activation, string[]>
        {
            [Activation.Relu] = ["negative_slope", "max_value", "threshold"],
            [Activation.LeakyRelu] = ["negative_slope"],
            [Activation.Elu] = ["alpha"],
            [Activation.Celu] = ["alpha"],
            [Activation.Gelu] = ["approximate"],
            [Activation.SoftShrink] = ["threshold"],
            [Activation.HardShrink] = ["threshold"],
            [Activation.Squareplus] = ["b"],
            [Activation.Threshold] = ["threshold", "default_value"],
        };
        foreach ((Activation activation, string[] names) in arguments)
        {
            foreach (string argument in names)
            {
                Assert.True(Cases.Values.Any(c => c.Layer.Activation == activation && c.Layer.ActivationArguments.Any(a => a.Key == argument)),
                    $"No case gives {activation} a non-default {argument}.");
            }
        }
    }

    private static ActivationCase Case<TKernel>(Func<Model<TKernel, float>> create)
        where TKernel : struct, IModelKernel<float>
        => new(TKernel.Description.Layers[0], () => Sweep(create()));

    /// <summary>Sets kernel 1 and biases -8, -7.75, …, 7.75, exports, and runs 33 rows x = -1, -15/16, …, 1: Predict's outputs and ONNX Runtime's.</summary>
    private static (float[] Expected, float[] Onnx) Sweep<TKernel>(Model<TKernel, float> model)
        where TKernel : struct, IModelKernel<float>
    {
        LayerDescription layer = model.Description.Layers[0];
        TensorDescription kernel = layer.Tensor("kernel"), bias = layer.Tensor("bias");
        model.Parameters.Slice(kernel.Offset, kernel.Length).Fill(1);
        for (int j = 0; j < Units; j++) model.Parameters[bias.Offset + j] = -8 + j / 4f;
        float[] x = Enumerable.Range(-16, 33).Select(k => k / 16f).ToArray();
        var file = new MemoryStream();
        model.ExportOnnx(file);
        return (model.Predict(x), OnnxRunner.Run(file.ToArray(), x, 1));
    }

    private sealed record ActivationCase(LayerDescription Layer, Func<(float[] Expected, float[] Onnx)> Run);
}
