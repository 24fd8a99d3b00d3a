using FastDense.Interop.Tests.Keras;
using Xunit.Abstractions;

namespace FastDense.Interop.Tests.Onnx;

/// <summary>
/// sparsemax (sorted with TopK, its support from CumSum) and glu (Split, Sigmoid, Mul) exported and run in ONNX Runtime
/// against <c>Predict</c>, on rows whose supports hold one value or several, with ties, and between other layers whose
/// widths glu halves.
/// </summary>
public sealed class OnnxRowActivationTests(ITestOutputHelper output)
{
    private static byte[] Exported<TKernel, T>(Model<TKernel, T> model, OnnxExportOptions? options = null)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        using var stream = new MemoryStream();
        model.ExportOnnx(stream, options);
        return stream.ToArray();
    }

    [Fact]
    public void Sparsemax_and_glu_between_layers_match_predict()
    {
        var model = new OnnxSparsemaxGluNet(0);
        TestValues.Randomize(model, seed: 11);
        float[] x = TestValues.Inputs<float>(300, 6, seed: 12);
        float[] expected = model.Predict(x), onnx = OnnxRunner.Run(Exported(model), x, 6);
        Assert.Equal(300 * 2, expected.Length);
        output.WriteLine($"glu -> sparsemax -> glu: max abs difference {OnnxAgreement.MaxAbsDifference(expected, onnx):E3}");
        OnnxAgreement.AssertClose(expected, onnx, "glu -> sparsemax -> glu");
    }

    [Theory]
    [InlineData(0.05)]   // supports of many values
    [InlineData(0.5)]
    [InlineData(4)]      // mostly one value
    public void Sparsemax_of_random_rows_matches_predict(double scale)
    {
        var model = new OnnxSparsemaxNet(0);
        var random = new Random((int)(scale * 100));
        foreach (TensorDescription tensor in model.Description.Tensors)
        {
            for (int i = 0; i < tensor.Length; i++) model.Parameters[tensor.Offset + i] = (float)(scale * (2 * random.NextDouble() - 1));
        }
        float[] x = TestValues.Inputs<float>(64, 1, seed: 13);
        float[] expected = model.Predict(x), onnx = OnnxRunner.Run(Exported(model), x, 1);
        int[] supports = Enumerable.Range(0, 64).Select(r => expected.Skip(r * OnnxActivationTests.Units).Take(OnnxActivationTests.Units).Count(v => v > 0)).ToArray();
        output.WriteLine($"scale {scale}: supports {supports.Min()}..{supports.Max()}, max abs difference {OnnxAgreement.MaxAbsDifference(expected, onnx):E3}");
        OnnxAgreement.AssertClose(expected, onnx, $"sparsemax at scale {scale}");
    }

    [Fact]
    public void Sparsemax_with_ties_matches_predict()
    {
        // Kernel 0 and biases in groups of four equal values: every row is the biases, tied in the support and out of it.
        var model = new OnnxSparsemaxNet(0);
        TensorDescription kernel = model.Description.Layers[0].Tensor("kernel"), bias = model.Description.Layers[0].Tensor("bias");
        model.Parameters.Slice(kernel.Offset, kernel.Length).Clear();
        for (int j = 0; j < OnnxActivationTests.Units; j++) model.Parameters[bias.Offset + j] = j / 4 / 16f;
        float[] x = [0f, 1f];
        float[] expected = model.Predict(x), onnx = OnnxRunner.Run(Exported(model), x, 1);
        // The top group, 15/16 four times, then the next, 14/16, then 13/16: 1 + 12 · 13/16 = 10.75 > Σ = 10.5, and the
        // fourth group fails (1 + 16 · 12/16 = 13 < 13.5): τ = (10.5 − 1) / 12.
        double tau = (10.5 - 1) / 12;
        for (int j = 0; j < OnnxActivationTests.Units; j++) Assert.Equal(Math.Max(j / 4 / 16.0 - tau, 0), expected[j], 1e-6);
        OnnxAgreement.AssertClose(expected, onnx, "sparsemax with ties");
    }

    [Fact]
    public void A_double_model_exports_as_double_and_onnx_runtime_runs_it()
    {
        var model = new OnnxSparsemaxGluDoubleNet(0);
        TestValues.Randomize(model, seed: 14);
        double[] x = TestValues.Inputs<double>(200, 6, seed: 15);
        double[] expected = model.Predict(x), onnx = OnnxRunner.Run(Exported(model, new OnnxExportOptions { ElementType = OnnxElementType.Double }), x, 6);
        double max = expected.Zip(onnx, (e, a) => Math.Abs(e - a)).Max();
        output.WriteLine($"double: max abs difference {max:E3}");
        Assert.True(max < 1e-12, $"The double export differs from Predict by {max:E3}.");
    }

    [Fact]
    public void Glu_is_split_sigmoid_mul_and_sparsemax_sorts_with_topk()
    {
        byte[] file = Exported(new OnnxSparsemaxGluNet(0));
        static string Text(ProtoFields.Field field) => System.Text.Encoding.UTF8.GetString(field.Bytes);
        List<List<ProtoFields.Field>> nodes = ProtoFields.Read(ProtoFields.Read(file).Single(f => f.Number == 7).Bytes)
            .Where(f => f.Number == 1).Select(f => ProtoFields.Read(f.Bytes)).ToList();
        Assert.Equal(
            ["Gemm", "Split", "Sigmoid", "Mul",
             "Gemm", "TopK", "Gather", "Sub", "Sub", "CumSum", "Mul", "Add", "Greater", "Cast", "ReduceSum", "Mul", "ReduceSum", "Sub", "Div", "Sub", "Relu",
             "Gemm", "Split", "Sigmoid", "Mul"],
            nodes.Select(n => Text(n.Single(f => f.Number == 4))));
        // Split writes the halves a and b, TopK the sorted values and their indices (outputs are field 2).
        Assert.Equal(["dense_0/glu/a", "dense_0/glu/b"], nodes[1].Where(f => f.Number == 2).Select(Text));
        Assert.Equal(["dense_1/sparsemax/sorted", "dense_1/sparsemax/indices"], nodes[5].Where(f => f.Number == 2).Select(Text));
    }
}
