using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Numerics;
using System.Text.Json;

namespace FastDense.Interop.Keras;

/// <summary>
/// A <c>.keras</c> archive, as keras/src/saving/saving_lib.py's <c>_save_model_to_fileobj</c> writes one: a zip
/// (entries stored, not compressed, as Python's <c>zipfile.ZipFile(f, "w")</c> stores them) holding
/// <c>metadata.json</c> (<c>keras_version</c>, <c>date_saved</c> as <c>%Y-%m-%d@%H:%M:%S</c>), <c>config.json</c>
/// (<see cref="KerasConfigWriter"/>) and <c>model.weights.h5</c> (<see cref="KerasWeightsWriter"/>). No
/// <c>compile_config</c> is written: <c>load_model</c> returns the model uncompiled, to be compiled in Python.
/// </summary>
internal static class KerasArchive
{
    /// <summary>The entry names saving_lib uses.</summary>
    public const string ConfigEntry = "config.json", MetadataEntry = "metadata.json", WeightsEntry = "model.weights.h5";

    /// <summary>
    /// The <c>keras_version</c> written: the oldest Keras release whose config format the archive follows (layer dtypes
    /// as DTypePolicy objects arrived in 3.5). Keras's loader does not read it.
    /// </summary>
    public const string KerasVersion = "3.5.0";

    // config.json is kilobytes for any model FastDense declares; a bigger entry is not one of ours or Keras's.
    private const long MaxConfigBytes = 16 * 1024 * 1024;

    /// <summary>Writes the archive to <paramref name="stream"/>; the content is built first, so a failure writes nothing.</summary>
    public static void Write<T>(Stream stream, ModelDescription description, ModelValues<T> values, DateTime saved)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        byte[] config = KerasConfigWriter.Write(description);
        byte[] weights = KerasWeightsWriter.Build(description, values);
        byte[] metadata = Metadata(saved);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        Add(zip, MetadataEntry, metadata, saved);
        Add(zip, ConfigEntry, config, saved);
        Add(zip, WeightsEntry, weights, saved);
    }

    /// <summary>Reads the archive's config and weights, checks both against the model, and returns the values.</summary>
    /// <exception cref="ModelFileException">The archive is damaged, lacks an entry, or describes another model.</exception>
    public static ModelValues<T> Read<T>(byte[] bytes, ModelDescription description)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            ZipArchiveEntry config = Entry(zip, ConfigEntry);
            ZipArchiveEntry? weights = zip.GetEntry(WeightsEntry);
            if (weights is null)
            {
                throw new ModelFileException(zip.GetEntry("model.weights.npz") is null
                    ? $"The archive has no {WeightsEntry}; its entries: {string.Join(", ", zip.Entries.Select(e => e.FullName))}."
                    : $"The archive's weights are model.weights.npz (saved with weights_format=\"npz\"); LoadKeras reads {WeightsEntry}, Keras's default.");
            }
            KerasConfigReader.Check(Content(config, MaxConfigBytes), description);
            // The weights entry holds the model's values and HDF5's metadata: a few times the values' bytes at most.
            long limit = 8L * (description.ParameterCount + description.StateCount) * 4 + 16 * 1024 * 1024;
            return KerasWeightsReader.Read<T>(Content(weights, limit), description, $"The archive's {WeightsEntry}");
        }
        catch (InvalidDataException e)
        {
            throw new ModelFileException($"The file is not a readable .keras (zip) archive: {e.Message}", null, e);
        }
    }

    private static ZipArchiveEntry Entry(ZipArchive zip, string name)
        => zip.GetEntry(name)
            ?? throw new ModelFileException($"The archive has no {name}; its entries: {string.Join(", ", zip.Entries.Select(e => e.FullName))}.");

    /// <summary>An entry's bytes, refusing one that claims or holds more than <paramref name="limit"/> (a zip bomb, or not a model's).</summary>
    private static byte[] Content(ZipArchiveEntry entry, long limit)
    {
        if (entry.Length > limit)
        {
            throw new ModelFileException($"The archive's {entry.FullName} declares {entry.Length} bytes; a model of this size needs at most {limit}.");
        }
        using Stream stream = entry.Open();
        byte[] content = new byte[entry.Length];
        int filled = 0;
        while (filled < content.Length)
        {
            int read = stream.Read(content, filled, content.Length - filled);
            if (read == 0) throw new ModelFileException($"The archive's {entry.FullName} ends after {filled} of its {content.Length} bytes.");
            filled += read;
        }
        if (stream.ReadByte() != -1) throw new ModelFileException($"The archive's {entry.FullName} holds more than the {content.Length} bytes it declares.");
        return content;
    }

    private static void Add(ZipArchive zip, string name, byte[] content, DateTime saved)
    {
        ZipArchiveEntry entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
        entry.LastWriteTime = saved;
        using Stream stream = entry.Open();
        stream.Write(content);
    }

    private static byte[] Metadata(DateTime saved)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("keras_version", KerasVersion);
            json.WriteString("date_saved", saved.ToString("yyyy-MM-dd@HH:mm:ss", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
