using FastDense.Data;
using FastDense.Kernels;
using FastDense.Tests.Models;

namespace FastDense.Tests.Training;

public class ParallelTrainingTests
{
    private static (float[] X, float[] Y) Problem(int rows, int seed)
    {
        var random = new Random(seed);
        var x = new float[rows * 256];
        for (int i = 0; i < x.Length; i++) x[i] = (float)random.NextDouble();
        return (x, OneHot.Encode(Enumerable.Range(0, rows).Select(_ => random.Next(10)).ToArray(), 10));
    }

    [Fact]
    public void SmallBatch_StaysOnOneThread_BelowTheCrossover()
    {
        using Trainer<DigitsNet.Kernel, float> trainer = new DigitsNet().CreateTrainer(32, threads: 2);
        Assert.Equal(1, trainer.Threads); // 32 rows < 2 x MinRowsPerShard
    }

    [Fact]
    public void TwoThreads_GradientMatchesOneThread_UpToRounding()
    {
        (float[] x, float[] y) = Problem(129, 1); // odd: shards of 65 and 64 rows
        using Trainer<WideNet.Kernel, float> one = new WideNet(seed: 2).CreateTrainer(129, threads: 1);
        using Trainer<WideNet.Kernel, float> two = new WideNet(seed: 2).CreateTrainer(129, threads: 2);
        Assert.Equal(2, two.Threads);
        BatchResult a = one.TrainStep(x, y, 129), b = two.TrainStep(x, y, 129);
        Assert.Equal(a.LossSum, b.LossSum, 1e-9 * Math.Abs(a.LossSum) + 1e-9);
        Assert.Equal(a.MetricSum, b.MetricSum);
        float[] ga = one.Gradient.ToArray(), gb = two.Gradient.ToArray();
        float scale = ga.Max(Math.Abs);
        // Float sums over 129 rows regrouped as 65 + 64: differences of a few ulps of the largest element.
        for (int i = 0; i < ga.Length; i++) Assert.True(Math.Abs(ga[i] - gb[i]) <= 1e-5f * scale, $"g[{i}]: {ga[i]} vs {gb[i]}");
    }

    [Fact]
    public void TwoThreads_AreDeterministic()
    {
        (float[] x, float[] y) = Problem(256, 3);
        float[] Train()
        {
            var model = new WideNet(seed: 4);
            model.Fit(x, y, new FitOptions { Epochs = 2, BatchSize = 128, Threads = 2, Verbose = 0 });
            return model.Parameters.ToArray();
        }
        Assert.Equal(Train(), Train());
    }

    [Fact]
    public void TwoThreads_FitLearnsLikeOneThread()
    {
        (float[] x, float[] y) = Problem(384, 5);
        History Train(int threads) => new WideNet(seed: 6).Fit(x, y, new FitOptions { Epochs = 5, BatchSize = 128, Threads = threads, Verbose = 0 });
        History a = Train(1), b = Train(2);
        for (int e = 0; e < 5; e++) Assert.Equal(a.Loss[e], b.Loss[e], 1e-3);
    }

