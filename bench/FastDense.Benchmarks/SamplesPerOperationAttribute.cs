namespace FastDense.Benchmarks;

/// <summary>
/// How many samples (data rows) one call of a benchmark method processes: the denominator of the
/// <c>samples/s</c> and <c>ns/sample</c> columns (<see cref="SamplesColumn"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SamplesPerOperationAttribute(int samples) : Attribute
{
    /// <summary>Samples per call.</summary>
    public int Samples { get; } = samples;
}
