using FastDense.Data;
using Xunit.Abstractions;

namespace FastDense.Interop.Tests.Onnx;

public sealed class OnnxExportTests(ITestOutputHelper output)
{
    [Fact]
    public void Digits_model_in_onnx_runtime_matches_predict()
    {
        Dataset digits = Datasets.LoadDigits();
        var model = new OnnxDigitsNet(0);
        model.Fit(digits.Features, OneHot.Encode(digits.Labels(), 10), new FitOptions { Epochs = 3, Verbose = Verbosity.Silent });
        var stream = new MemoryStream();
        model.ExportOnnx(stream);
        float[] onnx = OnnxRunner.Run(stream.ToArray(), digits.Features, 64);
        float[] expected = model.Predict(digits.Features);
        double max = 0;
        for (int i = 0; i < expected.Length; i++) max = Math.Max(max, Math.Abs(onnx[i] - expected[i]));
        output.WriteLine($"digits: {max:E3}, {stream.Length} bytes");
        Assert.True(max < 1e-5);
    }
}
