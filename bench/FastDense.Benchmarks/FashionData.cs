using FastDense.Data;

namespace FastDense.Benchmarks;

/// <summary>
/// The real Fashion-MNIST training set for workload W2: 60000 images as (60000, 784) pixels scaled to [0, 1]
/// (<see cref="FashionMnist.Load"/>) and one-hot labels (60000, 10). Not in the repository (30 MB): read from the
/// folder named by the environment variable <see cref="FolderVariable"/>, else from the first
/// <c>shared/data/fashion-mnist</c> found walking up from the benchmark's output folder (the repository sits next
/// to <c>shared/</c>, i.e. <c>../shared</c> from the repository root). Loaded once per benchmark process, on first use.
/// </summary>
public sealed class FashionData
{
    /// <summary>The environment variable naming the folder that holds the Fashion-MNIST IDX files.</summary>
    public const string FolderVariable = "FASTDENSE_FASHION_MNIST";

    /// <summary>The folder searched for above the benchmark's output folder when <see cref="FolderVariable"/> is unset.</summary>
    public static readonly string SharedFolder = Path.Combine("shared", "data", "fashion-mnist");

    /// <summary>Training images.</summary>
    public const int Rows = 60000;

    private const string ImagesFile = "train-images-idx3-ubyte", LabelsFile = "train-labels-idx1-ubyte";

    private static readonly Lazy<FashionData> s_instance = new(() => new FashionData(FindFolder()));

    private FashionData(string folder)
    {
        Folder = folder;
        Dataset train = FashionMnist.Load(folder, train: true);
        if (train.Rows != Rows || train.FeatureCount != FashionNet.InputSize)
        {
            throw new InvalidOperationException(
                $"Expected {Rows} training images of {FashionNet.InputSize} pixels in '{folder}' but got {train.Rows} of {train.FeatureCount}: update the benchmark constants.");
        }
        X = train.Features;
        Y = OneHot.Encode(train.Labels(), classCount: FashionNet.OutputSize);
    }

    /// <summary>The one copy per process; the first call reads the files (about a second).</summary>
    /// <exception cref="DirectoryNotFoundException">The files are in neither place; the message says where to put them.</exception>
    public static FashionData Instance => s_instance.Value;

    /// <summary>The folder the files were read from.</summary>
    public string Folder { get; }

    /// <summary>The training images, (60000, 784) row-major, pixels in [0, 1].</summary>
    public float[] X { get; }

    /// <summary>The one-hot training labels, (60000, 10).</summary>
    public float[] Y { get; }

    private static string FindFolder()
    {
        string? fromVariable = Environment.GetEnvironmentVariable(FolderVariable);
        if (!string.IsNullOrWhiteSpace(fromVariable))
        {
            // A folder named explicitly must hold the files: falling back elsewhere would hide a typo.
            return HasTrainingFiles(fromVariable) ? fromVariable : throw NotFound($"{FolderVariable} is '{fromVariable}', which does not hold them");
        }
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, SharedFolder);
            if (HasTrainingFiles(candidate)) return candidate;
        }
        throw NotFound($"{FolderVariable} is unset and no '{SharedFolder}' holding them was found above '{AppContext.BaseDirectory}'");
    }

    // FashionMnist.Load reads each file plain or gzip-compressed.
    private static bool HasTrainingFiles(string folder) => HasFile(folder, ImagesFile) && HasFile(folder, LabelsFile);

    private static bool HasFile(string folder, string stem) =>
        File.Exists(Path.Combine(folder, stem + ".gz")) || File.Exists(Path.Combine(folder, stem));

    private static DirectoryNotFoundException NotFound(string why) => new(
        $"Fashion-MNIST's training files ({ImagesFile}.gz and {LabelsFile}.gz, or unpacked) are needed for the Fashion benchmarks, but {why}. " +
        $"Put them (from https://github.com/zalandoresearch/fashion-mnist, as published) in '{SharedFolder}' next to the repository " +
        $"(../shared/data/fashion-mnist beside the repository), or set {FolderVariable} to the folder that holds them.");
}
