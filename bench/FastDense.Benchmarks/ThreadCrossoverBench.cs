using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using FastDense.Data;

namespace FastDense.Benchmarks;

// What: where splitting a training step over 2 threads starts to pay, the measurement behind Trainer.MinRowsPerShard.
//   One TrainStep (forward, loss, backward, Adam) of 256 -> Dense(256, relu) -> Dense(10, softmax) (CrossoverNet.cs,
//   408,576 flops per row) at batch sizes 16 to 128, through model.CreateTrainer(BatchSize, threads).TrainStep.
//   OneThread  (Baseline) CreateTrainer(BatchSize, threads: 1).
//   TwoThreads CreateTrainer(BatchSize, threads: 2). Ratio = 2-thread time / 1-thread time at the same batch size.
// Two jobs: "Auto" lets the trainer decide (it splits only when rows >= 2 · MinRowsPerShard, i.e. from 128 rows up
//   with the default 64); "ForcedSplit" sets FASTDENSE_MIN_ROWS_PER_SHARD=1 in the benchmark's process, so TwoThreads
//   splits at every size. ForcedSplit's Ratio column is the measurement: where it drops below 1, splitting pays, and
//   MinRowsPerShard should sit at half that batch size. The "threads used"
//   column is Trainer.Threads of a trainer built in the host process (for ForcedSplit: the threads asked for).
// Data: one fixed synthetic batch, pixels uniform in [0, 1) and random one-hot labels (seed 1); the arithmetic does
//   not depend on the values. Samples = BatchSize rows per call; ns/sample is the time per row.
// Every 256 calls the weights are restored to their initial values (a 273 KB copy), so the step stays a step of early
//   training. Compare ratios, not absolute times; the second thread is only free on an idle machine.
[MemoryDiagnoser]
[Config(typeof(Config))]
public class ThreadCrossoverBench
{
    private const int RestoreEvery = 256;
    private const string ForceVariable = "FASTDENSE_MIN_ROWS_PER_SHARD";

    private static readonly ConcurrentDictionary<(int BatchSize, int Threads), int> s_usedThreads = new();

    private float[] _x = null!, _y = null!, _initial = null!;
    private CrossoverNet _model = null!;
    private Trainer<CrossoverNet.Kernel, float> _trainer = null!;
    private int _steps;

    /// <summary>Rows per step, on both sides of the trainer's crossover (2 · MinRowsPerShard = 128 rows).</summary>
    [Params(16, 32, 64, 96, 128)]
    public int BatchSize { get; set; }

    /// <summary>Builds the batch and the one-thread trainer.</summary>
    [GlobalSetup(Target = nameof(OneThread))]
    public void SetupOneThread() => Setup(threads: 1);

    /// <summary>Builds the batch and the two-thread trainer.</summary>
    [GlobalSetup(Target = nameof(TwoThreads))]
    public void SetupTwoThreads() => Setup(threads: 2);

    /// <summary>Stops the trainer's worker thread, if any.</summary>
    [GlobalCleanup]
    public void Cleanup() => _trainer.Dispose();

    /// <summary>The baseline: the step on one thread.</summary>
    [Benchmark(Baseline = true)]
    public double OneThread() => Step();

    /// <summary>The step with 2 threads allowed: split from 128 rows up (every size under ForcedSplit).</summary>
    [Benchmark]
    public double TwoThreads() => Step();

    private double Step()
    {
        if (++_steps % RestoreEvery == 0) _initial.CopyTo(_model.Parameters);
        return _trainer.TrainStep(_x, _y, BatchSize).LossSum;
    }

    private void Setup(int threads)
    {
        var random = new Random(1);
        _x = new float[BatchSize * CrossoverNet.InputSize];
        for (int i = 0; i < _x.Length; i++) _x[i] = random.NextSingle();
        _y = OneHot.Encode(Enumerable.Range(0, BatchSize).Select(_ => random.Next(CrossoverNet.OutputSize)).ToArray(), CrossoverNet.OutputSize);
        _model = new CrossoverNet(seed: 0);
        _initial = _model.Parameters.ToArray();
        _trainer = _model.CreateTrainer(BatchSize, threads);

        // Adam's state is allocated by the first step, so measured calls allocate nothing; then back to the start.
        _trainer.TrainStep(_x, _y, BatchSize);
        _initial.CopyTo(_model.Parameters);
    }

    /// <summary>Trainer.Threads of the row's trainer, built the way its GlobalSetup builds it.</summary>
    private static int UsedThreads(BenchmarkCase benchmarkCase)
    {
        int batchSize = (int)benchmarkCase.Parameters[nameof(BatchSize)];
        int threads = benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(TwoThreads) ? 2 : 1;
        if (benchmarkCase.Job.Environment.EnvironmentVariables?.Any(v => v.Key == ForceVariable) == true) return threads;
        return s_usedThreads.GetOrAdd((batchSize, threads), static key =>
        {
            using Trainer<CrossoverNet.Kernel, float> trainer = new CrossoverNet(seed: 0).CreateTrainer(key.BatchSize, key.Threads);
            return trainer.Threads;
        });
    }

    /// <summary>
    /// The two jobs (the trainer's own choice, and a forced split), and a column with the threads the trainer really
    /// uses. samples/s and ns/sample read the BatchSize parameter (SamplesColumn).
    /// </summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithId("Auto"));
            AddJob(Job.Default.WithEnvironmentVariable(ForceVariable, "1").WithId("ForcedSplit"));
            AddColumn(new TrainerThreadsColumn(UsedThreads));
        }
    }
}
