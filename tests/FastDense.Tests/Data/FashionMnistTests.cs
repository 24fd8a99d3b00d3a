using FastDense.Data;

namespace FastDense.Tests.Data;

/// <summary>
/// The real Fashion-MNIST files, from ../shared/data/fashion-mnist beside the repository (or FASTDENSE_FASHION_MNIST).
/// They are 30 MB and not committed; without them these tests are skipped with a message saying so.
/// </summary>
public class FashionMnistTests
{
    internal static string? Folder()
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

    internal const string Missing = "Fashion-MNIST files not found: put them in ../shared/data/fashion-mnist beside the repository or set FASTDENSE_FASHION_MNIST.";

    [SkippableFact]
    public void RealFiles_LoadWithPublishedShapes()
    {
        string? folder = Folder();
        Skip.If(folder is null, Missing);
        Dataset train = FashionMnist.Load(folder, train: true);
        Dataset test = FashionMnist.Load(folder, train: false);
        Assert.Equal((60000, 784), (train.Rows, train.FeatureCount));
        Assert.Equal((10000, 784), (test.Rows, test.FeatureCount));
        Assert.InRange(train.Features.Max(), 0.99f, 1f);
        // The data set is balanced: 6000 training images per class.
        Assert.All(train.Labels().GroupBy(l => l), g => Assert.Equal(6000, g.Count()));
    }
}
