namespace FastDense.Generators;

/// <summary>The fully qualified runtime names generated code uses, kept in one place.</summary>
internal static class RuntimeNames
{
    public const string Internals = "global::FastDense.__Internals";
    public const string Dense = Internals + ".Dense";
    public const string Dropout = Internals + ".Dropout";
    public const string Normalization = Internals + ".Normalization";
    public const string BatchNormalization = Internals + ".BatchNormalization";
    public const string LayerNormalization = Internals + ".LayerNormalization";
    public const string GaussianNoise = Internals + ".GaussianNoise";
    public const string ActivationLayer = Internals + ".ActivationLayer";
    public const string PRelu = Internals + ".PRelu";
    public const string AlphaDropout = Internals + ".AlphaDropout";

    public const string LossesType = Internals + ".Losses";
    public const string Regularizers = Internals + ".Regularizers";
    public const string Constraints = Internals + ".Constraints";
    public const string Initializers = Internals + ".Initializers";
    public const string SeededRandom = Internals + ".SeededRandom";
    public const string ModelBase = "global::FastDense.Model";
    public const string KernelInterface = "global::FastDense.IModelKernel";
    public const string ForwardMode = "global::FastDense.ForwardMode";
    public const string LossEnum = "global::FastDense.Loss";
    public const string LossArgumentsType = "global::FastDense.LossArguments";
    public const string ActivationEnum = "global::FastDense.Activation";
    public const string InitializerEnum = "global::FastDense.Initializer";
    public const string OrthogonalModeEnum = "global::FastDense.OrthogonalRegularizerMode";
    public const string LayerKindEnum = "global::FastDense.LayerKind";
    public const string ModelDescription = "global::FastDense.ModelDescription";
    public const string LayerDescription = "global::FastDense.LayerDescription";
    public const string TensorDescription = "global::FastDense.TensorDescription";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan";
    public const string Span = "global::System.Span";
}
