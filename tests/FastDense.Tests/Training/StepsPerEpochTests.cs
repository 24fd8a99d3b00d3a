using FastDense.Data;
using FastDense.Tests.Models;

namespace FastDense.Tests.Training;

/// <summary>
/// Keras's <c>steps_per_epoch</c>, <c>validation_steps</c> and <c>evaluate(steps=)</c> over arrays
/// (keras/src/trainers/epoch_iterator.py): with a step count, the data iterator is kept between epochs, so an epoch
/// continues the pass where the last one stopped; a pass that runs out ends its epoch early ("Your input ran out of
/// data"), and the next epoch starts a new, reshuffled pass. Keras's fit keeps one validation iterator
/// (<c>_eval_epoch_iterator</c>), so validations with <c>validation_steps</c> continue the same way.
/// </summary>
public class StepsPerEpochTests
{
    private static (float[] X, float[] Y) Problem(int rows, int seed)
    {
        var random = new Random(seed);
        var x = new float[rows * 64];
        for (int i = 0; i < x.Length; i++) x[i] = (float)random.NextDouble();
        int[] labels = Enumerable.Range(0, rows).Select(_ => random.Next(10)).ToArray();
        return (x, OneHot.Encode(labels, 10));
    }

    private sealed class BatchCounter : Callback
    {
        public List<int> Batches { get; } = [];

        public override void OnEpochEnd(IFitControl fit, int epoch, Logs logs) => Batches.Add(_count);

        public override void OnEpochBegin(IFitControl fit, int epoch) => _count = 0;

        public override void OnBatchEnd(IFitControl fit, int batch, Logs logs) => _count++;

        private int _count;
    }

    [Fact]
    public void Epochs_ContinueThePass_AndOneThatRunsOutEndsEarly()
    {
        // 10 rows of batch 2: a pass is 5 batches. Three steps an epoch: 3, then 2 (the pass runs out), then 3, 2.
        (float[] x, float[] y) = Problem(10, seed: 1);
        var counter = new BatchCounter();
        var output = new StringWriter();
        var model = new DigitsNet(seed: 2);
        model.Fit(x, y, new FitOptions { Epochs = 4, BatchSize = 2, StepsPerEpoch = 3, Shuffle = false, Verbose = Verbosity.OneLinePerEpoch, Output = output, Callbacks = [counter] });
        Assert.Equal([3, 2, 3, 2], counter.Batches);
        Assert.Equal(10, model.Optimizer.Iterations);
        // Keras's warning, once.
        Assert.Single(output.ToString().Split('\n'), line => line.Contains("ran out of training rows", StringComparison.Ordinal));

        // The same batches, stepped by hand in the unshuffled order, give the same weights bit for bit.
        var reference = new DigitsNet(seed: 2);
        using Trainer<DigitsNet.Kernel, float> trainer = reference.CreateTrainer(2);
        for (int pass = 0; pass < 2; pass++)
        {
            for (int start = 0; start < 10; start += 2) trainer.TrainStep(x.AsSpan(start * 64, 128), y.AsSpan(start * 10, 20), 2);
        }
        Assert.Equal(reference.Parameters.ToArray(), model.Parameters.ToArray());
    }

    [Fact]
    public void OnePassAnEpoch_IsThePlainFit_BitForBit()
    {
        (float[] x, float[] y) = Problem(50, seed: 3);
        var plain = new DropoutDigitsNet(seed: 4);
        History a = plain.Fit(x, y, new FitOptions { Epochs = 3, BatchSize = 8, Verbose = 0, Seed = 5 });
        var stepped = new DropoutDigitsNet(seed: 4);
        History b = stepped.Fit(x, y, new FitOptions { Epochs = 3, BatchSize = 8, StepsPerEpoch = 7, Verbose = 0, Seed = 5 });
        Assert.Equal(plain.Parameters.ToArray(), stepped.Parameters.ToArray());
        Assert.Equal(a.Loss, b.Loss);
    }

