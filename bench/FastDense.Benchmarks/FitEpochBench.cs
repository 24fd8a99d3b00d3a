using BenchmarkDotNet.Attributes;

namespace FastDense.Benchmarks;

// What: model.Fit on the digits model, as the Keras lesson calls it, silent (Verbose = 0), Adam, shuffled batches.
//   Epoch       (Baseline) Fit(Epochs = 1) on the 1149 rows the lesson trains on, no validation: 36 steps.
//   Fit10Epochs Fit(Epochs = 10, ValidationSplit = 0.2) on the lesson's 1437 training rows: 10 epochs of 1149 rows
//               plus, after each, a forward pass and loss over the 288 validation rows. Its Ratio is that work over
//               one epoch's: 10 epochs plus validation, plus whatever later epochs cost more than the first.
// Everything Fit does is included: checking the data for NaN, building its trainer and History, gathering the
//   shuffled rows into batches, the steps, validation. Allocated is that per-call setup; the steps allocate nothing.
// Batch size 32; threads: 1 (Fit runs on the calling thread); samples = training rows seen (1149 per epoch).
// Each call first restores the initial weights (a 19 KB copy, < 0.1 % of the time) so every call trains from the
//   same start; Adam's moments carry over between calls, as they do between Keras fit calls.
// Compare ratios, not absolute times: absolute times depend on the CPU and on what else the machine is doing.
[MemoryDiagnoser]
public class FitEpochBench
{
    private readonly FitOptions _oneEpoch = new() { Epochs = 1, BatchSize = 32, Verbose = 0 };
    private readonly FitOptions _tenEpochs = new() { Epochs = 10, BatchSize = 32, ValidationSplit = DigitsData.ValidationSplit, Verbose = 0 };
    private float[] _xEpoch = null!, _yEpoch = null!, _xTrain = null!, _yTrain = null!, _initial = null!;
    private DigitsNet _model = null!;

    /// <summary>Splits the data as the lesson does and creates the model.</summary>
    [GlobalSetup]
    public void Setup()
    {
        DigitsData data = DigitsData.Instance;
        _xTrain = data.XTrain;
        _yTrain = data.YTrain;
        // The rows Fit(ValidationSplit = 0.2) trains on: the first 1149 of the 1437 (Keras takes validation from the end).
        _xEpoch = _xTrain.AsSpan(0, DigitsData.FitRows * DigitsNet.InputSize).ToArray();
        _yEpoch = _yTrain.AsSpan(0, DigitsData.FitRows * DigitsNet.OutputSize).ToArray();
        _model = new DigitsNet(seed: 0);
        _initial = _model.Parameters.ToArray();
    }

    /// <summary>One epoch of Fit over the 1149 training rows.</summary>
    [Benchmark(Baseline = true)]
    [SamplesPerOperation(DigitsData.FitRows)]
    public History Epoch()
    {
        _initial.CopyTo(_model.Parameters);
        return _model.Fit(_xEpoch, _yEpoch, _oneEpoch);
    }

    /// <summary>The lesson's whole Fit: 10 epochs of 1149 rows, validating on 288 after each.</summary>
    [Benchmark]
    [SamplesPerOperation(10 * DigitsData.FitRows)]
    public History Fit10Epochs()
    {
        _initial.CopyTo(_model.Parameters);
        return _model.Fit(_xTrain, _yTrain, _tenEpochs);
    }
}
