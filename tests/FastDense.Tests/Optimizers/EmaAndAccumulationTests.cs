using FastDense.Data;
using FastDense.Tests.Models;

namespace FastDense.Tests.Optimizers;

/// <summary>
/// Keras 3's <c>use_ema</c> (<c>ema_momentum</c>, <c>ema_overwrite_frequency</c>) and <c>gradient_accumulation_steps</c>,
/// against <see cref="KerasReference"/>: keras/src/optimizers/base_optimizer.py's <c>apply</c> and
/// <c>_backend_apply_gradients</c> (the TensorFlow backend, keras/src/backend/tensorflow/optimizer.py, does not override
/// them) written out here in double, with SGD's and Adam's <c>update_step</c> (keras/src/optimizers/sgd.py, adam.py).
/// </summary>
[Collection(FastDense.Tests.Threading.HelperThreadsCollection.Name)]
public class EmaAndAccumulationTests
{
    /// <summary>Double on both sides; the two differ only in the order of a few roundings (Adam's m · alpha).</summary>
    private const double Tolerance = 1e-12;

    /// <summary>
    /// One flat variable through Keras's <c>BaseOptimizer.apply</c>, line by line:
    /// <code>
    /// _backend_apply_gradients:
    ///   if gradient_accumulation_steps:
    ///     if (_iterations + 1) % steps == 0:  g = (g + acc) / steps; clip; weight decay; update_step; acc = 0
    ///     else:                               acc = acc + g            (TF: var.assign(var + grad))
    ///   else: clip; weight decay; update_step
    ///   if use_ema:
    ///     momentum = (iterations != 0) · ema_momentum                 (_update_model_variables_moving_average)
    ///     average  = momentum · average + (1 − momentum) · variable
    ///     if ema_overwrite_frequency and (iterations + 1) % frequency == 0: variable = average
    /// apply: _iterations += 1
    /// </code>
    /// where <c>iterations</c> is the property, <c>_iterations // steps</c> with accumulation, and the learning rate is
    /// <c>_get_current_learning_rate()</c>: a schedule at <c>_iterations</c>. Weight decay is
    /// <c>variable − variable · weight_decay · lr</c> (<c>_apply_weight_decay</c>); clipping is <c>_clip_gradients</c>.
    /// </summary>
    internal sealed class KerasReference(double[] w, Func<long, double> learningRate, KerasReference.UpdateStep update)
    {
        /// <summary>An optimizer's <c>update_step(gradient, variable, learning_rate)</c>, given <c>self.iterations</c>.</summary>
        public delegate void UpdateStep(double[] gradient, double[] variable, double learningRate, long iterations);

        public double[] W { get; } = (double[])w.Clone();
        public double[] Average { get; } = new double[w.Length];
        public double[] Accumulator { get; } = new double[w.Length];
        public long RawIterations { get; private set; }
        public int? Steps { get; init; }
        public bool UseEma { get; init; }
        public double EmaMomentum { get; init; } = 0.99;
        public int? EmaOverwriteFrequency { get; init; }
        public double? WeightDecay { get; init; }
        public double? ClipValue { get; init; }
        public double? GlobalClipNorm { get; init; }
        /// <summary>clipnorm's variables (offset, length); the whole buffer when null.</summary>
        public (int Offset, int Length)[]? Variables { get; init; }
        public double? ClipNorm { get; init; }

        /// <summary>The <c>iterations</c> property: <c>_iterations // gradient_accumulation_steps</c> with accumulation.</summary>
        public long Iterations => Steps is int s ? RawIterations / s : RawIterations;

