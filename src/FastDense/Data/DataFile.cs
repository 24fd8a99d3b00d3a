using System.IO.Compression;

namespace FastDense.Data;

/// <summary>
/// Opening a data file the way every reader here wants it: <c>.gz</c> decompressed on the fly, and any sign of a
/// truncated or corrupt file turned into one <see cref="InvalidDataException"/> that starts with the file's name.
/// </summary>
internal static class DataFile
{
    /// <summary>Opens <paramref name="path"/> and hands the (decompressed) stream and the file's name to <paramref name="read"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is truncated, not gzip, or rejected by <paramref name="read"/>.</exception>
    public static TResult Read<TResult>(string path, Func<Stream, string, TResult> read)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = Path.GetFileName(path);
        using FileStream file = File.OpenRead(path);
        try
        {
            using Stream data = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                ? new GZipStream(file, CompressionMode.Decompress)
                : file;
            return read(data, name);
        }
        catch (Exception error) when (error is InvalidDataException or EndOfStreamException or IOException and not FileNotFoundException)
        {
            throw new InvalidDataException($"{name}: {error.Message}", error);
        }
    }
}
