using FastDense.Data;
using FastDense.Kernels;
using System.Numerics;
using FastDense.Tests.Models;

namespace FastDense.Tests.Optimizers;

/// <summary>
/// The checks every element-wise optimizer's tests share: random problems, the update on a chosen kernel path from the
/// optimizer's own starting state, a two-thread trainer step, a real fit, and a checkpoint round trip.
/// </summary>
internal static class OptimizerChecks
{
    /// <summary>Whole registers of every width (16, 8, 4 floats) and a tail of 5.</summary>
    public const int Length = 37;

    /// <summary>Every kernel path the element-wise driver has (a path the machine lacks runs the next narrower one).</summary>
    public static TheoryData<string> Paths => new() { "Scalar", "Vector128", "Vector256", "Vector512" };

    /// <summary>Random values in [-scale, scale), rounded to float and returned as doubles (both sides see the same inputs).</summary>
    public static double[] Random(Random random, int n, double scale = 0.5)
        => Enumerable.Range(0, n).Select(_ => (double)(float)((random.NextDouble() * 2 - 1) * scale)).ToArray();

    public static float[] ToFloat(double[] values) => values.Select(v => (float)v).ToArray();

    public static KernelPath Path(string name) => Enum.Parse<KernelPath>(name);

    /// <summary>Starting parameters and <paramref name="steps"/> gradients, all exactly representable in float.</summary>
    public static (double[] W, double[][] Gradients) Problem(int seed, int steps = 8, int length = Length)
    {
        var random = new Random(seed);
        double Next() => (float)(random.NextDouble() - 0.5);
        double[] w = Enumerable.Range(0, length).Select(_ => Next()).ToArray();
        double[][] gradients = Enumerable.Range(0, steps).Select(_ => Enumerable.Range(0, length).Select(_ => Next()).ToArray()).ToArray();
        return (w, gradients);
    }

