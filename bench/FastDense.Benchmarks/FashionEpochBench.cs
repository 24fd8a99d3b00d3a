using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace FastDense.Benchmarks;

// What (workload W2): one epoch of model.Fit over the whole Fashion-MNIST training set (60000 rows, pixels in [0, 1],
//   one-hot labels) on the 784 -> 256 -> 128 -> 10 classifier (FashionNet.cs): silent (Verbose = 0), Adam, shuffled
//   batches of 128: 468 full batches and one of 96.
//   OneThread  (Baseline) Fit(new FitOptions { Epochs = 1, BatchSize = 128, Verbose = 0, Threads = 1 }).
//   TwoThreads the same with Threads = 2: every batch, the last one's 96 rows included, is split over 2 threads.
//   (Threads are rows, not a [Params], so that Ratio compares them; GlobalSetup checks that 2 threads are used.)
// Everything Fit does is included: checking 47 M values for NaN, building its trainer (and, for 2 threads, starting
//   and stopping its worker thread) and History, gathering the shuffled rows into batches, the steps.
//   Allocated is that per-call setup; the steps allocate nothing.
// Batch size 128; samples = 60000 rows per call. Arithmetic: 1,007,104 flops per row, dense (FashionStepBench.cs), so
//   dense-equivalent GFLOP/s = 60000 · 1,007,104 / Mean in ns = 60,426,240,000 / Mean in ns.
// Each call first restores the initial weights (a 0.94 MB copy, negligible next to an epoch) so every call trains
//   from the same start; Adam's moments carry over between calls, as they do between Keras fit calls.
// A call takes seconds, so this suite's own job (Config below) is 1 launch, 1 warm-up and 5 measured iterations of
//   one call each. It is marked as the default job, so a --job given on the command line (dry, short) replaces it
//   instead of running next to it, as a [SimpleJob] attribute would.
// Compare ratios, not absolute times: absolute times depend on the CPU and on what else the machine is doing.
[MemoryDiagnoser]
[Config(typeof(Config))]
public class FashionEpochBench
{
    /// <summary>Rows per step.</summary>
    public const int BatchSize = 128;

    private FitOptions _options = null!;
    private float[] _x = null!, _y = null!, _initial = null!;
    private FashionNet _model = null!;

    /// <summary>Loads the data set and creates the model, for one thread.</summary>
    [GlobalSetup(Target = nameof(OneThread))]
    public void SetupOneThread() => Setup(threads: 1);

    /// <summary>Loads the data set and creates the model, for two threads.</summary>
    [GlobalSetup(Target = nameof(TwoThreads))]
    public void SetupTwoThreads() => Setup(threads: 2);

    /// <summary>The baseline: one epoch on one thread.</summary>
    [Benchmark(Baseline = true)]
    [SamplesPerOperation(FashionData.Rows)]
    public History OneThread() => Epoch();

    /// <summary>One epoch with every step split over two threads.</summary>
    [Benchmark]
    [SamplesPerOperation(FashionData.Rows)]
    public History TwoThreads() => Epoch();

    private History Epoch()
    {
        _initial.CopyTo(_model.Parameters);
        return _model.Fit(_x, _y, _options);
    }

    private void Setup(int threads)
    {
        FashionData data = FashionData.Instance;
        _x = data.X;
        _y = data.Y;
        _model = new FashionNet(seed: 0);
        _initial = _model.Parameters.ToArray();
        _options = new FitOptions { Epochs = 1, BatchSize = BatchSize, Verbose = 0, Threads = threads };

        // Fit builds its trainer as CreateTrainer(128, threads) does: ask FastDense how many threads that uses.
        using (Trainer<FashionNet.Kernel, float> probe = new FashionNet(seed: 0).CreateTrainer(BatchSize, threads))
        {
            if (probe.Threads != threads)
            {
                throw new InvalidOperationException(
                    $"A trainer for batches of {BatchSize} asked for {threads} thread(s) uses {probe.Threads}: the row would not measure what its name says (Trainer.MinRowsPerShard changed?).");
            }
        }
    }

    /// <summary>Few iterations unless the command line names a job.</summary>
    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithId("Epochs").AsDefault());
    }
}
