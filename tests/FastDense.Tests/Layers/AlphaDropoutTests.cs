using FastDense.Data;
using FastDense.Layers;
using FastDense.Tests.Models;

namespace FastDense.Tests.Layers;

/// <summary>
/// AlphaDropout as Keras defines it (keras/src/layers/regularization/alpha_dropout.py): with selu's alpha and scale,
/// <c>alpha_p = −alpha · scale</c>, <c>kept = uniform ≥ rate</c>, <c>a = ((1 − rate)(1 + rate · alpha_p²))^−0.5</c>,
/// <c>b = −a · alpha_p · rate</c>, the output is <c>a · (x · kept + alpha_p · (1 − kept)) + b</c> in training and x in
/// inference. The constants and the formula are written out here; the draws are FastDense's (Dropout's), checked against
/// DropoutMask's hash, for their rate, and for their independence from how a batch is split over threads.
/// </summary>
[Collection(FastDense.Tests.Threading.HelperThreadsCollection.Name)]
public class AlphaDropoutTests
{
    // keras/src/layers/regularization/alpha_dropout.py's constants.
    private const double Alpha = 1.6732632423543772848170429916717;
    private const double Scale = 1.0507009873554804934193349852946;
    private const double AlphaP = -Alpha * Scale;

    private static double A(double rate) => Math.Pow((1 - rate) * (1 + rate * AlphaP * AlphaP), -0.5);