    /// <summary>
    /// The updates on <paramref name="path"/>, steps 1, 2, ..., from the state the optimizer creates itself (so
    /// Adagrad's accumulators start where Keras's do). Returns the parameters and the state (slots back to back).
    /// </summary>
    public static (T[] W, T[] State) Run<T>(Optimizer optimizer, KernelPath path, double[] w0, double[][] gradients)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T[] w = w0.Select(T.CreateTruncating).ToArray();
        (T[] state, _) = optimizer.BeginSteps<T>(w.Length);
        long step = 1;
        foreach (double[] g in gradients)
        {
            optimizer.UpdateOnPath<T>(path, w, g.Select(T.CreateTruncating).ToArray(), state, step++);
            optimizer.EndSteps();
        }
        return (w, state);
    }

    /// <summary>Slot <paramref name="slot"/> of a state laid out as slots back to back.</summary>
    public static T[] Slot<T>(T[] state, int slot, int length = Length) => state.AsSpan(slot * length, length).ToArray();

    /// <summary>The parameters moved as the double reference moved them, up to float rounding.</summary>
    public static void AssertClose(double[] expected, float[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], tolerance);
    }

    /// <summary>
    /// Two two-thread trainer steps of WideNet; after each, the parameters and the state equal, bit for bit, the
    /// update of a second optimizer on the trainer's combined gradient.
    /// </summary>
    public static void ParallelStep_EqualsTheCombinedGradientUpdate(Func<Optimizer> create)
    {
        var random = new Random(5);
        float[] x = Enumerable.Range(0, 129 * 256).Select(_ => (float)random.NextDouble()).ToArray();
        float[] y = OneHot.Encode(Enumerable.Range(0, 129).Select(_ => random.Next(10)).ToArray(), 10);
        var model = new WideNet(seed: 6) { Optimizer = create() };
        float[] expected = model.Parameters.ToArray();
        Optimizer reference = create();
        using var trainer = model.CreateTrainer(129, threads: 2);
        for (int step = 1; step <= 2; step++)
        {
            trainer.TrainStep(x, y, 129);
            (float[] state, long t) = reference.BeginSteps<float>(expected.Length);
            Assert.Equal(step, t);
            reference.UpdateOnPath<float>(KernelDispatch.Selected, expected, trainer.Gradient, state, t);
            reference.EndSteps();
            Assert.Equal(expected, model.Parameters.ToArray());
            Assert.Equal(state, (float[])model.Optimizer.State!);
        }
    }

    /// <summary>A few epochs on the digits (pixels scaled to [0, 1]): the loss must fall well below the untrained model's.</summary>
    public static void Fit_OnDigits_ReducesTheLoss(Optimizer optimizer)
    {
        Dataset digits = Datasets.LoadDigits();
        float[] x = digits.Features.Select(v => v / 16f).ToArray();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var model = new DigitsNet(seed: 3) { Optimizer = optimizer };
        double before = model.Evaluate(x, y).Loss;
        History history = model.Fit(x, y, new FitOptions { Epochs = 5, BatchSize = 32, Seed = 4, Verbose = 0 });
        double after = model.Evaluate(x, y).Loss;
        Assert.All(history.Loss, loss => Assert.True(double.IsFinite(loss)));
        Assert.True(after < 0.5 * before, $"{optimizer.GetType().Name}: loss {before} before training, {after} after 5 epochs");
    }

    /// <summary>
    /// Two epochs, a checkpoint, a fresh model with a fresh optimizer loads it: parameters, state and step count are
    /// restored, and one more epoch of each gives the same bits. An optimizer that differs in
    /// <paramref name="hyperparameter"/> is refused, naming it.
    /// </summary>
    public static void Checkpoint_RestoresTheState_AndRejectsAnotherHyperparameter(Func<Optimizer> create, Optimizer mismatched, string hyperparameter)
    {
        Dataset digits = Datasets.LoadDigits();
        float[] x = digits.Features.AsSpan(0, 200 * 64).ToArray().Select(v => v / 16f).ToArray();
        float[] y = OneHot.Encode(digits.Labels()[..200], 10);
        FitOptions Options(int epochs, int initialEpoch = 0) => new() { Epochs = epochs, InitialEpoch = initialEpoch, BatchSize = 32, Seed = 8, Verbose = 0 };

        var saved = new DigitsNet(seed: 1) { Optimizer = create() };
        saved.Fit(x, y, Options(2));
        var stream = new MemoryStream();
        saved.SaveCheckpoint(stream, epoch: 2, seed: 8);

        var resumed = new DigitsNet(seed: 2) { Optimizer = create() };
        stream.Position = 0;
        CheckpointInfo info = resumed.LoadCheckpoint(stream);
        Assert.Equal(new CheckpointInfo(2, 8), info);
        Assert.Equal(saved.Parameters.ToArray(), resumed.Parameters.ToArray());
        Assert.Equal((float[])saved.Optimizer.State!, (float[])resumed.Optimizer.State!);
        Assert.Equal(saved.Optimizer.Iterations, resumed.Optimizer.Iterations);

        saved.Fit(x, y, Options(3, initialEpoch: 2));
        resumed.Fit(x, y, Options(3, initialEpoch: info.Epoch));
        Assert.Equal(saved.Parameters.ToArray(), resumed.Parameters.ToArray());
        Assert.Equal((float[])saved.Optimizer.State!, (float[])resumed.Optimizer.State!);

        var other = new DigitsNet(seed: 2) { Optimizer = mismatched };
        float[] before = other.Parameters.ToArray();
        stream.Position = 0;
        var error = Assert.Throws<ModelFileException>(() => other.LoadCheckpoint(stream));
        Assert.Contains($"has {hyperparameter} = ", error.Message);
        Assert.Equal(before, other.Parameters.ToArray());
        Assert.Null(other.Optimizer.State);
    }
}
