using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace FastDense.Benchmarks;

// What: where sharing a bulk predict with a helper thread starts to pay, the measurement behind
//   BulkPredict.MinRowsToShare (src/FastDense/Inference/BulkPredict.cs).
//   OneThread  (Baseline) model.Predict(x, destination) over the first Rows digits (the trained W3 model).
//   TwoThreads the same with threads: 2. Ratio = 2-thread time / 1-thread time at the same row count.
// Two jobs: "Auto" lets Predict decide (it shares from MinRowsToShare rows up, 192 by default); "ForcedShare" sets
//   FASTDENSE_MIN_ROWS_TO_SHARE=1 in the benchmark's process, so TwoThreads shares whenever there are two blocks
//   (more than 128 rows). ForcedShare's Ratio column is the measurement: where it drops below 1, sharing pays.
// Back-to-back calls find the helper still spinning (it spins 0.5 ms after its work), as a predict loop would; a lone
//   call after a pause also pays the helper's wake-up. Samples = Rows; ns/sample is the time per row.
// Compare ratios, not absolute times; the second thread is only free on an idle machine.
[MemoryDiagnoser]
[Config(typeof(Config))]
public class PredictCrossoverBench
{
    private float[] _x = null!, _output = null!;
    private DigitsNet _model = null!;

    /// <summary>Rows per call: two blocks from 129 rows, six from 257 (four, the last two cut in two), eight from 513 (BulkPredict.BlockCount).</summary>
    [Params(136, 192, 256, 384, 512)]
    public int Rows { get; set; }

    /// <summary>Trains the model as the lesson does, then warms both thread counts.</summary>
    [GlobalSetup]
    public void Setup()
    {
        DigitsData data = DigitsData.Instance;
        _model = new DigitsNet(seed: 0);
        _model.Fit(data.XTrain, data.YTrain, new FitOptions { Epochs = 10, BatchSize = 32, ValidationSplit = DigitsData.ValidationSplit, Verbose = 0 });
        _x = data.X.AsSpan(0, Rows * DigitsNet.InputSize).ToArray();
        _output = new float[Rows * DigitsNet.OutputSize];
        _model.Predict(_x, _output);
        _model.Predict(_x, _output, threads: 2);
    }

    /// <summary>The baseline: one thread.</summary>
    [Benchmark(Baseline = true)]
    public void OneThread() => _model.Predict(_x, _output);

    /// <summary>Two threads allowed: shared from MinRowsToShare rows up (from two blocks under ForcedShare).</summary>
    [Benchmark]
    public void TwoThreads() => _model.Predict(_x, _output, threads: 2);

    /// <summary>The two jobs: Predict's own choice, and sharing forced wherever there are two blocks.</summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithId("Auto"));
            AddJob(Job.Default.WithEnvironmentVariable("FASTDENSE_MIN_ROWS_TO_SHARE", "1").WithId("ForcedShare"));
        }
    }
}
