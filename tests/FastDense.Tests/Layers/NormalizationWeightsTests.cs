using FastDense.Tests.Models;

namespace FastDense.Tests.Layers;

/// <summary>
/// BatchNormalization's and LayerNormalization's initializers, regularizers and constraints of γ and β (and
/// BatchNormalization's moving statistics' initializers), as Keras adds these weights
/// (keras/src/layers/normalization/batch_normalization.py and layer_normalization.py, <c>build</c>: <c>add_weight</c>
/// with the <c>{name}_initializer</c>, <c>{name}_regularizer</c> and <c>{name}_constraint</c> of a 1-D shape). The
/// expected values are computed here from Keras's formulas: keras/src/initializers/random_initializers.py
/// (<c>compute_fans</c>: a 1-D shape's fan_in and fan_out are both its length; <c>VarianceScaling</c>),
/// constant_initializers.py, keras/src/regularizers/regularizers.py (<c>l1·Σ|x| + l2·Σx²</c>) and
/// keras/src/constraints/constraints.py, applied after every optimizer step (keras/src/optimizers/base_optimizer.py).
/// The regularized backward is also gradient-checked by central differences (CompletenessTests, NormRegularizedNet64).
/// </summary>
[Collection(FastDense.Tests.Threading.HelperThreadsCollection.Name)]
public class NormalizationWeightsTests
{
    private const double Epsilon = 1e-7;   // backend.epsilon(), in the constraints' divisor

    /// <summary>
    /// The standard deviation of a unit normal truncated at ±2 (what Keras's truncated draws keep of σ), by Simpson's rule:
    /// sqrt(∫x²φ / ∫φ) over [−2, 2].
    /// </summary>
    private static double TruncatedUnitStd()
    {
        const int n = 20000;
        double h = 4.0 / n, mass = 0, second = 0;
        for (int i = 0; i <= n; i++)
        {
            double x = -2 + i * h, phi = Math.Exp(-x * x / 2), weight = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
            mass += weight * phi;
            second += weight * x * x * phi;
        }
        return Math.Sqrt(second / mass);
    }

    private static double[] Values<TKernel>(Model<TKernel, float> model, string tensor)
        where TKernel : struct, IModelKernel<float>
    {
        TensorDescription t = model.Description.Tensors.Single(d => d.Name == tensor);
        Span<float> buffer = t.Trainable ? model.Parameters : model.State;
        return buffer.Slice(t.Offset, t.Length).ToArray().Select(v => (double)v).ToArray();
    }

    /// <summary>
    /// The draws lie in [low, high], their mean is within 5 standard errors of <paramref name="mean"/> and their variance
    /// within 10% of <paramref name="variance"/> (3000 draws: the variance's own relative error is below 3%).
    /// </summary>
    private static void Distributed(double[] values, double mean, double variance, double low, double high, string what)
    {
        Assert.All(values, v => Assert.True(v >= low && v <= high, $"{what}: {v} outside [{low}, {high}]"));
        double sampleMean = values.Average(), sampleVariance = values.Sum(v => (v - sampleMean) * (v - sampleMean)) / values.Length;
        Assert.True(Math.Abs(sampleMean - mean) <= 5 * Math.Sqrt(variance / values.Length), $"{what}: mean {sampleMean}, expected {mean}");
        Assert.True(Math.Abs(sampleVariance / variance - 1) <= 0.1, $"{what}: variance {sampleVariance}, expected {variance}");
    }

