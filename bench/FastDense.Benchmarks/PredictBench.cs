using BenchmarkDotNet.Attributes;

namespace FastDense.Benchmarks;

// What: model.Predict on the digits model after the lesson's training (10 epochs in GlobalSetup), forward only.
//   PredictOne       (Baseline) Predict(ReadOnlySpan<float>, Span<float>): one digit into a caller-owned span of 10.
//                    Must show Allocated 0 (the workspace is allocated by the first call, in GlobalSetup).
//   PredictAll       the same overload over all 1797 digits into a caller-owned (1797, 10) span, in 18 forward passes
//                    (16 blocks of 112-116 rows, the last two cut into four: Inference/BulkPredict.BlockCount).
//   PredictAllTwoThreads  the same with threads: 2: the 18 blocks shared between the calling thread and
//                    a process-wide helper thread (Inference/HelperThreads.cs). Back-to-back calls find the helper
//                    still spinning (it spins 0.5 ms after its work), as a predict loop would. Allocated must read 0.
//   PredictAllArray  Predict(float[]) as Keras's predict(x): checks x, then returns a new (1797, 10) array: Allocated 71,904 B = 71,880 B of floats + the array header.
// Batch: 1 row, then 1797 rows (in forward passes of at most 128); threads: 1 unless the name says 2; samples = rows predicted.
// PredictAll's Ratio is large because it does 1797 times the work; compare per sample with ns/sample.
// Compare ratios, not absolute times: absolute times depend on the CPU and on what else the machine is doing.
[MemoryDiagnoser]
public class PredictBench
{
    private float[] _one = null!, _oneOutput = null!, _all = null!, _allOutput = null!;
    private DigitsNet _model = null!;

    /// <summary>Trains the model as the lesson does, then warms both overloads.</summary>
    [GlobalSetup]
    public void Setup()
    {
        DigitsData data = DigitsData.Instance;
        _model = new DigitsNet(seed: 0);
        _model.Fit(data.XTrain, data.YTrain, new FitOptions { Epochs = 10, BatchSize = 32, ValidationSplit = DigitsData.ValidationSplit, Verbose = 0 });
        _all = data.X;
        _allOutput = new float[DigitsData.Rows * DigitsNet.OutputSize];
        _one = _all.AsSpan(0, DigitsNet.InputSize).ToArray();
        _oneOutput = new float[DigitsNet.OutputSize];
        _model.Predict(_one, _oneOutput);
        _model.Predict(_all, _allOutput);
        _model.Predict(_all, _allOutput, threads: 2);
    }

    /// <summary>One digit into a caller span.</summary>
    [Benchmark(Baseline = true)]
    [SamplesPerOperation(1)]
    public void PredictOne() => _model.Predict(_one, _oneOutput);

    /// <summary>All 1797 digits into a caller span.</summary>
    [Benchmark]
    [SamplesPerOperation(DigitsData.Rows)]
    public void PredictAll() => _model.Predict(_all, _allOutput);

    /// <summary>All 1797 digits into a caller span, on two threads.</summary>
    [Benchmark]
    [SamplesPerOperation(DigitsData.Rows)]
    public void PredictAllTwoThreads() => _model.Predict(_all, _allOutput, threads: 2);

    /// <summary>All 1797 digits into a new array (Keras's <c>predict(x)</c>).</summary>
    [Benchmark]
    [SamplesPerOperation(DigitsData.Rows)]
    public float[] PredictAllArray() => _model.Predict(_all);
}
