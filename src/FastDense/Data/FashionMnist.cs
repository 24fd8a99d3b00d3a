namespace FastDense.Data;

/// <summary>
/// Fashion-MNIST (Zalando Research, 2017; MIT licence): 28x28 grey images of 10 clothing classes, 60000 for training
/// and 10000 for testing, in IDX files. Not embedded (30 MB): read from a folder holding the four files as the data
/// set publishes them (<c>train-images-idx3-ubyte.gz</c>, <c>train-labels-idx1-ubyte.gz</c>, <c>t10k-…</c>).
/// </summary>
public static class FashionMnist
{
    /// <summary>The class names, by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>
    /// Loads the training (60000) or test (10000) images as a (rows, 784) data set with pixel values scaled to [0, 1]
    /// (Keras's tutorials divide by 255; pass <paramref name="scale"/> false for the raw 0..255), and labels 0..9.
    /// </summary>
    /// <param name="directory">The folder with the IDX files (plain or .gz).</param>
    /// <param name="train">The training set (true) or the test set (false).</param>
    /// <param name="scale">Whether pixels are divided by 255.</param>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt, or images and labels disagree.</exception>
    public static Dataset Load(string directory, bool train = true, bool scale = true)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string prefix = train ? "train" : "t10k";
        IdxArray images = IdxFile.Read(Find(directory, $"{prefix}-images-idx3-ubyte"));
        IdxArray labels = IdxFile.Read(Find(directory, $"{prefix}-labels-idx1-ubyte"));
        if (images.Shape.Length != 3 || images.Shape[1] != 28 || images.Shape[2] != 28)
        {
            throw new InvalidDataException($"{prefix} images have shape ({string.Join(", ", images.Shape)}); expected (rows, 28, 28).");
        }
        if (labels.Shape.Length != 1 || labels.Shape[0] != images.Shape[0])
        {
            throw new InvalidDataException($"{prefix}: {images.Shape[0]} images but labels of shape ({string.Join(", ", labels.Shape)}).");
        }
        float factor = scale ? 1f / 255f : 1f;
        var features = new float[images.Values.Length];
        for (int i = 0; i < features.Length; i++) features[i] = images.Values[i] * factor;
        var targets = new float[labels.Values.Length];
        for (int i = 0; i < targets.Length; i++)
        {
            if (labels.Values[i] >= ClassNames.Count) throw new InvalidDataException($"{prefix} label {i} is {labels.Values[i]}, outside 0..9.");
            targets[i] = labels.Values[i];
        }
        return new Dataset("fashion-mnist-" + prefix, features, targets, 28 * 28, ClassNames);
    }

    private static string Find(string directory, string stem)
    {
        foreach (string candidate in new[] { stem + ".gz", stem })
        {
            string path = Path.Combine(directory, candidate);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException($"Fashion-MNIST file '{stem}(.gz)' is not in '{directory}'.", Path.Combine(directory, stem + ".gz"));
    }
}
