using System.Numerics;
using FastDense.Interop.Keras;
using FastDense.Persistence;

namespace FastDense.Interop;

/// <summary>
/// Keras 3 files for FastDense models: weights files (<c>.weights.h5</c>, what <c>model.save_weights</c> writes and
/// <c>model.load_weights</c> reads) and whole-model archives (<c>.keras</c>, what <c>model.save</c> writes and
/// <c>keras.models.load_model</c> reads). A FastDense model is the Keras <c>Sequential</c> of the same layers; its
/// layers are found in the file by class and position, as Keras finds them (docs/interop.md). Loads check the whole
/// file into scratch buffers first: on any exception the model's parameters and state are as they were.
/// </summary>
public static class KerasModelExtensions
{
    /// <summary>
    /// Saves the weights as a Keras 3 weights file: <c>layers/dense/vars/0</c> (kernel, (in, out)),
    /// <c>layers/dense/vars/1</c> (bias), <c>layers/dense_1/vars/0</c>… float32 for a float model, float64 for a double
    /// model. Keras loads it with <c>model.load_weights(path)</c> into the equivalent <c>Sequential</c>. The file is
    /// replaced whole or not at all (a temporary file in the same folder, flushed, then moved over the target).
    /// </summary>
    /// <param name="model">The model.</param>
    /// <exception cref="PlatformNotSupportedException">The process runs without dynamic code (NativeAOT): Keras files need the JIT.</exception>
    /// <param name="path">The file to create or replace; Keras requires the name to end in <c>.weights.h5</c>.</param>
    /// <exception cref="ArgumentException">The path is empty or names a folder.</exception>
    /// <exception cref="InvalidOperationException">A value is NaN or infinite (such a file would not load).</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or the file cannot be written.</exception>
    /// <exception cref="IOException">Writing or replacing the file failed.</exception>
    public static void SaveKerasWeights<TKernel, T>(this Model<TKernel, T> model, string path)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        RequireDynamicCode();
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] file = WeightsFile(model);
        AtomicFile.Write(path, stream => stream.Write(file));
    }

    /// <summary>Writes the weights file of <see cref="SaveKerasWeights{TKernel, T}(Model{TKernel, T}, string)"/> to <paramref name="stream"/>, from its position (not atomic: the stream is the caller's).</summary>
    /// <param name="model">The model.</param>
    /// <exception cref="PlatformNotSupportedException">The process runs without dynamic code (NativeAOT): Keras files need the JIT.</exception>
    /// <param name="stream">A writable stream.</param>
    /// <exception cref="ArgumentException">The stream is not writable.</exception>
    /// <exception cref="InvalidOperationException">A value is NaN or infinite.</exception>
    public static void SaveKerasWeights<TKernel, T>(this Model<TKernel, T> model, Stream stream)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        RequireDynamicCode();
        StreamChecks.Writable(stream);
        stream.Write(WeightsFile(model));
    }

    /// <summary>
    /// Loads a Keras 3 weights file written by Keras (<c>model.save_weights("m.weights.h5")</c>) or by
    /// <see cref="SaveKerasWeights{TKernel, T}(Model{TKernel, T}, string)"/>. Each layer's datasets are read from
    /// <c>layers/{class in snake case, numbered per class}/vars</c>, as Keras reads them, so a file from a model whose
    /// layers had other names loads too. float32 values load into a double model exactly; float64 values into a float
    /// model are rounded to the nearest float. The file is checked in full first: on any exception the model is unchanged.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <exception cref="PlatformNotSupportedException">The process runs without dynamic code (NativeAOT): Keras files need the JIT.</exception>
    /// <param name="path">The file to read.</param>
    /// <exception cref="ModelFileException">The file is not a readable HDF5 file, is a Keras 2 file, lacks a layer's dataset or holds one this model lacks, or a dataset has another shape or dtype or holds NaN or infinity; <see cref="ModelFileException.TensorName"/> is the dataset's path.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
    /// <exception cref="IOException">Reading failed.</exception>
    public static void LoadKerasWeights<TKernel, T>(this Model<TKernel, T> model, string path)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        RequireDynamicCode();
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = File.ReadAllBytes(path);
        ModelValues<T> values = KerasWeightsReader.Read<T>(bytes, model.Description, $"The weights file '{Path.GetFileName(path)}'");
        values.CopyTo(model.Parameters, model.State);
    }

    /// <summary>Loads a Keras 3 weights file as <see cref="LoadKerasWeights{TKernel, T}(Model{TKernel, T}, string)"/> does, from the stream's position to its end.</summary>
    /// <param name="model">The model.</param>
    /// <exception cref="PlatformNotSupportedException">The process runs without dynamic code (NativeAOT): Keras files need the JIT.</exception>
    /// <param name="stream">A readable stream.</param>
    /// <exception cref="ArgumentException">The stream is not readable.</exception>
    /// <exception cref="ModelFileException">See <see cref="LoadKerasWeights{TKernel, T}(Model{TKernel, T}, string)"/>.</exception>
    /// <exception cref="IOException">Reading failed.</exception>
    public static void LoadKerasWeights<TKernel, T>(this Model<TKernel, T> model, Stream stream)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        RequireDynamicCode();
        StreamChecks.Readable(stream);
        ModelValues<T> values = KerasWeightsReader.Read<T>(StreamChecks.ReadToEnd(stream), model.Description, "The weights file");
        values.CopyTo(model.Parameters, model.State);
    }

    /// <summary>
    /// Saves the model as a Keras 3 archive that <c>keras.models.load_model(path)</c> opens: <c>config.json</c> (a
    /// <c>Sequential</c> with an <c>InputLayer</c> of the model's width and each layer's config as Keras serializes
    /// it), <c>model.weights.h5</c> (as <see cref="SaveKerasWeights{TKernel, T}(Model{TKernel, T}, string)"/>) and
    /// <c>metadata.json</c>. The model comes back uncompiled (no optimizer or loss is stored). A double model is a
    /// Keras model of dtype float64. A BatchNormalization with <c>Renorm</c> writes Keras 3.14's renorm keys, so that
    /// archive needs Keras 3.14 or later; others load in every release from 3.5. Written atomically.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <exception cref="PlatformNotSupportedException">The process runs without dynamic code (NativeAOT): Keras files need the JIT.</exception>
    /// <param name="path">The file to create or replace; Keras requires the name to end in <c>.keras</c>.</param>
    /// <exception cref="ArgumentException">The path is empty or names a folder.</exception>
    /// <exception cref="NotSupportedException">A Dense activation has arguments (<c>leaky_relu(negative_slope=0.1)</c>), which a Keras config cannot name, or a Dense layer before the last uses glu, whose halved output Keras's Dense cannot pass on; <see cref="SaveKerasWeights{TKernel, T}(Model{TKernel, T}, string)"/> still works.</exception>
    /// <exception cref="InvalidOperationException">A value is NaN or infinite.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or the file cannot be written.</exception>
    /// <exception cref="IOException">Writing or replacing the file failed.</exception>
    public static void SaveKeras<TKernel, T>(this Model<TKernel, T> model, string path)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        RequireDynamicCode();
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] archive = Archive(model);
        AtomicFile.Write(path, stream => stream.Write(archive));
    }

    /// <summary>Writes the archive of <see cref="SaveKeras{TKernel, T}(Model{TKernel, T}, string)"/> to <paramref name="stream"/>, from its position.</summary>
    /// <param name="model">The model.</param>
    /// <exception cref="PlatformNotSupportedException">The process runs without dynamic code (NativeAOT): Keras files need the JIT.</exception>
    /// <param name="stream">A writable stream.</param>
    /// <exception cref="ArgumentException">The stream is not writable.</exception>
    /// <exception cref="NotSupportedException">A Dense activation has arguments, or a Dense layer before the last uses glu.</exception>
    /// <exception cref="InvalidOperationException">A value is NaN or infinite.</exception>
    public static void SaveKeras<TKernel, T>(this Model<TKernel, T> model, Stream stream)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        RequireDynamicCode();
        StreamChecks.Writable(stream);
        stream.Write(Archive(model));
    }

    /// <summary>
    /// Loads the weights of a Keras 3 archive (<c>model.save("m.keras")</c>) whose model is this one: its
    /// <c>config.json</c> must describe a <c>Sequential</c> of the same input width and the same layers in order
    /// (class, units, activation, use_bias, rates, the normalizations' axis, momentum, epsilon, center, scale, invert,
    /// BatchNormalization's synchronized, renorm and with renorm its renorm_clipping and renorm_momentum),
    /// or the exception names the first layer that differs and what each side has. Then its
    /// <c>model.weights.h5</c> is read as <see cref="LoadKerasWeights{TKernel, T}(Model{TKernel, T}, string)"/> reads a
    /// weights file. Everything is checked first: on any exception the model is unchanged.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <exception cref="PlatformNotSupportedException">The process runs without dynamic code (NativeAOT): Keras files need the JIT.</exception>
    /// <param name="path">The archive to read.</param>
    /// <exception cref="ModelFileException">The archive is damaged or lacks an entry, its config describes another model, or its weights file is refused.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
    /// <exception cref="IOException">Reading failed.</exception>
    public static void LoadKeras<TKernel, T>(this Model<TKernel, T> model, string path)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        RequireDynamicCode();
        ArgumentException.ThrowIfNullOrEmpty(path);
        ModelValues<T> values = KerasArchive.Read<T>(File.ReadAllBytes(path), model.Description);
        values.CopyTo(model.Parameters, model.State);
    }

    /// <summary>Loads a Keras 3 archive as <see cref="LoadKeras{TKernel, T}(Model{TKernel, T}, string)"/> does, from the stream's position to its end.</summary>
    /// <param name="model">The model.</param>
    /// <exception cref="PlatformNotSupportedException">The process runs without dynamic code (NativeAOT): Keras files need the JIT.</exception>
    /// <param name="stream">A readable stream.</param>
    /// <exception cref="ArgumentException">The stream is not readable.</exception>
    /// <exception cref="ModelFileException">See <see cref="LoadKeras{TKernel, T}(Model{TKernel, T}, string)"/>.</exception>
    /// <exception cref="IOException">Reading failed.</exception>
    public static void LoadKeras<TKernel, T>(this Model<TKernel, T> model, Stream stream)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        RequireDynamicCode();
        StreamChecks.Readable(stream);
        ModelValues<T> values = KerasArchive.Read<T>(StreamChecks.ReadToEnd(stream), model.Description);
        values.CopyTo(model.Parameters, model.State);
    }

    private static byte[] Archive<TKernel, T>(Model<TKernel, T> model)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ModelValues<T> values = ModelValues<T>.CopyForSaving(model.Description, model.Parameters, model.State);
        using var buffer = new MemoryStream();
        KerasArchive.Write(buffer, model.Description, values, DateTime.Now);
        return buffer.ToArray();
    }

    private static byte[] WeightsFile<TKernel, T>(Model<TKernel, T> model)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => KerasWeightsWriter.Build(model.Description, ModelValues<T>.CopyForSaving(model.Description, model.Parameters, model.State));

    /// <summary>
    /// Keras files are HDF5, read and written by PureHDF, which makes generic methods at run time: under NativeAOT that
    /// code does not exist, so each Keras method says so up front instead of failing inside PureHDF (where a load would
    /// look like a corrupt file). ONNX export and PyTorch files have no such need.
    /// </summary>
    private static void RequireDynamicCode()
    {
        if (!System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported)
        {
            throw new PlatformNotSupportedException(
                "Keras files (.weights.h5, .keras) need the JIT: their HDF5 library, PureHDF, makes generic code at run time, which NativeAOT " +
                "cannot. Under NativeAOT use SavePyTorchStateDict/LoadPyTorchStateDict or ExportOnnx, or run this step under the JIT.");
        }
    }
}
