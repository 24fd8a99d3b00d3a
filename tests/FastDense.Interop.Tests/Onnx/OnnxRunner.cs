using Microsoft.ML.OnnxRuntime;

namespace FastDense.Interop.Tests.Onnx;

/// <summary>Runs an exported file in ONNX Runtime (CPU), as a server would: one session, the rows as one batch.</summary>
internal static class OnnxRunner
{
    /// <summary>The output for <paramref name="x"/> (rows, inputs) row-major, float tensors.</summary>
    public static float[] Run(byte[] model, float[] x, int inputs, string input = "input", string output = "output")
        => Run<float>(model, x, inputs, input, output);

    /// <summary>The output for <paramref name="x"/> (rows, inputs) row-major, of the element type of the model.</summary>
    public static T[] Run<T>(byte[] model, T[] x, int inputs, string input = "input", string output = "output")
        where T : unmanaged
    {
        using var session = new InferenceSession(model);
        using var tensor = OrtValue.CreateTensorValueFromMemory(x, [x.Length / inputs, inputs]);
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> results = session.Run(runOptions, [input], [tensor], [output]);
        return results[0].GetTensorDataAsSpan<T>().ToArray();
    }
}
