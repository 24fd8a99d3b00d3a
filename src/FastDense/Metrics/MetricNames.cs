namespace FastDense.Metrics;

/// <summary>The metric each of Keras's identifiers creates (reported under the name as written); the identifiers are in MetricIdentifiers.cs.</summary>
internal static partial class MetricNames
{
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
