namespace FastDense.Samples.Tests;

/// <summary>
/// Where the real Fashion-MNIST files are, found as FastDense.Tests finds them: FASTDENSE_FASHION_MNIST, else a
/// <c>shared/data/fashion-mnist</c> folder in the test's folder or one above it. They are 30 MB and not committed;
/// without them the tests that need them are skipped with <see cref="Missing"/>.
/// </summary>
internal static class FashionData
{
    public const string Missing = "Fashion-MNIST files not found: put them in ../shared/data/fashion-mnist beside the repository or set FASTDENSE_FASHION_MNIST.";

    public static string? Folder()
    {
        string? configured = Environment.GetEnvironmentVariable("FASTDENSE_FASHION_MNIST");
        if (configured is not null) return configured;
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data", "fashion-mnist");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
