using FastDense.Data;
using FastDense.Tests.Models;

namespace FastDense.Tests.Optimizers;

/// <summary>
/// The base optimizer's adjustments, as keras/src/optimizers/base_optimizer.py applies them in <c>apply</c>: first
/// <c>_clip_gradients</c> (clipnorm: each variable's gradient times clipnorm / max(‖g‖, clipnorm); global_clipnorm: every
/// gradient times global / max(‖g‖_global, global); clipvalue: clip(g, −v, v)), then <c>_apply_weight_decay</c>
/// (<c>variable − variable · weight_decay · learning_rate</c>), then the update. AdamW (keras/src/optimizers/adamw.py) is
/// Adam with weight_decay 0.004. Expected values are written out here with plain SGD (w − lr · g) or Adam's first step.
/// </summary>
[Collection(FastDense.Tests.Threading.HelperThreadsCollection.Name)]
public class WeightDecayAndClippingTests
{
    private static (double[] W, double[] G) Problem(int n, int seed)
    {
        var random = new Random(seed);
        return (Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray(), Enumerable.Range(0, n).Select(_ => 4 * (random.NextDouble() - 0.5)).ToArray());
    }

    [Fact]
    public void WeightDecay_DecaysBeforeTheUpdate()
    {
        (double[] w, double[] g) = Problem(37, 1);
        double[] expected = w.Select((v, i) => (v - v * 0.1 * 0.05) - 0.05 * g[i]).ToArray();
        var sgd = new Sgd(learningRate: 0.05) { WeightDecay = 0.1 };
        sgd.Step<double>(w, g);
        for (int i = 0; i < w.Length; i++) Assert.Equal(expected[i], w[i], 14);
    }

    [Fact]
    public void AdamW_IsAdamOnTheDecayedWeights()
    {
        (double[] w, double[] g) = Problem(37, 2);
        double[] decayed = w.Select(v => v - v * 0.004 * 0.001).ToArray();
        new Adam().Step<double>(decayed, g);
        var adamW = new AdamW();
        Assert.Equal(0.004, adamW.WeightDecay);
        adamW.Step<double>(w, g);
        for (int i = 0; i < w.Length; i++) Assert.Equal(decayed[i], w[i], 14);
    }

    [Fact]
    public void ExcludeFromWeightDecay_SkipsTensorsWhoseNameContainsAPart()
    {
        var p = new double[SoftmaxNet64.ParameterCount];
        for (int i = 0; i < p.Length; i++) p[i] = 1;
        var g = new double[p.Length];
        var sgd = new Sgd(learningRate: 0.5) { WeightDecay = 0.2 };
        sgd.ExcludeFromWeightDecay("bias");
        sgd.Bind(SoftmaxNet64.Kernel.Description);
        sgd.Step<double>(p, g);
        foreach (TensorDescription tensor in SoftmaxNet64.Kernel.Description.Tensors)
        {
            double want = tensor.Name.EndsWith("bias", StringComparison.Ordinal) ? 1 : 1 - 1 * 0.2 * 0.5;
            Assert.All(p.AsSpan(tensor.Offset, tensor.Length).ToArray(), v => Assert.Equal(want, v, 15));
        }
    }

    [Fact]
    public void ClipValue_ClipsEachElement()
    {
        (double[] w, double[] g) = Problem(37, 4);
        double[] expected = w.Select((v, i) => v - 0.1 * Math.Clamp(g[i], -0.5, 0.5)).ToArray();
        new Sgd(learningRate: 0.1) { ClipValue = 0.5 }.Step<double>(w, g);
        for (int i = 0; i < w.Length; i++) Assert.Equal(expected[i], w[i], 15);
    }