    [Fact]
    public void InitialEpoch_WalksThePassesAgain_AndResumesTheUninterruptedRun()
    {
        // 50 rows of batch 8 (7 batches a pass), 3 steps an epoch: epochs of 3, 3, 1 (out), 3, 3. Resumed at epoch 3 the
        // run must start a new shuffled pass with the Dropout masks of its step 7, as the uninterrupted run did.
        (float[] x, float[] y) = Problem(50, seed: 6);
        var options = new FitOptions { Epochs = 5, BatchSize = 8, StepsPerEpoch = 3, Verbose = 0, Seed = 7 };
        var whole = new DropoutDigitsNet(seed: 8);
        whole.Fit(x, y, options);

        var resumed = new DropoutDigitsNet(seed: 8);
        resumed.Fit(x, y, new FitOptions { Epochs = 3, BatchSize = 8, StepsPerEpoch = 3, Verbose = 0, Seed = 7 });
        resumed.Fit(x, y, new FitOptions { Epochs = 5, InitialEpoch = 3, BatchSize = 8, StepsPerEpoch = 3, Verbose = 0, Seed = 7 });
        Assert.Equal(13, whole.Optimizer.Iterations);
        Assert.Equal(whole.Optimizer.Iterations, resumed.Optimizer.Iterations);
        Assert.Equal(whole.Parameters.ToArray(), resumed.Parameters.ToArray());
    }

    [Fact]
    public void ValidationSteps_ContinueWhereTheLastValidationStopped()
    {
        // 6 validation rows of batch 4, one step a validation: rows 0-3, then 4-5 (they run out), then 0-3 again.
        (float[] x, float[] y) = Problem(20, seed: 9);
        (float[] vx, float[] vy) = Problem(6, seed: 10);
        var model = new DigitsNet(seed: 11);
        var snapshots = new List<float[]>();
        var capture = new LambdaCallback(onEpochEnd: (_, _) => snapshots.Add(model.Parameters.ToArray()));
        History history = model.Fit(x, y, new FitOptions { Epochs = 3, BatchSize = 4, ValidationSteps = 1, Verbose = 0, Callbacks = [capture] },
            validationData: (vx, vy));
        int[][] slices = [[0, 4], [4, 2], [0, 4]];
        for (int epoch = 0; epoch < 3; epoch++)
        {
            var probe = new DigitsNet();
            snapshots[epoch].CopyTo(probe.Parameters);
            (int first, int rows) = (slices[epoch][0], slices[epoch][1]);
            double expected = probe.Evaluate(vx[(first * 64)..((first + rows) * 64)], vy[(first * 10)..((first + rows) * 10)]).Loss;
            Assert.Equal(expected, history["val_loss"][epoch], 1e-6);
        }
    }

    [Fact]
    public void Evaluate_Steps_TakesTheFirstBatches()
    {
        (float[] x, float[] y) = Problem(25, seed: 12);
        var model = new DigitsNet(seed: 13);
        double firstTwo = model.Evaluate(x[..(16 * 64)], y[..(16 * 10)], batchSize: 8).Loss;
        Assert.Equal(firstTwo, model.Evaluate(x, y, batchSize: 8, steps: 2).Loss, 1e-6);
        Assert.Equal(model.Evaluate(x, y, batchSize: 8).Loss, model.Evaluate(x, y, batchSize: 8, steps: 9).Loss);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Evaluate(x, y, steps: 0));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(null, -1)]
    public void NonPositiveSteps_AreRefused(int? stepsPerEpoch, int? validationSteps)
    {
        (float[] x, float[] y) = Problem(10, seed: 14);
        var model = new DigitsNet();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.Fit(x, y, new FitOptions { StepsPerEpoch = stepsPerEpoch, ValidationSteps = validationSteps, Verbose = 0 }));
        Assert.Contains(stepsPerEpoch is not null ? "StepsPerEpoch" : "ValidationSteps", error.Message);
    }
}
