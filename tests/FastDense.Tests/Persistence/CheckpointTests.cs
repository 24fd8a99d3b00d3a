using System.Numerics;
using FastDense.Data;
using FastDense.Tests.Models;

namespace FastDense.Tests.Persistence;

// Training checkpoints: weights plus the optimizer's slots, step count, learning rate and hyperparameters, and the
// epoch and seed to resume at. The proof: 5 epochs, a checkpoint, a fresh model resuming for 5 more, bit for bit the
// weights of 10 uninterrupted epochs.
public sealed class CheckpointTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fastdense-checkpoints-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (T[] X, T[] Y) Problem<T>(int rows, int inputs, int classes, int seed)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        T[] x = Enumerable.Range(0, rows * inputs).Select(_ => T.CreateTruncating(random.NextDouble() * 2 - 1)).ToArray();
        int[] labels = Enumerable.Range(0, rows).Select(_ => random.Next(classes)).ToArray();
        T[] y = OneHot.Encode(labels, classes).Select(v => T.CreateTruncating(v)).ToArray();
        return (x, y);
    }

    /// <summary>A trains 10 epochs; B trains 5 and saves; a fresh C loads B's checkpoint and trains epochs 5..9.</summary>
    private void ResumedRun_EqualsTheUninterruptedOne<TModel, TKernel, T>(Func<TModel> create, Func<Optimizer> optimizer, int inputs, int classes, bool throughFile)
        where TModel : Model<TKernel, T>
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        const int seed = 23;
        (T[] x, T[] y) = Problem<T>(rows: 60, inputs, classes, seed: 3);
        FitOptions Options(int epochs, int initialEpoch = 0, int runSeed = seed)
            => new() { Epochs = epochs, InitialEpoch = initialEpoch, BatchSize = 8, Seed = runSeed, Verbose = 0 };

        TModel whole = create();
        whole.Optimizer = optimizer();
        whole.Fit(x, y, Options(10));

        TModel first = create();
        first.Optimizer = optimizer();
        first.Fit(x, y, Options(5));
        string path = Path.Combine(_folder, $"{typeof(TModel).Name}.safetensors");
        var stream = new MemoryStream();
        if (throughFile) first.SaveCheckpoint(path, epoch: 5, seed: seed);
        else first.SaveCheckpoint(stream, epoch: 5, seed: seed);

        TModel resumed = create();
        resumed.Optimizer = optimizer();
        resumed.Reinitialize(seed: 999);   // nothing of its own weights may survive the load
        stream.Position = 0;
        CheckpointInfo info = throughFile ? resumed.LoadCheckpoint(path) : resumed.LoadCheckpoint(stream);
        Assert.Equal(new CheckpointInfo(5, seed), info);
        Assert.Equal(first.Optimizer.Iterations, resumed.Optimizer.Iterations);
        resumed.Fit(x, y, Options(10, info.Epoch, info.Seed));

        Assert.Equal(whole.Optimizer.Iterations, resumed.Optimizer.Iterations);
        Assert.Equal(80, resumed.Optimizer.Iterations);   // 60 rows in batches of 8: 8 steps an epoch
        Assert.True(whole.Parameters.SequenceEqual(resumed.Parameters), "the resumed run's weights differ from the uninterrupted run's");
        Assert.False(whole.Parameters.SequenceEqual(first.Parameters), "the second half trained nothing");
        if (whole.Optimizer.State is T[] state) Assert.Equal(state, (T[])resumed.Optimizer.State!);
    }

    [Fact]
    public void Resume_Float_Adam_IsBitForBitTheUninterruptedRun()
        => ResumedRun_EqualsTheUninterruptedOne<DigitsNet, DigitsNet.Kernel, float>(() => new DigitsNet(seed: 7), () => new Adam(), 64, 10, throughFile: true);

    [Fact]
    public void Resume_Double_Adam_IsBitForBitTheUninterruptedRun()
        => ResumedRun_EqualsTheUninterruptedOne<SoftmaxNet64, SoftmaxNet64.Kernel, double>(() => new SoftmaxNet64(seed: 7), () => new Adam(0.01), 5, 4, throughFile: false);

    [Fact]
    public void Resume_Float_Sgd_IsBitForBitTheUninterruptedRun()
        => ResumedRun_EqualsTheUninterruptedOne<DigitsNet, DigitsNet.Kernel, float>(() => new DigitsNet(seed: 7), () => new Sgd(0.05), 64, 10, throughFile: false);

    [Fact]
    public void Checkpoint_HoldsEachSlotsTensors_AndTheOptimizersMetadata()
    {
        var model = new TinyNet(seed: 1) { Optimizer = new Adam(0.0123, beta1: 0.8) };
        (float[] x, float[] y) = Problem<float>(rows: 12, 3, 2, seed: 2);
        model.Fit(x, y, new FitOptions { Epochs = 2, BatchSize = 4, Verbose = 0 });
        var stream = new MemoryStream();
        model.SaveCheckpoint(stream, epoch: 2, seed: -4);
        var file = SafetensorsTestFile.Parse(stream.ToArray());

        string[] tensors = ["dense_0/kernel", "dense_0/bias", "dense_1/kernel", "dense_1/bias"];
        Assert.Equal(["__metadata__", .. tensors, .. tensors.Select(t => "optimizer/slot0/" + t), .. tensors.Select(t => "optimizer/slot1/" + t)], file.Keys);
        Assert.Equal(file.Tensors["dense_0/kernel"].Shape, file.Tensors["optimizer/slot1/dense_0/kernel"].Shape);
        float[] state = (float[])model.Optimizer.State!;
        Assert.Equal(state.AsSpan(26 + 12, 4).ToArray().Select(v => (double)v), file.Tensors["optimizer/slot1/dense_0/bias"].Values);
        Assert.Equal("fastdense-checkpoint", file.Metadata["format"]);
        Assert.Equal("FastDense.Adam", file.Metadata["optimizer"]);
        Assert.Equal("0.0123", file.Metadata["learning_rate"]);
        Assert.Equal("0.8", file.Metadata["optimizer.beta1"]);
        Assert.Equal("0.999", file.Metadata["optimizer.beta2"]);
        Assert.Equal("1E-07", file.Metadata["optimizer.epsilon"]);
        Assert.Equal("2", file.Metadata["optimizer_slots"]);
        Assert.Equal("saved", file.Metadata["optimizer_state"]);
        Assert.Equal("6", file.Metadata["iterations"]);
        Assert.Equal("2", file.Metadata["epoch"]);
        Assert.Equal("-4", file.Metadata["seed"]);
    }

    [Fact]
    public void Checkpoint_BeforeTheFirstStep_HasNoSlotTensors_AndRestoresNoState()
    {
        var fresh = new TinyNet(seed: 3);
        var stream = new MemoryStream();
        fresh.SaveCheckpoint(stream, epoch: 0, seed: 1);
        var file = SafetensorsTestFile.Parse(stream.ToArray());
        Assert.DoesNotContain(file.Keys, k => k.StartsWith("optimizer/", StringComparison.Ordinal));
        Assert.Equal("none", file.Metadata["optimizer_state"]);

        var trained = new TinyNet(seed: 4);
        (float[] x, float[] y) = Problem<float>(rows: 8, 3, 2, seed: 5);
        trained.Fit(x, y, new FitOptions { Epochs = 1, BatchSize = 4, Verbose = 0 });
        stream.Position = 0;
        trained.LoadCheckpoint(stream);
        Assert.Null(trained.Optimizer.State);
        Assert.Equal(0, trained.Optimizer.Iterations);
        Assert.Equal(fresh.Parameters.ToArray(), trained.Parameters.ToArray());
    }

    [Fact]
    public void Load_RestoresTheLearningRate()
    {
        var model = new TinyNet(seed: 5);
        model.Optimizer.LearningRate = 0.1 / 3;
        var stream = new MemoryStream();
        model.SaveCheckpoint(stream, 0, 0);
        var other = new TinyNet(seed: 6);
        stream.Position = 0;
        other.LoadCheckpoint(stream);
        Assert.Equal(0.1 / 3, other.Optimizer.LearningRate);
    }

    public static TheoryData<string, string> OptimizerMismatches => new()
    {
        { "sgd", "checkpoint was saved with optimizer FastDense.Adam but the model's optimizer is FastDense.Sgd" },
        { "beta1", "The checkpoint's FastDense.Adam has beta1 = 0.9 but the model's optimizer has beta1 = 0.5" },
        { "epsilon", "The checkpoint's FastDense.Adam has epsilon = 1E-07 but the model's optimizer has epsilon = 1E-08" },
    };

    [Theory]
    [MemberData(nameof(OptimizerMismatches))]
    public void Load_IntoAnotherOptimizer_IsRejected_AndChangesNothing(string optimizer, string message)
    {
        var saved = new TinyNet(seed: 7);
        (float[] x, float[] y) = Problem<float>(rows: 8, 3, 2, seed: 8);
        saved.Fit(x, y, new FitOptions { Epochs = 1, BatchSize = 4, Verbose = 0 });
        var stream = new MemoryStream();
        saved.SaveCheckpoint(stream, 1, 0);

        var model = new TinyNet(seed: 9)
        {
            Optimizer = optimizer switch { "sgd" => new Sgd(0.3), "beta1" => new Adam(0.3, beta1: 0.5), _ => new Adam(0.3, epsilon: 1e-8) },
        };
        model.Fit(x, y, new FitOptions { Epochs = 1, BatchSize = 8, Verbose = 0 });
        float[] parameters = model.Parameters.ToArray();
        float[]? state = (float[]?)model.Optimizer.State?.Clone();
        stream.Position = 0;

        var error = Assert.Throws<ModelFileException>(() => model.LoadCheckpoint(stream));

        Assert.Contains(message, error.Message);
        Assert.Equal(parameters, model.Parameters.ToArray());
        Assert.Equal(state, (float[]?)model.Optimizer.State);
        Assert.Equal(1, model.Optimizer.Iterations);
        Assert.Equal(0.3, model.Optimizer.LearningRate);
    }

    [Fact]
    public void WeightsFile_IsRefusedByLoadCheckpoint_AndACheckpointsWeightsLoadWithLoadWeights()
    {
        var model = new TinyNet(seed: 10);
        var weights = new MemoryStream();
        model.SaveWeights(weights);
        weights.Position = 0;
        var error = Assert.Throws<ModelFileException>(() => new TinyNet().LoadCheckpoint(weights));
        Assert.Contains("weights file, not a checkpoint", error.Message);
        Assert.Contains("LoadWeights", error.Message);

        (float[] x, float[] y) = Problem<float>(rows: 8, 3, 2, seed: 11);
        model.Fit(x, y, new FitOptions { Epochs = 1, BatchSize = 4, Verbose = 0 });
        var checkpoint = new MemoryStream();
        model.SaveCheckpoint(checkpoint, 1, 0);
        checkpoint.Position = 0;
        var other = new TinyNet(seed: 12) { Optimizer = new Sgd() };
        other.LoadWeights(checkpoint);
        Assert.Equal(model.Parameters.ToArray(), other.Parameters.ToArray());
        Assert.Equal(0, other.Optimizer.Iterations);   // LoadWeights leaves the optimizer alone
        Assert.IsType<Sgd>(other.Optimizer);
    }

    [Fact]
    public void FloatCheckpoint_IntoADoubleModel_ConvertsTheStateToo()
    {
        var single = new TinyNet(seed: 13);
        (float[] x, float[] y) = Problem<float>(rows: 8, 3, 2, seed: 14);
        single.Fit(x, y, new FitOptions { Epochs = 2, BatchSize = 4, Verbose = 0 });
        var stream = new MemoryStream();
        single.SaveCheckpoint(stream, 2, 5);
        stream.Position = 0;

        var wide = new TinyNet64();
        Assert.Equal(new CheckpointInfo(2, 5), wide.LoadCheckpoint(stream));
        Assert.Equal(single.Parameters.ToArray().Select(v => (double)v), wide.Parameters.ToArray());
        Assert.Equal(((float[])single.Optimizer.State!).Select(v => (double)v), (double[])wide.Optimizer.State!);
        Assert.Equal(4, wide.Optimizer.Iterations);
    }

    [Fact]
    public void SaveCheckpoint_RejectsANegativeEpoch()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new TinyNet().SaveCheckpoint(new MemoryStream(), epoch: -1, seed: 0));

    // ---- Learning-rate schedules: the file names the schedule and its parameters; the rate follows from iterations.

    [Fact]
    public void Resume_Float_Adam_WithACosineDecaySchedule_IsBitForBitTheUninterruptedRun()
        => ResumedRun_EqualsTheUninterruptedOne<DigitsNet, DigitsNet.Kernel, float>(() => new DigitsNet(seed: 7),
            () => new Adam(new CosineDecay(0.001, 50, alpha: 0.1, warmupTarget: 0.01, warmupSteps: 10)), 64, 10, throughFile: true);

    [Fact]
    public void Resume_Double_Sgd_WithAPiecewiseSchedule_IsBitForBitTheUninterruptedRun()
        => ResumedRun_EqualsTheUninterruptedOne<SoftmaxNet64, SoftmaxNet64.Kernel, double>(() => new SoftmaxNet64(seed: 7),
            () => new Sgd(new PiecewiseConstantDecay([30, 45], [0.1, 0.05, 0.01]), momentum: 0.9), 5, 4, throughFile: false);

    [Fact]
    public void Checkpoint_WithASchedule_NamesItAndItsParameters_AndLoadsAtARateOfZero()
    {
        // CosineDecay's default alpha: past decay_steps the rate is 0, which a constant rate may not be.
        var model = new TinyNet(seed: 1) { Optimizer = new Sgd(new CosineDecay(0.1, 2)) };
        (float[] x, float[] y) = Problem<float>(rows: 12, 3, 2, seed: 2);
        model.Fit(x, y, new FitOptions { Epochs = 1, BatchSize = 4, Verbose = 0 });
        var stream = new MemoryStream();
        model.SaveCheckpoint(stream, epoch: 1, seed: 0);
        var file = SafetensorsTestFile.Parse(stream.ToArray());
        Assert.Equal("FastDense.CosineDecay", file.Metadata["learning_rate_schedule"]);
        Assert.Equal("0.1", file.Metadata["learning_rate_schedule.initial_learning_rate"]);
        Assert.Equal("2", file.Metadata["learning_rate_schedule.decay_steps"]);
        Assert.Equal("0", file.Metadata["learning_rate_schedule.alpha"]);
        Assert.Equal("none", file.Metadata["learning_rate_schedule.warmup_target"]);
        Assert.Equal("0", file.Metadata["learning_rate_schedule.warmup_steps"]);
        Assert.Equal("0", file.Metadata["learning_rate"]);
        Assert.Equal("3", file.Metadata["iterations"]);

        var other = new TinyNet(seed: 2) { Optimizer = new Sgd(new CosineDecay(0.1, 2)) };
        stream.Position = 0;
        other.LoadCheckpoint(stream);
        Assert.Equal(3, other.Optimizer.Iterations);
        Assert.Equal(0.0, other.Optimizer.LearningRate);
        Assert.Equal(model.Parameters.ToArray(), other.Parameters.ToArray());
    }

    [Fact]
    public void Checkpoint_WithAFunctionSchedule_RecordsItsTypeOnly()
    {
        var model = new TinyNet(seed: 1) { Optimizer = new Adam(LearningRateSchedule.FromFunction(step => 0.01 / (step + 1))) };
        var stream = new MemoryStream();
        model.SaveCheckpoint(stream, epoch: 0, seed: 0);
        var file = SafetensorsTestFile.Parse(stream.ToArray());
        Assert.StartsWith("FastDense.LearningRateSchedule", file.Metadata["learning_rate_schedule"]);
        Assert.DoesNotContain(file.Metadata.Keys, k => k.StartsWith("learning_rate_schedule.", StringComparison.Ordinal));
        var other = new TinyNet(seed: 2) { Optimizer = new Adam(LearningRateSchedule.FromFunction(step => 0.02)) };
        stream.Position = 0;
        other.LoadCheckpoint(stream);   // a function cannot be compared: the type matches, the caller vouches for the rest
        Assert.Equal(0.02, other.Optimizer.LearningRate);
    }

    public static TheoryData<string, string> ScheduleMismatches => new()
    {
        { "constant", "The checkpoint's learning rate follows a FastDense.ExponentialDecay schedule but the model's optimizer has a constant rate" },
        { "type", "The checkpoint's learning rate follows a FastDense.ExponentialDecay schedule but the model's optimizer follows a FastDense.InverseTimeDecay" },
        { "rate", "The checkpoint's FastDense.ExponentialDecay schedule has decay_rate = 0.5 but the model's has decay_rate = 0.6" },
        { "staircase", "The checkpoint's FastDense.ExponentialDecay schedule has staircase = false but the model's has staircase = true" },
    };

    [Theory]
    [MemberData(nameof(ScheduleMismatches))]
    public void Load_UnderAnotherSchedule_IsRejected_AndChangesNothing(string schedule, string message)
    {
        var saved = new TinyNet(seed: 7) { Optimizer = new Adam(new ExponentialDecay(0.01, 10, 0.5)) };
        (float[] x, float[] y) = Problem<float>(rows: 8, 3, 2, seed: 8);
        saved.Fit(x, y, new FitOptions { Epochs = 1, BatchSize = 4, Verbose = 0 });
        var stream = new MemoryStream();
        saved.SaveCheckpoint(stream, 1, 0);

        var model = new TinyNet(seed: 9)
        {
            Optimizer = schedule switch
            {
                "constant" => new Adam(0.3),
                "type" => new Adam(new InverseTimeDecay(0.01, 10, 0.5)),
                "rate" => new Adam(new ExponentialDecay(0.01, 10, 0.6)),
                _ => new Adam(new ExponentialDecay(0.01, 10, 0.5, staircase: true)),
            },
        };
        model.Fit(x, y, new FitOptions { Epochs = 1, BatchSize = 8, Verbose = 0 });
        float[] parameters = model.Parameters.ToArray();
        float[] state = (float[])model.Optimizer.State!.Clone();
        double rate = model.Optimizer.LearningRate;
        stream.Position = 0;

        var error = Assert.Throws<ModelFileException>(() => model.LoadCheckpoint(stream));

        Assert.Contains(message, error.Message);
        Assert.Equal(parameters, model.Parameters.ToArray());
        Assert.Equal(state, (float[])model.Optimizer.State!);
        Assert.Equal(1, model.Optimizer.Iterations);
        Assert.Equal(rate, model.Optimizer.LearningRate);
    }

    [Fact]
    public void Load_AConstantRateCheckpoint_UnderASchedule_IsRejected()
    {
        var stream = new MemoryStream();
        new TinyNet(seed: 1).SaveCheckpoint(stream, 0, 0);
        var model = new TinyNet(seed: 2) { Optimizer = new Adam(new PolynomialDecay(0.01, 10)) };
        stream.Position = 0;
        var error = Assert.Throws<ModelFileException>(() => model.LoadCheckpoint(stream));
        Assert.Contains("saved with a constant learning rate but the model's optimizer follows a FastDense.PolynomialDecay schedule", error.Message);
    }
}
