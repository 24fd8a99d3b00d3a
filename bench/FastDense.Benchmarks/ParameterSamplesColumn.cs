using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Mathematics;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FastDense.Benchmarks;

/// <summary>
/// The <c>samples/s</c> and <c>ns/sample</c> columns of <see cref="SamplesColumn"/>, same names and formats, for a
/// suite whose samples per call is one of its <c>[Params]</c> (e.g. <c>BatchSize</c>) rather than a constant
/// <see cref="SamplesPerOperationAttribute"/>. A suite that uses them hides the global <see cref="SamplesColumn"/>s
/// (which would read <c>n/a</c>) by their Id; see <see cref="ThreadCrossoverBench"/>.
/// </summary>
public sealed class ParameterSamplesColumn : IColumn
{
    private readonly string _parameter;
    private readonly Func<int, Statistics, string> _format;

    private ParameterSamplesColumn(string parameter, string columnName, string legend, int priority, Func<int, Statistics, string> format)
    {
        _parameter = parameter;
        ColumnName = columnName;
        Legend = legend;
        PriorityInCategory = priority;
        _format = format;
    }

    /// <summary>Samples per second: the parameter's value / mean time.</summary>
    public static IColumn PerSecond(string parameter) => new ParameterSamplesColumn(
        parameter, "samples/s", $"Samples processed per second ({parameter} / Mean)", 1,
        static (samples, s) => (samples / (s.Mean / 1e9)).ToString("N0", CultureInfo.InvariantCulture)); // Mean is always in ns

    /// <summary>Nanoseconds per sample: mean time / the parameter's value.</summary>
    public static IColumn NanosecondsPerSample(string parameter) => new ParameterSamplesColumn(
        parameter, "ns/sample", $"Mean time per sample in nanoseconds (Mean / {parameter})", 2,
        static (samples, s) => (s.Mean / samples).ToString("N1", CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public string Id => nameof(ParameterSamplesColumn) + "." + ColumnName;

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
        object? samples = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == _parameter)?.Value;
        Statistics? statistics = summary[benchmarkCase]?.ResultStatistics;
        return samples is int n && statistics is not null ? _format(n, statistics) : "n/a";
    }

    /// <inheritdoc />
    public override string ToString() => ColumnName;
}
