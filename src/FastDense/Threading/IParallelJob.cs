namespace FastDense.Threading;

/// <summary>
/// Work that the calling thread and helper threads share: each participant calls <see cref="Run"/> once with its own
/// index (0 is the caller) and takes pieces of the work until none is left, so a helper that starts late takes
/// fewer pieces instead of holding the others up.
/// </summary>
internal interface IParallelJob
{
    /// <summary>Takes pieces of the work until none is left. <paramref name="participant"/> selects the caller's own buffers.</summary>
    void Run(int participant);
}
