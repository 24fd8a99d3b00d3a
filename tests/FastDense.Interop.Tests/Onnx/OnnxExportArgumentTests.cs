using FastDense.Interop.Onnx;
using FastDense.Interop.Onnx.Protobuf;

namespace FastDense.Interop.Tests.Onnx;

/// <summary>Bad arguments and what the exporter cannot export: specific exceptions, naming what was wrong.</summary>
public sealed class OnnxExportArgumentTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fastdense-onnx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Null_model_path_and_stream_are_refused()
    {
        var model = new OnnxDigitsNet(0);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => OnnxExport.ExportOnnx((OnnxDigitsNet)null!, Path.Combine(_folder, "m.onnx"))).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => OnnxExport.ExportOnnx((OnnxDigitsNet)null!, new MemoryStream())).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => model.ExportOnnx((string)null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => model.ExportOnnx("")).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentNullException>(() => model.ExportOnnx((Stream)null!)).ParamName);
    }

    [Fact]
    public void A_folder_a_missing_folder_and_a_read_only_stream_are_refused()
    {
        var model = new OnnxDigitsNet(0);
        var folder = Assert.Throws<ArgumentException>(() => model.ExportOnnx(_folder + Path.DirectorySeparatorChar));
        Assert.Contains("folder", folder.Message);
        Assert.Throws<DirectoryNotFoundException>(() => model.ExportOnnx(Path.Combine(_folder, "missing", "m.onnx")));
        var readOnly = Assert.Throws<ArgumentException>(() => model.ExportOnnx(new MemoryStream(new byte[16], writable: false)));
        Assert.Equal("destination", readOnly.ParamName);
        Assert.Contains("CanWrite", readOnly.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void Options_check_their_values_when_set()
    {
        Assert.Equal("InputName", Assert.Throws<ArgumentNullException>(() => new OnnxExportOptions { InputName = null! }).ParamName);
        Assert.Equal("InputName", Assert.Throws<ArgumentException>(() => new OnnxExportOptions { InputName = "" }).ParamName);
        Assert.Equal("OutputName", Assert.Throws<ArgumentException>(() => new OnnxExportOptions { OutputName = "  " }).ParamName);
        Assert.Equal("BatchDimension", Assert.Throws<ArgumentException>(() => new OnnxExportOptions { BatchDimension = "" }).ParamName);
        var type = Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxExportOptions { ElementType = (OnnxElementType)10 });
        Assert.Equal("ElementType", type.ParamName);
        Assert.Contains("10", type.Message);
        Assert.Equal("ModelVersion", Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxExportOptions { ModelVersion = -1 }).ParamName);
    }

    [Fact]
    public void Input_and_output_names_must_differ_and_not_name_a_value_of_the_graph()
    {
        var model = new OnnxDigitsNet(0);
        var same = Assert.Throws<ArgumentException>(() => model.ExportOnnx(new MemoryStream(), new OnnxExportOptions { InputName = "x", OutputName = "x" }));
        Assert.Equal("options", same.ParamName);
        Assert.Contains("\"x\"", same.Message);
        var input = Assert.Throws<ArgumentException>(() => model.ExportOnnx(new MemoryStream(), new OnnxExportOptions { InputName = "dense_0/kernel" }));
        Assert.Contains("InputName", input.Message);
        var output = Assert.Throws<ArgumentException>(() => model.ExportOnnx(new MemoryStream(), new OnnxExportOptions { OutputName = "dense_1/bias" }));
        Assert.Contains("OutputName", output.Message);
        // The last node's own name is free once the output takes it.
        var stream = new MemoryStream();
        model.ExportOnnx(stream, new OnnxExportOptions { OutputName = "dense_1/softmax" });
        Assert.Equal(10, OnnxRunner.Run(stream.ToArray(), new float[64], 64, output: "dense_1/softmax").Length);
    }

    [Fact]
    public void An_unknown_activation_layer_kind_or_activation_argument_is_not_supported_and_named()
    {
        var activation = Assert.Throws<NotSupportedException>(() => Build(Dense((Activation)99)));
        Assert.Contains("dense_0", activation.Message);
        Assert.Contains("99", activation.Message);

        var kind = new LayerDescription((LayerKind)42, "mystery_0", 2, 2, Activation.Linear, []);
        var layer = Assert.Throws<NotSupportedException>(() => Build(new ModelDescription("M", 2, Loss.MeanSquaredError, typeof(float), [kind])));
        Assert.Contains("mystery_0", layer.Message);
        Assert.Contains("42", layer.Message);

        var argument = Assert.Throws<NotSupportedException>(() => Build(Dense(Activation.Elu, new KeyValuePair<string, double>("beta", 2))));
        Assert.Contains("beta", argument.Message);
        Assert.Contains("Elu", argument.Message);
    }

    [Fact]
    public void A_graph_whose_result_is_its_input_gets_an_identity_node()
    {
        // No declared model can end without a Dense layer (FD0015), but the exporter does not depend on it.
        var dropout = new LayerDescription(LayerKind.Dropout, "dropout_0", 3, 3, Activation.Linear, []);
        byte[] file = Build(new ModelDescription("M", 3, Loss.MeanSquaredError, typeof(float), [dropout])).ToArray();
        float[] x = [1, -2, 3, 4.5f, 0, -6];
        Assert.Equal(x, OnnxRunner.Run(file, x, 3));
    }

    private static ModelDescription Dense(Activation activation, params KeyValuePair<string, double>[] arguments)
    {
        var layer = new LayerDescription(LayerKind.Dense, "dense_0", 2, 2, activation,
            [new TensorDescription("dense_0/kernel", [2, 2], 0, true), new TensorDescription("dense_0/bias", [2], 4, true)]) { ActivationArguments = arguments };
        return new ModelDescription("M", 2, Loss.MeanSquaredError, typeof(float), [layer]);
    }

    private static ProtoMessage Build(ModelDescription description)
        => OnnxModelBuilder.Build<float>(description, new float[description.ParameterCount], new float[description.StateCount], new OnnxExportOptions());
}
