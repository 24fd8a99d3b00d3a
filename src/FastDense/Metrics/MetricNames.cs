namespace FastDense.Metrics;

/// <summary>Keras's metric identifiers FastDense knows, and the metric each creates (reported under the name as written).</summary>
internal static class MetricNames
{
    /// <summary>Every identifier <see cref="Create"/> accepts.</summary>
    public static readonly string[] Known =
    [
        "accuracy", "acc", "binary_accuracy", "categorical_accuracy",
        "mae", "mean_absolute_error", "mse", "mean_squared_error", "root_mean_squared_error",
        "precision", "recall",
    ];

    /// <summary>The metric <paramref name="name"/> identifies, or null.</summary>
    public static Metric? Create(string name) => name switch
    {
        "accuracy" or "acc" => new Accuracy(name),
        "binary_accuracy" => new BinaryAccuracy(name: name),
        "categorical_accuracy" => new CategoricalAccuracy(name),
        "mae" or "mean_absolute_error" => new MeanAbsoluteError(name),
        "mse" or "mean_squared_error" => new MeanSquaredError(name),
        "root_mean_squared_error" => new RootMeanSquaredError(name),
        "precision" => new Precision(name: name),
        "recall" => new Recall(name: name),
        _ => null,
    };

    /// <summary>What <c>Fit</c> reports when no metric is given: accuracy for the cross-entropies, mae for mean squared error.</summary>
    public static Metric DefaultFor(Loss loss) => loss == Loss.MeanSquaredError ? new MeanAbsoluteError("mae") : new Accuracy();
}
