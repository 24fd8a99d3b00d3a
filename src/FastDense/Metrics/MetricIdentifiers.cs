namespace FastDense.Metrics;

// Compiled into the runtime and, linked, into the generator (which checks [Model(Metrics = ...)] against it): one
// list, no drift. Plain C# 7.3 for the netstandard2.0 generator.

/// <summary>
/// Keras's metric identifiers FastDense knows: those of <c>ALL_OBJECTS_DICT</c> in keras/src/metrics/__init__.py, each
/// class's snake-case name and the aliases <c>acc</c>, <c>mae</c>, <c>mse</c>, <c>mape</c>, <c>msle</c>, <c>bce</c>.
/// </summary>
internal static partial class MetricNames
{
    /// <summary>Every identifier <c>Create</c> accepts.</summary>
    public static readonly string[] Known =
    {
        "accuracy", "acc", "binary_accuracy", "categorical_accuracy",
        "mae", "mean_absolute_error", "mse", "mean_squared_error", "root_mean_squared_error",
        "precision", "recall",
        "auc", "true_positives", "false_positives", "true_negatives", "false_negatives",
        "f1_score", "f_beta_score", "top_k_categorical_accuracy",
        "mean_absolute_percentage_error", "mape", "mean_squared_logarithmic_error", "msle",
        "log_cosh_error", "cosine_similarity", "r2_score",
        "sparse_categorical_accuracy", "sparse_top_k_categorical_accuracy",
        "binary_crossentropy", "bce", "categorical_crossentropy", "sparse_categorical_crossentropy",
        "kl_divergence", "poisson", "hinge", "squared_hinge", "categorical_hinge", "binary_io_u",
    };

    /// <summary>
    /// Keras's identifiers (each class's snake-case name) of the metric classes whose constructors need arguments: Keras's
    /// <c>metrics.get</c> knows them but cannot create them from a name, and neither can <c>Create</c>.
    /// <see cref="NeedsArguments"/> says what to write instead; the generator reports them as FD0017.
    /// </summary>
    public static readonly string[] NeedingArguments =
    {
        "precision_at_recall", "recall_at_precision", "sensitivity_at_specificity", "specificity_at_sensitivity",
        "io_u", "mean_io_u", "one_hot_io_u", "one_hot_mean_io_u",
    };

    /// <summary>
    /// For an identifier of <see cref="NeedingArguments"/>, why a name cannot create it and what to write instead
    /// (completing "The metric 'name' …"); otherwise null.
    /// </summary>
    public static string? NeedsArguments(string name)
    {
        switch (name)
        {
            case "precision_at_recall": return ArgumentsFor("PrecisionAtRecall", "recall");
            case "recall_at_precision": return ArgumentsFor("RecallAtPrecision", "precision");
            case "sensitivity_at_specificity": return ArgumentsFor("SensitivityAtSpecificity", "specificity");
            case "specificity_at_sensitivity": return ArgumentsFor("SpecificityAtSensitivity", "sensitivity");
            case "io_u": return ArgumentsFor("IoU", "numClasses", "targetClassIds");
            case "mean_io_u": return ArgumentsFor("MeanIoU", "numClasses");
            case "one_hot_io_u": return ArgumentsFor("OneHotIoU", "numClasses", "targetClassIds");
            case "one_hot_mean_io_u": return ArgumentsFor("OneHotMeanIoU", "numClasses");
            default: return null;
        }
    }

    private static string ArgumentsFor(string type, string first, string? second = null)
        => (second == null ? "needs its argument " + first : "needs its arguments " + first + " and " + second) +
           ", which a name cannot give (Keras's metrics.get cannot create it either); pass new " + type + "(" + first + ": ..." +
           (second == null ? "" : ", " + second + ": ...") + ") in FitOptions.Metrics or WeightedMetrics, or to Evaluate";

    /// <summary>Why a metric that reads targets shaped like the outputs does not fit a model whose targets are class indices.</summary>
    public const string ShapedTargetsMisfit = "it reads targets shaped like the outputs, but this model's targets are class indices (sparse categorical cross-entropy); " +
        "use accuracy, sparse_categorical_accuracy, sparse_top_k_categorical_accuracy or sparse_categorical_crossentropy";

    /// <summary>Whether the metric <paramref name="name"/> reads class-index targets (those of sparse categorical cross-entropy).</summary>
    public static bool ReadsClassIndices(string name)
        => name == "accuracy" || name == "acc" || ReadsOnlyClassIndices(name);

    /// <summary>Whether the metric <paramref name="name"/> reads only class-index targets.</summary>
    private static bool ReadsOnlyClassIndices(string name)
        => name == "sparse_categorical_accuracy" || name == "sparse_top_k_categorical_accuracy" || name == "sparse_categorical_crossentropy";

    /// <summary>
    /// <see cref="Misfit(string, int)"/> for a model whose targets are class indices (<paramref name="classIndices"/>:
    /// sparse categorical cross-entropy) or shaped like its outputs.
    /// </summary>
    public static string? Misfit(string name, int outputs, bool classIndices)
    {
        if (classIndices && !ReadsClassIndices(name)) return ShapedTargetsMisfit;
        if (!classIndices && ReadsOnlyClassIndices(name))
        {
            return "it reads class-index targets, which only a model trained on sparse_categorical_crossentropy has; " + DenseTwin(name);
        }
        return Misfit(name, outputs);
    }

    /// <summary>What to use instead of a metric of class-index targets on a model of one-hot (or other shaped) targets.</summary>
    private static string DenseTwin(string name)
    {
        switch (name)
        {
            case "sparse_categorical_accuracy": return "use categorical_accuracy or accuracy";
            case "sparse_top_k_categorical_accuracy": return "use top_k_categorical_accuracy";
            default: return "use categorical_crossentropy";
        }
    }

    /// <summary>
    /// Why the metric <paramref name="name"/> means nothing for a model with <paramref name="outputs"/> outputs, or
    /// null; the generator reports it as FD0017, and each metric's <c>Misfit</c> says the same at run time.
    /// </summary>
    public static string? Misfit(string name, int outputs)
    {
        if (outputs >= 2) return null;
        switch (name)
        {
            case "categorical_accuracy":
            case "sparse_categorical_accuracy":
                return "a categorical accuracy compares the positions of the largest output and target, which a model with one output always matches; use binary_accuracy";
            case "top_k_categorical_accuracy":
            case "sparse_top_k_categorical_accuracy":
                return "with one output the target class is always the top one, so the metric is always 1";
            case "f1_score":
            case "f_beta_score":
                return "without a threshold an output is predicted when it is its row's largest, which the one output of a row always is; give a threshold";
            case "categorical_crossentropy":
                return "the one output divided by the row's sum is always 1, so the metric is only about 1e-7 times the target (Keras warns of it); use binary_crossentropy";
            case "cosine_similarity":
                return "the cosine of two rows of one value is only the product of their signs (for a sigmoid output, the fraction of positive targets, whatever the model predicts)";
            default:
                return null;
        }
    }
}
