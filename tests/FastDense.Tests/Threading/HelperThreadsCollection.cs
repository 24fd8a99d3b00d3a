namespace FastDense.Tests.Threading;

/// <summary>
/// Tests that use the process-wide helper threads (a shared predict) or count what they allocate run alone: a test
/// class running beside them could own the helpers for a moment (and the test's job would run on its caller alone)
/// or make a helper allocate its first buffers for another model.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HelperThreadsCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Helper threads";
}
