using FastDense.Training;

namespace FastDense.Tests.Training;

/// <summary>The worker thread's hand-off: the work runs once per start, errors come back, and waiting allocates nothing.</summary>
public class ShardWorkerTests
{
    [Fact]
    public void AWaitThatBlocks_AfterWaitsThatDidNot_AllocatesNothing()
    {
        // Warm-up hand-offs finish within the spin, so nothing blocks; then the work outlasts the half-millisecond spin
        // and the caller must block. A ManualResetEventSlim allocated its lock object (24 bytes) right there.
        int sleepMilliseconds = 0, runs = 0;
        using var worker = new ShardWorker(() => { runs++; if (sleepMilliseconds > 0) Thread.Sleep(sleepMilliseconds); }, "test worker");
        for (int i = 0; i < 20; i++)
        {
            worker.Start();
            worker.Wait();
        }
        sleepMilliseconds = 5;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 3; i++)
        {
            worker.Start();
            worker.Wait();
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(23, runs);
    }

    [Fact]
    public void AnExceptionInTheWork_IsRethrownByWait_AndTheWorkerGoesOn()
    {
        bool fail = true;
        using var worker = new ShardWorker(() => { if (fail) throw new InvalidOperationException("shard failed"); }, "test worker");
        worker.Start();
        Assert.Equal("shard failed", Assert.Throws<InvalidOperationException>(worker.Wait).Message);
        fail = false;
        worker.Start();
        worker.Wait();
    }
}