    [Fact]
    public void TwoThreads_AllocateNothing_OnEitherThread()
    {
        (float[] x, float[] y) = Problem(128, 7);
        using Trainer<WideNet.Kernel, float> trainer = new WideNet().CreateTrainer(128, threads: 2);
        Assert.Equal(2, trainer.Threads);
        for (int i = 0; i < 50; i++) trainer.TrainStep(x, y, 128);
        long workerBefore = trainer.WorkerAllocatedBytes; // read outside the measured span: the read itself allocates
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++) trainer.TrainStep(x, y, 128);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(0, trainer.WorkerAllocatedBytes - workerBefore);
    }

    [Fact]
    public void TwoThreads_WithAnOptimizerThatUpdatesWholeBuffers_MatchesTheSplitUpdate()
    {
        // A user's optimizer only knows Apply over the whole buffer: the trainer combines and updates on one
        // thread. Here it is SGD in disguise, so the result must equal SGD's split update to the bit.
        (float[] x, float[] y) = Problem(128, 10);
        var split = new WideNet(seed: 11) { Optimizer = new Sgd(0.05) };
        var whole = new WideNet(seed: 11) { Optimizer = new WholeBufferSgd(0.05) };
        using (Trainer<WideNet.Kernel, float> a = split.CreateTrainer(128, threads: 2), b = whole.CreateTrainer(128, threads: 2))
        {
            for (int i = 0; i < 3; i++)
            {
                a.TrainStep(x, y, 128);
                b.TrainStep(x, y, 128);
            }
        }
        Assert.Equal(split.Parameters.ToArray(), whole.Parameters.ToArray());
        Assert.Equal(3, whole.Optimizer.Iterations);
    }

    private sealed class WholeBufferSgd(double learningRate) : Optimizer(learningRate)
    {
        protected override int StateSlots => 0;

        protected override void Apply<T>(Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> state, long step)
            => System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(gradients, T.CreateTruncating(-LearningRate), parameters, parameters);
    }

    [Fact]
    public void TwoThreads_OnTheZeroSkippingPath_AllocateNothing_OnEitherThread()
    {
        // Real digits (half zeros) through 128-unit layers: both shards take the zero-skipping products, whose
        // per-thread lists must be reused after the first steps, on the worker too.
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        using Trainer<WideDigitsNet.Kernel, float> trainer = new WideDigitsNet().CreateTrainer(128, threads: 2);
        Assert.Equal(2, trainer.Threads);
        void Steps(int count)
        {
            for (int i = 0; i < count; i++)
            {
                int start = i * 128 % (1797 - 128);
                trainer.TrainStep(digits.Features.AsSpan(start * 64, 128 * 64), y.AsSpan(start * 10, 128 * 10), 128);
            }
        }
        Steps(50);
        long workerBefore = trainer.WorkerAllocatedBytes;
        long before = GC.GetAllocatedBytesForCurrentThread();
        Steps(50);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, trainer.WorkerAllocatedBytes - workerBefore);
    }

    [Fact]
    public void SmallLastBatch_FallsBackToOneThread()
    {
        (float[] x, float[] y) = Problem(128, 8);
        using Trainer<WideNet.Kernel, float> two = new WideNet(seed: 9).CreateTrainer(128, threads: 2);
        using Trainer<WideNet.Kernel, float> one = new WideNet(seed: 9).CreateTrainer(128, threads: 1);
        // 60 rows < 2 x MinRowsPerShard: one shard, bit-identical to the one-thread trainer.
        two.TrainStep(x, y, 60);
        one.TrainStep(x, y, 60);
        Assert.Equal(one.Gradient.ToArray(), two.Gradient.ToArray());
    }

    [Fact]
    public void TwoThreads_AdamReadingBothShards_EqualsAdamOnTheCombinedGradient()
    {
        // Adam combines the two shards' gradients in registers as it reads them; the trainer's
        // Gradient combines them on request. The update must be Adam's on that combined gradient, to the bit.
        (float[] x, float[] y) = Problem(129, 12);   // shards of 65 and 64 rows: unequal scales
        var model = new WideNet(seed: 13);
        float[] before = model.Parameters.ToArray();
        using Trainer<WideNet.Kernel, float> two = model.CreateTrainer(129, threads: 2);
        Assert.Equal(2, two.Threads);
        two.TrainStep(x, y, 129);
        float[] gradient = two.Gradient.ToArray();
        Assert.Equal(gradient, two.Gradient.ToArray());   // combined once: asking again changes nothing

        var adam = (Adam)model.Optimizer;
        float[] expected = (float[])before.Clone(), state = new float[2 * expected.Length];
        new Adam(adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon).UpdateOnPath<float>(KernelDispatch.Selected, expected, gradient, state, step: 1);
        Assert.Equal(expected, model.Parameters.ToArray());
    }

    [Fact]
    public void OneShardStep_AfterATwoShardStep_ReportsItsOwnGradient()
    {
        (float[] x, float[] y) = Problem(128, 14);
        using Trainer<WideNet.Kernel, float> two = new WideNet(seed: 15).CreateTrainer(128, threads: 2);
        using Trainer<WideNet.Kernel, float> one = new WideNet(seed: 15).CreateTrainer(128, threads: 1);
        two.TrainStep(x, y, 128);   // two shards, left apart by Adam
        one.TrainStep(x, y, 128);
        two.TrainStep(x, y, 60);    // one shard: nothing to combine with the first step's second shard
        one.TrainStep(x, y, 60);
        float[] a = one.Gradient.ToArray(), b = two.Gradient.ToArray();
        float scale = a.Max(Math.Abs);
        for (int i = 0; i < a.Length; i++) Assert.True(Math.Abs(a[i] - b[i]) <= 1e-4f * scale, $"g[{i}]: {a[i]} vs {b[i]}");
    }

    [Fact]
    public void Threads_BelowOne_Throws()
    {
        Assert.Equal("threads", Assert.Throws<ArgumentOutOfRangeException>(() => new WideNet().CreateTrainer(32, threads: 0)).ParamName);
        (float[] x, float[] y) = Problem(4, 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => new WideNet().Fit(x, y, new FitOptions { Threads = 0, Verbose = 0 }));
    }
}
