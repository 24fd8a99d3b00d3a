using Microsoft.CodeAnalysis;

namespace FastDense.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports, in one table. IDs are never reused: a retired rule keeps its number
/// (see AnalyzerReleases.Shipped.md). Each has a page at docs/diagnostics/FDxxxx.md with cause, example and fix.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "FastDense.Model";
    // An absolute link to the page in the public repository: a package consumer has no copy of the docs, and IDEs only
    // open absolute URLs. RepositoryInfo is written by the build from Directory.Build.props.
    private const string HelpBase = RepositoryInfo.DocsUrl + "diagnostics/";

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id + ".md");

    /// <summary>Format: {0} = the type's name.</summary>
    public static readonly DiagnosticDescriptor TypeMustBePartial = Error(
        "FD0001", "Model class must be partial",
        "'{0}' must be declared partial so that FastDense can generate the rest of the model");

    /// <summary>Format: {0} = the value given.</summary>
    public static readonly DiagnosticDescriptor InputsMustBePositive = Error(
        "FD0002", "Model inputs must be positive",
        "[Model] Inputs must be a positive input width, but is {0}");

    /// <summary>Format: {0} = the layer's index, {1} = the value given.</summary>
    public static readonly DiagnosticDescriptor UnitsMustBePositive = Error(
        "FD0003", "Dense units must be positive",
        "Dense layer {0} must have a positive number of units, but has {1}");

    /// <summary>Format: {0} = the class's name.</summary>
    public static readonly DiagnosticDescriptor NoLayers = Error(
        "FD0004", "Model has no layers",
        "Model '{0}' declares no layers: add at least one [Dense(units, activation)] attribute");

    /// <summary>Format: {0} = the layer's kind (<c>Dense</c>, <c>Activation</c>, <c>Softmax</c>), {1} = its index, {2} = the activation (softmax, log_softmax, sparsemax), {3} = its constant output.</summary>
    public static readonly DiagnosticDescriptor RowActivationOfOneUnit = Error(
        "FD0005", "Softmax over one unit",
        "{0} layer {1} applies {2} over a single unit, whose output is then always {3} and passes no gradient; for one output use sigmoid (a binary classifier) or more units");

    /// <summary>Format: {0} = the loss, {1} = the last layer's activation, {2} = what the loss requires.</summary>
    public static readonly DiagnosticDescriptor LossDoesNotFitOutput = Error(
        "FD0006", "Loss does not fit the output activation",
        "Loss {0} does not fit a {1} output: {2}");

    /// <summary>Format: {0} = the type's name.</summary>
    public static readonly DiagnosticDescriptor GenericTypeNotSupported = Error(
        "FD0007", "Generic model classes are not supported",
        "'{0}' is generic or nested in a generic type; a [Model] class must have fixed shapes and no type parameters");

    /// <summary>Format: {0} = the type given.</summary>
    public static readonly DiagnosticDescriptor UnsupportedElementType = Error(
        "FD0008", "Unsupported element type",
        "[Model] ElementType must be typeof(float) or typeof(double), but is {0}");

    /// <summary>Format: {0} = the class's name, {1} = what is wrong.</summary>
    public static readonly DiagnosticDescriptor InvalidModelClass = Error(
        "FD0009", "Model class cannot derive from FastDense.Model",
        "'{0}' {1}; the generator makes a [Model] class derive from FastDense.Model<TKernel, T>");

    /// <summary>Format: {0} = the class's name.</summary>
    public static readonly DiagnosticDescriptor LayersSplitAcrossDeclarations = Error(
        "FD0010", "Layers split across partial declarations",
        "The layers of '{0}' are spread over several partial declarations, so their order is undefined: declare them all on one");

    /// <summary>Format: {0} = the enum's name, {1} = the value given.</summary>
    public static readonly DiagnosticDescriptor UndefinedEnumValue = Error(
        "FD0011", "Undefined activation or loss",
        "{1} is not a defined {0} value");

    /// <summary>Format: {0} = the class's name.</summary>
    public static readonly DiagnosticDescriptor DenseWithoutModel = Error(
        "FD0012", "Dense layers without a model",
        "'{0}' has [Dense] layers but no [Model]: add [Model(Inputs = ..., Loss = ...)] to one of its declarations");

    /// <summary>Format: {0} = the class's name, {1} = every Loss member, written as code.</summary>
    public static readonly DiagnosticDescriptor LossNotSet = Error(
        "FD0013", "Model loss not set",
        "[Model] on '{0}' does not set Loss; like Keras's compile(loss=...), it needs one: {1}");
    /// <summary>Format: {0} = the layer's position, {1} = the rate given.</summary>
    public static readonly DiagnosticDescriptor DropoutRateOutOfRange = Error(
        "FD0014", "Dropout rate out of range",
        "Layer {0}: a Dropout rate must be at least 0 and less than 1, but is {1}");
    /// <summary>Format: {0} = the layer's kind, {1} = its position, {2} = a hint for the layers that only apply an activation, or nothing.</summary>
    public static readonly DiagnosticDescriptor LayerCannotBeOutput = Error(
        "FD0015", "Layer cannot be the model's output",
        "Layer {1}: the {0} layer cannot be the model's last layer; the output must be a Dense layer, which the loss reads{2}");
    /// <summary>Format: {0} = the name given, {1} = every known name.</summary>
    public static readonly DiagnosticDescriptor UnknownMetric = Error(
        "FD0016", "Unknown metric",
        "'{0}' is not a metric FastDense knows; known names: {1}");
    /// <summary>Format: {0} = the metric's name, {1} = what is wrong.</summary>
    public static readonly DiagnosticDescriptor MetricDoesNotFit = Error(
        "FD0017", "Metric does not fit the model",
        "Metric '{0}' {1}");
    /// <summary>Format: {0} = the layer's position, {1} = what is wrong.</summary>
    public static readonly DiagnosticDescriptor NormalizationArgumentsInvalid = Error(
        "FD0018", "Normalization arguments invalid",
        "Layer {0}: Normalization {1}");
    /// <summary>Format: {0} = the layer's position, {1} = the argument, {2} = what it must be, {3} = the value given.</summary>
    public static readonly DiagnosticDescriptor BatchNormalizationArgumentOutOfRange = Error(
        "FD0019", "BatchNormalization argument out of range",
        "Layer {0}: BatchNormalization {1} must be {2}, but is {3}");
    /// <summary>Format: {0} = the layer's position, {1} = the layer's kind, {2} = the argument, {3} = what it must be, {4} = the value given.</summary>
    public static readonly DiagnosticDescriptor LayerArgumentOutOfRange = Error(
        "FD0020", "Layer argument out of range",
        "Layer {0}: {1} {2} must be {3}, but is {4}");
    /// <summary>Format: {0} = the layer's kind, {1} = its position, {2} = what is wrong.</summary>
    public static readonly DiagnosticDescriptor InitializerArgumentInvalid = Error(
        "FD0021", "Initializer argument invalid",
        "{0} layer {1}: {2}");

    /// <summary>Format: {0} = the argument's name (<c>Delta</c>), {1} = what is wrong.</summary>
    public static readonly DiagnosticDescriptor LossArgumentInvalid = Error(
        "FD0022", "Loss argument invalid",
        "[Model] {0} {1}");
    /// <summary>Format: {0} = the layer's kind (<c>Dense</c> or <c>Activation</c>), {1} = its position, {2} = what is wrong.</summary>
    public static readonly DiagnosticDescriptor ActivationArgumentInvalid = Error(
        "FD0023", "Activation argument invalid",
        "{0} layer {1}: {2}");
    /// <summary>Format: {0} = the layer's kind, {1} = its position, {2} = what is wrong.</summary>
    public static readonly DiagnosticDescriptor ConstraintArgumentInvalid = Error(
        "FD0025", "Constraint argument invalid",
        "{0} layer {1}: {2}");
    /// <summary>Format: {0} = the layer's position, {1} = the layer's kind (<c>Dropout</c>, <c>AlphaDropout</c>), {2} = what is wrong.</summary>
    public static readonly DiagnosticDescriptor DropoutNoiseShapeInvalid = Error(
        "FD0026", "Dropout noise shape invalid",
        "Layer {0}: {1} NoiseShape {2}");
    /// <summary>Format: {0} = the layer's index, {1} = the units given (odd).</summary>
    public static readonly DiagnosticDescriptor GluOddUnits = Error(
        "FD0027", "Glu over an odd number of units",
        "Dense layer {0} applies glu over {1} units: glu splits each row into two equal halves (the first gated by the sigmoid of the second, the output units / 2 wide), so its units must be even");
    /// <summary>Format: {0} = the layer's kind, {1} = its position, {2} = the argument, {3} = the tensor, {4} = the argument that removes it (<c>Scale = false</c>).</summary>
    public static readonly DiagnosticDescriptor ArgumentOfAbsentTensor = Error(
        "FD0028", "Argument of a tensor the layer does not have",
        "{0} layer {1}: {2} is an argument of {3}, which the layer does not have with {4}");
}
