using FastDense.Data;
using FastDense.Layers;
using FastDense.Tests.GradientChecks;
using FastDense.Tests.Models;

namespace FastDense.Tests.Layers;

/// <summary>
/// Dropout as Keras defines it (keras/src/layers/regularization/dropout.py, which calls
/// keras/src/backend/tensorflow/random.py <c>dropout</c>, i.e. <c>tf.nn.dropout</c>): in training each input is zeroed
/// with probability <c>rate</c> and the others are multiplied by <c>1 / (1 - rate)</c>; in inference the input passes
/// unchanged. The masks are FastDense's own draws, so the tests check their distribution and their independence from
/// how a batch is split, not TensorFlow's bits.
/// </summary>
[Collection(FastDense.Tests.Threading.HelperThreadsCollection.Name)]
public class DropoutTests
{
    private static float[] Inputs(int count, int seed)
    {
        var random = new Random(seed);
        var x = new float[count];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(random.NextDouble() * 2 - 1) + 0.01f;   // never 0: a 0 output means dropped
        return x;
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Training_DropsRateOfInputs_AndScalesTheRestByOneOverOneMinusRate(double rate)
    {
        const int rows = 1000, width = 100;
        float[] x = Inputs(rows * width, 1);
        var output = new float[x.Length];
        var mask = new float[x.Length];
        DropoutMask.Forward<float>(x, output, mask, rows, width, rate, layerKey: 5, ForwardMode.Training(noiseKey: 77));

        int dropped = 0;
        float scale = (float)(1.0 / (1.0 - rate));
        for (int i = 0; i < x.Length; i++)
        {
            if (mask[i] == 0)
            {
                dropped++;
                Assert.Equal(0f, output[i]);
            }
            else
            {
                Assert.Equal(scale, mask[i]);
                Assert.Equal(x[i] * scale, output[i]);
            }
        }
        // Binomial: the dropped fraction is within 5 standard deviations of rate (a false failure has odds ~ 1e-6).
        double sigma = Math.Sqrt(rate * (1 - rate) / x.Length);
        Assert.InRange((double)dropped / x.Length, rate - 5 * sigma, rate + 5 * sigma);
    }

    [Fact]
    public void Draws_AreIndependentAcrossNeighbouringColumnsAndRows()
    {
        // A poor hash would drop neighbours together: P(both dropped) must be rate², columns and rows alike.
        const int rows = 2000, width = 64;
        const double rate = 0.5;
        var mask = new float[rows * width];
        DropoutMask.Forward<float>(new float[mask.Length], new float[mask.Length], mask, rows, width, rate, 1, ForwardMode.Training(9));
        int columnPairs = 0, bothColumns = 0, rowPairs = 0, bothRows = 0;
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < width; j++)
            {
                bool here = mask[r * width + j] == 0;
                if (j + 1 < width) { columnPairs++; if (here && mask[r * width + j + 1] == 0) bothColumns++; }
                if (r + 1 < rows) { rowPairs++; if (here && mask[(r + 1) * width + j] == 0) bothRows++; }
            }
        }
        double sigma = Math.Sqrt(0.25 * 0.75 / columnPairs);
        Assert.InRange((double)bothColumns / columnPairs, 0.25 - 5 * sigma, 0.25 + 5 * sigma);
        Assert.InRange((double)bothRows / rowPairs, 0.25 - 5 * sigma, 0.25 + 5 * sigma);
    }

    [Fact]
    public void Inference_PassesTheInputThrough()
    {
        float[] x = Inputs(7 * 13, 2);
        var output = new float[x.Length];
        DropoutMask.Forward<float>(x, output, new float[x.Length], 7, 13, 0.5, 1, ForwardMode.Inference);
        Assert.Equal(x, output);
    }

    [Fact]
    public void RateZero_PassesTheInputThrough_InTraining()
    {
        float[] x = Inputs(7 * 13, 3);
        var output = new float[x.Length];
        DropoutMask.Forward<float>(x, output, new float[x.Length], 7, 13, 0, 1, ForwardMode.Training(4));
        Assert.Equal(x, output);
    }

    [Theory]
    [InlineData(37)]   // a vector body and a scalar tail
    [InlineData(5)]    // narrower than one vector
    [InlineData(64)]
    public void EveryElement_IsTheScalarDraw(int width)
    {
        // The vector loop must compute Draw lane by lane: the mask is the same on every machine and width.
        const int rows = 9;
        const double rate = 0.35;
        var mask = new float[rows * width];
        var maskDouble = new double[rows * width];
        ForwardMode mode = ForwardMode.Training(123, firstRow: 40);
        DropoutMask.Forward<float>(new float[mask.Length], new float[mask.Length], mask, rows, width, rate, 11, mode);
        DropoutMask.Forward<double>(new double[mask.Length], new double[mask.Length], maskDouble, rows, width, rate, 11, mode);
        uint threshold = DropoutMask.Threshold(rate);
        for (int r = 0; r < rows; r++)
        {
            uint key = DropoutMask.RowKey(123, 11, 40 + r);
            for (int j = 0; j < width; j++)
            {
                bool kept = DropoutMask.Draw(key, j) >= threshold;
                Assert.Equal(kept ? (float)(1 / (1 - rate)) : 0f, mask[r * width + j]);
                Assert.Equal(kept ? 1 / (1 - rate) : 0.0, maskDouble[r * width + j]);
            }
        }
    }

    [Fact]
    public void ARowsMask_DoesNotDependOnHowTheBatchIsSplit()
    {
        // A shard computes rows [start, start + n) with FirstRow = start: its masks are those rows' masks in the whole batch.
        const int rows = 50, width = 24;
        ForwardMode whole = ForwardMode.Training(2024);
        var all = new float[rows * width];
        DropoutMask.Forward<float>(new float[all.Length], new float[all.Length], all, rows, width, 0.5, 3, whole);
        foreach (int split in new[] { 1, 17, 25, 49 })
        {
            var first = new float[split * width];
            var second = new float[(rows - split) * width];
            DropoutMask.Forward<float>(new float[first.Length], new float[first.Length], first, split, width, 0.5, 3, whole);
            DropoutMask.Forward<float>(new float[second.Length], new float[second.Length], second, rows - split, width, 0.5, 3, whole.Skip(split));
            Assert.Equal(all, first.Concat(second).ToArray());
        }
    }

    [Fact]
    public void NoiseShapeNoneOne_KeepsOrDropsEachRowWhole_AtTheRate()
    {
        // Keras's noise_shape=(None, 1) on (rows, features): one draw per row, broadcast over the features.
        const int rows = 4000, width = 16;
        var mask = new float[rows * width];
        DropoutMask.Forward<float>(new float[mask.Length], new float[mask.Length], mask, rows, width, 0.3, 7, ForwardMode.Training(11), sameForEveryColumn: true);
        int dropped = 0;
        for (int r = 0; r < rows; r++)
        {
            float first = mask[r * width];
            Assert.True(first == 0 || Math.Abs(first - 1 / 0.7f) < 1e-6, $"row {r}: {first}");
            Assert.All(mask.AsSpan(r * width, width).ToArray(), v => Assert.Equal(first, v));
            if (first == 0) dropped++;
        }
        Assert.InRange(dropped / (double)rows, 0.27, 0.33);
    }

    [Fact]
    public void NoiseShapeOneNone_DrawsOneMaskForEveryRow_WhicheverShardComputesIt()
    {
        // Keras's noise_shape=(1, None): the batch's rows share one mask; a shard starting at row 30 draws the same.
        const int rows = 40, width = 64;
        var mask = new float[rows * width];
        ForwardMode mode = ForwardMode.Training(5);
        DropoutMask.Forward<float>(new float[mask.Length], new float[mask.Length], mask, rows, width, 0.5, 2, mode, sameForEveryRow: true);
        float[] row0 = mask[..width];
        Assert.Contains(0f, row0);
        Assert.Contains(2f, row0);
        for (int r = 1; r < rows; r++) Assert.Equal(row0, mask[(r * width)..((r + 1) * width)]);
        var shard = new float[10 * width];
        DropoutMask.Forward<float>(new float[shard.Length], new float[shard.Length], shard, 10, width, 0.5, 2, mode.Skip(30), sameForEveryRow: true);
        Assert.Equal(row0, shard[..width]);
        // And it is row 0's mask of the unshared draw.
        var unshared = new float[rows * width];
        DropoutMask.Forward<float>(new float[unshared.Length], new float[unshared.Length], unshared, rows, width, 0.5, 2, mode);
        Assert.Equal(row0, unshared[..width]);
    }

    [Fact]
    public void DifferentStepsAndLayers_DrawDifferentMasks()
    {
        float[] Mask(ulong step, ulong layer)
        {
            var mask = new float[8 * 32];
            DropoutMask.Forward<float>(new float[mask.Length], new float[mask.Length], mask, 8, 32, 0.5, layer, ForwardMode.Training(StepNoise.StepKey(0, (long)step)));
            return mask;
        }
        Assert.Equal(Mask(1, 1), Mask(1, 1));
        Assert.NotEqual(Mask(1, 1), Mask(2, 1));
        Assert.NotEqual(Mask(1, 1), Mask(1, 2));
    }

    [Fact]
    public void DropoutModels_MatchFiniteDifferences()
    {
        // The checker evaluates every loss with one fixed training key: the same masks each time.
        GradientChecker.Check<DropoutNet64.Kernel>(rows: 6, seed: 21, (r, n) => GradientChecker.OneHotTargets(r, n, DropoutNet64.OutputSize));
        GradientChecker.Check<DropoutMseNet64.Kernel>(rows: 6, seed: 22, GradientChecker.RealTargets);
    }

    [Fact]
    public void TheGradientCheck_RunsWithMasksThatDropSomething()
    {
        // Otherwise the check above would test a model without dropout: training must differ from inference.
        var p = new double[DropoutNet64.ParameterCount];
        DropoutNet64.Kernel.Initialize(p, [], 21);
        double[] x = Enumerable.Range(0, 6 * 5).Select(i => Math.Sin(i) + 0.1).ToArray();
        var training = new double[6 * DropoutNet64.WorkspacePerRow];
        var inference = new double[training.Length];
        DropoutNet64.Kernel.Forward(p, [], x, 6, training, GradientChecker.Mode);
        DropoutNet64.Kernel.Forward(p, [], x, 6, inference, ForwardMode.Inference);
        int offset = 6 * DropoutNet64.Kernel.OutputOffsetPerRow;
        Assert.NotEqual(inference.AsSpan(offset, 6 * 4).ToArray(), training.AsSpan(offset, 6 * 4).ToArray());
    }

    [Fact]
    public void Predict_And_Evaluate_IgnoreDropout()
    {
        // Dropout has no tensors: the same parameters in the model without it must predict the same bits.
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var withDropout = new DropoutDigitsNet(seed: 5);
        withDropout.Fit(digits.Features, y, new FitOptions { Epochs = 1, Verbose = 0 });
        var without = new DigitsNet();
        withDropout.Parameters.CopyTo(without.Parameters);

        Assert.Equal(without.Predict(digits.Features), withDropout.Predict(digits.Features));
        Assert.Equal(without.Evaluate(digits.Features, y).Loss, withDropout.Evaluate(digits.Features, y).Loss);
    }

    [Fact]
    public void Fit_IsReproducibleFromItsSeed_AndTheSeedChangesTheMasks()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        float[] Train(int seed)
        {
            var model = new DropoutDigitsNet(seed: 1);
            model.Fit(digits.Features, y, new FitOptions { Epochs = 2, Verbose = 0, Seed = seed, Shuffle = false });
            return model.Parameters.ToArray();
        }
        Assert.Equal(Train(7), Train(7));
        // Without shuffling only the masks depend on FitOptions.Seed.
        Assert.NotEqual(Train(7), Train(8));
    }

    [Fact]
    public void Fit_ResumedAtAnEpoch_DrawsWhatTheWholeFitDrew()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var whole = new DropoutDigitsNet(seed: 2);
        whole.Fit(digits.Features, y, new FitOptions { Epochs = 3, Verbose = 0, Seed = 4 });
        var resumed = new DropoutDigitsNet(seed: 2);
        resumed.Fit(digits.Features, y, new FitOptions { Epochs = 1, Verbose = 0, Seed = 4 });
        resumed.Fit(digits.Features, y, new FitOptions { Epochs = 3, InitialEpoch = 1, Verbose = 0, Seed = 4 });
        Assert.Equal(whole.Parameters.ToArray(), resumed.Parameters.ToArray());
    }

    [Fact]
    public void TwoThreads_DrawTheMasksOneThreadDraws()
    {
        // 128 rows over two shards of 64: each shard draws its rows' masks, so the gradient is the one-thread gradient
        // up to the rounding of combining two shard means (different masks would change it by far more).
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var one = new DropoutDigitsNet(seed: 3);
        var two = new DropoutDigitsNet(seed: 3);
        one.Optimizer = new Sgd(learningRate: 1e-30);
        two.Optimizer = new Sgd(learningRate: 1e-30);
        using Trainer<DropoutDigitsNet.Kernel, float> single = one.CreateTrainer(128, threads: 1);
        using Trainer<DropoutDigitsNet.Kernel, float> pair = two.CreateTrainer(128, threads: 2);
        Assert.Equal(2, pair.Threads);
        BatchResult a = single.TrainStep(digits.Features, y, 128);
        BatchResult b = pair.TrainStep(digits.Features, y, 128);
        Assert.Equal(a.LossSum, b.LossSum, 1e-3);
        float[] g1 = single.Gradient.ToArray(), g2 = pair.Gradient.ToArray();
        float largest = g1.Max(Math.Abs);
        for (int i = 0; i < g1.Length; i++) Assert.True(Math.Abs(g1[i] - g2[i]) <= 1e-5f * largest, $"gradient[{i}]: {g1[i]} vs {g2[i]}");

        // And a second step draws new masks.
        BatchResult next = single.TrainStep(digits.Features, y, 128);
        Assert.NotEqual(a.LossSum, next.LossSum);
    }

    [Fact]
    public void Digits_TrainsWithDropout()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var (xTrain, xTest, yTrain, yTest) = TrainTestSplit.Split(digits.Features, y, digits.Rows, testSize: 0.2, seed: 42);
        var model = new DropoutDigitsNet();
        History history = model.Fit(xTrain, yTrain, new FitOptions { Epochs = 10, ValidationSplit = 0.2, Verbose = 0 });
        Assert.True(history.ValidationAccuracy[^1] >= 0.9, $"val_accuracy {history.ValidationAccuracy[^1]:F4}");
        Assert.True(model.Evaluate(xTest, yTest).Accuracy >= 0.9);
    }
}
