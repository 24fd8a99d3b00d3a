using System.Numerics;
using System.Runtime.InteropServices;
using FastDense;

namespace FastDense.Interop.Tests.Keras;

/// <summary>Values and checks the Keras and PyTorch tests share.</summary>
internal static class TestValues
{
    /// <summary>
    /// Fills every tensor with values from <paramref name="seed"/>: parameters in [-1, 1), variances in [0.5, 2.5),
    /// other state in [-1, 1), so a round trip that dropped or swapped any tensor would show.
    /// </summary>
    public static void Randomize<TKernel, T>(Model<TKernel, T> model, int seed)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        foreach (TensorDescription tensor in model.Description.Tensors)
        {
            Span<T> values = (tensor.Trainable ? model.Parameters : model.State).Slice(tensor.Offset, tensor.Length);
            bool variance = tensor.Name.EndsWith("variance", StringComparison.Ordinal);
            for (int i = 0; i < values.Length; i++)
            {
                double value = variance ? 0.5 + 2 * random.NextDouble() : 2 * random.NextDouble() - 1;
                values[i] = T.CreateTruncating(value);
            }
        }
    }

    /// <summary>The model's parameters then state as bytes, for bit-for-bit comparisons.</summary>
    public static byte[] Bits<TKernel, T>(Model<TKernel, T> model)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => [.. MemoryMarshal.AsBytes<T>(model.Parameters), .. MemoryMarshal.AsBytes<T>(model.State)];

    /// <summary>Rows of inputs in [-2, 2) for Predict comparisons.</summary>
    public static T[] Inputs<T>(int rows, int width, int seed)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var x = new T[rows * width];
        for (int i = 0; i < x.Length; i++) x[i] = T.CreateTruncating(4 * random.NextDouble() - 2);
        return x;
    }
}

/// <summary>A folder of its own under the system's temporary folder, deleted with its content on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fastdense-interop-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
