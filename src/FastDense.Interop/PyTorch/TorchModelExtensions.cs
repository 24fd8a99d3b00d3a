using System.Numerics;
using FastDense.Interop.Keras;
using FastDense.Interop.PyTorch;
using FastDense.Persistence;

namespace FastDense.Interop;

/// <summary>
/// PyTorch state_dict files for FastDense models: the <c>state_dict()</c> of the equivalent <c>nn.Sequential</c>, saved
/// as safetensors, which <c>safetensors.torch.load_file</c> reads and <c>load_state_dict(strict=True)</c> accepts
/// (docs/interop.md lists the modules). A Linear's weight is (out, in), the kernel transposed. Loads check the whole
/// file into scratch buffers first: on any exception the model's parameters and state are as they were.
/// </summary>
public static class TorchModelExtensions
{
    /// <summary>
    /// Saves the model as the state_dict of the equivalent <c>nn.Sequential</c>: <c>0.weight</c> (out, in),
    /// <c>0.bias</c>, then the next module's keys at its index (activations count as modules). Floating tensors are F32
    /// for a float model, F64 for a double model (use <c>model.double()</c> in PyTorch); BatchNorm1d's
    /// <c>num_batches_tracked</c> is an I64 0. A BatchNormalization with <c>Renorm</c> is the BatchNorm1d of its inference
    /// (<c>running_mean</c>, <c>running_var</c> from <c>moving_mean</c>, <c>moving_variance</c>): PyTorch has no batch
    /// renormalization, and <c>moving_stddev</c>, <c>renorm_mean</c>, <c>renorm_stddev</c> are not written. Written
    /// atomically (temporary file, flushed, then moved over the target).
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="path">The file to create or replace, e.g. <c>model.safetensors</c>.</param>
    /// <exception cref="ArgumentException">The path is empty or names a folder.</exception>
    /// <exception cref="InvalidOperationException">A value is NaN or infinite.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or the file cannot be written.</exception>
    /// <exception cref="IOException">Writing or replacing the file failed.</exception>
    public static void SavePyTorchStateDict<TKernel, T>(this Model<TKernel, T> model, string path)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] file = StateDict(model);
        AtomicFile.Write(path, stream => stream.Write(file));
    }

    /// <summary>Writes the file of <see cref="SavePyTorchStateDict{TKernel, T}(Model{TKernel, T}, string)"/> to <paramref name="stream"/>, from its position.</summary>
    /// <param name="model">The model.</param>
    /// <param name="stream">A writable stream.</param>
    /// <exception cref="ArgumentException">The stream is not writable.</exception>
    /// <exception cref="InvalidOperationException">A value is NaN or infinite.</exception>
    public static void SavePyTorchStateDict<TKernel, T>(this Model<TKernel, T> model, Stream stream)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        StreamChecks.Writable(stream);
        stream.Write(StateDict(model));
    }

    /// <summary>
    /// Loads a state_dict safetensors file of the equivalent <c>nn.Sequential</c>, written by
    /// <see cref="SavePyTorchStateDict{TKernel, T}(Model{TKernel, T}, string)"/> or from Python
    /// (<c>safetensors.torch.save_file(net.state_dict(), path)</c>): exactly the module's keys, shapes, F32 or F64
    /// values (rounded to nearest into a float model), I64 <c>num_batches_tracked</c>. Checked in full first: on any
    /// exception the model is unchanged.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="path">The file to read.</param>
    /// <exception cref="ModelFileException">The file is malformed or truncated, lacks a key or holds another, a tensor has another shape or dtype or a non-finite value, or FastDense wrote it for other modules; <see cref="ModelFileException.TensorName"/> is the key.</exception>
    /// <exception cref="NotSupportedException">The model has a BatchNormalization with <c>Renorm</c>: a state_dict has no values for its <c>moving_stddev</c>, <c>renorm_mean</c> and <c>renorm_stddev</c>. Checked before the file is opened.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
    /// <exception cref="IOException">Reading failed.</exception>
    public static void LoadPyTorchStateDict<TKernel, T>(this Model<TKernel, T> model, string path)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        TorchModules.CheckLoadable(model.Description);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, FileOptions.SequentialScan);
        LoadPyTorchStateDict(model, file);
    }

    /// <summary>Loads a state_dict file as <see cref="LoadPyTorchStateDict{TKernel, T}(Model{TKernel, T}, string)"/> does, from the stream's position to its end.</summary>
    /// <param name="model">The model.</param>
    /// <param name="stream">A readable stream.</param>
    /// <exception cref="ArgumentException">The stream is not readable.</exception>
    /// <exception cref="ModelFileException">See <see cref="LoadPyTorchStateDict{TKernel, T}(Model{TKernel, T}, string)"/>.</exception>
    /// <exception cref="NotSupportedException">The model has a BatchNormalization with <c>Renorm</c> (see the path overload).</exception>
    /// <exception cref="IOException">Reading failed.</exception>
    public static void LoadPyTorchStateDict<TKernel, T>(this Model<TKernel, T> model, Stream stream)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        StreamChecks.Readable(stream);
        TorchModules.CheckLoadable(model.Description);
        ModelValues<T> values = TorchStateDictReader.Read<T>(stream, model.Description);
        values.CopyTo(model.Parameters, model.State);
    }

    private static byte[] StateDict<TKernel, T>(Model<TKernel, T> model)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => TorchStateDictWriter.Build(model.Description, ModelValues<T>.CopyForSaving(model.Description, model.Parameters, model.State));
}