        public void Apply(double[] gradient)
        {
            if (Steps is int steps)
            {
                if ((RawIterations + 1) % steps == 0)
                {
                    double[] mean = gradient.Select((g, i) => (g + Accumulator[i]) / steps).ToArray();
                    ClipDecayUpdate(mean);
                    Array.Clear(Accumulator);
                }
                else
                {
                    for (int i = 0; i < W.Length; i++) Accumulator[i] = Accumulator[i] + gradient[i];
                }
            }
            else
            {
                ClipDecayUpdate((double[])gradient.Clone());
            }
            if (UseEma)
            {
                double momentum = (Iterations != 0 ? 1.0 : 0.0) * EmaMomentum;
                for (int i = 0; i < W.Length; i++) Average[i] = momentum * Average[i] + (1 - momentum) * W[i];
                if (EmaOverwriteFrequency is int frequency && (Iterations + 1) % frequency == 0) Array.Copy(Average, W, W.Length);
            }
            RawIterations++;
        }

        private void ClipDecayUpdate(double[] g)
        {
            if (ClipNorm is double clip)
            {
                foreach ((int offset, int length) in Variables ?? [(0, g.Length)])
                {
                    double norm = Math.Sqrt(g.Skip(offset).Take(length).Sum(v => v * v));
                    for (int i = offset; i < offset + length; i++) g[i] = g[i] * clip / Math.Max(norm, clip);
                }
            }
            else if (GlobalClipNorm is double global)
            {
                double norm = Math.Sqrt(g.Sum(v => v * v));
                double scale = global * Math.Min(1 / norm, 1 / global);
                for (int i = 0; i < g.Length; i++) g[i] *= scale;
            }
            else if (ClipValue is double value)
            {
                for (int i = 0; i < g.Length; i++) g[i] = Math.Clamp(g[i], -value, value);
            }
            double lr = learningRate(RawIterations);
            if (WeightDecay is double decay)
            {
                for (int i = 0; i < W.Length; i++) W[i] = W[i] - W[i] * decay * lr;
            }
            update(g, W, lr, Iterations);
        }

        /// <summary>keras/src/optimizers/sgd.py, <c>update_step</c>.</summary>
        public static UpdateStep Sgd(int n, double momentum = 0)
        {
            var velocity = new double[n];
            return (g, w, lr, _) =>
            {
                for (int i = 0; i < n; i++)
                {
                    if (momentum == 0)
                    {
                        w[i] -= g[i] * lr;
                        continue;
                    }
                    velocity[i] = velocity[i] * momentum - g[i] * lr;
                    w[i] += velocity[i];
                }
            };
        }

        /// <summary>keras/src/optimizers/adam.py, <c>update_step</c> (local_step = iterations + 1).</summary>
        public static UpdateStep Adam(int n, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7)
        {
            double[] m = new double[n], v = new double[n];
            return (g, w, lr, iterations) =>
            {
                double localStep = iterations + 1;
                double alpha = lr * Math.Sqrt(1 - Math.Pow(beta2, localStep)) / (1 - Math.Pow(beta1, localStep));
                for (int i = 0; i < n; i++)
                {
                    m[i] += (g[i] - m[i]) * (1 - beta1);
                    v[i] += (g[i] * g[i] - v[i]) * (1 - beta2);
                    w[i] -= m[i] * alpha / (Math.Sqrt(v[i]) + epsilon);
                }
            };
        }
    }

    private static double[] MovingAverage(Optimizer optimizer, int n)
    {
        var average = new double[n];
        Assert.True(optimizer.TryCopyMovingAverageTo<double>(average));
        return average;
    }

