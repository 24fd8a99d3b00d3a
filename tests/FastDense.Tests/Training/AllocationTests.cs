using FastDense.Data;
using FastDense.Kernels;
using FastDense.Tests.Models;

namespace FastDense.Tests.Training;

/// <summary>
/// Allocation freedom, measured as bytes allocated by this thread (GC.GetAllocatedBytesForCurrentThread) around
/// the work, after a warm-up that lets the JIT, tiering and lazy buffers settle. The bound is exactly zero.
/// </summary>
[Collection(FastDense.Tests.Threading.HelperThreadsCollection.Name)]
public class AllocationTests
{
    private const int Steps = 100;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TrainStep_AfterWarmUp_AllocatesNothing(bool divergenceGuard)
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var model = new DigitsNet();
        Trainer<DigitsNet.Kernel, float> trainer = model.CreateTrainer(32);
        trainer.SkipsNonFiniteSteps = divergenceGuard;   // Fit's default: every step checks its loss and gradient
        for (int i = 0; i < 2 * Steps; i++) Step(trainer, digits.Features, y, i); // warm-up: also promotes through tiers

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Steps; i++) Step(trainer, digits.Features, y, i);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(3 * Steps, model.Optimizer.Iterations);
    }

    /// <summary>Step i: a batch of 32 digits, a different window of the data set each time.</summary>
    private static void Step<TKernel>(Trainer<TKernel, float> trainer, float[] x, float[] y, int i)
        where TKernel : struct, IModelKernel<float>
    {
        int start = i * 32 % (1797 - 32);
        trainer.TrainStep(x.AsSpan(start * 64, 32 * 64), y.AsSpan(start * 10, 32 * 10), 32);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TrainStep_WithDropout_AfterWarmUp_AllocatesNothing(int threads)
    {
        // Dropout draws its masks in place, on every thread (the workers' bytes are counted by the workers).
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        using Trainer<DropoutDigitsNet.Kernel, float> trainer = new DropoutDigitsNet().CreateTrainer(128, threads);
        trainer.SkipsNonFiniteSteps = true;
        void Step128(int i) => trainer.TrainStep(digits.Features.AsSpan(i % 10 * 128 * 64, 128 * 64), y.AsSpan(i % 10 * 128 * 10, 128 * 10), 128);
        for (int i = 0; i < 2 * Steps; i++) Step128(i);

        long workersBefore = trainer.WorkerAllocatedBytes;   // read outside the window: the sum itself allocates
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Steps; i++) Step128(i);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(0, trainer.WorkerAllocatedBytes - workersBefore);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TrainStep_WithSparsemaxAndGlu_AfterWarmUp_AllocatesNothing(int threads)
    {
        // Sparsemax sorts each row's candidates in a per-thread scratch buffer, allocated on a thread's first row; glu
        // writes its gradient over its kept pre-activation.
        (float[] x, float[] y) = FastDense.Tests.Operators.ActivationModelTests.TwoTargets(512, 8);
        using Trainer<SparsemaxGluNet.Kernel, float> trainer = new SparsemaxGluNet().CreateTrainer(64, threads);
        void Step(int i) => trainer.TrainStep(x.AsSpan(i % 8 * 64 * 4, 64 * 4), y.AsSpan(i % 8 * 64 * 2, 64 * 2), 64);
        for (int i = 0; i < 2 * Steps; i++) Step(i);

        long workersBefore = trainer.WorkerAllocatedBytes;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Steps; i++) Step(i);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, trainer.WorkerAllocatedBytes - workersBefore);
    }

    [Fact]
    public void TrainStep_OnTheZeroSkippingPath_AfterWarmUp_AllocatesNothing()
    {
        // The zero-skipping products keep per-thread lists; after the first steps they must be reused, not regrown.
        // Where the path is off (no AVX-512) the same steps run on the dense kernels and must allocate nothing too.
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        if (ZeroSkippingProducts.Enabled)
        {
            Assert.True(ZeroSkippingProducts.SparseEnough(ref digits.Features[0], 64, 32, 64), "the digits batch should take the zero-skipping path");
        }
        Trainer<WideDigitsNet.Kernel, float> trainer = new WideDigitsNet().CreateTrainer(32);
        for (int i = 0; i < 2 * Steps; i++) Step(trainer, digits.Features, y, i);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Steps; i++) Step(trainer, digits.Features, y, i);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void TrainStep_WithLossArguments_AfterWarmUp_AllocatesNothing()
    {
        // A loss built from the description's arguments (from logits, label smoothing; focal through softmax's Jacobian)
        // scores and differentiates without allocating, as the defaults do.
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        Trainer<LogitsDigitsNet.Kernel, float> logits = new LogitsDigitsNet().CreateTrainer(32);
        Trainer<FocalDigitsNet.Kernel, float> focal = new FocalDigitsNet().CreateTrainer(32);
        for (int i = 0; i < 2 * Steps; i++)
        {
            Step(logits, digits.Features, y, i);
            Step(focal, digits.Features, y, i);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Steps; i++)
        {
            Step(logits, digits.Features, y, i);
            Step(focal, digits.Features, y, i);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TrainStep_WithoutBiases_AfterWarmUp_AllocatesNothing(int threads)
    {
        // Keras's use_bias=False: the products without a bias, on both layers and before a BatchNormalization (which
        // trains on one thread whatever the count), with the divergence guard reading a kernel gradient.
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        using Trainer<NoBiasPlainDigitsNet.Kernel, float> plain = new NoBiasPlainDigitsNet().CreateTrainer(128, threads);
        using Trainer<NoBiasDigitsNet.Kernel, float> normalized = new NoBiasDigitsNet().CreateTrainer(128, threads);
        plain.SkipsNonFiniteSteps = normalized.SkipsNonFiniteSteps = true;
        void Step128(int i)
        {
            plain.TrainStep(digits.Features.AsSpan(i % 10 * 128 * 64, 128 * 64), y.AsSpan(i % 10 * 128 * 10, 128 * 10), 128);
            normalized.TrainStep(digits.Features.AsSpan(i % 10 * 128 * 64, 128 * 64), y.AsSpan(i % 10 * 128 * 10, 128 * 10), 128);
        }
        for (int i = 0; i < 2 * Steps; i++) Step128(i);

        long workersBefore = plain.WorkerAllocatedBytes + normalized.WorkerAllocatedBytes;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Steps; i++) Step128(i);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(0, plain.WorkerAllocatedBytes + normalized.WorkerAllocatedBytes - workersBefore);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TrainStep_WithOrthogonalRegularizers_AfterWarmUp_AllocatesNothing(int threads)
    {
        // The orthogonal regularizer's penalty and gradient work in a per-thread scratch, grown on first use only.
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        using Trainer<OrthogonalDigitsNet.Kernel, float> trainer = new OrthogonalDigitsNet().CreateTrainer(128, threads);
        trainer.SkipsNonFiniteSteps = true;
        void Step128(int i) => trainer.TrainStep(digits.Features.AsSpan(i % 10 * 128 * 64, 128 * 64), y.AsSpan(i % 10 * 128 * 10, 128 * 10), 128);
        for (int i = 0; i < 2 * Steps; i++) Step128(i);

        long workersBefore = trainer.WorkerAllocatedBytes;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Steps; i++) Step128(i);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(0, trainer.WorkerAllocatedBytes - workersBefore);
    }

    [Fact]
    public void PartialBatchStep_AllocatesNothing()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        Trainer<DigitsNet.Kernel, float> trainer = new DigitsNet().CreateTrainer(32);
        for (int i = 0; i < Steps; i++) trainer.TrainStep(digits.Features, y, 13);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Steps; i++) trainer.TrainStep(digits.Features, y, 13);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void FitEpochs_AfterFirstEpoch_AllocateNothing()
    {
        // Fit allocates its buffers up front; each later epoch (shuffle, batches, validation) must allocate nothing.
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var probe = new AllocationProbe();
        new DigitsNet().Fit(digits.Features, y, new FitOptions { Epochs = 6, ValidationSplit = 0.2, Verbose = 0, Callbacks = [probe] });
        long[] perEpoch = probe.EpochEnds.Zip(probe.EpochEnds.Skip(1), (a, b) => b - a).ToArray();
        Assert.Equal(5, perEpoch.Length);
        Assert.All(perEpoch.Skip(1), bytes => Assert.Equal(0, bytes)); // epoch 1 may still tier up the JIT
    }

    [Fact]
    public void FitEpochs_WithDropoutAndAMetricsList_AfterFirstEpoch_AllocateNothing()
    {
        // Every feature of a fit on: Dropout, several metrics (updated after each batch and in validation), the
        // guard, validation every epoch, two threads (batches of 128 split over two shards).
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var probe = new AllocationProbe();
        new DropoutDigitsNet().Fit(digits.Features, y, new FitOptions
        {
            Epochs = 6, BatchSize = 128, Threads = 2, ValidationSplit = 0.2, Verbose = 0, Callbacks = [probe],
            Metrics = [new Accuracy(), new CategoricalAccuracy(), new Precision(), new Recall(), new MeanAbsoluteError(), new RootMeanSquaredError()],
        });
        long[] perEpoch = probe.EpochEnds.Zip(probe.EpochEnds.Skip(1), (a, b) => b - a).ToArray();
        Assert.All(perEpoch.Skip(1), bytes => Assert.Equal(0, bytes));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void WeightedTrainStep_AfterWarmUp_AllocatesNothing(int threads)
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        float[] w = Enumerable.Range(0, 1797).Select(i => 0.5f + i % 3).ToArray();
        using Trainer<DigitsNet.Kernel, float> trainer = new DigitsNet().CreateTrainer(128, threads);
        trainer.SkipsNonFiniteSteps = true;
        void Step128(int i) => trainer.TrainStep(digits.Features.AsSpan(i % 10 * 128 * 64, 128 * 64), y.AsSpan(i % 10 * 1280, 1280), w.AsSpan(i % 10 * 128, 128), 128);
        for (int i = 0; i < 2 * Steps; i++) Step128(i);

        long workersBefore = trainer.WorkerAllocatedBytes;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Steps; i++) Step128(i);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, trainer.WorkerAllocatedBytes - workersBefore);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ConstrainedTrainStep_AfterWarmUp_AllocatesNothing(int threads)
    {
        // The constraints' projection after each step (MaxNorm, NonNeg, MinMaxNorm, UnitNorm) works in place.
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        using Trainer<ConstrainedDigitsNet.Kernel, float> trainer = new ConstrainedDigitsNet().CreateTrainer(128, threads);
        void Step128(int i) => trainer.TrainStep(digits.Features.AsSpan(i % 10 * 128 * 64, 128 * 64), y.AsSpan(i % 10 * 1280, 1280), 128);
        for (int i = 0; i < 2 * Steps; i++) Step128(i);
        long workersBefore = trainer.WorkerAllocatedBytes;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Steps; i++) Step128(i);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, trainer.WorkerAllocatedBytes - workersBefore);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void NormalizationWeightsTrainStep_AfterWarmUp_AllocatesNothing(int threads)
    {
        // Gamma and beta regularizers (penalty and gradient) and constraints of BatchNormalization and LayerNormalization work in place.
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        using Trainer<NormWeightsDigitsNet.Kernel, float> trainer = new NormWeightsDigitsNet().CreateTrainer(128, threads);
        void Step128(int i) => trainer.TrainStep(digits.Features.AsSpan(i % 10 * 128 * 64, 128 * 64), y.AsSpan(i % 10 * 1280, 1280), 128);
        for (int i = 0; i < 2 * Steps; i++) Step128(i);
        long workersBefore = trainer.WorkerAllocatedBytes;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Steps; i++) Step128(i);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, trainer.WorkerAllocatedBytes - workersBefore);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void RenormTrainStep_AfterWarmUp_AllocatesNothing(int threads)
    {
        // Batch renormalization's corrections live in the workspace, its statistics in the state: nothing per step.
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        using Trainer<RenormDigitsNet.Kernel, float> trainer = new RenormDigitsNet().CreateTrainer(128, threads);
        trainer.SkipsNonFiniteSteps = true;
        void Step128(int i) => trainer.TrainStep(digits.Features.AsSpan(i % 10 * 128 * 64, 128 * 64), y.AsSpan(i % 10 * 1280, 1280), 128);
        for (int i = 0; i < 2 * Steps; i++) Step128(i);
        long workersBefore = trainer.WorkerAllocatedBytes;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Steps; i++) Step128(i);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, trainer.WorkerAllocatedBytes - workersBefore);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ActivationLayersTrainStep_AfterWarmUp_AllocatesNothing(int threads)
    {
        // Activation, LeakyReLU, ELU, Softmax, Identity, PReLU (with its regularizer and constraint) and AlphaDropout work in
        // place in the workspace; ActivationLayersDigitsNet has a BatchNormalization (one thread), SeluDigitsNet none.
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        using Trainer<ActivationLayersDigitsNet.Kernel, float> normalized = new ActivationLayersDigitsNet().CreateTrainer(128, threads);
        using Trainer<SeluDigitsNet.Kernel, float> selu = new SeluDigitsNet().CreateTrainer(128, threads);
        void Step128(int i)
        {
            normalized.TrainStep(digits.Features.AsSpan(i % 10 * 128 * 64, 128 * 64), y.AsSpan(i % 10 * 1280, 1280), 128);
            selu.TrainStep(digits.Features.AsSpan(i % 10 * 128 * 64, 128 * 64), y.AsSpan(i % 10 * 1280, 1280), 128);
        }
        for (int i = 0; i < 2 * Steps; i++) Step128(i);
        long workersBefore = normalized.WorkerAllocatedBytes + selu.WorkerAllocatedBytes;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Steps; i++) Step128(i);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, normalized.WorkerAllocatedBytes + selu.WorkerAllocatedBytes - workersBefore);
        Assert.Equal(threads, selu.Threads);

        // A hidden Softmax layer: its Jacobian row by row, in place.
        var random = new Random(1);
        float[] x8 = Enumerable.Range(0, 128 * 8).Select(_ => (float)random.NextDouble()).ToArray(), y3 = Enumerable.Range(0, 128 * 3).Select(_ => (float)random.NextDouble()).ToArray();
        using Trainer<FastDense.Tests.Layers.SoftmaxLayerTwin.Kernel, float> softmax = new FastDense.Tests.Layers.SoftmaxLayerTwin().CreateTrainer(128, threads);
        for (int i = 0; i < 2 * Steps; i++) softmax.TrainStep(x8, y3, 128);
        workersBefore = softmax.WorkerAllocatedBytes;
        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Steps; i++) softmax.TrainStep(x8, y3, 128);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, softmax.WorkerAllocatedBytes - workersBefore);
    }

    [Fact]
    public void FitEpochs_WithClassWeights_AfterFirstEpoch_AllocateNothing()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var probe = new AllocationProbe();
        new DigitsNet().Fit(digits.Features, y, new FitOptions
        {
            Epochs = 6, BatchSize = 64, Threads = 2, ValidationSplit = 0.2, Verbose = 0, Callbacks = [probe],
            ClassWeight = new Dictionary<int, double> { [0] = 2, [9] = 0.5 },
        });
        long[] perEpoch = probe.EpochEnds.Zip(probe.EpochEnds.Skip(1), (a, b) => b - a).ToArray();
        Assert.All(perEpoch.Skip(1), bytes => Assert.Equal(0, bytes));
    }

    [Fact]
    public void FitEpochs_WithWeightedMetrics_AfterFirstEpoch_AllocateNothing()
    {
        // Keras's weighted_metrics: every metric kind updated with each shard's sample weights (two threads), and in
        // validation with the split's weights.
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        float[] w = Enumerable.Range(0, 1797).Select(i => 0.5f + i % 3).ToArray();
        var probe = new AllocationProbe();
        new DigitsNet().Fit(digits.Features, y, new FitOptions
        {
            Epochs = 6, BatchSize = 128, Threads = 2, ValidationSplit = 0.2, Verbose = 0, Callbacks = [probe],
            Metrics = [new Accuracy()],
            WeightedMetrics = [new Accuracy(), new TopKCategoricalAccuracy(k: 3), new RootMeanSquaredError(), new Precision(), new Auc(), new F1Score(), new R2Score()],
        }, sampleWeight: w);
        long[] perEpoch = probe.EpochEnds.Zip(probe.EpochEnds.Skip(1), (a, b) => b - a).ToArray();
        Assert.Equal(5, perEpoch.Length);
        Assert.All(perEpoch.Skip(1), bytes => Assert.Equal(0, bytes));
    }

    [Fact]
    public void FitEpochs_WithTheProbabilisticHingeThresholdSearchingAndIoUMetrics_AfterFirstEpoch_AllocateNothing()
    {
        // Keras's probabilistic, hinge, threshold-searching and IoU metrics, plain and weighted, over two shards.
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        float[] w = Enumerable.Range(0, 1797).Select(i => 0.5f + i % 3).ToArray();
        var probe = new AllocationProbe();
        new DigitsNet().Fit(digits.Features, y, new FitOptions
        {
            Epochs = 6, BatchSize = 128, Threads = 2, ValidationSplit = 0.2, Verbose = 0, Callbacks = [probe],
            Metrics =
            [
                new BinaryCrossentropy(), new CategoricalCrossentropy(labelSmoothing: 0.1), new KLDivergence(), new Poisson(),
                new Hinge(), new SquaredHinge(), new CategoricalHinge(),
                new PrecisionAtRecall(0.8), new RecallAtPrecision(0.8), new SensitivityAtSpecificity(0.9), new SpecificityAtSensitivity(0.9),
                new OneHotMeanIoU(10), new OneHotIoU(10, [0, 5]), new BinaryIoU(),
            ],
            WeightedMetrics = [new CategoricalCrossentropy(), new Hinge(), new PrecisionAtRecall(0.5, classId: 3), new OneHotMeanIoU(10)],
        }, sampleWeight: w);
        long[] perEpoch = probe.EpochEnds.Zip(probe.EpochEnds.Skip(1), (a, b) => b - a).ToArray();
        Assert.Equal(5, perEpoch.Length);
        Assert.All(perEpoch.Skip(1), bytes => Assert.Equal(0, bytes));
    }

    [Fact]
    public void FitEpochs_OnClassIndices_WithTheSparseMetrics_AfterFirstEpoch_AllocateNothing()
    {
        // Sparse categorical cross-entropy: one-value targets gathered per batch, the per-row score, the sparse metrics.
        Dataset digits = Datasets.LoadDigits();
        var probe = new AllocationProbe();
        new SparseDigitsNet().Fit(digits.Features, digits.Labels(), new FitOptions
        {
            Epochs = 6, BatchSize = 128, Threads = 2, ValidationSplit = 0.2, Verbose = 0, Callbacks = [probe],
            Metrics = [new Accuracy(), new SparseCategoricalAccuracy(), new SparseTopKCategoricalAccuracy(k: 3), new SparseCategoricalCrossentropy(), new MeanIoU(10, sparseYPred: false)],
        });
        long[] perEpoch = probe.EpochEnds.Zip(probe.EpochEnds.Skip(1), (a, b) => b - a).ToArray();
        Assert.All(perEpoch.Skip(1), bytes => Assert.Equal(0, bytes));
    }

    public static TheoryData<string> Optimizers => new() { "Sgd", "SgdMomentum", "Adam", "AdamW", "AdamClipped", "RmsProp", "Adagrad", "Adadelta", "Adamax", "Nadam", "Lion", "Ftrl", "Lamb" };

    [Theory, MemberData(nameof(Optimizers))]
    public void EveryOptimizerStep_AfterTheFirst_AllocatesNothing(string name)
    {
        // Nadam once remembered its u_product in a new object every step (32 bytes; OptimizerStepBench showed it).
        Optimizer optimizer = name switch
        {
            "Sgd" => new Sgd(), "SgdMomentum" => new Sgd(momentum: 0.9), "Adam" => new Adam(), "AdamW" => new AdamW(),
            "AdamClipped" => new Adam { ClipNorm = 1, WeightDecay = 0.004 }, "RmsProp" => new RmsProp(), "Adagrad" => new Adagrad(),
            "Adadelta" => new Adadelta(), "Adamax" => new Adamax(), "Nadam" => new Nadam(), "Lion" => new Lion(), "Ftrl" => new Ftrl(),
            _ => new Lamb(),
        };
        var random = new Random(2);
        float[] w = Enumerable.Range(0, 4810).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float[] g = Enumerable.Range(0, 4810).Select(_ => (float)(random.NextDouble() - 0.5) * 1e-3f).ToArray();
        for (int i = 0; i < Steps; i++) optimizer.Step<float>(w, g);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Steps; i++) optimizer.Step<float>(w, g);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    public static TheoryData<string, string> OptimizersWithEmaOrAccumulation()
    {
        var data = new TheoryData<string, string>();
        foreach (string name in Optimizers)
        {
            foreach (string options in new[] { "Ema", "EmaOverwrite", "Accumulation", "All" }) data.Add(name, options);
        }
        return data;
    }

    [Theory, MemberData(nameof(OptimizersWithEmaOrAccumulation))]
    public void EveryOptimizerStep_WithEmaOrAccumulation_AfterTheFirst_AllocatesNothing(string name, string options)
    {
        // The moving average and the accumulator are slots of the state, made at the first step; the mean gradient is
        // formed in the accumulator itself.
        Optimizer optimizer = name switch
        {
            "Sgd" => new Sgd(), "SgdMomentum" => new Sgd(momentum: 0.9), "Adam" => new Adam(), "AdamW" => new AdamW(),
            "AdamClipped" => new Adam { ClipNorm = 1, WeightDecay = 0.004 }, "RmsProp" => new RmsProp(), "Adagrad" => new Adagrad(),
            "Adadelta" => new Adadelta(), "Adamax" => new Adamax(), "Nadam" => new Nadam(), "Lion" => new Lion(), "Ftrl" => new Ftrl(),
            _ => new Lamb(),
        };
        optimizer.UseEma = options is "Ema" or "EmaOverwrite" or "All";
        if (options is "EmaOverwrite" or "All") optimizer.EmaOverwriteFrequency = 3;
        if (options is "Accumulation" or "All") optimizer.GradientAccumulationSteps = 2;
        var random = new Random(2);
        float[] w = Enumerable.Range(0, 4810).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float[] g = Enumerable.Range(0, 4810).Select(_ => (float)(random.NextDouble() - 0.5) * 1e-3f).ToArray();
        for (int i = 0; i < Steps; i++) optimizer.Step<float>(w, g);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Steps; i++) optimizer.Step<float>(w, g);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(2 * Steps, optimizer.Iterations);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TrainStep_WithEmaAndAccumulation_AfterWarmUp_AllocatesNothing(int threads)
    {
        // Two shards: the trainer combines the gradients, then the optimizer steps on one thread.
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var model = new DigitsNet { Optimizer = new Adam { UseEma = true, EmaOverwriteFrequency = 7, GradientAccumulationSteps = 3 } };
        using Trainer<DigitsNet.Kernel, float> trainer = model.CreateTrainer(128, threads);
        trainer.SkipsNonFiniteSteps = true;
        void Step128(int i) => trainer.TrainStep(digits.Features.AsSpan(i % 10 * 128 * 64, 128 * 64), y.AsSpan(i % 10 * 1280, 1280), 128);
        for (int i = 0; i < 2 * Steps; i++) Step128(i);

        long workersBefore = trainer.WorkerAllocatedBytes;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Steps; i++) Step128(i);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, trainer.WorkerAllocatedBytes - workersBefore);
        Assert.Equal(3 * Steps, model.Optimizer.Iterations);
    }

    [Fact]
    public void FitEpochs_WithEmaAndAccumulation_AfterFirstEpoch_AllocateNothing()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var probe = new AllocationProbe();
        new DigitsNet { Optimizer = new Adam { UseEma = true, GradientAccumulationSteps = 4, GlobalClipNorm = 1 } }.Fit(digits.Features, y, new FitOptions
        {
            Epochs = 6, BatchSize = 64, Threads = 2, ValidationSplit = 0.2, Verbose = 0, Callbacks = [probe],
        });
        long[] perEpoch = probe.EpochEnds.Zip(probe.EpochEnds.Skip(1), (a, b) => b - a).ToArray();
        Assert.Equal(5, perEpoch.Length);
        Assert.All(perEpoch.Skip(1), bytes => Assert.Equal(0, bytes));
    }

    [Fact]
    public void PredictOneSample_AfterFirstCall_AllocatesNothing()
    {
        var model = new DigitsNet();
        float[] x = Datasets.LoadDigits().Features[..64];
        var output = new float[10];
        for (int i = 0; i < Steps; i++) model.Predict(x, output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Steps; i++) model.Predict(x, output);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void PredictAll_OnTwoThreads_AfterWarmUp_AllocatesNothing()
    {
        // Neither the calling thread nor the helper thread it shares the rows with.
        var model = new DigitsNet();
        float[] x = Datasets.LoadDigits().Features;
        var output = new float[1797 * 10];
        for (int i = 0; i < Steps; i++) model.Predict(x, output, threads: 2);
        long helpersBefore = FastDense.Threading.HelperThreads.AllocatedBytes;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Steps; i++) model.Predict(x, output, threads: 2);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(0, FastDense.Threading.HelperThreads.AllocatedBytes - helpersBefore);
    }

    [Fact]
    public void Probe_SeesAllocations()
    {
        // The measurement can fail: an allocation between two readings is counted.
        long before = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(new byte[1000]);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before >= 1000);
    }

    internal sealed class AllocationProbe : Callback
    {
        public List<long> EpochEnds { get; } = new(16);

        public override void OnEpochEnd(IFitControl fit, int epoch, Logs logs) => EpochEnds.Add(GC.GetAllocatedBytesForCurrentThread());
    }
}