    [Fact]
    public void Initializers_DrawFromKerasDistributions_WithBothFansTheTensorsLength()
    {
        var model = new NormInitializedNet(seed: 5);
        const double n = 3000;   // every tensor is (3000): fan_in = fan_out = 3000
        double truncated = TruncatedUnitStd();

        // he_normal: VarianceScaling(2, fan_in, truncated_normal): σ = sqrt(2 / fan_in) / 0.8796…, cut at ±2σ, variance 2 / fan_in.
        double sigma = Math.Sqrt(2 / n) / 0.87962566103423978;
        Distributed(Values(model, "batch_normalization_0/gamma"), 0, Math.Pow(sigma * truncated, 2), -2 * sigma, 2 * sigma, "he_normal gamma");
        // VarianceScaling(3, fan_out, uniform): s = 3 / fan_out, uniform in ±sqrt(3s), variance s.
        double s = 3 / n, limit = Math.Sqrt(3 * s);
        Distributed(Values(model, "batch_normalization_0/beta"), 0, s, -limit, limit, "variance_scaling beta");
        // RandomNormal(0.5, 0.2).
        Distributed(Values(model, "batch_normalization_0/moving_mean"), 0.5, 0.04, double.NegativeInfinity, double.PositiveInfinity, "random_normal moving_mean");
        Assert.All(Values(model, "batch_normalization_0/moving_variance"), v => Assert.Equal(2.0, v));

        // glorot_uniform: VarianceScaling(1, fan_avg, uniform): limit sqrt(3 / ((fan_in + fan_out) / 2)).
        limit = Math.Sqrt(3 / ((n + n) / 2));
        Distributed(Values(model, "layer_normalization_0/gamma"), 0, limit * limit / 3, -limit, limit, "glorot_uniform gamma");
        // TruncatedNormal(-0.1, 0.05): within mean ± 2 stddev (Keras's truncated_normal does not rescale its stddev).
        Distributed(Values(model, "layer_normalization_0/beta"), -0.1, Math.Pow(0.05 * truncated, 2), -0.2, 0, "truncated_normal beta");
        // lecun_normal: VarianceScaling(1, fan_in, truncated_normal).
        sigma = Math.Sqrt(1 / n) / 0.87962566103423978;
        Distributed(Values(model, "layer_normalization_1/gamma"), 0, Math.Pow(sigma * truncated, 2), -2 * sigma, 2 * sigma, "lecun_normal gamma");
        // RandomUniform(0.2, 0.6).
        Distributed(Values(model, "layer_normalization_1/beta"), 0.4, 0.4 * 0.4 / 12, 0.2, 0.6, "random_uniform beta");

        Assert.All(Values(model, "batch_normalization_1/gamma"), v => Assert.Equal(0.0, v));
        Assert.All(Values(model, "batch_normalization_1/beta"), v => Assert.Equal(1.0, v));
        // VarianceScaling(0.5, fan_avg, untruncated_normal): σ = sqrt(0.5 / fan_avg), not cut.
        s = 0.5 / ((n + n) / 2);
        Distributed(Values(model, "batch_normalization_1/moving_mean"), 0, s, double.NegativeInfinity, double.PositiveInfinity, "variance_scaling moving_mean");
        // he_uniform: VarianceScaling(2, fan_in, uniform): limit sqrt(6 / fan_in).
        limit = Math.Sqrt(6 / n);
        Distributed(Values(model, "batch_normalization_1/moving_variance"), 0, limit * limit / 3, -limit, limit, "he_uniform moving_variance");
    }

    [Fact]
    public void Initializers_AreDrawnFromTheModelsSeed()
    {
        Assert.Equal(Values(new NormInitializedNet(seed: 5), "layer_normalization_0/gamma"), Values(new NormInitializedNet(seed: 5), "layer_normalization_0/gamma"));
        Assert.NotEqual(Values(new NormInitializedNet(seed: 5), "layer_normalization_0/gamma"), Values(new NormInitializedNet(seed: 6), "layer_normalization_0/gamma"));
    }

    /// <summary>Each regularized tensor of <see cref="NormRegularizedNet64"/> with its (l1, l2), as declared.</summary>
    private static readonly (string Tensor, double L1, double L2)[] Regularized =
    [
        ("batch_normalization_0/gamma", 0.01, 0.02), ("batch_normalization_0/beta", 0.03, 0),
        ("layer_normalization_0/gamma", 0, 0.05), ("layer_normalization_0/beta", 0.02, 0.01),
        ("batch_normalization_1/gamma", 0.04, 0), ("layer_normalization_1/beta", 0, 0.1),
    ];

    private static (double[] X, double[] Y) Batch(int rows, int seed)
    {
        var random = new Random(seed);
        double[] x = Enumerable.Range(0, rows * 4).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        var y = new double[rows * 3];
        for (int r = 0; r < rows; r++) y[r * 3 + random.Next(3)] = 1;
        return (x, y);
    }

