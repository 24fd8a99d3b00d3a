using System.Runtime.InteropServices;
using FastDense.Data;
using FastDense.Inference;
using FastDense.Threading;
using FastDense.Tests.Models;
using FastDense.Tests.Threading;

namespace FastDense.Tests.Inference;

/// <summary>
/// Predict over many rows, on one thread or shared with helper threads: the same bits for every thread count (the
/// blocks are the same), each row within float rounding of that row predicted alone (a lone row takes the kernels'
/// one-row paths), whatever another caller does at the same time.
/// </summary>
[Collection(HelperThreadsCollection.Name)]
public class BulkPredictTests
{
    [Theory]
    [InlineData(1, 2)]
    [InlineData(127, 2)]
    [InlineData(255, 2)]    // one short of sharing: the calling thread alone
    [InlineData(256, 2)]    // the fewest rows that are shared
    [InlineData(257, 2)]    // a last block of one row
    [InlineData(1797, 2)]   // the whole digits set
    [InlineData(1797, 4)]   // more threads than cores: as many as there are
    [InlineData(1797, 1)]
    public void Predict_SameBitsForEveryThreadCount_AndCloseToRowByRow(int rows, int threads)
    {
        float[] x = Datasets.LoadDigits().Features[..(rows * 64)];
        DigitsNet model = TrainedDigits();
        float[] oneThread = model.Predict(x, threads: 1);

        var destination = new float[rows * 10];
        model.Predict(x, destination, threads);
        Assert.Equal(oneThread, destination);
        Assert.Equal(oneThread, model.Predict(x, threads));
        AssertClose(RowByRow(model, x, rows), destination);
    }

    [Fact]
    public void Predict_DoubleModel_SharedEqualsAlone()
    {
        var random = new Random(5);
        const int rows = 600;
        double[] x = Enumerable.Range(0, rows * 5).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var model = new SoftmaxNet64();
        double[] alone = model.Predict(x, threads: 1), shared = model.Predict(x, threads: 2);
        Assert.Equal(alone, shared);
        for (int r = 0; r < rows; r++) Assert.Equal(1.0, alone.AsSpan(r * 4, 4).ToArray().Sum(), 1e-12);
    }

    [Fact]
    public void Predict_TwoCallersAtOnce_BothGetTheirOwnRows()
    {
        // The helpers serve one caller at a time; the other runs alone. Neither may see the other's rows or blocks.
        float[] all = Datasets.LoadDigits().Features;
        float[] first = all[..(900 * 64)], second = all[(897 * 64)..];
        DigitsNet a = TrainedDigits(), b = new DigitsNet(seed: 3);
        float[] expectedA = a.Predict(first), expectedB = b.Predict(second);
        AssertClose(RowByRow(a, first, 900), expectedA);

        Exception? failure = null;
        void Loop(DigitsNet model, float[] x, float[] expected)
        {
            try
            {
                var destination = new float[expected.Length];
                for (int i = 0; i < 200; i++)
                {
                    Array.Clear(destination);
                    model.Predict(x, destination, threads: 2);
                    if (!destination.AsSpan().SequenceEqual(expected)) throw new InvalidOperationException($"call {i}: wrong outputs");
                }
            }
            catch (Exception e)
            {
                failure ??= e;
            }
        }
        var thread = new Thread(() => Loop(b, second, expectedB));
        thread.Start();
        Loop(a, first, expectedA);
        thread.Join();
        Assert.Null(failure);
    }

    [Fact]
    public void Predict_ThreadsBelowOne_ThrowsNamingThreads()
    {
        var model = new DigitsNet();
        float[] x = new float[64 * 300];
        Assert.Equal("threads", Assert.Throws<ArgumentOutOfRangeException>(() => model.Predict(x, new float[3000], threads: 0)).ParamName);
        Assert.Equal("threads", Assert.Throws<ArgumentOutOfRangeException>(() => model.Predict(x, threads: -1)).ParamName);
    }

    [Fact]
    public void Predict_HelperThrows_CallerGetsTheException_AndHelpersStayUsable()
    {
        var job = new ThrowingJob();
        if (HelperThreads.MaxHelpers == 0)
        {
            // One core: no helper, the job runs on its caller alone and participant 1 never runs.
            HelperThreads.Run(job, helpers: 1);
        }
        else
        {
            var error = Assert.Throws<InvalidOperationException>(() => HelperThreads.Run(job, helpers: 1));
            Assert.Equal("participant 1", error.Message);
            // The helpers were released: the next job runs on the caller and the helper again.
            var recorder = new RecordingJob();
            HelperThreads.Run(recorder, helpers: 1);
            Assert.Equal([0, 1], recorder.Participants.OrderBy(p => p));
        }
        // A model can still share rows with them.
        float[] x = Datasets.LoadDigits().Features[..(512 * 64)];
        DigitsNet model = TrainedDigits();
        Assert.Equal(model.Predict(x, threads: 1), model.Predict(x, threads: 2));
    }

