using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace FastDense.Training;

/// <summary>
/// One long-lived background thread that runs the same piece of work each time it is started: the second (third…)
/// shard of a data-parallel training step. Each side spins for up to half a millisecond on a flag, then blocks on a
/// monitor, so a step costs a few microseconds of hand-off, not a thread-pool dispatch, and allocates nothing.
/// </summary>
/// <remarks>
/// A monitor on a lock object allocated here, not <see cref="ManualResetEventSlim"/>: that type allocates its lock
/// object (24 bytes) on the first wait that blocks, which on a busy machine could come at any step, long after
/// warm-up (an allocation test caught it, once in a few runs).
/// </remarks>
internal sealed class ShardWorker : IDisposable
{
    private readonly Thread _thread;
    private readonly Action _work;
    private readonly object _gate = new();
    // Written under _gate (so that a blocked waiter is pulsed), read with Volatile.Read while spinning.
    private bool _go, _done;
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
        lock (_gate)
        {
            _done = false;
            _go = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Waits for the work started by <see cref="Start"/>, rethrowing what it threw. Not interruptible: callers hand
    /// the worker buffers (pinned spans, for a bulk predict) that must outlive its work, so an interrupt of the waiting
    /// thread is held back until the work is done and then raised again, at the thread's next blocking call.
    /// </summary>
    public void Wait()
    {
        SpinUntilSet(ref _done);
        bool interrupted = false;
        lock (_gate)
        {
            while (!_done)
            {
                try
                {
                    Monitor.Wait(_gate);
                }
                catch (ThreadInterruptedException)
                {
                    interrupted = true;   // Monitor.Wait has taken the lock again before throwing
                }
            }
        }
        if (interrupted) Thread.CurrentThread.Interrupt();
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
            SpinUntilSet(ref _go);
            lock (_gate)
            {
                while (!_go) Monitor.Wait(_gate);
                _go = false;
            }
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
            lock (_gate)
            {
                _done = true;
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>
    /// Busy-waits up to <see cref="SpinBudgetTicks"/> for <paramref name="flag"/> before the caller blocks.
    /// Why: a blocked thread's wake-up costs far more than a step's hand-off, and Linux may wake it on the waker's
    /// core, where the two threads then share one core until the load balancer separates them (whole stretches of a
    /// two-thread run at half speed; docs/benchmarks.md). A short spin is too short to bridge the gaps of a step
    /// (copying the next batch, scoring); half a millisecond is, and a worker left idle still blocks after it.
    /// </summary>
    private static void SpinUntilSet(ref bool flag)
    {
        long deadline = Stopwatch.GetTimestamp() + SpinBudgetTicks;
        while (!Volatile.Read(ref flag))
        {
            Thread.SpinWait(32);
            if (Stopwatch.GetTimestamp() > deadline) return;
        }
    }

    /// <summary>Half a millisecond in <see cref="Stopwatch"/> ticks.</summary>
    private static readonly long SpinBudgetTicks = Stopwatch.Frequency / 2000;

    /// <summary>Stops the thread and waits for it to end.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            _go = true;
            Monitor.PulseAll(_gate);
        }
        _thread.Join();
    }
}
