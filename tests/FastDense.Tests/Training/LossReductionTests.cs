using FastDense.Tests.Models;

namespace FastDense.Tests.Training;

/// <summary>
/// Keras's loss <c>reduction</c> (keras/src/losses/loss.py, <c>reduce_values</c> and <c>apply_mask</c>): a batch's loss is
/// <c>Σ w·loss / rows</c> (<c>sum_over_batch_size</c>), <c>Σ w·loss</c> (<c>sum</c>) or <c>Σ w·loss / Σ w</c>
/// (<c>mean_with_sample_weight</c>, 0 when <c>Σ w</c> is 0), with an <c>ignore_class</c> mask of plain 0/1 under the
/// last two. The epoch's value weighs each batch's loss by its rows (keras/src/backend/tensorflow/trainer.py,
/// <c>_loss_tracker.update_state(loss, sample_weight=batch size)</c>).
/// </summary>
public class LossReductionTests
{
    private static (double[] X, double[] Y, double[] W) Regression(int rows, int seed)
    {
        var random = new Random(seed);
        double[] x = Enumerable.Range(0, rows * 3).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        double[] y = Enumerable.Range(0, rows * 2).Select(_ => random.NextDouble()).ToArray();
        double[] w = Enumerable.Range(0, rows).Select(_ => 0.25 + 2 * random.NextDouble()).ToArray();
        return (x, y, w);
    }

    /// <summary>Each row's mean squared error over its 2 outputs, from the model's predictions.</summary>
    private static double[] RowLosses(double[] predictions, double[] y)
        => Enumerable.Range(0, y.Length / 2).Select(r => ((predictions[2 * r] - y[2 * r]) * (predictions[2 * r] - y[2 * r])
            + (predictions[2 * r + 1] - y[2 * r + 1]) * (predictions[2 * r + 1] - y[2 * r + 1])) / 2).ToArray();

    [Theory]
    [InlineData(LossReduction.SumOverBatchSize)]
    [InlineData(LossReduction.Sum)]
    [InlineData(LossReduction.MeanWithSampleWeight)]
    public void Evaluate_ReducesEachBatch_AsKeras(LossReduction reduction)
    {
        (double[] x, double[] y, double[] w) = Regression(10, seed: 1);
        var reference = new MeanReducedNet64(seed: 3);
        double[] losses = RowLosses(reference.Predict(x), y);
        double expected = 0;
        for (int start = 0; start < 10; start += 4)
        {
            int rows = Math.Min(4, 10 - start);
            double weighted = 0, weights = 0;
            for (int r = start; r < start + rows; r++) (weighted, weights) = (weighted + w[r] * losses[r], weights + w[r]);
            double batch = reduction switch
            {
                LossReduction.Sum => weighted,
                LossReduction.MeanWithSampleWeight => weighted / weights,
                _ => weighted / rows,
            };
            expected += rows * batch;
        }
        expected /= 10;
        Assert.Equal(expected, Evaluate(reduction, reference, x, y, w, batchSize: 4), 1e-12);
    }

    private static double Evaluate(LossReduction reduction, MeanReducedNet64 reference, double[] x, double[] y, double[]? w, int batchSize)
    {
        switch (reduction)
        {
            case LossReduction.Sum:
                var sum = new SumReducedNet64();
                reference.Parameters.CopyTo(sum.Parameters);
                return sum.Evaluate(x, y, batchSize, sampleWeight: w).Loss;
            case LossReduction.MeanWithSampleWeight:
                var mean = new WeightedMeanReducedNet64();
                reference.Parameters.CopyTo(mean.Parameters);
                return mean.Evaluate(x, y, batchSize, sampleWeight: w).Loss;
            default:
                return reference.Evaluate(x, y, batchSize, sampleWeight: w).Loss;
        }
    }

    [Fact]
    public void MeanWithSampleWeight_WithoutWeights_IsTheDefault_BitForBit()
    {
        (double[] x, double[] y, _) = Regression(12, seed: 2);
        var reference = new MeanReducedNet64(seed: 5);
        var model = new WeightedMeanReducedNet64();
        reference.Parameters.CopyTo(model.Parameters);
        Assert.Equal(reference.Evaluate(x, y, batchSize: 5).Loss, model.Evaluate(x, y, batchSize: 5).Loss);
        using Trainer<MeanReducedNet64.Kernel, double> a = reference.CreateTrainer(12);
        using Trainer<WeightedMeanReducedNet64.Kernel, double> b = model.CreateTrainer(12);
        a.TrainStep(x, y, 12);
        b.TrainStep(x, y, 12);
        Assert.Equal(a.Gradient.ToArray(), b.Gradient.ToArray());
    }

    [Fact]
    public void MeanWithSampleWeight_AllZeroWeights_GiveZeroLossAndGradient()
    {
        // Keras's divide_no_nan: 0 / 0 is 0, not NaN.
        (double[] x, double[] y, _) = Regression(6, seed: 4);
        var model = new WeightedMeanReducedNet64(seed: 1);
        double[] zeros = new double[6];
        Assert.Equal(0, model.Evaluate(x, y, sampleWeight: zeros).Loss);
        using Trainer<WeightedMeanReducedNet64.Kernel, double> trainer = model.CreateTrainer(6);
        trainer.TrainStep(x, y, zeros, 6);
        Assert.All(trainer.Gradient.ToArray(), g => Assert.Equal(0, g));
    }