    [Fact]
    public void Regularizers_AddL1AndL2OfGammaAndBeta_ToTheReportedLoss()
    {
        var regularized = new NormRegularizedNet64(seed: 2);
        var plain = new NormPlainNet64(seed: 2);
        regularized.Parameters.CopyTo(plain.Parameters);
        regularized.State.CopyTo(plain.State);
        (double[] x, double[] y) = Batch(24, 3);

        double penalty = 0;
        foreach ((string name, double l1, double l2) in Regularized)
        {
            TensorDescription tensor = regularized.Description.Tensors.Single(t => t.Name == name);
            foreach (double w in regularized.Parameters.Slice(tensor.Offset, tensor.Length)) penalty += l1 * Math.Abs(w) + l2 * w * w;
        }
        Assert.True(penalty > 0.1, $"penalty {penalty}");
        // Every batch adds the whole penalty, so the epoch's mean adds it once, whatever the batching.
        Assert.Equal(plain.Evaluate(x, y).Loss + penalty, regularized.Evaluate(x, y, batchSize: 24).Loss, 1e-12);
        Assert.Equal(plain.Evaluate(x, y).Loss + penalty, regularized.Evaluate(x, y, batchSize: 7).Loss, 1e-12);
    }

    [Fact]
    public void Regularizers_AddTheirGradient_L1SignPlusTwiceL2TimesTheWeight()
    {
        var regularized = new NormRegularizedNet64(seed: 4);
        double[] p = regularized.Parameters.ToArray(), state = regularized.State.ToArray();
        (double[] x, double[] y) = Batch(16, 5);
        ForwardMode mode = ForwardMode.Training(noiseKey: 7);
        var ws = new double[16 * NormRegularizedNet64.Kernel.WorkspacePerRow + NormRegularizedNet64.Kernel.WorkspaceFixed];
        var withPenalty = new double[p.Length];
        NormRegularizedNet64.Kernel.Forward(p, state, x, 16, ws, mode);
        NormRegularizedNet64.Kernel.Backward(p, state, x, y, default, 16, ws, withPenalty);
        var without = new double[p.Length];
        NormPlainNet64.Kernel.Forward(p, state, x, 16, ws, mode);
        NormPlainNet64.Kernel.Backward(p, state, x, y, default, 16, ws, without);

        var expected = new double[p.Length];
        foreach ((string name, double l1, double l2) in Regularized)
        {
            TensorDescription tensor = regularized.Description.Tensors.Single(t => t.Name == name);
            for (int i = tensor.Offset; i < tensor.Offset + tensor.Length; i++) expected[i] = l1 * Math.Sign(p[i]) + 2 * l2 * p[i];
        }
        for (int i = 0; i < p.Length; i++) Assert.Equal(expected[i], withPenalty[i] - without[i], 1e-12);
    }

    [Fact]
    public void LayerNormalizationRegularizers_OnTwoThreads_StepAsOnOne()
    {
        // Each shard's backward adds the whole penalty's gradient and the shards are weighed by their rows' share, so a
        // split batch steps (constraint included) as the whole batch does.
        var random = new Random(9);
        double[] x = Enumerable.Range(0, 128 * 4).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        double[] y = Enumerable.Range(0, 128 * 2).Select(_ => random.NextDouble()).ToArray();
        var one = new LayerNormRegularizedNet64(seed: 1) { Optimizer = new Sgd(learningRate: 0.1) };
        var two = new LayerNormRegularizedNet64(seed: 1) { Optimizer = new Sgd(learningRate: 0.1) };
        using (Trainer<LayerNormRegularizedNet64.Kernel, double> trainer = one.CreateTrainer(128, threads: 1)) trainer.TrainStep(x, y, 128);
        using (Trainer<LayerNormRegularizedNet64.Kernel, double> trainer = two.CreateTrainer(128, threads: 2))
        {
            Assert.Equal(2, trainer.Threads);
            trainer.TrainStep(x, y, 128);
        }
        double[] a = one.Parameters.ToArray(), b = two.Parameters.ToArray();
        for (int i = 0; i < a.Length; i++) Assert.Equal(a[i], b[i], 1e-13);
        TensorDescription gamma = one.Description.Tensors.Single(t => t.Name == "layer_normalization_0/gamma");
        Assert.True(Norm(a.AsSpan(gamma.Offset, gamma.Length).ToArray()) <= 2 + 1e-12);
    }

