using System.Runtime.ExceptionServices;
using FastDense.Training;

namespace FastDense.Threading;

/// <summary>
/// Process-wide helper threads for work outside training (a bulk predict), so that a model needs no thread of its
/// own and nothing to dispose. One caller owns them at a time; a caller that finds them owned (two models
/// predicting from two threads at once) runs its job alone. They are <see cref="ShardWorker"/>s: each spins half a
/// millisecond after its work before it blocks, so calls in a loop hand over in microseconds, and a call after a
/// pause pays a wake-up, which the job's pieces absorb (the caller starts at once and takes what the helper has not).
/// </summary>
internal static class HelperThreads
{
    private static readonly object Gate = new();
    private static ShardWorker[] _workers = [];
    private static IParallelJob? _job;
    private static int _owned;

    /// <summary>The most helpers worth starting: one per core besides the caller's.</summary>
    public static int MaxHelpers { get; } = Math.Max(0, Environment.ProcessorCount - 1);

    /// <summary>Bytes the helpers' threads had allocated when they last finished (for allocation tests).</summary>
    internal static long AllocatedBytes
    {
        get
        {
            lock (Gate) return _workers.Sum(w => w.AllocatedBytes);
        }
    }

    /// <summary>
    /// Runs <c>job.Run(0)</c> on the calling thread and <c>job.Run(1 … helpers)</c> on helper threads, and returns
    /// when every participant has returned, rethrowing the caller's exception if it threw one, else the lowest-numbered
    /// helper's. With
    /// <paramref name="helpers"/> 0, or the helpers owned by another caller, runs <c>job.Run(0)</c> alone.
    /// </summary>
    public static void Run(IParallelJob job, int helpers)
    {
        helpers = Math.Min(helpers, MaxHelpers);
        if (helpers <= 0 || Interlocked.CompareExchange(ref _owned, 1, 0) != 0)
        {
            job.Run(0);
            return;
        }
        try
        {
            ShardWorker[] workers = Workers(helpers);
            _job = job;
            for (int i = 0; i < helpers; i++) workers[i].Start();
            ExceptionDispatchInfo? error = null;
            try
            {
                job.Run(0);
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
            for (int i = 0; i < helpers; i++)
            {
                try
                {
                    workers[i].Wait();
                }
                catch (Exception e)
                {
                    error ??= ExceptionDispatchInfo.Capture(e);
                }
            }
            error?.Throw();
        }
        finally
        {
            _job = null;
            Volatile.Write(ref _owned, 0);
        }
    }

    /// <summary>At least <paramref name="count"/> started helpers (created once, kept for the process's life).</summary>
    private static ShardWorker[] Workers(int count)
    {
        if (_workers.Length >= count) return _workers;
        lock (Gate)
        {
            var workers = new ShardWorker[count];
            _workers.CopyTo(workers, 0);
            for (int i = _workers.Length; i < count; i++)
            {
                int participant = i + 1;
                workers[i] = new ShardWorker(() => _job!.Run(participant), $"FastDense helper {participant}");
            }
            _workers = workers;
            return workers;
        }
    }
}
