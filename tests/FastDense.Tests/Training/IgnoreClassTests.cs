using FastDense.Data;
using FastDense.Tests.Models;

namespace FastDense.Tests.Training;

/// <summary>
/// Keras's <c>ignore_class</c> of sparse categorical cross-entropy (keras/src/losses/losses.py
/// <c>sparse_categorical_crossentropy</c> masks the ignored rows; keras/src/losses/loss.py <c>apply_mask</c> weighs the
/// others by <c>total / (valid + ε)</c> under <c>sum_over_batch_size</c>, so a batch's loss is their mean).
/// </summary>
public class IgnoreClassTests
{
    private static (double[] X, double[] Y) Rows(int rows, int seed)
    {
        var random = new Random(seed);
        double[] x = Enumerable.Range(0, rows * 4).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        // Labels 0..2, and -1 (ignored) in about a quarter of the rows.
        double[] y = Enumerable.Range(0, rows).Select(_ => random.Next(4) - 1.0).ToArray();
        return (x, y);
    }

    [Fact]
    public void Evaluate_IsTheMeanOverTheRowsNotIgnored_OfEachBatch()
    {
        (double[] x, double[] y) = Rows(24, seed: 1);
        var model = new IgnoreClassNet64(seed: 2);
        var plain = new SparseSoftmaxNet64(seed: 2);   // the same layout, without ignore_class
        model.Parameters.CopyTo(plain.Parameters);
        // Per batch of 8: Σ over the valid rows of their loss / (valid + 1e-7); the epoch value weighs batches by rows.
        double expected = 0;
        for (int start = 0; start < 24; start += 8)
        {
            double sum = 0;
            int valid = 0;
            for (int r = start; r < start + 8; r++)
            {
                if (y[r] == -1) continue;
                valid++;
                sum += plain.Evaluate(x[(r * 4)..(r * 4 + 4)], [y[r]]).Loss;
            }
            expected += 8 * (sum / (valid + 1e-7));
        }
        Assert.Equal(expected / 24, model.Evaluate(x, y, batchSize: 8).Loss, 1e-12);
    }

    [Fact]
    public void Step_GradientIsTheValidRowsMeanGradient()
    {
        (double[] x, double[] y) = Rows(10, seed: 3);
        var model = new IgnoreClassNet64(seed: 4);
        double[] start = model.Parameters.ToArray();
        using Trainer<IgnoreClassNet64.Kernel, double> trainer = model.CreateTrainer(10);
        trainer.TrainStep(x, y, 10);
        double[] masked = trainer.Gradient.ToArray();
        int[] valid = Enumerable.Range(0, 10).Where(r => y[r] != -1).ToArray();
        var expected = new double[masked.Length];
        foreach (int r in valid)
        {
            start.CopyTo(model.Parameters);
            trainer.TrainStep(x.AsSpan(r * 4, 4), y.AsSpan(r, 1), 1);
            ReadOnlySpan<double> g = trainer.Gradient;
            // A one-row step weighs its row 1 / (1 + ε) too: undo it.
            for (int i = 0; i < expected.Length; i++) expected[i] += g[i] * (1 + 1e-7) / (valid.Length + 1e-7);
        }
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], masked[i], 1e-12);
    }

    [Fact]
    public void GradientCheck_WithIgnoredRows()
    {
        // The completeness suite checks the model with its random targets (no -1); here, with ignored rows in the batch
        // (Keras's mask: their loss and gradient are 0).
        (double[] x, double[] y) = Rows(6, seed: 5);
        y[1] = -1;
        y[4] = -1;
        var model = new IgnoreClassNet64(seed: 6);
        using Trainer<IgnoreClassNet64.Kernel, double> trainer = model.CreateTrainer(6);
        double[] p = model.Parameters.ToArray();
        trainer.TrainStep(x, y, 6);
        double[] analytic = trainer.Gradient.ToArray();
        for (int i = 0; i < p.Length; i += 3)
        {
            double Loss(double shift)
            {
                double[] q = (double[])p.Clone();
                q[i] += shift;
                q.CopyTo(model.Parameters);
                return model.Evaluate(x, y, batchSize: 6).Loss;
            }
            double numeric = (Loss(1e-6) - Loss(-1e-6)) / 2e-6;
            Assert.Equal(numeric, analytic[i], 1e-7);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Fit_IgnoringAClass_EqualsFittingWithoutItsRows_WhenTheBatchesAreTheSame(int threads)
    {
        // With every batch's rows masked the same way, the weighted step is the valid rows' mean step: a fit with the
        // ignored rows mixed in must learn, and its loss must equal Evaluate's on the same weights.
        Dataset digits = Datasets.LoadDigits();
        int[] labels = digits.Labels()[..512];
        var model = new IgnoreZeroDigitsNet(seed: 1);
        History history = model.Fit(digits.Features[..(512 * 64)], labels, new FitOptions { Epochs = 3, BatchSize = 128, Threads = threads, Verbose = 0, Shuffle = false });
        Assert.True(history.Loss[^1] < history.Loss[0]);
        // The label 0 rows never train: the model's probability of class 0 falls toward 0 on the digits it never fits.
        float[] p = model.Predict(digits.Features[..(512 * 64)]);
        double meanZero = Enumerable.Range(0, 512).Where(r => labels[r] == 0).Average(r => p[r * 10]);
        Assert.True(meanZero < 0.05, $"mean p(0) on the zeros: {meanZero}");
    }

    [Fact]
    public void Labels_MayBeTheIgnoredClass_OutsideTheClasses_OthersStillChecked()
    {
        (double[] x, double[] y) = Rows(8, seed: 7);
        var model = new IgnoreClassNet64(seed: 1);
        model.Evaluate(x, y);   // -1 accepted
        y[3] = -2;
        var error = Assert.Throws<ArgumentException>(() => model.Evaluate(x, y));
        Assert.Contains("y[3] is -2", error.Message);
        Assert.Equal(-1, model.Description.LossArguments.IgnoreClass);
        Assert.Equal("ignore_class=-1", model.Description.LossArguments.ToString());
    }

    [Fact]
    public void AllocationFree_AfterWarmUp()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = digits.Labels().Select(l => (float)l).ToArray();
        using Trainer<IgnoreZeroDigitsNet.Kernel, float> trainer = new IgnoreZeroDigitsNet().CreateTrainer(128, threads: 2);
        void Step(int i) => trainer.TrainStep(digits.Features.AsSpan(i % 10 * 128 * 64, 128 * 64), y.AsSpan(i % 10 * 128, 128), 128);
        for (int i = 0; i < 200; i++) Step(i);
        long workers = trainer.WorkerAllocatedBytes, before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) Step(i);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, trainer.WorkerAllocatedBytes - workers);
    }
}