    [Fact]
    public void Sum_StepGradient_IsRowsTimesTheMeanGradient()
    {
        (double[] x, double[] y, double[] w) = Regression(9, seed: 6);
        var reference = new MeanReducedNet64(seed: 7);
        var model = new SumReducedNet64();
        reference.Parameters.CopyTo(model.Parameters);
        using Trainer<MeanReducedNet64.Kernel, double> a = reference.CreateTrainer(9);
        using Trainer<SumReducedNet64.Kernel, double> b = model.CreateTrainer(9);
        a.TrainStep(x, y, w, 9);
        b.TrainStep(x, y, w, 9);
        double[] mean = a.Gradient.ToArray(), sum = b.Gradient.ToArray();
        for (int i = 0; i < mean.Length; i++) Assert.Equal(9 * mean[i], sum[i], 1e-12 * Math.Max(1, Math.Abs(sum[i])));
    }

    public static TheoryData<string> Models => new() { "sum", "weighted mean", "masked sum", "masked weighted mean" };

    [Theory]
    [MemberData(nameof(Models))]
    public void StepGradient_IsTheDerivativeOfTheReportedLoss(string which)
    {
        // Central differences of Evaluate's loss (one batch) against the step's gradient, with sample weights and, for
        // the sparse models, ignored rows: the weights the reduction makes are the ones both use.
        var random = new Random(8);
        const int rows = 7;
        double[] w = Enumerable.Range(0, rows).Select(_ => 0.5 + random.NextDouble()).ToArray();
        switch (which)
        {
            case "sum":
            {
                (double[] x, double[] y, _) = Regression(rows, seed: 9);
                Check(new SumReducedNet64(seed: 2), x, y, w);
                break;
            }
            case "weighted mean":
            {
                (double[] x, double[] y, _) = Regression(rows, seed: 9);
                Check(new WeightedMeanReducedNet64(seed: 2), x, y, w);
                break;
            }
            default:
            {
                double[] x = Enumerable.Range(0, rows * 4).Select(_ => 2 * random.NextDouble() - 1).ToArray();
                double[] labels = [0, -1, 2, 1, -1, 2, 0];
                if (which == "masked sum") Check(new IgnoreClassSumNet64(seed: 3), x, labels, w);
                else Check(new IgnoreClassWeightedMeanNet64(seed: 3), x, labels, w);
                break;
            }
        }
    }

    private static void Check<TKernel>(Model<TKernel, double> model, double[] x, double[] y, double[] w)
        where TKernel : struct, IModelKernel<double>
    {
        int rows = w.Length;
        double[] p = model.Parameters.ToArray();
        using Trainer<TKernel, double> trainer = model.CreateTrainer(rows);
        trainer.TrainStep(x, y, w, rows);
        double[] analytic = trainer.Gradient.ToArray();
        for (int i = 0; i < p.Length; i++)
        {
            double Loss(double shift)
            {
                double[] q = (double[])p.Clone();
                q[i] += shift;
                q.CopyTo(model.Parameters);
                return model.Evaluate(x, y, batchSize: rows, sampleWeight: w).Loss;
            }
            double numeric = (Loss(1e-6) - Loss(-1e-6)) / 2e-6;
            Assert.True(Math.Abs(numeric - analytic[i]) <= 1e-6 * Math.Max(1, Math.Abs(numeric)), $"p[{i}]: analytic {analytic[i]}, numeric {numeric}");
        }
        p.CopyTo(model.Parameters);
    }

    [Fact]
    public void MaskedSum_IsTheSumOverTheRowsNotIgnored()
    {
        var random = new Random(10);
        double[] x = Enumerable.Range(0, 6 * 4).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        double[] labels = [2, -1, 0, 1, -1, 1];
        var model = new IgnoreClassSumNet64(seed: 4);
        double[] probabilities = model.Predict(x);
        double expected = 0;
        for (int r = 0; r < 6; r++)
        {
            if (labels[r] == -1) continue;
            expected -= Math.Log(probabilities[3 * r + (int)labels[r]]);
        }
        Assert.Equal(expected, model.Evaluate(x, labels, batchSize: 6).Loss, 1e-12);
    }

    [Fact]
    public void Sum_TwoThreads_GradientMatchesOneThread()
    {
        var random = new Random(11);
        float[] x = Enumerable.Range(0, 129 * 256).Select(_ => (float)random.NextDouble()).ToArray();
        float[] y = FastDense.Data.OneHot.Encode(Enumerable.Range(0, 129).Select(_ => random.Next(10)).ToArray(), 10);
        using Trainer<SumReducedWideNet.Kernel, float> one = new SumReducedWideNet(seed: 2).CreateTrainer(129, threads: 1);
        using Trainer<SumReducedWideNet.Kernel, float> two = new SumReducedWideNet(seed: 2).CreateTrainer(129, threads: 2);
        Assert.Equal(2, two.Threads);
        BatchResult a = one.TrainStep(x, y, 129), b = two.TrainStep(x, y, 129);
        Assert.Equal(a.LossSum, b.LossSum, 1e-6 * Math.Abs(a.LossSum));
        float[] ga = one.Gradient.ToArray(), gb = two.Gradient.ToArray();
        float scale = ga.Max(Math.Abs);
        for (int i = 0; i < ga.Length; i++) Assert.True(Math.Abs(ga[i] - gb[i]) <= 1e-5f * scale, $"g[{i}]: {ga[i]} vs {gb[i]}");
    }

    [Fact]
    public void Description_CarriesTheReduction()
    {
        Assert.Equal(LossReduction.Sum, SumReducedNet64.Kernel.Description.LossArguments.Reduction);
        Assert.Equal(LossReduction.SumOverBatchSize, MeanReducedNet64.Kernel.Description.LossArguments.Reduction);
        Assert.Equal("reduction=\"mean_with_sample_weight\"", WeightedMeanReducedNet64.Kernel.Description.LossArguments.ToString());
    }
}
