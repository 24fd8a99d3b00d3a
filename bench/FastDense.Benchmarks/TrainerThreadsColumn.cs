using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FastDense.Benchmarks;

/// <summary>
/// <c>threads used</c>: how many threads the row's trainer really splits a full batch over, i.e.
/// <c>Trainer.Threads</c>, which is below the threads asked for when the batch is under
/// 2 · <c>Trainer.MinRowsPerShard</c> rows. The suite answers by building the row's trainer in the host process and
/// reading it (<paramref name="usedThreads"/>), so the column reports FastDense's own choice, not a copy of it.
/// </summary>
public sealed class TrainerThreadsColumn(Func<BenchmarkCase, int> usedThreads) : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(TrainerThreadsColumn);

    /// <inheritdoc />
    public string ColumnName => "threads used";

    /// <inheritdoc />
    public string Legend => "Threads the trainer splits a full batch over (Trainer.Threads; 1 below 2 x Trainer.MinRowsPerShard rows)";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => usedThreads(benchmarkCase).ToString();

    /// <inheritdoc />
    public override string ToString() => ColumnName;
}
