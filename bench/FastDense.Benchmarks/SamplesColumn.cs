using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Mathematics;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FastDense.Benchmarks;

/// <summary>
/// Throughput columns from the mean time of one call and the samples it processes, as Sep adds MB/s and ns/row:
/// <c>samples/s</c> (higher is better) and <c>ns/sample</c> (lower is better). The samples per call are the method's
/// <see cref="SamplesPerOperationAttribute"/>, or else the suite's <c>BatchSize</c> or <c>Rows</c> parameter (ThreadCrossoverBench, PredictCrossoverBench).
/// They let rows that process different numbers of samples (one digit, a batch, an epoch) be compared per sample.
/// </summary>
public sealed class SamplesColumn : IColumn
{
    private const string BatchSizeParameter = "BatchSize";
    private const string RowsParameter = "Rows";
    private readonly Func<int, Statistics, string> _format;

    private SamplesColumn(string columnName, string legend, int priority, Func<int, Statistics, string> format)
    {
        ColumnName = columnName;
        Legend = legend;
        PriorityInCategory = priority;
        _format = format;
    }

    /// <summary>Samples per second: samples / mean time.</summary>
    public static IColumn PerSecond { get; } = new SamplesColumn(
        "samples/s", "Samples processed per second (samples per call, or BatchSize, / Mean)", 1,
        static (samples, s) => (samples / (s.Mean / 1e9)).ToString("N0", CultureInfo.InvariantCulture)); // Mean is always in ns

    /// <summary>Nanoseconds per sample: mean time / samples.</summary>
    public static IColumn NanosecondsPerSample { get; } = new SamplesColumn(
        "ns/sample", "Mean time per sample in nanoseconds (Mean / samples per call, or BatchSize)", 2,
        static (samples, s) => (s.Mean / samples).ToString("N1", CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public string Id => nameof(SamplesColumn) + "." + ColumnName;

    /// <inheritdoc />
    public string ColumnName { get; }

    /// <inheritdoc />
    public string Legend { get; }

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory { get; }

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless; // the unit is in the name; Time would make BDN append its own

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        int? samples = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<SamplesPerOperationAttribute>()?.Samples
            ?? benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name is BatchSizeParameter or RowsParameter)?.Value as int?;
        Statistics? statistics = summary[benchmarkCase]?.ResultStatistics;
        return samples is int n && statistics is not null ? _format(n, statistics) : "n/a";
    }

    /// <inheritdoc />
    public override string ToString() => ColumnName;
}
