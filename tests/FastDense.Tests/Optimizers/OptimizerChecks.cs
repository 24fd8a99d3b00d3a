using FastDense.Data;
using FastDense.Kernels;
using FastDense.Tests.Models;

namespace FastDense.Tests.Optimizers;

/// <summary>
/// The checks every element-wise optimizer's tests share: the kernel paths, the two-thread trainer step, a real fit,
/// and the checkpoint round trip.
/// </summary>
internal static class OptimizerChecks
{
    /// <summary>Every kernel path the element-wise driver has (a path the machine lacks runs the next narrower one).</summary>
    public static TheoryData<string> Paths => new() { "Scalar", "Vector128", "Vector256", "Vector512" };

    /// <summary>Whole 512-, 256- and 128-bit registers of float, and a tail of 5.</summary>
    public const int Length = 37;

    /// <summary>Random values in [-scale, scale), rounded to float and returned as doubles (both sides see the same inputs).</summary>
    public static double[] Random(Random random, int n, double scale = 0.5)
        => Enumerable.Range(0, n).Select(_ => (double)(float)((random.NextDouble() * 2 - 1) * scale)).ToArray();

    public static float[] ToFloat(double[] values) => values.Select(v => (float)v).ToArray();

    /// <summary>
    /// Three two-thread trainer steps of a <see cref="WideNet"/>, each compared bit for bit with the optimizer's
    /// single-threaded update on the trainer's combined gradient (the two-thread step combines the shards inside the
    /// update, in registers, and must produce the same bits).
    /// </summary>
    public static void TwoThreadSteps_EqualTheCombinedGradientUpdates(Func<Optimizer> create)
    {
        var random = new Random(5);
        float[] x = Enumerable.Range(0, 129 * 256).Select(_ => (float)random.NextDouble()).ToArray();
        float[] y = OneHot.Encode(Enumerable.Range(0, 129).Select(_ => random.Next(10)).ToArray(), 10);
        var model = new WideNet(seed: 6) { Optimizer = create() };
        float[] expected = model.Parameters.ToArray();
        Optimizer reference = create();
        using var trainer = model.CreateTrainer(129, threads: 2);
        for (int step = 1; step <= 3; step++)
        {
            trainer.TrainStep(x, y, 129);
            reference.Step<float>(expected, trainer.Gradient.ToArray());
            Assert.Equal(expected, model.Parameters.ToArray());
        }
        Assert.Equal(3, model.Optimizer.Iterations);
        Assert.Equal((float[])reference.State!, (float[])model.Optimizer.State!);
    }

    /// <summary>Five epochs on the digits; the training loss must fall by a tenth at least.</summary>
    public static void Fit_OnDigits_ReducesTheLoss(Optimizer optimizer)
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var model = new DigitsNet(seed: 3) { Optimizer = optimizer };
        History history = model.Fit(digits.Features, y, new FitOptions { Epochs = 5, BatchSize = 32, Verbose = 0, Seed = 4 });
        Assert.True(history.Loss[^1] < 0.9 * history.Loss[0], $"loss {history.Loss[0]:G4} → {history.Loss[^1]:G4}");
        Assert.All(model.Parameters.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    /// <summary>
    /// A checkpoint after one epoch loads into a fresh model with an equal optimizer (the state and iteration count
    /// come back), and is refused by one whose <paramref name="key"/> differs, which keeps its own state.
    /// </summary>
    public static void Checkpoint_RestoresState_AndRejectsAnotherHyperparameter(Func<Optimizer> create, Optimizer mismatched, string key)
    {
        var random = new Random(8);
        float[] x = Enumerable.Range(0, 40 * 64).Select(_ => (float)random.NextDouble()).ToArray();
        float[] y = OneHot.Encode(Enumerable.Range(0, 40).Select(_ => random.Next(10)).ToArray(), 10);
        var saved = new DigitsNet(seed: 1) { Optimizer = create() };
        saved.Fit(x, y, new FitOptions { Epochs = 1, BatchSize = 8, Verbose = 0 });
        var stream = new MemoryStream();
        saved.SaveCheckpoint(stream, epoch: 1, seed: 2);

        var loaded = new DigitsNet(seed: 9) { Optimizer = create() };
        stream.Position = 0;
        loaded.LoadCheckpoint(stream);
        Assert.Equal(saved.Parameters.ToArray(), loaded.Parameters.ToArray());
        Assert.Equal(5, loaded.Optimizer.Iterations);
        Assert.Equal((float[])saved.Optimizer.State!, (float[])loaded.Optimizer.State!);

        var other = new DigitsNet(seed: 9) { Optimizer = mismatched };
        float[] before = other.Parameters.ToArray();
        stream.Position = 0;
        var error = Assert.Throws<ModelFileException>(() => other.LoadCheckpoint(stream));
        Assert.Contains(key, error.Message);
        Assert.Equal(before, other.Parameters.ToArray());
        Assert.Null(other.Optimizer.State);
        Assert.Equal(0, other.Optimizer.Iterations);
    }

    /// <summary>The path by name (theory data are strings, so the test names read well).</summary>
    public static KernelPath Path(string name) => Enum.Parse<KernelPath>(name);
}
