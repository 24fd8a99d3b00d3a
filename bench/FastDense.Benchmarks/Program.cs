// FastDense's BenchmarkDotNet suites; how to run them and where results go: bench/README.md.
//   dotnet run -c Release --project bench/FastDense.Benchmarks -- --filter '*'
// Every BenchmarkDotNet option works after `--` (--filter '*TrainStep*', --job short, --list flat, ...).
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using FastDense.Benchmarks;

// DefaultConfig already exports GitHub markdown (BenchmarkDotNet.Artifacts/results/*-report-github.md);
// the two throughput columns are FastDense's (SamplesColumn.cs).
IConfig config = DefaultConfig.Instance
    .AddColumn(SamplesColumn.PerSecond, SamplesColumn.NanosecondsPerSample);

IEnumerable<Summary> summaries = BenchmarkSwitcher.FromAssembly(typeof(DigitsNet).Assembly).Run(args, config);

// Exit non-zero when a benchmark failed (e.g. TrainStepBench's same-math check threw), so scripts notice.
bool failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
return failed ? 1 : 0;