    [Fact]
    public void Blocks_CoverTheRows_InWholeRowGroups_AtMostTheWorkspace_EvenInNumber()
    {
        for (int rows = 0; rows <= 3000; rows++)
        {
            int blocks = BulkPredict<DigitsNet.Kernel, float>.BlockCount(rows);
            Assert.True(blocks <= 1 || blocks % 2 == 0, $"{rows} rows: {blocks} blocks");
            Assert.Equal(0, BulkPredict<DigitsNet.Kernel, float>.BlockStart(0, blocks, rows));
            Assert.Equal(rows, BulkPredict<DigitsNet.Kernel, float>.BlockStart(blocks, blocks, rows));
            for (int b = 0; b < blocks; b++)
            {
                int start = BulkPredict<DigitsNet.Kernel, float>.BlockStart(b, blocks, rows);
                int count = BulkPredict<DigitsNet.Kernel, float>.BlockStart(b + 1, blocks, rows) - start;
                Assert.Equal(0, start % 4);
                Assert.InRange(count, rows == 0 ? 0 : 1, BulkPredict<DigitsNet.Kernel, float>.BlockRows);
            }
        }
        // The digits set: 16 even blocks of 112 or 116 rows, the last two cut into four: 18 blocks.
        Assert.Equal(18, BulkPredict<DigitsNet.Kernel, float>.BlockCount(1797));
        Assert.Equal(112, BulkPredict<DigitsNet.Kernel, float>.BlockStart(1, 18, 1797));
        Assert.Equal(1797 - 57, BulkPredict<DigitsNet.Kernel, float>.BlockStart(17, 18, 1797));   // tail blocks of 56-57 rows
        // Row counts near int.MaxValue neither overflow nor make a block larger than the workspace.
        int most = Array.MaxLength;
        int mostBlocks = BulkPredict<DigitsNet.Kernel, float>.BlockCount(most);
        Assert.True(mostBlocks > 0 && mostBlocks % 2 == 0, $"{mostBlocks}");
        Assert.Equal(most, BulkPredict<DigitsNet.Kernel, float>.BlockStart(mostBlocks, mostBlocks, most));
        Assert.InRange(BulkPredict<DigitsNet.Kernel, float>.BlockStart(1, mostBlocks, most), 1, BulkPredict<DigitsNet.Kernel, float>.BlockRows);
    }

    [Fact]
    public void Parameters_StartOnA64ByteLine()
    {
        for (int seed = 0; seed < 20; seed++)
        {
            (float[] array, int offset) = new DigitsNet(seed).ParameterStorage;
            Assert.Equal(0, Marshal.UnsafeAddrOfPinnedArrayElement(array, offset).ToInt64() % 64);
        }
    }

    [Fact]
    public void Predict_SameModelSharedFromTwoThreadsAtOnce_ThrowsInsteadOfMixingCalls()
    {
        // Misuse (a model is not thread-safe), but it must fail cleanly: never write through another call's pointers.
        if (HelperThreads.MaxHelpers == 0) return;   // no helpers: nothing is shared, the calls cannot meet
        float[] x = Datasets.LoadDigits().Features;
        DigitsNet model = TrainedDigits();
        float[] expected = model.Predict(x);
        var outputs = new[] { new float[expected.Length], new float[expected.Length] };
        int refused = 0;
        Exception? other = null;
        void Loop(int t)
        {
            for (int i = 0; i < 300; i++)
            {
                try
                {
                    model.Predict(x, outputs[t], threads: 2);
                    if (!outputs[t].AsSpan().SequenceEqual(expected)) throw new InvalidOperationException($"thread {t}, call {i}: wrong outputs");
                }
                catch (InvalidOperationException e) when (e.Message.StartsWith("This model is already predicting", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref refused);
                }
                catch (Exception e)
                {
                    other ??= e;
                }
            }
        }
        var thread = new Thread(() => Loop(1));
        thread.Start();
        Loop(0);
        thread.Join();
        Assert.Null(other);
    }

    /// <summary>Records which participants ran.</summary>
    private sealed class RecordingJob : IParallelJob
    {
        public System.Collections.Concurrent.ConcurrentBag<int> Participants { get; } = [];

        public void Run(int participant) => Participants.Add(participant);
    }

    /// <summary>Throws on helpers only, so that the exception must travel back to the caller.</summary>
    private sealed class ThrowingJob : IParallelJob
    {
        public void Run(int participant)
        {
            if (participant > 0) throw new InvalidOperationException($"participant {participant}");
        }
    }

    private static DigitsNet TrainedDigits()
    {
        Dataset digits = Datasets.LoadDigits();
        var model = new DigitsNet(seed: 1);
        model.Fit(digits.Features, OneHot.Encode(digits.Labels(), 10), new FitOptions { Epochs = 2, Verbose = 0 });
        return model;
    }

    /// <summary>Within float rounding: probabilities of 1e-7 and below may differ in their last bits.</summary>
    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6f, $"element {i}: {expected[i]} vs {actual[i]}");
    }

    /// <summary>Each row predicted on its own, through the one-row paths: a reference that shares no block with the bulk call.</summary>
    private static float[] RowByRow(DigitsNet model, float[] x, int rows)
    {
        var expected = new float[rows * 10];
        for (int r = 0; r < rows; r++) model.Predict(x.AsSpan(r * 64, 64), expected.AsSpan(r * 10, 10));
        return expected;
    }
}
