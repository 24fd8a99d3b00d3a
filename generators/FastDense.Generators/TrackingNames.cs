namespace FastDense.Generators;

/// <summary>Names of the pipeline steps, so tests can assert that an unchanged compilation is fully cached.</summary>
internal static class TrackingNames
{
    public const string Parse = nameof(Parse);
    public const string Spec = nameof(Spec);
    public const string Diagnostics = nameof(Diagnostics);
    public const string DenseWithoutModel = nameof(DenseWithoutModel);
}
