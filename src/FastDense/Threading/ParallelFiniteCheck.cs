using System.Numerics;
using System.Numerics.Tensors;

namespace FastDense.Threading;

/// <summary>
/// Whether every value of a large array is finite, the array's chunks shared between the calling thread and
/// <see cref="HelperThreads"/>: <c>Fit</c> with more than one thread checks its data this way. The check reads memory,
/// and one core does not draw all the bandwidth there is.
/// </summary>
internal sealed class ParallelFiniteCheck<T> : IParallelJob
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Values per chunk: 4 MB of floats, small enough to even out a helper that starts late.</summary>
    public const int ChunkValues = 1 << 20;

    private readonly T[] _values;
    private readonly int _chunks;
    private int _nextChunk;
    private volatile bool _allFinite = true;

    private ParallelFiniteCheck(T[] values)
    {
        _values = values;
        _chunks = (int)(((long)values.Length + ChunkValues - 1) / ChunkValues);
    }

    /// <summary>True when every value of <paramref name="values"/> is finite, checked on up to <paramref name="threads"/> threads.</summary>
    public static bool AllFinite(T[] values, int threads)
    {
        if (threads <= 1 || values.Length < 2 * ChunkValues) return TensorPrimitives.IsFiniteAll<T>(values);
        var job = new ParallelFiniteCheck<T>(values);
        HelperThreads.Run(job, Math.Min(threads - 1, job._chunks - 1));
        return job._allFinite;
    }

    /// <summary>Chunks taken one at a time until none is left or one holds a value that is not finite.</summary>
    public void Run(int participant)
    {
        int chunk;
        while (_allFinite && (chunk = Interlocked.Increment(ref _nextChunk) - 1) < _chunks)
        {
            int start = chunk * ChunkValues;
            if (!TensorPrimitives.IsFiniteAll<T>(_values.AsSpan(start, Math.Min(ChunkValues, _values.Length - start)))) _allFinite = false;
        }
    }
}
