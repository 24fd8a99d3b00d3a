using Xunit.Abstractions;

namespace FastDense.Interop.Tests.Onnx;

/// <summary>
/// Every <see cref="Activation"/>, with Keras's defaults and with other arguments, exported and run in ONNX Runtime on
/// pre-activations that sweep [-9, 8.75] in steps of 1/16, against <c>Predict</c>.
/// </summary>
public sealed class OnnxActivationTests(ITestOutputHelper output)
{
    /// <summary>The units of each activation model.</summary>
    public const int Units = 64;

    private static readonly Dictionary<string, Func<Sweep>> Cases = new()
    {
        ["Linear"] = () => Sweep(new OnnxLinearNet(0)),
        ["Relu"] = () => Sweep(new OnnxReluNet(0)),
        ["ReluSlope"] = () => Sweep(new OnnxReluSlopeNet(0)),
        ["ReluMax"] = () => Sweep(new OnnxReluMaxNet(0)),
        ["ReluThreshold"] = () => Sweep(new OnnxReluThresholdNet(0)),
        ["ReluAll"] = () => Sweep(new OnnxReluAllNet(0)),
        ["ReluSlopeMax"] = () => Sweep(new OnnxReluSlopeMaxNet(0)),
        ["Sigmoid"] = () => Sweep(new OnnxSigmoidNet(0)),
        ["Tanh"] = () => Sweep(new OnnxTanhNet(0)),
        ["Softmax"] = () => Sweep(new OnnxSoftmaxNet(0)),
        ["LeakyRelu"] = () => Sweep(new OnnxLeakyReluNet(0)),
        ["LeakyReluSlope"] = () => Sweep(new OnnxLeakyReluSlopeNet(0)),
        ["Relu6"] = () => Sweep(new OnnxRelu6Net(0)),
        ["Elu"] = () => Sweep(new OnnxEluNet(0)),
        ["EluAlpha"] = () => Sweep(new OnnxEluAlphaNet(0)),
        ["Selu"] = () => Sweep(new OnnxSeluNet(0)),
        ["Celu"] = () => Sweep(new OnnxCeluNet(0)),
        ["CeluAlpha"] = () => Sweep(new OnnxCeluAlphaNet(0)),
        ["Gelu"] = () => Sweep(new OnnxGeluNet(0)),
        ["GeluApproximate"] = () => Sweep(new OnnxGeluApproximateNet(0)),
        ["Silu"] = () => Sweep(new OnnxSiluNet(0)),
        ["Mish"] = () => Sweep(new OnnxMishNet(0)),
        ["Softplus"] = () => Sweep(new OnnxSoftplusNet(0)),
        ["Softsign"] = () => Sweep(new OnnxSoftsignNet(0)),
        ["HardSigmoid"] = () => Sweep(new OnnxHardSigmoidNet(0)),
        ["HardSilu"] = () => Sweep(new OnnxHardSiluNet(0)),
        ["Exponential"] = () => Sweep(new OnnxExponentialNet(0)),
        ["LogSigmoid"] = () => Sweep(new OnnxLogSigmoidNet(0)),
        ["TanhShrink"] = () => Sweep(new OnnxTanhShrinkNet(0)),
        ["HardTanh"] = () => Sweep(new OnnxHardTanhNet(0)),
        ["SoftShrink"] = () => Sweep(new OnnxSoftShrinkNet(0)),
        ["SoftShrinkThreshold"] = () => Sweep(new OnnxSoftShrinkThresholdNet(0)),
        ["HardShrink"] = () => Sweep(new OnnxHardShrinkNet(0)),
        ["HardShrinkThreshold"] = () => Sweep(new OnnxHardShrinkThresholdNet(0)),
        ["Squareplus"] = () => Sweep(new OnnxSquareplusNet(0)),
        ["SquareplusB"] = () => Sweep(new OnnxSquareplusBNet(0)),
        ["SparsePlus"] = () => Sweep(new OnnxSparsePlusNet(0)),
        ["SparseSigmoid"] = () => Sweep(new OnnxSparseSigmoidNet(0)),
        ["Threshold"] = () => Sweep(new OnnxThresholdNet(0)),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Activation_in_onnx_runtime_matches_predict(string name)
    {
        Sweep sweep = Cases[name]();
        double maxAbs = 0, maxRel = 0;
        for (int i = 0; i < sweep.Expected.Length; i++)
        {
            double d = Math.Abs(sweep.Onnx[i] - sweep.Expected[i]);
            maxAbs = Math.Max(maxAbs, d);
            maxRel = Math.Max(maxRel, d / Math.Max(Math.Abs(sweep.Expected[i]), 1e-30));
        }
        output.WriteLine($"{name}: max abs {maxAbs:E3}, max rel {maxRel:E3}");
        OnnxAgreement.AssertClose(sweep.Expected, sweep.Onnx, $"{name} ({sweep.Layer.Activation})");
    }

    /// <summary>Sets kernel 1 and biases -8, -7.75, …, 7.75, exports, and runs 33 rows x = -1, -15/16, …, 1.</summary>
    private static Sweep Sweep<TKernel>(Model<TKernel, float> model)
        where TKernel : struct, IModelKernel<float>
    {
        LayerDescription layer = model.Description.Layers[0];
        TensorDescription kernel = layer.Tensor("kernel"), bias = layer.Tensor("bias");
        model.Parameters.Slice(kernel.Offset, kernel.Length).Fill(1);
        for (int j = 0; j < Units; j++) model.Parameters[bias.Offset + j] = -8 + j / 4f;
        float[] x = Enumerable.Range(-16, 33).Select(k => k / 16f).ToArray();
        var file = new MemoryStream();
        model.ExportOnnx(file);
        return new Sweep(layer, model.Predict(x), OnnxRunner.Run(file.ToArray(), x, 1));
    }
}

/// <summary>An activation's layer, Predict's outputs and ONNX Runtime's.</summary>
internal sealed record Sweep(LayerDescription Layer, float[] Expected, float[] Onnx);
