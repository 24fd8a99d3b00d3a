namespace FastDense.Metrics;

// Compiled into the runtime and, linked, into the generator (which checks [Model(Metrics = ...)] against it): one
// list, no drift. Plain C# 7.3 for the netstandard2.0 generator.

/// <summary>Keras's metric identifiers FastDense knows.</summary>
internal static partial class MetricNames
{
    /// <summary>Every identifier <c>Create</c> accepts.</summary>
    public static readonly string[] Known =
    {
        "accuracy", "acc", "binary_accuracy", "categorical_accuracy",
        "mae", "mean_absolute_error", "mse", "mean_squared_error", "root_mean_squared_error",
        "precision", "recall",
    };

    /// <summary>
    /// Why the metric <paramref name="name"/> means nothing for a model with <paramref name="outputs"/> outputs, or
    /// null; the generator reports it as FD0017, and each metric's <c>Misfit</c> says the same at run time.
    /// </summary>
    public static string? Misfit(string name, int outputs)
        => name == "categorical_accuracy" && outputs < 2
            ? "a categorical accuracy compares the positions of the largest output and target, which a model with one output always matches; use binary_accuracy"
            : null;
}
