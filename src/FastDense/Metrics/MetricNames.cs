namespace FastDense.Metrics;

/// <summary>
/// The metric each of Keras's identifiers creates (reported under the name as written, as Keras's <c>get_metric</c> in
/// keras/src/trainers/compile_utils.py names it), with Keras's default arguments. The identifiers are in
/// MetricIdentifiers.cs, which the generator shares.
/// </summary>
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
        "auc" => new Auc(name: name),
        "true_positives" => new TruePositives(name: name),
        "false_positives" => new FalsePositives(name: name),
        "true_negatives" => new TrueNegatives(name: name),
        "false_negatives" => new FalseNegatives(name: name),
        "f1_score" => new F1Score(name: name),
        "f_beta_score" => new FBetaScore(name: name),
        "top_k_categorical_accuracy" => new TopKCategoricalAccuracy(name: name),
        "mean_absolute_percentage_error" or "mape" => new MeanAbsolutePercentageError(name),
        "mean_squared_logarithmic_error" or "msle" => new MeanSquaredLogarithmicError(name),
        "log_cosh_error" => new LogCoshError(name),
        "cosine_similarity" => new CosineSimilarity(name),
        "r2_score" => new R2Score(name: name),
        "sparse_categorical_accuracy" => new SparseCategoricalAccuracy(name),
        "sparse_top_k_categorical_accuracy" => new SparseTopKCategoricalAccuracy(name: name),
        "binary_crossentropy" or "bce" => new BinaryCrossentropy(name),
        "categorical_crossentropy" => new CategoricalCrossentropy(name),
        "sparse_categorical_crossentropy" => new SparseCategoricalCrossentropy(name),
        "kl_divergence" => new KLDivergence(name),
        "poisson" => new Poisson(name),
        "hinge" => new Hinge(name),
        "squared_hinge" => new SquaredHinge(name),
        "categorical_hinge" => new CategoricalHinge(name),
        "binary_io_u" => new BinaryIoU(name: name),
        _ => null,
    };

    /// <summary>What <c>Fit</c> reports when no metric is given: accuracy for the losses of classes, mae for the regression losses.</summary>
    public static Metric DefaultFor(Loss loss) => Losses.LossFunction.For(loss).DefaultMetric == "mae" ? new MeanAbsoluteError("mae") : new Accuracy();
}
