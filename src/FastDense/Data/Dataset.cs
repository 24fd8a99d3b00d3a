namespace FastDense.Data;

/// <summary>A table of samples: a (rows, features) row-major feature block and one target per row.</summary>
public sealed class Dataset
{
    internal Dataset(string name, float[] features, float[] targets, int featureCount, IReadOnlyList<string>? classNames)
    {
        Name = name;
        Features = features;
        Targets = targets;
        FeatureCount = featureCount;
        Rows = targets.Length;
        ClassNames = classNames;
    }

    /// <summary>The data set's name, e.g. <c>digits</c>.</summary>
    public string Name { get; }

    /// <summary>The number of samples.</summary>
    public int Rows { get; }

    /// <summary>The width of one feature row.</summary>
    public int FeatureCount { get; }

    /// <summary>The features, (Rows, FeatureCount) row-major, as stored (no scaling).</summary>
    public float[] Features { get; }

    /// <summary>One target per row: a class index for classification sets, a value for regression sets.</summary>
    public float[] Targets { get; }

    /// <summary>The class names of a classification set (index = label), or null for regression.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>The number of classes, or 0 for a regression set.</summary>
    public int ClassCount => ClassNames?.Count ?? 0;

    /// <summary>The targets as class indices (Keras's <c>y</c> before <c>to_categorical</c>).</summary>
    /// <exception cref="InvalidOperationException">This is a regression set.</exception>
    public int[] Labels()
    {
        if (ClassNames is null) throw new InvalidOperationException($"'{Name}' is a regression data set: its targets are not class labels.");
        return Array.ConvertAll(Targets, t => (int)t);
    }
}
