using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FastDense.Benchmarks;

/// <summary>
/// <c>GFLOP/s</c>: the dense-equivalent rate of a training row, <c>flops per sample × samples per call / Mean</c>, with
/// the samples per call from the method's <see cref="SamplesPerOperationAttribute"/> (as <see cref="SamplesColumn"/>
/// reads them) and the flops per sample given by the suite (W4: <see cref="DeepTabularNet.FlopsPerRow"/>). Products
/// that skip zeros do fewer flops than counted, so the rate can exceed what the arithmetic units did.
/// </summary>
public sealed class DeepTabularGflopsColumn(long flopsPerSample) : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(DeepTabularGflopsColumn);

    /// <inheritdoc />
    public string ColumnName => "GFLOP/s";

    /// <inheritdoc />
    public string Legend => $"Dense-equivalent GFLOP/s: {flopsPerSample:N0} flops per sample x samples per call / Mean";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 3; // after samples/s and ns/sample

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless; // the unit is in the name, as in SamplesColumn

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        int? samples = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<SamplesPerOperationAttribute>()?.Samples;
        double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        // flops / ns = GFLOP/s.
        return samples is int n && meanNanoseconds is double mean
            ? (flopsPerSample * (double)n / mean).ToString("N1", CultureInfo.InvariantCulture)
            : "n/a";
    }

    /// <inheritdoc />
    public override string ToString() => ColumnName;
}
