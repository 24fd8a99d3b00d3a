using System.Runtime.InteropServices;
using FastDense;
using FastDense.Data;
using FastDense.Interop.Tests.Keras;
using FastDense.Interop.Tests.Layers;
using FastDense.Interop.Tests.PyTorch;
using Xunit.Abstractions;

namespace FastDense.Interop.Tests.Fixtures;

/// <summary>
/// Writes the files the Python checks read (Python/check_keras_h5.py, Python/check_torch_state_dict.py,
/// Python/check_onnx.py): the trained digits model, the every-kind model and the glu and sparsemax model, the activation layers' model in each
/// format, with inputs and Predict's outputs as raw little-endian float32. Into the folder named by FASTDENSE_INTEROP_EXPORT when it is set (the checks' instructions), else into a
/// temporary folder that is deleted; either way it checks the files exist and reports their sizes.
/// </summary>
public sealed class KerasAndTorchPythonCheckExport
{
    private readonly ITestOutputHelper _output;

    public KerasAndTorchPythonCheckExport(ITestOutputHelper output) => _output = output;

    [Fact]
    public void WritesEachFormat_WithInputsAndPredictions()
    {
        string? target = Environment.GetEnvironmentVariable("FASTDENSE_INTEROP_EXPORT");
        using var temporary = new TempFolder();
        string folder = string.IsNullOrEmpty(target) ? temporary.Path : target;
        Directory.CreateDirectory(folder);

        Dataset digits = Datasets.LoadDigits();
        var model = new KerasDigitsNet(seed: 1);
        model.Fit(digits.Features, OneHot.Encode(digits.Labels(), 10), new FitOptions { Epochs = 3, Seed = 3, Verbose = Verbosity.Silent });
        float[] x = digits.Features[..(32 * 64)];
        model.SaveKerasWeights(Path.Combine(folder, "digits.weights.h5"));
        model.SaveKeras(Path.Combine(folder, "digits.keras"));
        model.SavePyTorchStateDict(Path.Combine(folder, "digits.safetensors"));
        model.SaveWeights(Path.Combine(folder, "digits.fastdense.safetensors"));
        File.WriteAllBytes(Path.Combine(folder, "digits_x.bin"), MemoryMarshal.AsBytes(x.AsSpan()).ToArray());
        File.WriteAllBytes(Path.Combine(folder, "digits_y.bin"), MemoryMarshal.AsBytes(model.Predict(x).AsSpan()).ToArray());

        var layers = new TorchLayersNet(seed: 1);
        TestValues.Randomize(layers, seed: 4);
        float[] lx = TestValues.Inputs<float>(16, 6, seed: 5);
        layers.SaveKerasWeights(Path.Combine(folder, "layers.weights.h5"));
        layers.SavePyTorchStateDict(Path.Combine(folder, "layers.safetensors"));
        File.WriteAllBytes(Path.Combine(folder, "layers_x.bin"), MemoryMarshal.AsBytes(lx.AsSpan()).ToArray());
        File.WriteAllBytes(Path.Combine(folder, "layers_y.bin"), MemoryMarshal.AsBytes(layers.Predict(lx).AsSpan()).ToArray());

        // glu and sparsemax: nn.GLU, and the KerasActivation("sparsemax") module the torch check defines; the ONNX
        // files for check_onnx.py, the double model's as double.
        var rows = new KerasRowActivationNet(seed: 1);
        TestValues.Randomize(rows, seed: 6);
        float[] rx = TestValues.Inputs<float>(64, 6, seed: 7);
        rows.SaveKerasWeights(Path.Combine(folder, "rowact.weights.h5"));
        rows.SavePyTorchStateDict(Path.Combine(folder, "rowact.safetensors"));
        rows.ExportOnnx(Path.Combine(folder, "rowact.onnx"));
        new FastDense.Interop.Tests.Onnx.OnnxSparsemaxGluDoubleNet(seed: 1).ExportOnnx(Path.Combine(folder, "rowact64.onnx"), new OnnxExportOptions { ElementType = OnnxElementType.Double });
        File.WriteAllBytes(Path.Combine(folder, "rowact_x.bin"), MemoryMarshal.AsBytes(rx.AsSpan()).ToArray());
        File.WriteAllBytes(Path.Combine(folder, "rowact_y.bin"), MemoryMarshal.AsBytes(rows.Predict(rx).AsSpan()).ToArray());

        // The activation layers, PReLU, AlphaDropout and Identity: nn.PReLU's weight, nn.AlphaDropout at inference, ONNX's PRelu.
        var activations = new ActivationLayersInteropNet(seed: 1);
        TestValues.Randomize(activations, seed: 6);
        float[] ax = TestValues.Inputs<float>(16, 6, seed: 7);
        activations.SaveKeras(Path.Combine(folder, "activations.keras"));
        activations.SavePyTorchStateDict(Path.Combine(folder, "activations.safetensors"));
        activations.ExportOnnx(Path.Combine(folder, "activations.onnx"));
        File.WriteAllBytes(Path.Combine(folder, "activations_x.bin"), MemoryMarshal.AsBytes(ax.AsSpan()).ToArray());
        File.WriteAllBytes(Path.Combine(folder, "activations_y.bin"), MemoryMarshal.AsBytes(activations.Predict(ax).AsSpan()).ToArray());

        foreach (string name in new[] { "digits.weights.h5", "digits.keras", "digits.safetensors", "digits.fastdense.safetensors" })
        {
            long size = new FileInfo(Path.Combine(folder, name)).Length;
            Assert.True(size > 4810 * 4, name);
            _output.WriteLine($"{name}: {size} bytes");
        }
    }
}