    private static void AssertClose(double[] expected, ReadOnlySpan<double> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance, $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    /// <summary>Runs both over the gradients, comparing the parameters (and the average) after every step.</summary>
    private static void RunAndCompare(Optimizer optimizer, KerasReference keras, double[][] gradients)
    {
        double[] w = (double[])keras.W.Clone();
        int step = 0;
        foreach (double[] g in gradients)
        {
            optimizer.Step<double>(w, g);
            keras.Apply(g);
            step++;
            AssertClose(keras.W, w, $"w after step {step}");
            if (keras.UseEma) AssertClose(keras.Average, MovingAverage(optimizer, w.Length), $"average after step {step}");
            Assert.Equal(keras.RawIterations, optimizer.Iterations);
            Assert.Equal(keras.Iterations, optimizer.AppliedIterations);
        }
    }

    [Fact]
    public void Ema_FirstAverageIsTheUpdatedWeights_ThenTheMomentumFormula()
    {
        // Closed form for plain SGD: w1 = w0 − lr·g1 and average1 = w1 exactly (momentum 0 at iterations 0); then
        // average2 = 0.99·w1 + 0.01·w2. Without an overwrite frequency the weights are SGD's own.
        double[] w = [0.5, -0.25, 1.0];
        double[] g1 = [0.1, 0.2, -0.3], g2 = [-0.05, 0.4, 0.25];
        var sgd = new Sgd(learningRate: 0.1) { UseEma = true };
        sgd.Step<double>(w, g1);
        double[] w1 = [0.5 - 0.1 * 0.1, -0.25 - 0.2 * 0.1, 1.0 - -0.3 * 0.1];
        Assert.Equal(w1, w);
        Assert.Equal(w1, MovingAverage(sgd, 3));
        sgd.Step<double>(w, g2);
        double[] w2 = w1.Select((v, i) => v - g2[i] * 0.1).ToArray();
        Assert.Equal(w2, w);
        AssertClose(w1.Select((v, i) => 0.99 * v + (1 - 0.99) * w2[i]).ToArray(), MovingAverage(sgd, 3), "average");
    }

    [Fact]
    public void Ema_OnSgdAndAdam_MatchesKeras()
    {
        (double[] w0, double[][] gradients) = OptimizerChecks.Problem(seed: 21, steps: 5);
        int n = w0.Length;
        RunAndCompare(new Sgd(learningRate: 0.1, momentum: 0.9) { UseEma = true, EmaMomentum = 0.9 },
            new KerasReference(w0, _ => 0.1, KerasReference.Sgd(n, momentum: 0.9)) { UseEma = true, EmaMomentum = 0.9 }, gradients);
        RunAndCompare(new Adam(learningRate: 0.01) { UseEma = true },
            new KerasReference(w0, _ => 0.01, KerasReference.Adam(n)) { UseEma = true }, gradients);
    }

    [Fact]
    public void EmaOverwriteFrequency_OverwritesTheWeights_AsKerasCounts()
    {
        // Frequency 2: after steps 2 and 4 (iterations 1 and 3 before them) the weights become the average.
        (double[] w0, double[][] gradients) = OptimizerChecks.Problem(seed: 22, steps: 5);
        int n = w0.Length;
        var adam = new Adam(learningRate: 0.05) { UseEma = true, EmaMomentum = 0.8, EmaOverwriteFrequency = 2 };
        var keras = new KerasReference(w0, _ => 0.05, KerasReference.Adam(n)) { UseEma = true, EmaMomentum = 0.8, EmaOverwriteFrequency = 2 };
        RunAndCompare(adam, keras, gradients);
        double[] w = (double[])w0.Clone();
        var check = new Adam(learningRate: 0.05) { UseEma = true, EmaMomentum = 0.8, EmaOverwriteFrequency = 2 };
        for (int step = 1; step <= 4; step++)
        {
            check.Step<double>(w, gradients[step - 1]);
            // Step 1's average is the weights themselves (momentum 0 at iterations 0): equal, overwritten or not.
            bool equal = w.AsSpan().SequenceEqual(MovingAverage(check, n));
            Assert.Equal(step % 2 == 0 || step == 1, equal);
        }
        RunAndCompare(new Sgd(learningRate: 0.2, momentum: 0.5) { UseEma = true, EmaOverwriteFrequency = 3 },
            new KerasReference(w0, _ => 0.2, KerasReference.Sgd(n, momentum: 0.5)) { UseEma = true, EmaOverwriteFrequency = 3 }, gradients);
    }

    [Fact]
    public void Accumulation_UpdatesEveryNthStep_WithTheMeanGradient()
    {
        // Closed form for plain SGD and 2 steps: step 1 changes nothing, step 2 moves by lr · (g2 + g1) / 2.
        double[] w = [0.5, -0.25, 1.0];
        double[] g1 = [0.1, 0.2, -0.3], g2 = [-0.05, 0.4, 0.25];
        var sgd = new Sgd(learningRate: 0.1) { GradientAccumulationSteps = 2 };
        sgd.Step<double>(w, g1);
        Assert.Equal(new[] { 0.5, -0.25, 1.0 }, w);
        Assert.Equal((1L, 0L), (sgd.Iterations, sgd.AppliedIterations));
        sgd.Step<double>(w, g2);
        Assert.Equal(new[] { 0.5 - (g2[0] + g1[0]) / 2 * 0.1, -0.25 - (g2[1] + g1[1]) / 2 * 0.1, 1.0 - (g2[2] + g1[2]) / 2 * 0.1 }, w);
        Assert.Equal((2L, 1L), (sgd.Iterations, sgd.AppliedIterations));
    }

    [Fact]
    public void Accumulation_OnSgdAndAdam_MatchesKeras()
    {
        // Three accumulated steps per update, seven steps: updates at steps 3 and 6 (Adam's t = 1, 2), step 7 accumulates.
        (double[] w0, double[][] gradients) = OptimizerChecks.Problem(seed: 23, steps: 7);
        int n = w0.Length;
        RunAndCompare(new Sgd(learningRate: 0.1, momentum: 0.9) { GradientAccumulationSteps = 3 },
            new KerasReference(w0, _ => 0.1, KerasReference.Sgd(n, momentum: 0.9)) { Steps = 3 }, gradients);
        RunAndCompare(new Adam(learningRate: 0.01) { GradientAccumulationSteps = 3 },
            new KerasReference(w0, _ => 0.01, KerasReference.Adam(n)) { Steps = 3 }, gradients);
    }

    [Fact]
    public void Accumulation_TheScheduleReadsEveryStep_TheBiasCorrectionOnlyTheUpdates()
    {
        // Keras's docstring: "Learning rate schedules will look at 'real' iterations value (optimizer steps)"; Adam's
        // local_step is optimizer.iterations + 1, the updates. Steps 2, 4, 6 update, at rates f(1), f(3), f(5), t = 1, 2, 3.
        (double[] w0, double[][] gradients) = OptimizerChecks.Problem(seed: 24, steps: 6);
        Func<long, double> rate = step => 0.05 / (1 + step);
        RunAndCompare(new Adam(LearningRateSchedule.FromFunction(rate)) { GradientAccumulationSteps = 2 },
            new KerasReference(w0, rate, KerasReference.Adam(w0.Length)) { Steps = 2 }, gradients);
        RunAndCompare(new Sgd(LearningRateSchedule.FromFunction(rate)) { GradientAccumulationSteps = 2, WeightDecay = 0.5 },
            new KerasReference(w0, rate, KerasReference.Sgd(w0.Length)) { Steps = 2, WeightDecay = 0.5 }, gradients);
    }

    [Fact]
    public void Accumulation_ClipsTheMeanGradient_AndDecaysOnlyOnUpdates()
    {
        (double[] w0, double[][] gradients) = OptimizerChecks.Problem(seed: 25, steps: 6);
        int n = w0.Length;
        RunAndCompare(new Adam(learningRate: 0.02) { GradientAccumulationSteps = 2, GlobalClipNorm = 0.5, WeightDecay = 0.1 },
            new KerasReference(w0, _ => 0.02, KerasReference.Adam(n)) { Steps = 2, GlobalClipNorm = 0.5, WeightDecay = 0.1 }, gradients);
        RunAndCompare(new Sgd(learningRate: 0.3) { GradientAccumulationSteps = 3, ClipValue = 0.1, WeightDecay = 0.2 },
            new KerasReference(w0, _ => 0.3, KerasReference.Sgd(n)) { Steps = 3, ClipValue = 0.1, WeightDecay = 0.2 }, gradients);
        RunAndCompare(new Sgd(learningRate: 0.3, momentum: 0.5) { UseEma = true, ClipNorm = 0.4, WeightDecay = 0.2 },
            new KerasReference(w0, _ => 0.3, KerasReference.Sgd(n, momentum: 0.5)) { UseEma = true, ClipNorm = 0.4, WeightDecay = 0.2 }, gradients);
    }

    [Fact]
    public void EmaWithAccumulation_MovesTheAverageAtEveryStep_AndCountsUpdatesForIt()
    {
        // Keras updates the average after every call, update or not, with momentum 0 until the first update is done
        // (iterations = _iterations // steps is 0 for the first `steps` calls); the overwrite test reads the same
        // iterations, so with steps 2 and frequency 2 it overwrites after calls 3 and 4 (iterations 1), 7 and 8.
        (double[] w0, double[][] gradients) = OptimizerChecks.Problem(seed: 26, steps: 8);
        int n = w0.Length;
        RunAndCompare(new Adam(learningRate: 0.03) { GradientAccumulationSteps = 2, UseEma = true, EmaMomentum = 0.7, EmaOverwriteFrequency = 2, WeightDecay = 0.05 },
            new KerasReference(w0, _ => 0.03, KerasReference.Adam(n)) { Steps = 2, UseEma = true, EmaMomentum = 0.7, EmaOverwriteFrequency = 2, WeightDecay = 0.05 },
            gradients);
        RunAndCompare(new Sgd(learningRate: 0.1, momentum: 0.9) { GradientAccumulationSteps = 3, UseEma = true },
            new KerasReference(w0, _ => 0.1, KerasReference.Sgd(n, momentum: 0.9)) { Steps = 3, UseEma = true }, gradients);
    }

    [Fact]
    public void ThreeStepsOnOneBatch_OfADoubleModel_MatchKeras()
    {
        // The trainer's own gradients of SoftmaxNet64 on one batch, three steps: the optimizer is bound to the model's
        // tensors, so clipnorm clips each kernel and bias (Keras: each variable).
        var random = new Random(27);
        double[] x = Enumerable.Range(0, 6 * 5).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] y = OneHot.Encode(Enumerable.Range(0, 6).Select(_ => random.Next(4)).ToArray(), 4).Select(v => (double)v).ToArray();
        (int, int)[] variables = SoftmaxNet64.Kernel.Description.Tensors.Where(t => t.Trainable).Select(t => (t.Offset, t.Length)).ToArray();
        foreach (bool adam in new[] { false, true })
        {
            var model = new SoftmaxNet64(seed: 3);
            int n = model.Parameters.Length;
            model.Optimizer = adam
                ? new Adam(learningRate: 0.05) { UseEma = true, EmaOverwriteFrequency = 2, GradientAccumulationSteps = 2, ClipNorm = 0.3 }
                : new Sgd(learningRate: 0.2, momentum: 0.9) { UseEma = true, GradientAccumulationSteps = 2, WeightDecay = 0.1 };
            var keras = adam
                ? new KerasReference(model.Parameters.ToArray(), _ => 0.05, KerasReference.Adam(n)) { UseEma = true, EmaOverwriteFrequency = 2, Steps = 2, ClipNorm = 0.3, Variables = variables }
                : new KerasReference(model.Parameters.ToArray(), _ => 0.2, KerasReference.Sgd(n, momentum: 0.9)) { UseEma = true, Steps = 2, WeightDecay = 0.1 };
            using Trainer<SoftmaxNet64.Kernel, double> trainer = model.CreateTrainer(6);
            for (int step = 1; step <= 4; step++)
            {
                trainer.TrainStep(x, y, 6);
                keras.Apply(trainer.Gradient.ToArray());
                AssertClose(keras.W, model.Parameters, $"{(adam ? "Adam" : "SGD")} w after step {step}");
                AssertClose(keras.Average, MovingAverage(model.Optimizer, n), $"{(adam ? "Adam" : "SGD")} average after step {step}");
            }
        }
    }

