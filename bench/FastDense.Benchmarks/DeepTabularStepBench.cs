using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace FastDense.Benchmarks;

// What (workload W4, keras-team/keras issue 19953): one training step of the deep tabular MLP (DeepTabularNet.cs:
//   4 -> 10 × (Dense(128, relu), Dropout(0.1)) -> Dense(1, sigmoid), binary cross-entropy with label smoothing 0.05,
//   Adam) on a batch of 500 rows, with the AUC metric, as Fit runs each of its batches:
//   model.CreateTrainer(500, threads).TrainStep (forward with Dropout's masks drawn, loss, backward, Adam), then
//   Auc.Update over the batch's 500 outputs and Auc.Result (Fit reads every metric's result after each batch).
//   OneThread  (Baseline) CreateTrainer(500, threads: 1).
//   TwoThreads CreateTrainer(500, threads: 2): 2 shards of 250 rows, gradients combined, Adam split by ranges.
//   (Threads are rows, not a [Params], so that Ratio compares them; setup checks the trainer uses what the row says.)
// The AUC update reads the batch's predictions taken once in setup (Predict, Dropout off): the trainer's own outputs
//   are internal, and the update's cost (one bucket per output, 200 thresholds) does not depend on the values.
// Data: one fixed batch, the first 500 rows of the synthetic W4 data (DeepTabularData.cs). Samples = 500 per call.
// Arithmetic: DeepTabularNet.FlopsPerRow = 887,552 dense-equivalent flops per row, 443,776,000 per step, so
//   GFLOP/s = 443,776,000 / Mean in ns (the GFLOP/s column).
// Every 256 calls the weights are restored (a 0.6 MB copy) and the AUC reset, so the step stays one of early
//   training. Compare ratios, not absolute times; the second thread is only free on an idle machine.
[MemoryDiagnoser]
[Config(typeof(Config))]
public class DeepTabularStepBench
{
    private const int BatchSize = DeepTabularNet.BatchSize;
    private const int RestoreEvery = 256;

    private static readonly ConcurrentDictionary<int, int> s_usedThreads = new();

    private float[] _x = null!, _y = null!, _initial = null!, _outputs = null!;
    private DeepTabularNet _model = null!;
    private Trainer<DeepTabularNet.Kernel, float> _trainer = null!;
    private Auc _auc = null!;
    private int _steps;

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
    [SamplesPerOperation(BatchSize)]
    public double OneThread() => Step();

    /// <summary>The step split over two threads.</summary>
    [Benchmark]
    [SamplesPerOperation(BatchSize)]
    public double TwoThreads() => Step();

    private double Step()
    {
        if (++_steps % RestoreEvery == 0)
        {
            _initial.CopyTo(_model.Parameters);
            _auc.Reset();
        }
        double loss = _trainer.TrainStep(_x, _y, BatchSize).LossSum;
        _auc.Update<float>(_y, _outputs, BatchSize, DeepTabularNet.OutputSize);
        return loss + _auc.Result();
    }

    private void Setup(int threads)
    {
        DeepTabularData data = DeepTabularData.Instance;
        _x = data.X.AsSpan(0, BatchSize * DeepTabularNet.InputSize).ToArray();
        _y = data.Y.AsSpan(0, BatchSize * DeepTabularNet.OutputSize).ToArray();
        _model = new DeepTabularNet(seed: 0);
        _initial = _model.Parameters.ToArray();
        _outputs = _model.Predict(_x);
        _auc = new Auc();
        _trainer = _model.CreateTrainer(BatchSize, threads);
        if (_trainer.Threads != threads)
        {
            throw new InvalidOperationException(
                $"CreateTrainer({BatchSize}, {threads}) uses {_trainer.Threads} thread(s): the row would not measure what its name says (Trainer.MinRowsPerShard changed?).");
        }

        // Adam's state and the AUC's buckets are allocated by the first step, so measured calls allocate nothing.
        Step();
        _initial.CopyTo(_model.Parameters);
        _auc.Reset();
        _steps = 0;
    }

    /// <summary>Trainer.Threads of the row's trainer, built as its GlobalSetup builds it.</summary>
    internal static int UsedThreads(BenchmarkCase benchmarkCase)
    {
        int threads = benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(TwoThreads) ? 2 : 1;
        return s_usedThreads.GetOrAdd(threads, static t =>
        {
            using Trainer<DeepTabularNet.Kernel, float> trainer = new DeepTabularNet(seed: 0).CreateTrainer(BatchSize, t);
            return trainer.Threads;
        });
    }

    /// <summary>The threads each row's trainer uses, and the dense-equivalent GFLOP/s.</summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new TrainerThreadsColumn(UsedThreads));
            AddColumn(new DeepTabularGflopsColumn(DeepTabularNet.FlopsPerRow));
        }
    }
}
