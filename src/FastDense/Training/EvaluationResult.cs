namespace FastDense;

/// <summary>What <c>Evaluate</c> returns: the mean loss and the model's metric over the data (Keras's <c>evaluate</c>).</summary>
/// <param name="Loss">The mean loss over all rows.</param>
/// <param name="MetricName">The metric's name: <c>accuracy</c>, or <c>mae</c> for mean squared error.</param>
/// <param name="Metric">The metric's mean over all rows.</param>
public sealed record EvaluationResult(double Loss, string MetricName, double Metric)
{
    /// <summary>The accuracy; null for a model that reports another metric (mean squared error models report <c>mae</c>).</summary>
    public double? Accuracy => MetricName == "accuracy" ? Metric : null;
}
