using BenchmarkDotNet.Attributes;

namespace FastDense.Benchmarks;

// What: one optimizer update (Optimizer.Step) over a flat parameter buffer, for each of Keras's optimizers FastDense
//   has, at the digits model's size (4,810 parameters) and the Fashion-MNIST model's (235,146: 784-256-128-10).
//   Sgd is the reference to compare with: w -= lr · g, the least an update can do (one read of g, one read and write of w).
//   AdamClipped: Adam with ClipNorm = 1 and WeightDecay = 0.004 (one pass to clip into a buffer, one to decay, the update).
// Data: fixed random parameters and gradients in [-0.5, 0.5); the state is created by a first step in GlobalSetup, so
//   measured calls allocate nothing. Parameters drift over calls (a gradient of this size keeps them finite).
// Compare ratios within a row of sizes, not absolute times: a pass over 235,146 floats (0.9 MB, three or four buffers)
//   runs from L2/L3, one over 4,810 from L1.
[MemoryDiagnoser]
public class OptimizerStepBench
{
    private float[] _parameters = null!, _gradients = null!;
    private Optimizer _optimizer = null!;

    /// <summary>The parameter count: the digits model's and the Fashion-MNIST model's.</summary>
    [Params(4810, 235146)]
    public int Parameters { get; set; }

    /// <summary>The optimizer, by class name.</summary>
    [Params("Sgd", "SgdMomentum", "Adam", "AdamW", "AdamClipped", "RmsProp", "Adagrad", "Adadelta", "Adamax", "Nadam", "Lion", "Ftrl", "Lamb")]
    public string Name { get; set; } = "Sgd";

    /// <summary>Builds the buffers and the optimizer, and takes one step so that its state exists.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _parameters = Enumerable.Range(0, Parameters).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        _gradients = Enumerable.Range(0, Parameters).Select(_ => (float)(random.NextDouble() - 0.5) * 1e-3f).ToArray();
        _optimizer = Name switch
        {
            "Sgd" => new Sgd(),
            "SgdMomentum" => new Sgd(momentum: 0.9),
            "Adam" => new Adam(),
            "AdamW" => new AdamW(),
            "AdamClipped" => new Adam { ClipNorm = 1, WeightDecay = 0.004 },
            "RmsProp" => new RmsProp(),
            "Adagrad" => new Adagrad(),
            "Adadelta" => new Adadelta(),
            "Adamax" => new Adamax(),
            "Nadam" => new Nadam(),
            "Lion" => new Lion(),
            "Ftrl" => new Ftrl(),
            "Lamb" => new Lamb(),
            _ => throw new ArgumentOutOfRangeException(nameof(Name), Name, "No such optimizer in the benchmark."),
        };
        _optimizer.Step<float>(_parameters, _gradients);
    }

    /// <summary>One update of every parameter.</summary>
    [Benchmark]
    public void Step() => _optimizer.Step<float>(_parameters, _gradients);
}
