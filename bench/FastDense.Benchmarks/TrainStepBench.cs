using BenchmarkDotNet.Attributes;

namespace FastDense.Benchmarks;

// What: one training step of the digits model (64 -> Dense(64, relu) -> Dense(10, softmax), categorical
//   cross-entropy, Adam with Keras's defaults): forward, loss and accuracy, backward, Adam update.
//   TrainStep       model.CreateTrainer(32).TrainStep(x, y, 32): FastDense's generated, batch-major step.
//   ScalarReference (Baseline) the same math as plain scalar C#, one sample at a time (ScalarReferenceStep.cs);
//                   GlobalSetup checks that its loss, accuracy, gradient and Adam update match FastDense's.
// Data: one fixed batch, the first 32 rows of the lesson's training split of the real digits (raw pixels 0..16).
// Batch size 32; threads: 1 (FastDense trains on the calling thread); samples = 32 rows per call.
// Every 256 calls the weights are restored to their initial values (a 19 KB copy, < 0.1 % of the time), so that
//   the measured step stays a step of early training instead of a model that has memorized its one batch.
// Compare ratios, not absolute times: the ratio of the two rows is measured in one process on one machine, while
//   absolute times depend on the CPU and on whatever else the machine is doing.
[MemoryDiagnoser]
public class TrainStepBench
{
    private const int BatchSize = 32;
    private const int RestoreEvery = 256;

    // Float sums in a different order (per sample here, batch-major blocks in FastDense) differ in the last bits.
    // 1e-4 leaves room for other kernels' summation orders and still catches a wrong formula (off by O(1)).
    private const double RelativeTolerance = 1e-4;

    private float[] _x = null!, _y = null!, _initial = null!;
    private DigitsNet _model = null!;
    private Trainer<DigitsNet.Kernel, float> _trainer = null!;
    private ScalarReferenceStep _reference = null!;
    private int _trainSteps, _referenceSteps;

    /// <summary>Loads the batch, builds both steps from the same initial weights, checks they compute the same thing, warms them.</summary>
    [GlobalSetup]
    public void Setup()
    {
        DigitsData data = DigitsData.Instance;
        _x = data.XTrain.AsSpan(0, BatchSize * DigitsNet.InputSize).ToArray();
        _y = data.YTrain.AsSpan(0, BatchSize * DigitsNet.OutputSize).ToArray();
        _model = new DigitsNet(seed: 0);
        _initial = _model.Parameters.ToArray();
        _trainer = _model.CreateTrainer(BatchSize);
        _reference = new ScalarReferenceStep(_initial);

        CheckSameMath();

        // Fresh weights, and Adam's state allocated by one step of each, so measured calls allocate nothing.
        _model.Reinitialize(seed: 0);
        _reference = new ScalarReferenceStep(_initial);
        _trainer.TrainStep(_x, _y, BatchSize);
        _reference.TrainStep(_x, _y, BatchSize);
        _initial.CopyTo(_model.Parameters);
        _initial.CopyTo(_reference.Parameters);
    }

    /// <summary>The baseline: the digits step as plain scalar loops, sample by sample.</summary>
    [Benchmark(Baseline = true)]
    [SamplesPerOperation(BatchSize)]
    public double ScalarReference()
    {
        if (++_referenceSteps % RestoreEvery == 0) _initial.CopyTo(_reference.Parameters);
        return _reference.TrainStep(_x, _y, BatchSize).LossSum;
    }

    /// <summary>FastDense's step: <c>Trainer.TrainStep</c> on the generated DigitsNet kernel.</summary>
    [Benchmark]
    [SamplesPerOperation(BatchSize)]
    public double TrainStep()
    {
        if (++_trainSteps % RestoreEvery == 0) _initial.CopyTo(_model.Parameters);
        return _trainer.TrainStep(_x, _y, BatchSize).LossSum;
    }

    /// <summary>
    /// One step of each from the same weights: same loss and accuracy, same gradient, and the scalar Adam applied to
    /// FastDense's gradient gives FastDense's new weights. Otherwise the ratio would compare different work.
    /// </summary>
    private void CheckSameMath()
    {
        BatchResult result = _trainer.TrainStep(_x, _y, BatchSize);
        (double lossSum, int correct) = _reference.ComputeGradient(_x, _y, BatchSize);
        Require(Math.Abs(result.LossSum - lossSum) <= RelativeTolerance * Math.Abs(lossSum), $"loss sum {result.LossSum} vs reference {lossSum}");
        Require(result.MetricSum == correct, $"correct rows {result.MetricSum} vs reference {correct}");
        Require(MaxDifference(_trainer.Gradient, _reference.Gradient) <= RelativeTolerance * MaxAbs(_reference.Gradient),
            $"gradient differs by {MaxDifference(_trainer.Gradient, _reference.Gradient)} (largest element {MaxAbs(_reference.Gradient)})");

        // Same gradient in, so any difference is Adam's; an update moves a weight by about the learning rate (1e-3).
        _reference.ApplyAdam(_trainer.Gradient);
        Require(MaxDifference(_model.Parameters, _reference.Parameters) <= 1e-3 * RelativeTolerance,
            $"Adam's update differs by {MaxDifference(_model.Parameters, _reference.Parameters)}");
    }

    private static float MaxDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }

    private static float MaxAbs(ReadOnlySpan<float> a)
    {
        float max = 0;
        foreach (float value in a) max = Math.Max(max, Math.Abs(value));
        return max;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new InvalidOperationException($"The scalar reference step and FastDense's TrainStep disagree: {message}.");
    }
}
