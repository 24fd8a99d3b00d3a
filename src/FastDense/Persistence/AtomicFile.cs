namespace FastDense.Persistence;

/// <summary>
/// Replaces a file whole or not at all: the content goes to a new temporary file in the same folder (so the final
/// rename stays within one file system), is flushed to the disk, and is then moved over the target. On any failure
/// the temporary file is deleted and the old file, if any, is left as it was.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>.</summary>
    /// <exception cref="ArgumentException">The path is empty or names a folder.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or the target cannot be written.</exception>
    /// <exception cref="IOException">The write or the move failed.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string target = Path.GetFullPath(path);
        string name = Path.GetFileName(target);
        if (name.Length == 0) throw new ArgumentException($"The path \"{path}\" names a folder, not a file.", nameof(path));
        string folder = Path.GetDirectoryName(target)!;
        string temporary = Path.Combine(folder, $"{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(file);
                // Durable before it becomes visible: a crash after the move must not leave a renamed empty file.
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original exception is the one to report; a leftover temporary file is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
