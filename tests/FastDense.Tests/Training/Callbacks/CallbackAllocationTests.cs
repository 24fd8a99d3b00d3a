using FastDense.Data;
using FastDense.Tests.Models;

namespace FastDense.Tests.Training.Callbacks;

/// <summary>
/// The built-in callbacks keep Fit allocation-free after its first epoch (as AllocationTests measures Fit itself):
/// those that work per batch (ModelCheckpoint and BackupAndRestore counting batches, TerminateOnNaN, a LambdaCallback)
/// allocate nothing per batch except when they write a file, and the epoch-end ones (EarlyStopping keeping weights,
/// ReduceLROnPlateau, LearningRateScheduler) nothing per epoch when silent.
/// </summary>
[Collection(FastDense.Tests.Threading.HelperThreadsCollection.Name)]
public sealed class CallbackAllocationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fastdense-callback-allocations-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void EpochsAfterTheFirst_AllocateNothing_WithTheCallbacksOn()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var probe = new EpochProbe();
        int batchesSeen = 0;
        new DigitsNet(seed: 1).Fit(digits.Features, y, new FitOptions
        {
            Epochs = 6, ValidationSplit = 0.2, Verbose = 0,
            // Read at epoch e after 2e + 1 resets (one per epoch start, one per validation): value 2e, rising.
            Metrics = [new Accuracy(), new ScriptedMetric("rising", MetricDirection.Up, [.. Enumerable.Range(0, 12).Select(i => (double)i)])],
            Callbacks =
            [
                new EarlyStopping(monitor: "rising", patience: 100, restoreBestWeights: true),   // improves each epoch: copies the weights
                new ReduceLROnPlateau(monitor: "loss", patience: 0, minDelta: 100, minLR: 1e-30),                 // reduces each epoch
                new LearningRateScheduler(static (epoch, rate) => rate),
                new ModelCheckpoint(Path.Combine(_folder, "m.safetensors"), saveFreq: 100_000),                   // counts, never saves
                new BackupAndRestore(Path.Combine(_folder, "backup"), saveFreq: 100_000),
                new TerminateOnNaN(),
                new LambdaCallback(onTrainBatchEnd: (batch, logs) => batchesSeen++),
                probe,
            ],
        });
        Assert.Equal(6 * 45, batchesSeen);   // 1437 training rows in batches of 32
        long[] perEpoch = probe.EpochEnds.Zip(probe.EpochEnds.Skip(1), (a, b) => b - a).ToArray();
        Assert.Equal(5, perEpoch.Length);
        Assert.All(perEpoch.Skip(1), bytes => Assert.Equal(0, bytes));   // epoch 1 may still tier up the JIT
    }

    [Fact]
    public void BatchesThatDoNotSave_AllocateNothing()
    {
        // Saving every 10 batches: the batches between saves allocate nothing. The probe, last, reads the bytes after
        // every callback's OnBatchEnd; a batch's delta covers its OnBatchBegin calls, the step and its OnBatchEnd calls.
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var probe = new BatchProbe(4 * 57);
        new DigitsNet(seed: 1).Fit(digits.Features, y, new FitOptions
        {
            Epochs = 4, Verbose = 0,
            Callbacks =
            [
                new ModelCheckpoint(Path.Combine(_folder, "b-{epoch}-{batch}.safetensors"), saveFreq: 10, saveWeightsOnly: true),
                new BackupAndRestore(Path.Combine(_folder, "backup"), saveFreq: 10, deleteCheckpoint: false),
                probe,
            ],
        });
        Assert.Equal(4 * 57, probe.Count);
        int checkedBatches = 0;
        for (int i = 2 * 57 + 1; i < probe.Count; i++)   // from the third epoch, skipping each epoch's first batch (epoch boundaries)
        {
            if (i % 57 == 0 || (i + 1) % 10 == 0) continue;   // batch i (overall, from 0) saves when (i + 1) is a multiple of 10
            Assert.Equal(0, probe.Bytes[i] - probe.Bytes[i - 1]);
            checkedBatches++;
        }
        Assert.True(checkedBatches > 80);
        Assert.Equal(4 * 57 / 10, Directory.GetFiles(_folder, "b-*").Length);
    }

    private sealed class EpochProbe : Callback
    {
        public List<long> EpochEnds { get; } = new(16);

        public override void OnEpochEnd(IFitControl fit, int epoch, Logs logs) => EpochEnds.Add(GC.GetAllocatedBytesForCurrentThread());
    }

    private sealed class BatchProbe(int capacity) : Callback
    {
        public long[] Bytes { get; } = new long[capacity];

        public int Count { get; private set; }

        public override void OnBatchEnd(IFitControl fit, int batch, Logs logs) => Bytes[Count++] = GC.GetAllocatedBytesForCurrentThread();
    }
}
