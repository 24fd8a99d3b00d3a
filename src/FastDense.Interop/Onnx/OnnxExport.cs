using System.Numerics;
using FastDense.Interop.Onnx;
using FastDense.Interop.Onnx.Protobuf;
using FastDense.Persistence;

namespace FastDense.Interop;

/// <summary>
/// Exports a model's inference graph as an ONNX file for serving in ONNX Runtime, Triton, onnxruntime-web and the like:
/// opset <see cref="Opset"/>, IR version <see cref="IrVersion"/>; one input (batch, inputs) and one output
/// (batch, outputs) of a symbolic batch size; Dense as <c>Gemm</c> and its activation, the normalization layers as
/// their operators with the model's statistics, Dropout, GaussianNoise and GaussianDropout left out (identities at
/// inference). The weights are the model's at the time of the call. docs/onnx.md has the whole mapping.
/// </summary>
public static class OnnxExport
{
    /// <summary>
    /// The opset version of the default ONNX domain the files import: 17, which has <c>LayerNormalization</c> and which
    /// ONNX 1.12 and later, and ONNX Runtime 1.12 and later, read.
    /// </summary>
    public const int Opset = 17;

    /// <summary>The ONNX IR version the files declare: 8, the one that goes with opset 17 (ONNX 1.12).</summary>
    public const int IrVersion = 8;

    /// <summary>
    /// Writes the model to <paramref name="path"/> as an ONNX file, whole or not at all: the file is written beside the
    /// target and then moved over it, so an existing file is replaced only by a complete one.
    /// </summary>
    /// <param name="model">The model; its current weights and state are exported.</param>
    /// <param name="path">The file to write (by convention <c>.onnx</c>); replaced if it exists.</param>
    /// <param name="options">Element type and names; the defaults when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or names a folder, or the options' input and output names are equal or name a value inside the graph.</exception>
    /// <exception cref="NotSupportedException">A layer kind or activation without an ONNX export (none of those FastDense declares today).</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static void ExportOnnx<TKernel, T>(this Model<TKernel, T> model, string path, OnnxExportOptions? options = null)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ProtoMessage proto = Build(model, options);
        AtomicFile.Write(path, stream => Write(proto, stream));
    }

    /// <summary>Writes the model as ONNX to <paramref name="destination"/>, from its current position; the stream is left open.</summary>
    /// <param name="model">The model; its current weights and state are exported.</param>
    /// <param name="destination">A writable stream.</param>
    /// <param name="options">Element type and names; the defaults when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> cannot be written, or the options' input and output names are equal or name a value inside the graph.</exception>
    /// <exception cref="NotSupportedException">A layer kind or activation without an ONNX export.</exception>
    public static void ExportOnnx<TKernel, T>(this Model<TKernel, T> model, Stream destination, OnnxExportOptions? options = null)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanWrite) throw new ArgumentException("The destination stream cannot be written (CanWrite is false).", nameof(destination));
        Write(Build(model, options), destination);
    }

    private static ProtoMessage Build<TKernel, T>(Model<TKernel, T> model, OnnxExportOptions? options)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => OnnxModelBuilder.Build<T>(model.Description, model.Parameters, model.State, options ?? new OnnxExportOptions());

    private static void Write(ProtoMessage proto, Stream stream)
    {
        var writer = new ProtoWriter(stream);
        proto.WriteTo(writer);
        writer.Flush();
    }
}
