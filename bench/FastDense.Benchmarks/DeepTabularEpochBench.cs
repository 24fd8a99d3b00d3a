using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace FastDense.Benchmarks;

// What (workload W4, keras-team/keras issue 19953): one epoch of model.Fit over the 250,000 synthetic rows
//   (DeepTabularData.cs) on the deep tabular MLP (DeepTabularNet.cs), as the fit runs each epoch: shuffled
//   batches of 500 (500 steps), Dropout(0.1) after each of the 10 hidden layers, binary cross-entropy with label
//   smoothing 0.05, Adam, the AUC metric updated and read after every batch (the model declares Metrics = "auc"),
//   silent (Verbose = 0), no validation.
//   OneThread  (Baseline) Fit(new FitOptions { Epochs = 1, BatchSize = 500, Verbose = 0, Threads = 1 }).
//   TwoThreads the same with Threads = 2: every batch split into 2 shards of 250 rows.
// Everything Fit does is included: checking the 1.25 M values for NaN, building its trainer (and, for 2 threads,
//   starting and stopping its worker) and History, gathering the shuffled rows, the steps, the AUC.
// Samples = 250,000 rows per call. GFLOP/s = 250,000 · 887,552 / Mean in ns = 221,888,000,000 / Mean in ns.
// Each call first restores the initial weights (0.6 MB) so every call trains from the same start; Adam's moments
//   carry over between calls, as they do between Keras fit calls.
// A call takes seconds, so this suite's own job is 1 launch, 1 warm-up and 5 measured iterations; it is marked as the
//   default job, so a --job given on the command line (dry, short) replaces it. Compare ratios, not absolute times.
[MemoryDiagnoser]
[Config(typeof(Config))]
public class DeepTabularEpochBench
{
    private FitOptions _options = null!;
    private float[] _x = null!, _y = null!, _initial = null!;
    private DeepTabularNet _model = null!;

    /// <summary>Generates the data and creates the model, for one thread.</summary>
    [GlobalSetup(Target = nameof(OneThread))]
    public void SetupOneThread() => Setup(threads: 1);

    /// <summary>Generates the data and creates the model, for two threads.</summary>
    [GlobalSetup(Target = nameof(TwoThreads))]
    public void SetupTwoThreads() => Setup(threads: 2);

    /// <summary>The baseline: one epoch on one thread.</summary>
    [Benchmark(Baseline = true)]
    [SamplesPerOperation(DeepTabularData.Rows)]
    public History OneThread() => Epoch();

    /// <summary>One epoch with every step split over two threads.</summary>
    [Benchmark]
    [SamplesPerOperation(DeepTabularData.Rows)]
    public History TwoThreads() => Epoch();

    private History Epoch()
    {
        _initial.CopyTo(_model.Parameters);
        return _model.Fit(_x, _y, _options);
    }

    private void Setup(int threads)
    {
        DeepTabularData data = DeepTabularData.Instance;
        _x = data.X;
        _y = data.Y;
        _model = new DeepTabularNet(seed: 0);
        _initial = _model.Parameters.ToArray();
        _options = new FitOptions { Epochs = 1, BatchSize = DeepTabularNet.BatchSize, Verbose = 0, Threads = threads };
        using Trainer<DeepTabularNet.Kernel, float> probe = new DeepTabularNet(seed: 0).CreateTrainer(DeepTabularNet.BatchSize, threads);
        if (probe.Threads != threads)
        {
            throw new InvalidOperationException(
                $"A trainer for batches of {DeepTabularNet.BatchSize} asked for {threads} thread(s) uses {probe.Threads}: the row would not measure what its name says.");
        }
    }

    /// <summary>Few iterations unless the command line names a job; the threads used and GFLOP/s columns.</summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithId("Epochs").AsDefault());
            AddColumn(new TrainerThreadsColumn(DeepTabularStepBench.UsedThreads));
            AddColumn(new DeepTabularGflopsColumn(DeepTabularNet.FlopsPerRow));
        }
    }
}
