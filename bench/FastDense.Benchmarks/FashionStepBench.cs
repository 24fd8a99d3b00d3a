using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace FastDense.Benchmarks;

// What (workload W2): one training step of the Fashion-MNIST classifier (784 -> Dense(256, relu) -> Dense(128, relu)
//   -> Dense(10, softmax), categorical cross-entropy, Adam with Keras's defaults): forward, loss and accuracy,
//   backward, Adam update, through model.CreateTrainer(128, threads).TrainStep(x, y, 128).
//   OneThread  (Baseline) CreateTrainer(128, threads: 1): the step on the calling thread.
//   TwoThreads CreateTrainer(128, threads: 2): the batch split into 2 shards of 64 rows, one on the calling thread and
//              one on the trainer's worker, gradients combined in shard order, then Adam on the calling thread.
//              Its Ratio is the 2-thread time over the 1-thread time (0.5 would be a perfect split).
//   (The thread count is a row, not a [Params], so that the Ratio column compares the two: BenchmarkDotNet has no
//   baseline over a parameter's values.) GlobalSetup checks that the trainer really uses the threads the row names.
// Data: one fixed batch, the first 128 rows of the real Fashion-MNIST training set, pixels in [0, 1] (FashionData.cs).
// Batch size 128; samples = 128 rows per call.
// Arithmetic (dense): 2 · (784·256 + 256·128 + 128·10) · 128 multiply-adds × 2 for x·K forward and xᵀ·d, plus
//   2 · (256·128 + 128·10) · 128 × 2 for d·Kᵀ of the two upper layers (the first layer's input gradient is never
//   computed) = 128,909,312 flops per step, so dense-equivalent GFLOP/s = 128,909,312 / Mean in ns, to be read
//   against the machine's FMA peak (PeakFmaBench). Adam's 235,146-parameter pass and the softmax are
//   not counted. With zero-skipping (the default on AVX-512) fewer flops are done than counted: pixels that are 0
//   and relu outputs that are 0 are skipped in x·K and xᵀ·d, and the zeros of a relu layer's delta in d·Kᵀ.
// Jobs: Default, and DenseOnly (FASTDENSE_ZERO_SKIPPING=0: every product dense), so one table shows what skipping
//   zeros gains; each job runs in its own process, as every BenchmarkDotNet job does.
// Every 256 calls the weights are restored to their initial values (a 0.94 MB copy, well under 0.1 % of 256 steps),
//   so that the measured step stays a step of early training instead of a model that has memorized its one batch.
// Compare ratios, not absolute times: the ratio of the two rows is measured on one machine, while absolute times
//   depend on the CPU and on whatever else the machine is doing. The second thread is only free on an idle machine.
[MemoryDiagnoser]
[Config(typeof(Config))]
public class FashionStepBench
{
    /// <summary>Rows per step.</summary>
    public const int BatchSize = 128;

    private const int RestoreEvery = 256;

    private float[] _x = null!, _y = null!, _initial = null!;
    private FashionNet _model = null!;
    private Trainer<FashionNet.Kernel, float> _trainer = null!;
    private int _steps;

    /// <summary>Loads the batch and builds the one-thread trainer.</summary>
    [GlobalSetup(Target = nameof(OneThread))]
    public void SetupOneThread() => Setup(threads: 1);

    /// <summary>Loads the batch and builds the two-thread trainer.</summary>
    [GlobalSetup(Target = nameof(TwoThreads))]
    public void SetupTwoThreads() => Setup(threads: 2);

    /// <summary>Stops the trainer's worker thread, if any.</summary>
    [GlobalCleanup]
    public void Cleanup() => _trainer.Dispose();

    /// <summary>The baseline: the step on one thread.</summary>
    [Benchmark(Baseline = true)]
    [SamplesPerOperation(BatchSize)]
    public double OneThread() => Step();

    /// <summary>The step split over two threads.</summary>
    [Benchmark]
    [SamplesPerOperation(BatchSize)]
    public double TwoThreads() => Step();

    private double Step()
    {
        if (++_steps % RestoreEvery == 0) _initial.CopyTo(_model.Parameters);
        return _trainer.TrainStep(_x, _y, BatchSize).LossSum;
    }

    private void Setup(int threads)
    {
        FashionData data = FashionData.Instance;
        _x = data.X.AsSpan(0, BatchSize * FashionNet.InputSize).ToArray();
        _y = data.Y.AsSpan(0, BatchSize * FashionNet.OutputSize).ToArray();
        _model = new FashionNet(seed: 0);
        _initial = _model.Parameters.ToArray();
        _trainer = _model.CreateTrainer(BatchSize, threads);
        if (_trainer.Threads != threads)
        {
            throw new InvalidOperationException(
                $"CreateTrainer({BatchSize}, {threads}) uses {_trainer.Threads} thread(s): the row would not measure what its name says (Trainer.MinRowsPerShard changed?).");
        }

        // Adam's state is allocated by the first step, so measured calls allocate nothing; then back to the start.
        _trainer.TrainStep(_x, _y, BatchSize);
        _initial.CopyTo(_model.Parameters);
    }

    /// <summary>The default job and the same step with zero-skipping switched off.</summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithId("Default"));
            AddJob(Job.Default.WithEnvironmentVariable("FASTDENSE_ZERO_SKIPPING", "0").WithId("DenseOnly"));
        }
    }
}