    private static double Norm(IEnumerable<double> w) => Math.Sqrt(w.Sum(v => v * v));

    /// <summary>Keras's constraint of one 1-D tensor (constraints.py, <c>axis</c> 0 of a vector: the whole vector's norm).</summary>
    private static double[] Constrained(double[] w, Constraint constraint, double minValue = 0, double maxValue = 2, double rate = 1)
    {
        double norm = Norm(w);
        return constraint switch
        {
            Constraint.NonNeg => w.Select(v => Math.Max(v, 0)).ToArray(),
            Constraint.MaxNorm => w.Select(v => v * Math.Clamp(norm, 0, maxValue) / (Epsilon + norm)).ToArray(),
            Constraint.UnitNorm => w.Select(v => v / (Epsilon + norm)).ToArray(),
            Constraint.MinMaxNorm => w.Select(v => v * (rate * Math.Clamp(norm, minValue, maxValue) + (1 - rate) * norm) / (Epsilon + norm)).ToArray(),
            _ => w,
        };
    }

    [Fact]
    public void Constraints_ProjectGammaAndBeta_AfterTheStep()
    {
        // The same step on the same weights, with and without the constraints: the constrained model's tensors are the
        // unconstrained step's, projected; the other tensors are the same.
        var constrained = new NormConstrainedNet64(seed: 3) { Optimizer = new Sgd(learningRate: 0.5) };
        var plain = new NormPlainNet64(seed: 3) { Optimizer = new Sgd(learningRate: 0.5) };
        constrained.Parameters.CopyTo(plain.Parameters);
        constrained.State.CopyTo(plain.State);
        (double[] x, double[] y) = Batch(32, 8);
        using (Trainer<NormConstrainedNet64.Kernel, double> trainer = constrained.CreateTrainer(32)) trainer.TrainStep(x, y, 32);
        using (Trainer<NormPlainNet64.Kernel, double> trainer = plain.CreateTrainer(32)) trainer.TrainStep(x, y, 32);

        double[] stepped = plain.Parameters.ToArray(), actual = constrained.Parameters.ToArray();
        double[] Tensor(double[] p, string name)
        {
            TensorDescription t = constrained.Description.Tensors.Single(d => d.Name == name);
            return p.AsSpan(t.Offset, t.Length).ToArray();
        }
        var expected = new Dictionary<string, double[]>
        {
            ["batch_normalization_0/gamma"] = Constrained(Tensor(stepped, "batch_normalization_0/gamma"), Constraint.MaxNorm, maxValue: 0.5),
            ["batch_normalization_0/beta"] = Constrained(Tensor(stepped, "batch_normalization_0/beta"), Constraint.NonNeg),
            ["layer_normalization_0/gamma"] = Constrained(Tensor(stepped, "layer_normalization_0/gamma"), Constraint.UnitNorm),
            ["layer_normalization_0/beta"] = Constrained(Tensor(stepped, "layer_normalization_0/beta"), Constraint.MinMaxNorm, minValue: 0.2, maxValue: 0.3, rate: 0.7),
            // Keras's MinMaxNorm defaults (0, 1, rate 1) and MaxNorm's (2).
            ["batch_normalization_1/gamma"] = Constrained(Tensor(stepped, "batch_normalization_1/gamma"), Constraint.MinMaxNorm, minValue: 0, maxValue: 1),
            ["layer_normalization_1/beta"] = Constrained(Tensor(stepped, "layer_normalization_1/beta"), Constraint.MaxNorm, maxValue: 2),
        };
        // Each projection changes its tensor (the step alone would not satisfy it).
        Assert.Contains(Tensor(stepped, "batch_normalization_0/beta"), v => v < 0);
        Assert.True(Norm(Tensor(stepped, "batch_normalization_0/gamma")) > 0.5);
        Assert.True(Norm(Tensor(stepped, "layer_normalization_0/beta")) < 0.2 || Norm(Tensor(stepped, "layer_normalization_0/beta")) > 0.3);
        foreach (TensorDescription tensor in constrained.Description.Tensors.Where(t => t.Trainable))
        {
            double[] want = expected.TryGetValue(tensor.Name, out double[]? projected) ? projected : Tensor(stepped, tensor.Name);
            double[] got = Tensor(actual, tensor.Name);
            for (int i = 0; i < want.Length; i++) Assert.True(Math.Abs(want[i] - got[i]) <= 1e-13, $"{tensor.Name}[{i}]: {got[i]}, expected {want[i]}");
        }
    }

