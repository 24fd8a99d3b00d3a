namespace Fashion;

/// <summary>
/// The four IDX files the sample reads, named as Fashion-MNIST publishes them, and the check that a folder holds them
/// (each gzip-compressed, <c>.gz</c>, or plain: <c>FashionMnist.Load</c> reads either), made before anything is loaded
/// so that a wrong folder gets one message naming every missing file rather than an exception about the first.
/// </summary>
public static class FashionFiles
{
    /// <summary>The file names without <c>.gz</c>: training images and labels, then test images and labels.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>
    /// Null when <paramref name="directory"/> holds all four files; otherwise the message to print: the folder tried (as
    /// a full path), which files are missing, and the names expected.
    /// </summary>
    /// <param name="directory">The folder given on the command line.</param>
    public static string? Problem(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
        {
            return $"The folder '{full}' does not exist.\n{Expected}";
        }
        string[] missing = Names.Where(name => !File.Exists(Path.Combine(full, name + ".gz")) && !File.Exists(Path.Combine(full, name))).ToArray();
        if (missing.Length == 0) return null;
        return $"The folder '{full}' lacks {missing.Length} of the 4 Fashion-MNIST files: {string.Join(", ", missing.Select(m => m + ".gz"))}.\n{Expected}";
    }

    /// <summary>What the folder must hold, for the messages.</summary>
    public static string Expected =>
        $"Expected the four IDX files of Fashion-MNIST, each gzip-compressed (.gz) or not: {string.Join(", ", Names.Select(n => n + ".gz"))}.";
}
