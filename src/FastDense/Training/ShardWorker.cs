using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace FastDense.Training;

/// <summary>
/// One long-lived background thread that runs the same piece of work each time it is started: the second (third…)
/// shard of a data-parallel training step. Starting and waiting use <see cref="ManualResetEventSlim"/> (a short spin,
/// then a block), so a step allocates nothing and costs a few microseconds of hand-off, not a thread-pool dispatch.
/// </summary>
internal sealed class ShardWorker : IDisposable
{
    private readonly Thread _thread;
    private readonly Action _work;
    // Spin as long as the type allows before blocking: on these VMs waking a blocked thread took ~60 µs per hand-off
    // (ThreadCrossoverBench, forced split of 4 rows: 163 µs against 34 µs on one thread with the default spin count).
    private const int SpinCount = 2047;
    private readonly ManualResetEventSlim _go = new(false, SpinCount);
    private readonly ManualResetEventSlim _done = new(false, SpinCount);
    private volatile bool _stopping;
    private Exception? _error;

    public ShardWorker(Action work, string name)
    {
        _work = work;
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Bytes this worker's thread had allocated when it last finished its work (for allocation tests).</summary>
    public long AllocatedBytes { get; private set; }

    /// <summary>Runs the work once on the worker thread; pair with <see cref="Wait"/>.</summary>
    public void Start()
    {
        _done.Reset();
        _go.Set();
    }

    /// <summary>Waits for the work started by <see cref="Start"/>, rethrowing what it threw.</summary>
    public void Wait()
    {
        SpinUntilSet(_done);
        _done.Wait();
        if (_error is Exception error)
        {
            _error = null;
            ExceptionDispatchInfo.Throw(error);
        }
    }

    private void Loop()
    {
        while (true)
        {
            SpinUntilSet(_go);
            _go.Wait();
            _go.Reset();
            if (_stopping) return;
            try
            {
                _work();
            }
            catch (Exception error)
            {
                _error = error;
            }
            AllocatedBytes = GC.GetAllocatedBytesForCurrentThread();
            _done.Set();
        }
    }

    /// <summary>
    /// Busy-waits up to <see cref="SpinBudgetTicks"/> for <paramref name="signal"/> before the caller blocks on it.
    /// Why: a blocked thread's wake-up on these 2-core VMs costs ~60 µs, and Linux may wake it on the waker's core,
    /// where the two threads then share one core until the load balancer separates them: in BenchmarkDotNet runs
    /// of the Fashion-MNIST step, whole stretches of iterations took exactly twice as long. The event's own spin
    /// (2047 iterations with yields) is too short to bridge the gaps of a step (copying the next batch, scoring);
    /// half a millisecond is, and a worker left idle still blocks after it.
    /// </summary>
    private static void SpinUntilSet(ManualResetEventSlim signal)
    {
        long deadline = Stopwatch.GetTimestamp() + SpinBudgetTicks;
        while (!signal.IsSet)
        {
            Thread.SpinWait(32);
            if (Stopwatch.GetTimestamp() > deadline) return;
        }
    }

    /// <summary>Half a millisecond in <see cref="Stopwatch"/> ticks.</summary>
    private static readonly long SpinBudgetTicks = Stopwatch.Frequency / 2000;

    public void Dispose()
    {
        _stopping = true;
        _go.Set();
        _thread.Join();
        _go.Dispose();
        _done.Dispose();
    }
}