    private static double B(double rate) => -A(rate) * AlphaP * rate;

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public void Training_KeepsOrDrops_AsTheDropoutHashDraws_AndMapsByKerassAffineFormula(double rate)
    {
        const int rows = 300, width = 37;
        var random = new Random(1);
        double[] x = Enumerable.Range(0, rows * width).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        var output = new double[x.Length];
        var mask = new double[x.Length];
        ForwardMode mode = ForwardMode.Training(noiseKey: 41, firstRow: 12);
        AlphaDropoutMath.Forward<double>(x, output, mask, rows, width, rate, layerKey: 6, mode, false, false);
        var outputFloat = new float[x.Length];
        AlphaDropoutMath.Forward<float>(x.Select(v => (float)v).ToArray(), outputFloat, new float[x.Length], rows, width, rate, 6, mode, false, false);

        uint threshold = DropoutMask.Threshold(rate);
        int dropped = 0;
        for (int r = 0; r < rows; r++)
        {
            uint key = DropoutMask.RowKey(41, 6, 12 + r);
            for (int j = 0; j < width; j++)
            {
                int i = r * width + j;
                bool kept = DropoutMask.Draw(key, j) >= threshold;
                double expected = A(rate) * (kept ? x[i] : AlphaP) + B(rate);
                Assert.Equal(expected, output[i], 14);
                Assert.Equal(kept ? A(rate) : 0, mask[i], 15);
                Assert.True(Math.Abs(expected - outputFloat[i]) <= 1e-6 * Math.Max(1, Math.Abs(expected)), $"float [{i}]: {outputFloat[i]} vs {expected}");
                if (!kept) dropped++;
            }
        }
        double sigma = Math.Sqrt(rate * (1 - rate) / x.Length);
        Assert.InRange((double)dropped / x.Length, rate - 5 * sigma, rate + 5 * sigma);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.2)]
    [InlineData(0.5)]
    public void SeluDistributedInputs_KeepMeanZeroAndVarianceOne_OverManyDraws(double rate)
    {
        // z ~ N(0, 1) through selu has mean 0 and variance 1 (selu's fixed point); AlphaDropout's a and b are chosen to keep
        // them. Over 2·10⁶ draws (20 steps of 500 rows of 200), the sample moments are checked against those Keras's
        // formula predicts from the input's own sample moments, and both against 0 and 1.
        const int rows = 500, width = 200, steps = 20;
        var random = new Random(7);
        double[] x = new double[rows * width];
        var output = new double[x.Length];
        var mask = new double[x.Length];
        double sumX = 0, sumX2 = 0, sumY = 0, sumY2 = 0;
        long n = 0;
        for (int step = 0; step < steps; step++)
        {
            for (int i = 0; i < x.Length; i++)
            {
                // Box–Muller, then selu with Keras's constants.
                double z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                x[i] = z > 0 ? Scale * z : Scale * Alpha * (Math.Exp(z) - 1);
            }
            AlphaDropoutMath.Forward<double>(x, output, mask, rows, width, rate, layerKey: 3, ForwardMode.Training(noiseKey: (ulong)(1000 + step)), false, false);
            for (int i = 0; i < x.Length; i++)
            {
                sumX += x[i];
                sumX2 += x[i] * x[i];
                sumY += output[i];
                sumY2 += output[i] * output[i];
            }
            n += x.Length;
        }
        double meanX = sumX / n, varianceX = sumX2 / n - meanX * meanX;
        double meanY = sumY / n, varianceY = sumY2 / n - meanY * meanY;
        // E[v] and Var[v] of v = x·kept + α'(1 − kept), kept ~ Bernoulli(1 − rate), then a·v + b.
        double meanV = (1 - rate) * meanX + rate * AlphaP;
        double varianceV = (1 - rate) * (varianceX + meanX * meanX) + rate * AlphaP * AlphaP - meanV * meanV;
        double a = A(rate);
        Assert.Equal(a * meanV + B(rate), meanY, 2);
        Assert.InRange(varianceY / (a * a * varianceV), 0.99, 1.01);
        Assert.InRange(meanX, -0.005, 0.005);
        Assert.InRange(varianceX, 0.99, 1.01);
        Assert.InRange(meanY, -0.01, 0.01);
        Assert.InRange(varianceY, 0.98, 1.02);
    }

    [Fact]
    public void Inference_AndRateZero_PassTheInputThrough()
    {
        float[] x = Enumerable.Range(0, 7 * 13).Select(i => MathF.Sin(i)).ToArray();
        var output = new float[x.Length];
        var mask = new float[x.Length];
        AlphaDropoutMath.Forward<float>(x, output, mask, 7, 13, 0.4, 1, ForwardMode.Inference, false, false);
        Assert.Equal(x, output);
        Assert.All(mask, m => Assert.Equal(1f, m));
        AlphaDropoutMath.Forward<float>(x, output, mask, 7, 13, 0, 1, ForwardMode.Training(5), false, false);
        Assert.Equal(x, output);
    }

    [Fact]
    public void ARowsDraws_DoNotDependOnHowTheBatchIsSplit()
    {
        const int rows = 50, width = 24;
        var random = new Random(2);
        float[] x = Enumerable.Range(0, rows * width).Select(_ => (float)random.NextDouble()).ToArray();
        ForwardMode whole = ForwardMode.Training(2024);
        var all = new float[x.Length];
        var allMask = new float[x.Length];
        AlphaDropoutMath.Forward<float>(x, all, allMask, rows, width, 0.3, 9, whole, false, false);
        foreach (int split in new[] { 1, 17, 49 })
        {
            var first = new float[split * width];
            var second = new float[(rows - split) * width];
            AlphaDropoutMath.Forward<float>(x.AsSpan(0, first.Length), first, new float[first.Length], split, width, 0.3, 9, whole, false, false);
            AlphaDropoutMath.Forward<float>(x.AsSpan(first.Length), second, new float[second.Length], rows - split, width, 0.3, 9, whole.Skip(split), false, false);
            Assert.Equal(all, first.Concat(second).ToArray());
        }
    }

    [Fact]
    public void NoiseShapes_ShareTheDrawsAsDropoutsDo()
    {
        const int rows = 40, width = 16;
        var x = new float[rows * width];
        var mask = new float[x.Length];
        // (None, 1): each row kept or dropped whole.
        AlphaDropoutMath.Forward<float>(x, new float[x.Length], mask, rows, width, 0.5, 2, ForwardMode.Training(5), sameForEveryRow: false, sameForEveryColumn: true);
        for (int r = 0; r < rows; r++) Assert.All(mask.AsSpan(r * width, width).ToArray(), m => Assert.Equal(mask[r * width], m));
        Assert.Contains(0f, mask);
        Assert.Contains((float)A(0.5), mask);
        // (1, None): one mask for every row.
        AlphaDropoutMath.Forward<float>(x, new float[x.Length], mask, rows, width, 0.5, 2, ForwardMode.Training(5), sameForEveryRow: true, sameForEveryColumn: false);
        for (int r = 1; r < rows; r++) Assert.Equal(mask[..width], mask[(r * width)..((r + 1) * width)]);
        Assert.Contains(0f, mask[..width]);
    }

    [Fact]
    public void TheGradientCheckedModel_DropsInTraining()
    {
        // CompletenessTests checks AlphaDropoutNet64 with one fixed training key: training must differ from inference.
        var p = new double[AlphaDropoutNet64.ParameterCount];
        AlphaDropoutNet64.Kernel.Initialize(p, [], 3);
        double[] x = Enumerable.Range(0, 8 * 5).Select(i => Math.Sin(i) + 0.1).ToArray();
        var training = new double[8 * AlphaDropoutNet64.WorkspacePerRow];
        var inference = new double[training.Length];
        AlphaDropoutNet64.Kernel.Forward(p, [], x, 8, training, GradientChecks.GradientChecker.Mode);
        AlphaDropoutNet64.Kernel.Forward(p, [], x, 8, inference, ForwardMode.Inference);
        int offset = 8 * AlphaDropoutNet64.Kernel.OutputOffsetPerRow;
        Assert.NotEqual(inference.AsSpan(offset, 8 * 2).ToArray(), training.AsSpan(offset, 8 * 2).ToArray());
        LayerDescription[] layers = AlphaDropoutNet64.Kernel.Description.Layers.Where(l => l.Kind == LayerKind.AlphaDropout).ToArray();
        Assert.Equal(["alpha_dropout_0", "alpha_dropout_1", "alpha_dropout_2"], layers.Select(l => l.Name));
        Assert.Equal([new("rate", 0.1), new("seed", 7), new("noise_shape.1", 1)], layers[2].Arguments);
    }

    [Fact]
    public void TwoThreads_DrawTheMasksOneThreadDraws()
    {
        // 128 rows over two shards of 64: the gradient is the one-thread gradient up to the rounding of combining two
        // shard means (other masks would change it by far more).
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var one = new SeluDigitsNet(seed: 3);
        var two = new SeluDigitsNet(seed: 3);
        one.Optimizer = new Sgd(learningRate: 1e-30);
        two.Optimizer = new Sgd(learningRate: 1e-30);
        using Trainer<SeluDigitsNet.Kernel, float> single = one.CreateTrainer(128, threads: 1);
        using Trainer<SeluDigitsNet.Kernel, float> pair = two.CreateTrainer(128, threads: 2);
        Assert.Equal(2, pair.Threads);
        BatchResult a = single.TrainStep(digits.Features, y, 128);
        BatchResult b = pair.TrainStep(digits.Features, y, 128);
        Assert.Equal(a.LossSum, b.LossSum, 1e-3);
        float[] g1 = single.Gradient.ToArray(), g2 = pair.Gradient.ToArray();
        float largest = g1.Max(Math.Abs);
        for (int i = 0; i < g1.Length; i++) Assert.True(Math.Abs(g1[i] - g2[i]) <= 1e-5f * largest, $"gradient[{i}]: {g1[i]} vs {g2[i]}");
        BatchResult next = single.TrainStep(digits.Features, y, 128);
        Assert.NotEqual(a.LossSum, next.LossSum);
    }

    [Fact]
    public void Predict_IgnoresAlphaDropout()
    {
        // In inference the layer is the identity: the model's output is that of its layers without it.
        var model = new AlphaDropoutNet64(seed: 4);
        double[] x = Enumerable.Range(0, 3 * 5).Select(i => Math.Cos(i)).ToArray();
        var ws = new double[3 * AlphaDropoutNet64.WorkspacePerRow];
        AlphaDropoutNet64.Kernel.Forward(model.Parameters.ToArray(), [], x, 3, ws, ForwardMode.Inference);
        // alpha_dropout_0 passes x to dense_0: its output block is x.
        Assert.Equal(x, ws.AsSpan(0, 3 * 5).ToArray());
        Assert.Equal(ws.AsSpan(3 * AlphaDropoutNet64.Kernel.OutputOffsetPerRow, 3 * 2).ToArray(), model.Predict(x));
    }
}
