using FastDense.Data;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;

namespace FastDense.Interop.Tests.Onnx;

/// <summary>
/// Trained models exported and served by ONNX Runtime on the data sets' rows, against <c>Predict</c>. The tolerance,
/// <c>|onnx − predict| ≤ 1e-5 + 1e-5 · |predict|</c>, is float arithmetic done in another order: ONNX Runtime's Gemm
/// sums the products in its own blocks, and its exp, tanh, sigmoid and erf are polynomial approximations within a few
/// float ulps (up to 1e-6 absolute seen on the activation sweeps), where the runtime's are its own; the largest
/// difference seen on these models is about 1e-6 (the report of each test prints it).
/// </summary>
public sealed class OnnxExportTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fastdense-onnx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Digits_model_served_by_onnx_runtime_matches_predict()
    {
        Dataset digits = Datasets.LoadDigits();
        var model = new OnnxDigitsNet(0);
        model.Fit(digits.Features, OneHot.Encode(digits.Labels(), 10), new FitOptions { Epochs = 3, Verbose = Verbosity.Silent });
        string path = Path.Combine(_folder, "digits.onnx");

        model.ExportOnnx(path);

        float[] expected = model.Predict(digits.Features), onnx = OnnxRunner.Run(File.ReadAllBytes(path), digits.Features, 64);
        output.WriteLine($"digits, {digits.Rows} rows: max abs difference {OnnxAgreement.MaxAbsDifference(expected, onnx):E2}; file {new FileInfo(path).Length:N0} bytes");
        OnnxAgreement.AssertClose(expected, onnx, "digits");
        // The same class for every row (ties excepted, which a difference of 1e-6 cannot swap between these probabilities).
        Assert.Equal(OneHot.Decode<float>(expected, 10), OneHot.Decode<float>(onnx, 10));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void Breast_cancer_model_with_normalization_dropout_and_batch_normalization_matches_predict()
    {
        Dataset cancer = Datasets.LoadBreastCancer();
        var model = new OnnxCancerNet(0);
        model.Adapt(cancer.Features);
        model.Fit(cancer.Features, cancer.Targets, new FitOptions { Epochs = 5, Verbose = Verbosity.Silent });
        Assert.Contains(model.State.ToArray(), v => v != 0 && v != 1);   // adapted and moved statistics, not the initial ones

        byte[] file = Exported(model);

        float[] expected = model.Predict(cancer.Features), onnx = OnnxRunner.Run(file, cancer.Features, 30);
        output.WriteLine($"breast cancer, {cancer.Rows} rows: max abs difference {OnnxAgreement.MaxAbsDifference(expected, onnx):E2}; file {file.Length:N0} bytes");
        OnnxAgreement.AssertClose(expected, onnx, "breast cancer");
    }

    [Fact]
    public void Layer_normalization_and_the_noise_layers_match_predict()
    {
        Dataset digits = Datasets.LoadDigits();
        var model = new OnnxNoiseNet(0);
        model.Fit(digits.Features, OneHot.Encode(digits.Labels(), 10), new FitOptions { Epochs = 3, Verbose = Verbosity.Silent });

        byte[] file = Exported(model);

        float[] expected = model.Predict(digits.Features), onnx = OnnxRunner.Run(file, digits.Features, 64);
        output.WriteLine($"noise layers and LayerNormalization on digits: max abs difference {OnnxAgreement.MaxAbsDifference(expected, onnx):E2}");
        OnnxAgreement.AssertClose(expected, onnx, "noise model");
        // GaussianNoise and GaussianDropout leave no node behind: identities at inference.
        Assert.DoesNotContain(Operators(file), op => op is "RandomNormal" or "RandomNormalLike" or "Dropout");
    }

    [Fact]
    public void Normalization_variants_match_predict()
    {
        Dataset cancer = Datasets.LoadBreastCancer();
        var model = new OnnxNormalizationVariantsNet(0);
        model.Adapt(cancer.Features, "normalization_0");
        Randomize(model, seed: 3);

        byte[] file = Exported(model);

        float[] expected = model.Predict(cancer.Features), onnx = OnnxRunner.Run(file, cancer.Features, 30);
        output.WriteLine($"normalization variants on breast cancer: max abs difference {OnnxAgreement.MaxAbsDifference(expected, onnx):E2}");
        OnnxAgreement.AssertClose(expected, onnx, "normalization variants");
    }

    [Fact]
    public void Exported_outputs_follow_the_weights()
    {
        Dataset digits = Datasets.LoadDigits();
        var model = new OnnxDigitsNet(0);
        float[] before = OnnxRunner.Run(Exported(model), digits.Features, 64);

        model.Reinitialize(1);
        float[] after = OnnxRunner.Run(Exported(model), digits.Features, 64);

        Assert.True(OnnxAgreement.MaxAbsDifference(before, after) > 0.1, "The export did not change with the weights.");
        OnnxAgreement.AssertClose(model.Predict(digits.Features), after, "reinitialized digits");
        // One bias moved by 1: only that class's logit moves, so every row's probabilities change.
        TensorDescription bias = model.Description.Layers[1].Tensor("bias");
        model.Parameters[bias.Offset + 3] += 1;
        float[] moved = OnnxRunner.Run(Exported(model), digits.Features, 64);
        for (int row = 0; row < digits.Rows; row++) Assert.True(moved[row * 10 + 3] > after[row * 10 + 3], $"Row {row}: class 3 did not gain.");
        OnnxAgreement.AssertClose(model.Predict(digits.Features), moved, "digits with a moved bias");
    }

    [Fact]
    public void Double_models_export_as_float_by_default_and_as_double_on_request()
    {
        Dataset cancer = Datasets.LoadBreastCancer();
        double[] x = Array.ConvertAll(cancer.Features, v => (double)v);
        var model = new OnnxCancerDoubleNet(0);
        model.Adapt(x);
        model.Fit(x, Array.ConvertAll(cancer.Targets, v => (double)v), new FitOptions { Epochs = 5, Verbose = Verbosity.Silent });
        double[] expected = model.Predict(x);

        float[] asFloat = OnnxRunner.Run(Exported(model), cancer.Features, 30);
        double[] asDouble = OnnxRunner.Run(Exported(model, new OnnxExportOptions { ElementType = OnnxElementType.Double }), x, 30);

        OnnxAgreement.AssertClose(Array.ConvertAll(expected, v => (float)v), asFloat, "double model as float");
        double maxDouble = expected.Zip(asDouble, (e, a) => Math.Abs(e - a)).Max();
        output.WriteLine($"double breast cancer model: max abs difference {OnnxAgreement.MaxAbsDifference(Array.ConvertAll(expected, v => (float)v), asFloat):E2} as float, {maxDouble:E2} as double");
        // ONNX's float attributes hold BatchNormalization's epsilon as the float nearest 1e-3 (1.0000000475e-3), which
        // moves 1/sqrt(variance + epsilon) by ~5e-11 relative (the moving variances are about 0.5); everything else is
        // double. A float anywhere in the path would show at 1e-8.
        Assert.True(maxDouble < 1e-9, $"The double export differs from Predict by {maxDouble:E3}.");

        var digits = new OnnxDigitsDoubleNet(0);
        double[] pixels = Array.ConvertAll(Datasets.LoadDigits().Features, v => (double)v);
        double[] digitsDouble = OnnxRunner.Run(Exported(digits, new OnnxExportOptions { ElementType = OnnxElementType.Double }), pixels, 64);
        // Gemm, Relu and Softmax have no attribute to round: the differences are a few double ulps.
        Assert.True(digits.Predict(pixels).Zip(digitsDouble, (e, a) => Math.Abs(e - a)).Max() < 1e-12);
    }

    [Fact]
    public void The_file_declares_opset_17_ir_version_8_the_producer_the_names_and_a_symbolic_batch()
    {
        var model = new OnnxDigitsNet(0);
        byte[] file = Exported(model, new OnnxExportOptions { InputName = "pixels", OutputName = "probabilities", BatchDimension = "rows", ModelVersion = 7 });

        List<ProtoFields.Field> fields = ProtoFields.Read(file);
        Assert.Equal(8UL, Assert.Single(fields, f => f.Number == 1).Varint);                      // ir_version
        List<ProtoFields.Field> opset = ProtoFields.Read(Assert.Single(fields, f => f.Number == 8).Bytes);
        Assert.Equal(17UL, Assert.Single(opset).Varint);                                           // version, default domain ""
        Assert.Equal(2, Assert.Single(opset).Number);

        using var session = new InferenceSession(file);
        Assert.Equal("FastDense", session.ModelMetadata.ProducerName);
        Assert.Equal(typeof(OnnxDigitsNet).FullName, session.ModelMetadata.GraphName);
        Assert.Equal(7, session.ModelMetadata.Version);
        Assert.Contains("dense_1", session.ModelMetadata.Description);                              // the summary table
        NodeMetadata input = Assert.Single(session.InputMetadata, m => m.Key == "pixels").Value;
        NodeMetadata result = Assert.Single(session.OutputMetadata, m => m.Key == "probabilities").Value;
        Assert.Equal(new[] { -1, 64 }, input.Dimensions);
        Assert.Equal("rows", input.SymbolicDimensions[0]);
        Assert.Equal(new[] { -1, 10 }, result.Dimensions);
        Assert.Equal("rows", result.SymbolicDimensions[0]);
        Assert.Equal(typeof(float), input.ElementType);

        float[] three = Datasets.LoadDigits().Features[..(3 * 64)];
        OnnxAgreement.AssertClose(model.Predict(three), OnnxRunner.Run(file, three, 64, "pixels", "probabilities"), "named input and output");
    }

    [Fact]
    public void Dense_is_one_gemm_and_the_weights_are_the_models_tensors()
    {
        var model = new OnnxDigitsNet(0);
        byte[] file = Exported(model);

        Assert.Equal(["Gemm", "Relu", "Gemm", "Softmax"], Operators(file));
        List<ProtoFields.Field> graph = ProtoFields.Read(Assert.Single(ProtoFields.Read(file), f => f.Number == 7).Bytes);
        var initializers = graph.Where(f => f.Number == 5).Select(f => ProtoFields.Read(f.Bytes)).ToList();
        Assert.Equal(["dense_0/kernel", "dense_0/bias", "dense_1/kernel", "dense_1/bias"],
            initializers.Select(t => System.Text.Encoding.UTF8.GetString(t.Single(f => f.Number == 8).Bytes)));
        // The kernel's raw data is the parameter buffer's floats, (inputs, units) row-major, little-endian.
        TensorDescription kernel = model.Description.Layers[0].Tensor("kernel");
        byte[] raw = initializers[0].Single(f => f.Number == 9).Bytes;
        Assert.Equal(model.Parameters.Slice(kernel.Offset, kernel.Length).ToArray(), System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(raw).ToArray());
    }

    [Fact]
    public void The_path_overload_writes_what_the_stream_overload_writes_and_replaces_a_file()
    {
        var model = new OnnxDigitsNet(0);
        string path = Path.Combine(_folder, "model.onnx");
        File.WriteAllText(path, "an older file");

        model.ExportOnnx(path);

        Assert.Equal(Exported(model), File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    private static byte[] Exported<TKernel, T>(Model<TKernel, T> model, OnnxExportOptions? options = null)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var stream = new MemoryStream();
        model.ExportOnnx(stream, options);
        return stream.ToArray();
    }

    /// <summary>The op_type of each node, in order.</summary>
    private static List<string> Operators(byte[] file)
    {
        List<ProtoFields.Field> graph = ProtoFields.Read(ProtoFields.Read(file).Single(f => f.Number == 7).Bytes);
        return graph.Where(f => f.Number == 1)
            .Select(node => System.Text.Encoding.UTF8.GetString(ProtoFields.Read(node.Bytes).Single(f => f.Number == 4).Bytes))
            .ToList();
    }

    /// <summary>
    /// Every trainable tensor uniform in [-1, 1], BatchNormalization's moving means too and its moving variances in
    /// [0.1, 2]; Normalization's statistics are left as adapted or declared.
    /// </summary>
    private static void Randomize<TKernel>(Model<TKernel, float> model, int seed)
        where TKernel : struct, IModelKernel<float>
    {
        var random = new Random(seed);
        foreach (TensorDescription tensor in model.Description.Tensors)
        {
            Span<float> values = tensor.Trainable ? model.Parameters.Slice(tensor.Offset, tensor.Length) : model.State.Slice(tensor.Offset, tensor.Length);
            if (tensor.Name.EndsWith("/moving_variance", StringComparison.Ordinal)) foreach (ref float v in values) v = 0.1f + 1.9f * random.NextSingle();
            else if (tensor.Trainable || tensor.Name.EndsWith("/moving_mean", StringComparison.Ordinal)) foreach (ref float v in values) v = 2 * random.NextSingle() - 1;
        }
    }
}
