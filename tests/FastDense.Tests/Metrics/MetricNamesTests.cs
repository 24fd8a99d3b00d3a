using FastDense.Metrics;

namespace FastDense.Tests.Metrics;

/// <summary>
/// <see cref="MetricNames"/> and <see cref="Metric.FromName"/>: Keras's string identifiers (keras/src/metrics/__init__.py,
/// <c>ALL_OBJECTS_DICT</c>: each class's <c>to_snake_case</c> name and the aliases), each creating the metric Keras's
/// <c>get_metric</c> (keras/src/trainers/compile_utils.py) creates, named as written.
/// </summary>
public class MetricNamesTests
{
    public static TheoryData<string> KnownNames()
    {
        var data = new TheoryData<string>();
        foreach (string name in MetricNames.Known) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(KnownNames))]
    public void EveryKnownIdentifier_CreatesAMetricNamedByIt(string name)
    {
        Metric metric = Metric.FromName(name);
        Assert.Equal(name, metric.Name);
        Assert.Equal(name, MetricNames.Create(name)!.Name);
        Assert.NotSame(metric, Metric.FromName(name)); // a new, independent instance each time
    }

    [Fact]
    public void KnownIdentifiers_AreDistinct() => Assert.Equal(MetricNames.Known.Length, MetricNames.Known.Distinct().Count());

    [Theory]
    [InlineData("auc", typeof(Auc))]
    [InlineData("true_positives", typeof(TruePositives))]
    [InlineData("false_positives", typeof(FalsePositives))]
    [InlineData("true_negatives", typeof(TrueNegatives))]
    [InlineData("false_negatives", typeof(FalseNegatives))]
    [InlineData("f1_score", typeof(F1Score))]
    [InlineData("f_beta_score", typeof(FBetaScore))]
    [InlineData("top_k_categorical_accuracy", typeof(TopKCategoricalAccuracy))]
    [InlineData("mean_absolute_percentage_error", typeof(MeanAbsolutePercentageError))]
    [InlineData("mape", typeof(MeanAbsolutePercentageError))]
    [InlineData("mean_squared_logarithmic_error", typeof(MeanSquaredLogarithmicError))]
    [InlineData("msle", typeof(MeanSquaredLogarithmicError))]
    [InlineData("log_cosh_error", typeof(LogCoshError))]
    [InlineData("cosine_similarity", typeof(CosineSimilarity))]
    [InlineData("r2_score", typeof(R2Score))]
    [InlineData("binary_crossentropy", typeof(BinaryCrossentropy))]
    [InlineData("bce", typeof(BinaryCrossentropy))]
    [InlineData("categorical_crossentropy", typeof(CategoricalCrossentropy))]
    [InlineData("sparse_categorical_crossentropy", typeof(SparseCategoricalCrossentropy))]
    [InlineData("kl_divergence", typeof(KLDivergence))]
    [InlineData("poisson", typeof(Poisson))]
    [InlineData("hinge", typeof(Hinge))]
    [InlineData("squared_hinge", typeof(SquaredHinge))]
    [InlineData("categorical_hinge", typeof(CategoricalHinge))]
    [InlineData("binary_io_u", typeof(BinaryIoU))]
    public void KerasIdentifiers_CreateTheirClass_WithKerasDefaults(string name, Type type)
    {
        Metric metric = Metric.FromName(name);
        Assert.IsType(type, metric);
        switch (metric)
        {
            case Auc auc:
                Assert.Equal((200, AucCurve.Roc, AucSummationMethod.Interpolation, false), (auc.NumThresholds, auc.Curve, auc.SummationMethod, auc.MultiLabel));
                break;
            case FBetaScore f:
                Assert.Equal((FScoreAverage.None, 1.0, (double?)null), (f.Average, f.Beta, f.Threshold));
                break;
            case TopKCategoricalAccuracy topK:
                Assert.Equal(5, topK.K);
                break;
            case R2Score r2:
                Assert.Equal((R2ClassAggregation.UniformAverage, 0), (r2.ClassAggregation, r2.NumRegressors));
                break;
            case TruePositives tp:
                Assert.Equal(0.5, tp.Threshold);
                break;
            case BinaryIoU binaryIoU:
                Assert.Equal((0.5, 2), (binaryIoU.Threshold, binaryIoU.NumClasses));
                Assert.Equal([0, 1], binaryIoU.TargetClassIds);
                break;
            case BinaryCrossentropy bce:
                Assert.Equal((false, 0.0), (bce.FromLogits, bce.LabelSmoothing));
                break;
            case CategoricalCrossentropy cce:
                Assert.Equal((false, 0.0, -1), (cce.FromLogits, cce.LabelSmoothing, cce.Axis));
                break;
            case SparseCategoricalCrossentropy scce:
                Assert.Equal((false, (int?)null), (scce.FromLogits, scce.IgnoreClass));
                break;
        }
    }

    public static TheoryData<string> NamesNeedingArguments()
    {
        var data = new TheoryData<string>();
        foreach (string name in MetricNames.NeedingArguments) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(NamesNeedingArguments))]
    public void IdentifiersOfClassesNeedingArguments_AreRefused_SayingWhatToCreate(string name)
    {
        // Keras's metrics.get finds the class but calls it without its required arguments (a TypeError).
        Assert.DoesNotContain(name, MetricNames.Known);
        Assert.Null(MetricNames.Create(name));
        var error = Assert.Throws<ArgumentException>(() => Metric.FromName(name));
        Assert.Equal("name", error.ParamName);
        Assert.StartsWith($"The metric '{name}' needs its argument", error.Message);
        Assert.Contains("pass new ", error.Message);
    }

    [Fact]
    public void ThresholdSearchIdentifiers_NameTheirClasses()
    {
        Assert.Contains("new PrecisionAtRecall(recall: ...)", MetricNames.NeedsArguments("precision_at_recall"));
        Assert.Contains("new RecallAtPrecision(precision: ...)", MetricNames.NeedsArguments("recall_at_precision"));
        Assert.Contains("new SensitivityAtSpecificity(specificity: ...)", MetricNames.NeedsArguments("sensitivity_at_specificity"));
        Assert.Contains("new SpecificityAtSensitivity(sensitivity: ...)", MetricNames.NeedsArguments("specificity_at_sensitivity"));
        Assert.Contains("new IoU(numClasses: ..., targetClassIds: ...)", MetricNames.NeedsArguments("io_u"));
        Assert.Contains("needs its argument numClasses,", MetricNames.NeedsArguments("mean_io_u"));
        Assert.Contains("new OneHotIoU(numClasses: ..., targetClassIds: ...)", MetricNames.NeedsArguments("one_hot_io_u"));
        Assert.Contains("new OneHotMeanIoU(numClasses: ...)", MetricNames.NeedsArguments("one_hot_mean_io_u"));
        Assert.Equal(MetricNames.NeedingArguments.Skip(4),
            new Metric[] { new IoU(2, [0]), new MeanIoU(2), new OneHotIoU(2, [0]), new OneHotMeanIoU(2) }.Select(m => m.Name));
        // Their default names are those identifiers.
        Assert.Equal(MetricNames.NeedingArguments.Take(4),
            new Metric[] { new PrecisionAtRecall(0.5), new RecallAtPrecision(0.5), new SensitivityAtSpecificity(0.5), new SpecificityAtSensitivity(0.5) }.Select(m => m.Name));
    }

    [Theory]
    [InlineData("AUC")]        // Keras's class names are identifiers too; FastDense takes the snake-case ones
    [InlineData("logcosh")]    // LogCoshError's default name, not an identifier of keras.metrics.get
    [InlineData("f1")]
    [InlineData("kld")]        // a loss alias (keras.losses.get), not a metric one: keras.metrics.get refuses it
    [InlineData("")]
    public void OtherNames_AreRefused(string name)
    {
        Assert.Null(MetricNames.Create(name));
        Assert.Throws<ArgumentException>(() => Metric.FromName(name));
    }
}