    public static TheoryData<string> EveryOptimizer => new() { "Sgd", "SgdMomentum", "Adam", "Amsgrad", "AdamW", "RmsProp", "Adagrad", "Adadelta", "Adamax", "Nadam", "Lion", "Ftrl", "Lamb" };

    private static Optimizer Create(string name) => name switch
    {
        "Sgd" => new Sgd(), "SgdMomentum" => new Sgd(momentum: 0.9, nesterov: true), "Adam" => new Adam(), "Amsgrad" => new Adam(amsgrad: true),
        "AdamW" => new AdamW(), "RmsProp" => new RmsProp(momentum: 0.5, centered: true), "Adagrad" => new Adagrad(), "Adadelta" => new Adadelta(),
        "Adamax" => new Adamax(), "Nadam" => new Nadam(), "Lion" => new Lion(), "Ftrl" => new Ftrl(), "Lamb" => new Lamb(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory, MemberData(nameof(EveryOptimizer))]
    public void EveryOptimizer_AccumulatingIsOneStepOnTheMean_AndTheAverageFollowsTheWeights(string name)
    {
        // With accumulation over 2 steps, steps 2k update exactly as the plain optimizer's step k on (g_2k + g_2k-1) / 2
        // (the same bits: the mean is formed as Keras forms it, here in the test); with EMA on top and no overwrite, the
        // weights are the plain optimizer's and the average is Keras's formula of them.
        (double[] w0, double[][] gradients) = OptimizerChecks.Problem(seed: 28, steps: 6);
        double[] plain = (double[])w0.Clone(), options = (double[])w0.Clone(), average = new double[w0.Length];
        Optimizer reference = Create(name), tested = Create(name);
        tested.GradientAccumulationSteps = 2;
        tested.UseEma = true;
        tested.EmaMomentum = 0.5;
        for (int step = 1; step <= gradients.Length; step++)
        {
            double[] g = gradients[step - 1];
            tested.Step<double>(options, g);
            if (step % 2 == 0)
            {
                double[] previous = gradients[step - 2];
                reference.Step<double>(plain, g.Select((v, i) => (v + previous[i]) / 2).ToArray());
            }
            Assert.Equal(plain, options);
            double momentum = step <= 2 ? 0 : 0.5;
            for (int i = 0; i < average.Length; i++) average[i] = momentum * average[i] + (1 - momentum) * plain[i];
            Assert.Equal(average, MovingAverage(tested, average.Length));
        }
    }

    [Fact]
    public void Arguments_AreCheckedAsKerasChecksThem()
    {
        var adam = new Adam();
        Assert.False(adam.UseEma);
        Assert.Equal(0.99, adam.EmaMomentum);
        Assert.Null(adam.EmaOverwriteFrequency);
        Assert.Null(adam.GradientAccumulationSteps);
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.EmaMomentum = -0.01);
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.EmaMomentum = 1.01);
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.EmaMomentum = double.NaN);
        adam.EmaMomentum = 0;
        adam.EmaMomentum = 1;
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.EmaOverwriteFrequency = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.GradientAccumulationSteps = 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.GradientAccumulationSteps = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.GradientAccumulationSteps = -2);
        adam.EmaOverwriteFrequency = 1;
        adam.GradientAccumulationSteps = 2;
        Assert.Equal(1, adam.EmaOverwriteFrequency);
        Assert.Equal(2, adam.GradientAccumulationSteps);
    }

    [Fact]
    public void TheStateLayout_CannotChangeOnceThereIsState_UntilReset()
    {
        var sgd = new Sgd(momentum: 0.9);
        double[] w = [1, 2], g = [0.1, 0.2];
        sgd.Step<double>(w, g);
        Assert.Throws<InvalidOperationException>(() => sgd.UseEma = true);
        Assert.Throws<InvalidOperationException>(() => sgd.GradientAccumulationSteps = 2);
        Assert.Equal(1, sgd.Iterations);
        sgd.EmaMomentum = 0.5;             // no slot: settable any time
        sgd.EmaOverwriteFrequency = 3;
        sgd.Reset();
        sgd.UseEma = true;
        sgd.GradientAccumulationSteps = 2;
        sgd.Step<double>(w, g);
        Assert.Equal(3, sgd.SlotCount);    // velocity, average, accumulator
        Assert.Equal(3 * 2, ((double[])sgd.State!).Length);
        Assert.False(new Sgd().TryCopyMovingAverageTo<double>(new double[2]));
    }

    [Fact]
    public void WithTheOptions_TheTrainerUpdatesOnOneThread_AndTwoThreadsFitAsOne()
    {
        Assert.True(new Adam().UpdatesInRanges);
        Assert.False(new Adam { UseEma = true }.UpdatesInRanges);
        Assert.False(new Adam { GradientAccumulationSteps = 2 }.UpdatesInRanges);
        Dataset digits = Datasets.LoadDigits();
        float[] x = digits.Features.Select(v => v / 16f).ToArray();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        float[] Train(int threads)
        {
            var model = new DigitsNet(seed: 1) { Optimizer = new Adam { UseEma = true, EmaOverwriteFrequency = 5, GradientAccumulationSteps = 2 } };
            model.Fit(x, y, new FitOptions { Epochs = 2, BatchSize = 128, Threads = threads, Verbose = 0 });
            return model.Parameters.ToArray();
        }
        float[] one = Train(1), two = Train(2);
        // Two shards' gradients are combined before the step: the same run up to the combination's rounding.
        for (int i = 0; i < one.Length; i++) Assert.True(Math.Abs(one[i] - two[i]) <= 1e-4f, $"parameter {i}: {one[i]} vs {two[i]}");
    }

    [Fact]
    public void Fit_InFloat_Trains_AndEndsOnTheMovingAverage()
    {
        OptimizerChecks.Fit_OnDigits_ReducesTheLoss(new Adam(learningRate: 0.003) { UseEma = true, GradientAccumulationSteps = 2 });
        OptimizerChecks.Fit_OnDigits_ReducesTheLoss(new Sgd(learningRate: 0.1, momentum: 0.9) { UseEma = true, EmaMomentum = 0.9, EmaOverwriteFrequency = 10 });
        OptimizerChecks.Fit_OnDigits_ReducesTheLoss(new RmsProp { GradientAccumulationSteps = 3, ClipNorm = 1 });

        // Keras's fit calls finalize_variable_values after the last epoch: the weights are the average then.
        Dataset digits = Datasets.LoadDigits();
        float[] x = digits.Features.Select(v => v / 16f).ToArray();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var model = new DigitsNet(seed: 3) { Optimizer = new Adam { UseEma = true } };
        var probe = new LastEpochParameters(model);
        model.Fit(x, y, new FitOptions { Epochs = 2, BatchSize = 32, Verbose = 0, Callbacks = [probe] });
        var average = new float[model.Parameters.Length];
        Assert.True(model.Optimizer.TryCopyMovingAverageTo<float>(average));
        Assert.Equal(average, model.Parameters.ToArray());
        Assert.NotEqual(probe.Parameters, average);   // the callbacks saw the trained weights, the fit ended on the average
    }

    private sealed class LastEpochParameters(DigitsNet model) : Callback
    {
        public float[] Parameters { get; private set; } = [];

        public override void OnEpochEnd(IFitControl fit, int epoch, Logs logs) => Parameters = model.Parameters.ToArray();
    }

    [Fact]
    public void ACheckpointMidFit_ResumesBitForBit_WithTheAverageAndTheAccumulator()
    {
        // 200 rows in batches of 32: 7 steps an epoch, 3 accumulated per update, so the accumulator holds a partial sum
        // when the epoch-2 checkpoint is written. The resumed third epoch must give the uninterrupted run's bits.
        Dataset digits = Datasets.LoadDigits();
        float[] x = digits.Features.AsSpan(0, 200 * 64).ToArray().Select(v => v / 16f).ToArray();
        float[] y = OneHot.Encode(digits.Labels()[..200], 10);
        static Optimizer Create() => new Adam { UseEma = true, EmaMomentum = 0.9, EmaOverwriteFrequency = 4, GradientAccumulationSteps = 3, ClipNorm = 1 };
        var checkpoint = new MemoryStream();
        var uninterrupted = new DigitsNet(seed: 1) { Optimizer = Create() };
        uninterrupted.Fit(x, y, new FitOptions { Epochs = 3, BatchSize = 32, Seed = 8, Verbose = 0, Callbacks = [new SaveAfterEpoch(uninterrupted, 2, checkpoint)] });

        var resumed = new DigitsNet(seed: 2) { Optimizer = Create() };
        checkpoint.Position = 0;
        CheckpointInfo info = resumed.LoadCheckpoint(checkpoint);
        var state = (float[])resumed.Optimizer.State!;
        int n = resumed.Parameters.Length;
        Assert.Equal(4 * n, state.Length);   // m, v, average, accumulator
        Assert.Equal(14, resumed.Optimizer.Iterations);
        Assert.Contains(state.AsSpan(3 * n, n).ToArray(), v => v != 0);   // 14 % 3 = 2 steps accumulated
        resumed.Fit(x, y, new FitOptions { Epochs = 3, InitialEpoch = info.Epoch, BatchSize = 32, Seed = info.Seed, Verbose = 0 });
        Assert.Equal(uninterrupted.Parameters.ToArray(), resumed.Parameters.ToArray());
        Assert.Equal((float[])uninterrupted.Optimizer.State!, (float[])resumed.Optimizer.State!);
        Assert.Equal(uninterrupted.Optimizer.Iterations, resumed.Optimizer.Iterations);

        // The weights alone load from it (the optimizer's tensors, the extra slots too, are skipped).
        checkpoint.Position = 0;
        var weights = new DigitsNet(seed: 4);
        weights.LoadWeights(checkpoint);
    }

    private sealed class SaveAfterEpoch(DigitsNet model, int epochs, Stream stream) : Callback
    {
        public override void OnEpochEnd(IFitControl fit, int epoch, Logs logs)
        {
            if (epoch + 1 == epochs) model.SaveCheckpoint(stream, epochs, seed: 8);
        }
    }

    [Fact]
    public void ACheckpoint_RecordsTheOptions_AndLoadsOnlyWithTheSame()
    {
        OptimizerChecks.Checkpoint_RestoresTheState_AndRejectsAnotherHyperparameter(
            () => new Sgd(momentum: 0.9) { UseEma = true, EmaMomentum = 0.95, GradientAccumulationSteps = 2 },
            new Sgd(momentum: 0.9) { UseEma = true, EmaMomentum = 0.9, GradientAccumulationSteps = 2 }, "ema_momentum");
        OptimizerChecks.Checkpoint_RestoresTheState_AndRejectsAnotherHyperparameter(
            () => new Adam { GradientAccumulationSteps = 3 }, new Adam { GradientAccumulationSteps = 2 }, "gradient_accumulation_steps");

        Dataset digits = Datasets.LoadDigits();
        float[] x = digits.Features[..(64 * 64)], y = OneHot.Encode(digits.Labels()[..64], 10);
        MemoryStream Saved(Optimizer optimizer)
        {
            var model = new DigitsNet { Optimizer = optimizer };
            model.Fit(x, y, new FitOptions { Epochs = 1, Verbose = 0 });
            var file = new MemoryStream();
            model.SaveCheckpoint(file, epoch: 1, seed: 0);
            file.Position = 0;
            return file;
        }
        // A file without the options (as every file written before them) loads only where they are off, and the other way round.
        var error = Assert.Throws<ModelFileException>(() => new DigitsNet { Optimizer = new Adam { UseEma = true } }.LoadCheckpoint(Saved(new Adam())));
        Assert.Contains("use_ema", error.Message);
        error = Assert.Throws<ModelFileException>(() => new DigitsNet { Optimizer = new Adam() }.LoadCheckpoint(Saved(new Adam { GradientAccumulationSteps = 2 })));
        Assert.Contains("gradient_accumulation_steps", error.Message);
        new DigitsNet { Optimizer = new Adam() }.LoadCheckpoint(Saved(new Adam()));
    }
}