    [Fact]
    public void Constraints_HoldAfterEveryStep()
    {
        var model = new NormConstrainedNet64(seed: 1) { Optimizer = new Adam(learningRate: 0.05) };
        using Trainer<NormConstrainedNet64.Kernel, double> trainer = model.CreateTrainer(32);
        double[] Tensor(string name)
        {
            TensorDescription t = model.Description.Tensors.Single(d => d.Name == name);
            return model.Parameters.Slice(t.Offset, t.Length).ToArray();
        }
        for (int step = 0; step < 10; step++)
        {
            (double[] x, double[] y) = Batch(32, 100 + step);
            trainer.TrainStep(x, y, 32);
            Assert.True(Norm(Tensor("batch_normalization_0/gamma")) <= 0.5 + 1e-12, $"step {step}: max_norm gamma");
            Assert.All(Tensor("batch_normalization_0/beta"), v => Assert.True(v >= 0, $"step {step}: non_neg beta {v}"));
            Assert.Equal(1, Norm(Tensor("layer_normalization_0/gamma")), 1e-6);
            Assert.True(Norm(Tensor("batch_normalization_1/gamma")) <= 1 + 1e-12, $"step {step}: min_max_norm gamma");
            Assert.True(Norm(Tensor("layer_normalization_1/beta")) <= 2 + 1e-12, $"step {step}: max_norm beta");
        }
    }

    [Fact]
    public void Description_ReportsTheDeclaredInitializersRegularizersAndConstraints_InKerasOrder()
    {
        IReadOnlyList<LayerDescription> layers = NormRegularizedNet64.Kernel.Description.Layers;
        Assert.Equal([new("momentum", 0.99), new("epsilon", 1e-3), new("center", 1), new("scale", 1),
            new("beta_initializer", (int)Initializer.RandomUniform), new("beta_initializer.minval", 0.1), new("beta_initializer.maxval", 0.5),
            new("gamma_initializer", (int)Initializer.RandomNormal), new("gamma_initializer.mean", 1), new("gamma_initializer.stddev", 0.2),
            new("beta_regularizer.l1", 0.03), new("gamma_regularizer.l1", 0.01), new("gamma_regularizer.l2", 0.02)], layers[0].Arguments);
        Assert.Equal([new("momentum", 0.99), new("epsilon", 1e-3), new("center", 0), new("scale", 1), new("gamma_initializer", (int)Initializer.Constant),
            new("gamma_initializer.value", 0.7), new("gamma_regularizer.l1", 0.04)], layers[4].Arguments);
        IReadOnlyList<LayerDescription> constrained = NormConstrainedNet64.Kernel.Description.Layers;
        Assert.Equal([new("epsilon", 1e-3), new("center", 1), new("scale", 1), new("beta_constraint", (int)Constraint.MinMaxNorm), new("beta_constraint.min_value", 0.2),
            new("beta_constraint.max_value", 0.3), new("beta_constraint.rate", 0.7), new("gamma_constraint", (int)Constraint.UnitNorm)], constrained[2].Arguments);
        // Keras's defaults add nothing: the plain twin's arguments are the layer's own.
        Assert.Equal([new("momentum", 0.99), new("epsilon", 1e-3), new("center", 1), new("scale", 1)], NormPlainNet64.Kernel.Description.Layers[0].Arguments);
    }
}
