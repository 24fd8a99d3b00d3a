namespace FastDense.Interop.Keras;

/// <summary>The argument checks and whole-stream read the Keras and PyTorch methods share.</summary>
internal static class StreamChecks
{
    /// <summary>Refuses a null or unwritable stream.</summary>
    /// <exception cref="ArgumentException">The stream is not writable.</exception>
    public static void Writable(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite) throw new ArgumentException("The stream is not writable.", nameof(stream));
    }

    /// <summary>Refuses a null or unreadable stream.</summary>
    /// <exception cref="ArgumentException">The stream is not readable.</exception>
    public static void Readable(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead) throw new ArgumentException("The stream is not readable.", nameof(stream));
    }

    /// <summary>The bytes from the stream's position to its end (HDF5 and zip readers seek, so they read from memory).</summary>
    public static byte[] ReadToEnd(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
