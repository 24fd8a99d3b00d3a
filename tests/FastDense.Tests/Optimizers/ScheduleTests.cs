using FastDense.Tests.Models;

namespace FastDense.Tests.Optimizers;

// The learning-rate schedules against Keras 3's formulas (keras/src/optimizers/schedules/learning_rate_schedule.py),
// written out again here from that file, at step 0, step 1, the boundaries and past the decay; then the optimizer's
// use of them: the rate of update t is the schedule at t - 1 (Keras passes optimizer.iterations before the update).
public class ScheduleTests
{
    private const double Tolerance = 1e-15;

    private static void Near(double expected, double actual)
        => Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    // ---- ExponentialDecay: initial · rate^(step / decay_steps), staircase flooring the exponent.

    private static double Exponential(double initial, double decaySteps, double rate, bool staircase, long step)
    {
        double p = step / decaySteps;
        return initial * Math.Pow(rate, staircase ? Math.Floor(p) : p);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ExponentialDecay_IsKerasFormula(bool staircase)
    {
        var schedule = new ExponentialDecay(0.1, 10, 0.5, staircase);
        foreach (long step in new long[] { 0, 1, 5, 9, 10, 11, 25, 1000 })
        {
            Near(Exponential(0.1, 10, 0.5, staircase, step), schedule.GetLearningRate(step));
        }
        Assert.Equal(0.1, schedule.GetLearningRate(0));
        Near(0.05, schedule.GetLearningRate(10));
        Near(staircase ? 0.1 : 0.1 * Math.Pow(0.5, 0.9), schedule.GetLearningRate(9));
        Near(staircase ? 0.025 : 0.1 * Math.Pow(0.5, 2.5), schedule.GetLearningRate(25));
    }

    // ---- PiecewiseConstantDecay: values[0] while step <= boundaries[0], ..., the last value after the last boundary.

    [Fact]
    public void PiecewiseConstantDecay_BoundaryBelongsToTheIntervalBelow()
    {
        var schedule = new PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1]);
        (long Step, double Rate)[] expected = [(0, 1.0), (1, 1.0), (10, 1.0), (11, 0.5), (20, 0.5), (21, 0.1), (1_000_000, 0.1)];
        foreach ((long step, double rate) in expected) Assert.Equal(rate, schedule.GetLearningRate(step));
        Assert.Equal([10L, 20L], schedule.Boundaries);
        Assert.Equal([1.0, 0.5, 0.1], schedule.Values);
    }

    [Fact]
    public void PiecewiseConstantDecay_OneBoundary_AndNone()
    {
        var one = new PiecewiseConstantDecay([0], [0.3, 0.2]);
        Assert.Equal(0.3, one.GetLearningRate(0));
        Assert.Equal(0.2, one.GetLearningRate(1));
        var none = new PiecewiseConstantDecay([], [0.4]);
        Assert.Equal(0.4, none.GetLearningRate(0));
        Assert.Equal(0.4, none.GetLearningRate(long.MaxValue));
    }

    // ---- PolynomialDecay: (initial - end) · (1 - step / decay_steps)^power + end, step capped at decay_steps, or
    // with cycle decay_steps stretched to the first multiple at or above the step (1 at step 0).

    private static double Polynomial(double initial, double decaySteps, double end, double power, bool cycle, long step)
    {
        double s = step, d = decaySteps;
        if (cycle) d = decaySteps * (s == 0 ? 1.0 : Math.Ceiling(s / decaySteps));
        else s = Math.Min(s, decaySteps);
        return (initial - end) * Math.Pow(1 - s / d, power) + end;
    }

    [Theory]
    [InlineData(false, 1.0)]
    [InlineData(false, 0.5)]
    [InlineData(true, 1.0)]
    [InlineData(true, 2.0)]
    public void PolynomialDecay_IsKerasFormula(bool cycle, double power)
    {
        var schedule = new PolynomialDecay(0.1, 10, 0.01, power, cycle);
        foreach (long step in new long[] { 0, 1, 5, 9, 10, 11, 15, 20, 21, 1000 })
        {
            Near(Polynomial(0.1, 10, 0.01, power, cycle, step), schedule.GetLearningRate(step));
        }
        Assert.Equal(0.1, schedule.GetLearningRate(0));
        Near(0.01, schedule.GetLearningRate(10));
        Near(0.01, schedule.GetLearningRate(20));                         // a multiple: the end rate, with or without cycle
        Near(cycle ? 0.09 * Math.Pow(0.45, power) + 0.01 : 0.01, schedule.GetLearningRate(11));   // cycle: over 20 steps
    }

    [Fact]
    public void PolynomialDecay_DefaultEndRateAndPower_AreKeras()
    {
        var schedule = new PolynomialDecay(0.1, 100);
        Assert.Equal(0.0001, schedule.EndLearningRate);
        Assert.Equal(1.0, schedule.Power);
        Assert.False(schedule.Cycle);
        Near((0.1 - 0.0001) * 0.5 + 0.0001, schedule.GetLearningRate(50));
    }

    // ---- InverseTimeDecay: initial / (1 + decay_rate · step / decay_steps), staircase flooring step / decay_steps.

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void InverseTimeDecay_IsKerasFormula(bool staircase)
    {
        var schedule = new InverseTimeDecay(0.1, 5, 0.5, staircase);
        foreach (long step in new long[] { 0, 1, 4, 5, 7, 10, 1000 })
        {
            double p = step / 5.0;
            Near(0.1 / (1 + 0.5 * (staircase ? Math.Floor(p) : p)), schedule.GetLearningRate(step));
        }
        Near(0.1 / 1.5, schedule.GetLearningRate(5));
        Near(staircase ? 0.1 : 0.1 / 1.4, schedule.GetLearningRate(4));
    }

    // ---- CosineDecay: from · ((1 - alpha) · 0.5 · (1 + cos(π · s / decay_steps)) + alpha), s capped; with a warmup
    // target a linear rise over warmup_steps first.

    private static double Cosine(double initial, double decaySteps, double alpha, double? target, double warmupSteps, long step)
    {
        double Decay(double s, double from) => from * ((1 - alpha) * (0.5 * (1.0 + Math.Cos(Math.PI * (s / decaySteps)))) + alpha);
        if (target is not double t) return Decay(Math.Min(step, decaySteps), initial);
        double s = Math.Min(step, decaySteps + warmupSteps);
        return s < warmupSteps ? (t - initial) * (s / warmupSteps) + initial : Decay(s - warmupSteps, t);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    public void CosineDecay_IsKerasFormula(double alpha)
    {
        var schedule = new CosineDecay(0.1, 10, alpha);
        foreach (long step in new long[] { 0, 1, 5, 9, 10, 11, 1000 })
        {
            Near(Cosine(0.1, 10, alpha, null, 0, step), schedule.GetLearningRate(step));
        }
        Assert.Equal(0.1, schedule.GetLearningRate(0));
        Near(0.1 * alpha, schedule.GetLearningRate(10));   // cos(π) is -1 exactly
        Near(0.1 * alpha, schedule.GetLearningRate(1000));
        Near(0.1 * ((1 - alpha) * 0.5 + alpha), schedule.GetLearningRate(5));
    }

    [Fact]
    public void CosineDecay_WithWarmup_RisesLinearlyThenDecaysFromTheTarget()
    {
        var schedule = new CosineDecay(0.0, 10, warmupTarget: 0.1, warmupSteps: 4);
        foreach (long step in new long[] { 0, 1, 2, 3, 4, 5, 9, 13, 14, 15, 1000 })
        {
            Near(Cosine(0.0, 10, 0, 0.1, 4, step), schedule.GetLearningRate(step));
        }
        Assert.Equal(0.0, schedule.GetLearningRate(0));
        Near(0.05, schedule.GetLearningRate(2));
        Assert.Equal(0.1, schedule.GetLearningRate(4));    // the decay's step 0
        Assert.Equal(0.0, schedule.GetLearningRate(14));
        Assert.Equal(0.0, schedule.GetLearningRate(100));
    }

    [Fact]
    public void CosineDecay_WarmupTargetWithoutWarmupSteps_DecaysFromTheTarget()
    {
        var schedule = new CosineDecay(0.5, 10, warmupTarget: 0.1);
        Assert.Equal(0.1, schedule.GetLearningRate(0));
        Near(Cosine(0.5, 10, 0, 0.1, 0, 3), schedule.GetLearningRate(3));
    }

    // ---- CosineDecayRestarts: periods first_decay_steps · t_mul^i, each starting from m_mul^i of the initial rate.

    private static double Restarts(double initial, double first, double tMul, double mMul, double alpha, long step)
    {
        double f = step / first, i;
        if (tMul == 1.0)
        {
            i = Math.Floor(f);
            f -= i;
        }
        else
        {
            i = Math.Floor(Math.Log(1.0 - f * (1.0 - tMul)) / Math.Log(tMul));
            f = (f - (1.0 - Math.Pow(tMul, i)) / (1.0 - tMul)) / Math.Pow(tMul, i);
        }
        return initial * ((1 - alpha) * (0.5 * Math.Pow(mMul, i) * (1.0 + Math.Cos(Math.PI * f))) + alpha);
    }

    [Theory]
    [InlineData(2.0, 1.0, 0.0)]
    [InlineData(1.0, 0.5, 0.0)]
    [InlineData(2.0, 0.5, 0.1)]
    [InlineData(1.5, 0.9, 0.05)]
    public void CosineDecayRestarts_IsKerasFormula(double tMul, double mMul, double alpha)
    {
        var schedule = new CosineDecayRestarts(0.1, 10, tMul, mMul, alpha);
        foreach (long step in new long[] { 0, 1, 5, 9, 10, 11, 20, 29, 30, 31, 69, 70, 71, 1000 })
        {
            Near(Restarts(0.1, 10, tMul, mMul, alpha, step), schedule.GetLearningRate(step));
        }
        Assert.Equal(0.1, schedule.GetLearningRate(0));
    }

    [Fact]
    public void CosineDecayRestarts_Defaults_DoublePeriods()
    {
        // Periods of 10, 20, 40 steps: restarts at 10 and 30, at full rate (m_mul 1); halfway through each, half.
        var schedule = new CosineDecayRestarts(0.1, 10);
        Assert.Equal(2.0, schedule.TMul);
        Assert.Equal(1.0, schedule.MMul);
        Near(0.05, schedule.GetLearningRate(5));
        Near(0.1, schedule.GetLearningRate(10));
        Near(0.05, schedule.GetLearningRate(20));
        Near(0.1, schedule.GetLearningRate(30));
        Near(0.05, schedule.GetLearningRate(50));
    }

    [Fact]
    public void CosineDecayRestarts_MMul_LowersEachRestart()
    {
        var schedule = new CosineDecayRestarts(0.1, 10, tMul: 1.0, mMul: 0.5);
        Near(0.05, schedule.GetLearningRate(10));
        Near(0.025, schedule.GetLearningRate(20));
        Near(0.00625, schedule.GetLearningRate(35));        // halfway through the fourth period: half of 0.0125
    }

    // ---- Arguments: Keras's conditions (decay steps > 0, one more value than boundaries), and finite, non-negative rates.

    private static readonly (string Name, Func<object> Create)[] BadArguments =
    [
        ("decaySteps", () => new ExponentialDecay(0.1, 0, 0.9)),
        ("decaySteps", () => new ExponentialDecay(0.1, -1, 0.9)),
        ("decaySteps", () => new ExponentialDecay(0.1, double.NaN, 0.9)),
        ("initialLearningRate", () => new ExponentialDecay(-0.1, 10, 0.9)),
        ("decayRate", () => new ExponentialDecay(0.1, 10, double.PositiveInfinity)),
        ("decaySteps", () => new InverseTimeDecay(0.1, 0, 0.5)),
        ("decayRate", () => new InverseTimeDecay(0.1, 1, -0.5)),
        ("initialLearningRate", () => new InverseTimeDecay(double.NaN, 1, 0.5)),
        ("decaySteps", () => new PolynomialDecay(0.1, 0)),
        ("endLearningRate", () => new PolynomialDecay(0.1, 10, -1)),
        ("power", () => new PolynomialDecay(0.1, 10, power: double.NaN)),
        ("decaySteps", () => new CosineDecay(0.1, 0)),
        ("alpha", () => new CosineDecay(0.1, 10, alpha: double.NegativeInfinity)),
        ("warmupTarget", () => new CosineDecay(0.1, 10, warmupTarget: -1)),
        ("warmupSteps", () => new CosineDecay(0.1, 10, warmupTarget: 1, warmupSteps: -1)),
        ("firstDecaySteps", () => new CosineDecayRestarts(0.1, 0)),
        ("tMul", () => new CosineDecayRestarts(0.1, 10, tMul: 0)),
        ("mMul", () => new CosineDecayRestarts(0.1, 10, mMul: -0.5)),
        ("values[1]", () => new PiecewiseConstantDecay([5], [0.1, double.NaN])),
    ];

    [Fact]
    public void Constructors_RejectAnArgumentOutOfRange_NamingIt_WithTheValueSeen()
    {
        foreach ((string name, Func<object> create) in BadArguments)
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(create);
            Assert.Equal(name, error.ParamName);
            Assert.NotNull(error.ActualValue);
        }
    }

    [Fact]
    public void PiecewiseConstantDecay_RejectsMismatchedLengths_AndUnorderedBoundaries()
    {
        var lengths = Assert.Throws<ArgumentException>(() => new PiecewiseConstantDecay([10, 20], [1.0, 0.5]));
        Assert.Equal("values", lengths.ParamName);
        Assert.Contains("2 boundaries need 3 values, not 2", lengths.Message);
        var order = Assert.Throws<ArgumentException>(() => new PiecewiseConstantDecay([20, 20], [1.0, 0.5, 0.1]));
        Assert.Equal("boundaries", order.ParamName);
        Assert.Throws<ArgumentNullException>(() => new PiecewiseConstantDecay(null!, [1.0]));
        Assert.Throws<ArgumentNullException>(() => new PiecewiseConstantDecay([], null!));
    }

    [Fact]
    public void PiecewiseConstantDecay_KeepsACopyOfItsLists()
    {
        long[] boundaries = [10];
        double[] values = [1.0, 0.5];
        var schedule = new PiecewiseConstantDecay(boundaries, values);
        boundaries[0] = 0;
        values[0] = 9;
        Assert.Equal(1.0, schedule.GetLearningRate(5));
    }

    // ---- Custom schedules.

    /// <summary>Keras's documented example of a custom schedule: initial / (step + 1).</summary>
    private sealed class OneOverStep(double initial) : LearningRateSchedule
    {
        public override double GetLearningRate(long step) => initial / (step + 1);
    }

    [Fact]
    public void CustomSubclass_AndFromFunction_DriveTheOptimizer()
    {
        foreach (LearningRateSchedule schedule in new[] { new OneOverStep(0.5), LearningRateSchedule.FromFunction(step => 0.5 / (step + 1)) })
        {
            var sgd = new Sgd(schedule);
            double[] w = [1.0];
            for (int t = 0; t < 4; t++)
            {
                double expected = w[0] - 2.0 * (0.5 / (t + 1));
                Assert.Equal(0.5 / (t + 1), sgd.LearningRate);
                sgd.Step<double>(w, [2.0]);
                Assert.Equal(expected, w[0]);
            }
        }
        Assert.Throws<ArgumentNullException>(() => LearningRateSchedule.FromFunction(null!));
    }

    // ---- The optimizer with a schedule.

    [Fact]
    public void Sgd_AppliesTheScheduledRate_FirstStepAtRateZero()
    {
        // w changes by exactly rate(t) · g at update t + 1: the product rounded, then the difference.
        var schedule = new PiecewiseConstantDecay([0, 2], [0.5, 0.25, 0.125]);
        var sgd = new Sgd(learningRate: schedule);
        float[] w = [1f, -2f];
        float[] g = [0.75f, -1.5f];
        for (long t = 0; t < 5; t++)
        {
            Assert.Equal(t, sgd.Iterations);
            float rate = (float)schedule.GetLearningRate(t);
            float[] expected = [w[0] - g[0] * rate, w[1] - g[1] * rate];
            sgd.Step<float>(w, g);
            Assert.Equal(expected, w);
        }
        // Rates 0.5 (step 0), 0.25 (steps 1, 2), 0.125 (steps 3, 4).
        Assert.Equal(1f - 0.75f * (0.5f + 0.25f + 0.25f + 0.125f + 0.125f), w[0], 1e-6f);
    }

    [Fact]
    public void Adam_WithASchedule_EqualsAdamWithTheRateSetBeforeEachStep()
    {
        var schedule = new CosineDecay(0.01, 6, alpha: 0.2, warmupTarget: 0.05, warmupSteps: 2);
        var scheduled = new Adam(schedule, beta1: 0.8);
        var manual = new Adam(0.01, beta1: 0.8);
        double[] a = [0.5, -0.25, 2], b = [0.5, -0.25, 2];
        for (int t = 0; t < 12; t++)
        {
            double[] g = [Math.Sin(t), Math.Cos(t), 0.1 * t - 0.3];
            manual.LearningRate = schedule.GetLearningRate(t);   // positive throughout: alpha is 0.2
            scheduled.Step<double>(a, g);
            manual.Step<double>(b, g);
            Assert.Equal(b, a);
        }
    }

    [Fact]
    public void LearningRate_IsTheScheduleAtIterations_AndCannotBeSetUnderASchedule()
    {
        var schedule = new ExponentialDecay(0.1, 1, 0.5);
        var sgd = new Sgd(0.3) { LearningRateSchedule = schedule };
        Assert.Equal(0.1, sgd.LearningRate);
        sgd.Step<float>(new float[1], new float[1]);
        Assert.Equal(0.05, sgd.LearningRate);
        var error = Assert.Throws<InvalidOperationException>(() => sgd.LearningRate = 0.2);
        Assert.Contains("ExponentialDecay", error.Message);
        Assert.Equal(0.05, sgd.LearningRate);

        sgd.LearningRateSchedule = null;   // back to the constant it had
        Assert.Equal(0.3, sgd.LearningRate);
        sgd.LearningRate = 0.2;
        Assert.Equal(0.2, sgd.LearningRate);
        Assert.Null(sgd.LearningRateSchedule);
    }

    [Fact]
    public void ScheduleConstructors_KeepTheHyperparameters_AndRejectNull()
    {
        var schedule = new InverseTimeDecay(0.1, 1, 1);
        var adam = new Adam(schedule, beta1: 0.7, beta2: 0.99, epsilon: 1e-6);
        Assert.Same(schedule, adam.LearningRateSchedule);
        Assert.Equal((0.7, 0.99, 1e-6), (adam.Beta1, adam.Beta2, adam.Epsilon));
        var sgd = new Sgd(schedule, momentum: 0.9, nesterov: true);
        Assert.Same(schedule, sgd.LearningRateSchedule);
        Assert.Equal((0.9, true), (sgd.Momentum, sgd.Nesterov));
        Assert.Throws<ArgumentNullException>(() => new Adam((LearningRateSchedule)null!));
        Assert.Throws<ArgumentNullException>(() => new Sgd((LearningRateSchedule)null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(schedule, momentum: 2));
    }

    [Fact]
    public void ScheduleReachingZero_TakesStepsOfZero()
    {
        // Keras's default alpha: after decay_steps the rate is 0 and the weights stay put.
        var sgd = new Sgd(new CosineDecay(0.1, 2));
        float[] w = [1f];
        for (int t = 0; t < 4; t++) sgd.Step<float>(w, [1f]);
        Assert.Equal(1f - 0.1f - 0.05f, w[0], 1e-7f);
        Assert.Equal(0.0, sgd.LearningRate);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ABadScheduledRate_IsRefusedBeforeTheUpdate(double bad)
    {
        var adam = new Adam(LearningRateSchedule.FromFunction(step => step < 2 ? 0.01 : bad));
        double[] w = [1.0];
        adam.Step<double>(w, [1.0]);
        adam.Step<double>(w, [1.0]);
        double[] state = (double[])adam.State!.Clone();
        double before = w[0];
        var error = Assert.Throws<InvalidOperationException>(() => adam.Step<double>(w, [1.0]));
        Assert.Contains("at step 2", error.Message);
        Assert.Equal(before, w[0]);
        Assert.Equal(2, adam.Iterations);
        Assert.Equal(state, (double[])adam.State!);
    }

    [Fact]
    public void FirstStep_AfterReset_UsesRateZeroAgain()
    {
        var calls = new List<long>();
        var sgd = new Sgd(LearningRateSchedule.FromFunction(step => { calls.Add(step); return 0.1 / (step + 1); }));
        float[] w = [0f];
        sgd.Step<float>(w, [1f]);
        sgd.Step<float>(w, [1f]);
        sgd.Reset();
        sgd.Step<float>(w, [1f]);
        Assert.Equal([0L, 1L, 0L], calls);   // once per step, before the update, from Iterations
    }
}

/// <summary>Schedules in training: the trainer's split update on two threads, Fit's allocation freedom.</summary>
[Collection(FastDense.Tests.Threading.HelperThreadsCollection.Name)]
public class ScheduleTrainingTests
{
    private static (float[] X, float[] Y) Problem(int rows, int seed)
    {
        var random = new Random(seed);
        float[] x = Enumerable.Range(0, rows * 256).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] y = FastDense.Data.OneHot.Encode(Enumerable.Range(0, rows).Select(_ => random.Next(10)).ToArray(), 10);
        return (x, y);
    }

    /// <summary>Records each step it is asked for: the optimizer must ask once per step, from the step's thread.</summary>
    private sealed class Recording(LearningRateSchedule inner) : LearningRateSchedule
    {
        public List<long> Steps { get; } = new(16);

        public override double GetLearningRate(long step)
        {
            Steps.Add(step);
            return inner.GetLearningRate(step);
        }
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("adam")]
    public void TwoThreads_UseTheScheduledRate_TakenOncePerStep(string optimizer)
    {
        (float[] x, float[] y) = Problem(129, 5);   // odd: shards of 65 and 64 rows, the update split between threads
        var schedule = new ExponentialDecay(0.05, 2, 0.5, staircase: true);
        var recording = new Recording(schedule);
        Optimizer Create(LearningRateSchedule? s) => optimizer == "sgd"
            ? (s is null ? new Sgd(0.05, momentum: 0.5) : new Sgd(s, momentum: 0.5))
            : (s is null ? new Adam(0.05) : new Adam(s));
        var scheduled = new WideNet(seed: 6) { Optimizer = Create(recording) };
        var manual = new WideNet(seed: 6) { Optimizer = Create(null) };
        using (Trainer<WideNet.Kernel, float> a = scheduled.CreateTrainer(129, threads: 2), b = manual.CreateTrainer(129, threads: 2))
        {
            Assert.Equal(2, a.Threads);
            for (int t = 0; t < 5; t++)
            {
                manual.Optimizer.LearningRate = schedule.GetLearningRate(t);
                a.TrainStep(x, y, 129);
                b.TrainStep(x, y, 129);
                Assert.Equal(manual.Parameters.ToArray(), scheduled.Parameters.ToArray());
            }
        }
        Assert.Equal([0L, 1L, 2L, 3L, 4L], recording.Steps);
        Assert.Equal(5, scheduled.Optimizer.Iterations);
        Assert.NotEqual(manual.Parameters.ToArray(), new WideNet(seed: 6).Parameters.ToArray());
    }

    [Fact]
    public void TrainStep_WithASchedule_AfterWarmUp_AllocatesNothing()
    {
        (float[] x, float[] y) = Problem(128, 7);
        foreach (LearningRateSchedule schedule in new[] { new CosineDecayRestarts(0.01, 20), LearningRateSchedule.FromFunction(static step => 0.01 / (1 + step)) })
        {
            var model = new WideNet { Optimizer = new Adam(schedule) };
            using Trainer<WideNet.Kernel, float> trainer = model.CreateTrainer(128, threads: 2);
            for (int i = 0; i < 50; i++) trainer.TrainStep(x, y, 128);
            long workerBefore = trainer.WorkerAllocatedBytes;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 50; i++) trainer.TrainStep(x, y, 128);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(0, trainer.WorkerAllocatedBytes - workerBefore);
        }
    }

    [Fact]
    public void FitEpochs_WithASchedule_AfterFirstEpoch_AllocateNothing()
    {
        FastDense.Data.Dataset digits = FastDense.Data.Datasets.LoadDigits();
        float[] y = FastDense.Data.OneHot.Encode(digits.Labels(), 10);
        var probe = new AllocationProbe();
        var model = new DigitsNet { Optimizer = new Adam(new PolynomialDecay(0.01, 100, power: 2, cycle: true)) };
        model.Fit(digits.Features, y, new FitOptions { Epochs = 6, ValidationSplit = 0.2, Verbose = 0, Callbacks = [probe] });
        long[] perEpoch = probe.EpochEnds.Zip(probe.EpochEnds.Skip(1), (a, b) => b - a).ToArray();
        Assert.Equal(5, perEpoch.Length);
        Assert.All(perEpoch.Skip(1), bytes => Assert.Equal(0, bytes)); // epoch 1 may still tier up the JIT
    }

    private sealed class AllocationProbe : Callback
    {
        public List<long> EpochEnds { get; } = new(16);

        public override void OnEpochEnd(IFitControl fit, int epoch, Logs logs) => EpochEnds.Add(GC.GetAllocatedBytesForCurrentThread());
    }
}