    [Fact]
    public void ClipNorm_ScalesEachTensorsGradient_GlobalClipNorm_TheWhole()
    {
        ModelDescription description = SoftmaxNet64.Kernel.Description;
        (double[] w, double[] g) = Problem(description.ParameterCount, 5);
        double[] perTensor = (double[])w.Clone(), global = (double[])w.Clone();
        var clipNorm = new Sgd(learningRate: 1) { ClipNorm = 1.0 };
        clipNorm.Bind(description);
        clipNorm.Step<double>(perTensor, g);
        foreach (TensorDescription tensor in description.Tensors)
        {
            double norm = Math.Sqrt(g.AsSpan(tensor.Offset, tensor.Length).ToArray().Sum(v => v * v));
            double scale = 1.0 / Math.Max(norm, 1.0);
            for (int i = tensor.Offset; i < tensor.Offset + tensor.Length; i++) Assert.Equal(w[i] - g[i] * scale, perTensor[i], 12);
        }
        var globalClip = new Sgd(learningRate: 1) { GlobalClipNorm = 2.0 };
        globalClip.Step<double>(global, g);
        double total = Math.Sqrt(g.Sum(v => v * v));
        for (int i = 0; i < w.Length; i++) Assert.Equal(w[i] - g[i] * 2.0 / total, global[i], 12);
    }

    [Fact]
    public void Arguments_AreChecked_AndOnlyOneClippingMaySet()
    {
        var sgd = new Sgd();
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.WeightDecay = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.ClipNorm = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.ClipValue = double.NaN);
        sgd.ClipNorm = 1;
        var error = Assert.Throws<InvalidOperationException>(() => sgd.GlobalClipNorm = 1);
        Assert.Contains("Only one of ClipNorm, ClipValue and GlobalClipNorm can be set", error.Message);
        sgd.ClipNorm = null;
        sgd.GlobalClipNorm = 1;
        Assert.Throws<ArgumentException>(() => sgd.ExcludeFromWeightDecay("bias", ""));
    }

    [Fact]
    public void Fit_WithDecayAndClipping_OnTwoThreads_IsTheOneThreadResult_AndAllocatesNothingPerStep()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        float[] Train(int threads)
        {
            var model = new DigitsNet(seed: 1) { Optimizer = new AdamW { ClipNorm = 1.0 } };
            model.Optimizer.ExcludeFromWeightDecay("bias");
            model.Fit(digits.Features, y, new FitOptions { Epochs = 2, BatchSize = 128, Threads = threads, Verbose = 0 });
            return model.Parameters.ToArray();
        }
        float[] one = Train(1), two = Train(2);
        // Two shards' gradients are combined before clipping: the same update up to the combination's rounding.
        for (int i = 0; i < one.Length; i++) Assert.True(Math.Abs(one[i] - two[i]) <= 1e-4f, $"parameter {i}: {one[i]} vs {two[i]}");

        var probe = new Training.AllocationTests.AllocationProbe();
        new DigitsNet { Optimizer = new AdamW { GlobalClipNorm = 1 } }.Fit(digits.Features, y, new FitOptions { Epochs = 4, Verbose = 0, Callbacks = [probe] });
        long[] perEpoch = probe.EpochEnds.Zip(probe.EpochEnds.Skip(1), (a, b) => b - a).ToArray();
        Assert.All(perEpoch.Skip(1), bytes => Assert.Equal(0, bytes));
    }

    [Fact]
    public void ACheckpoint_RecordsTheAdjustments()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var model = new DigitsNet { Optimizer = new AdamW(weightDecay: 0.01) { ClipValue = 0.5 } };
        model.Fit(digits.Features[..(64 * 64)], y[..(64 * 10)], new FitOptions { Epochs = 1, Verbose = 0 });
        using var file = new MemoryStream();
        model.SaveCheckpoint(file, epoch: 1, seed: 0);
        file.Position = 0;
        var same = new DigitsNet { Optimizer = new AdamW(weightDecay: 0.01) { ClipValue = 0.5 } };
        same.LoadCheckpoint(file);
        Assert.Equal(model.Parameters.ToArray(), same.Parameters.ToArray());
        file.Position = 0;
        var other = new DigitsNet { Optimizer = new AdamW(weightDecay: 0.02) { ClipValue = 0.5 } };
        Assert.Throws<ModelFileException>(() => other.LoadCheckpoint(file));
    }
}
