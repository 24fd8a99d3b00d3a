using System.Numerics;
using FastDense.Threading;
using FastDense.Training;

namespace FastDense.Inference;

/// <summary>
/// A model's <c>Predict</c>: the forward pass over blocks of at most <see cref="BlockRows"/> rows (<see cref="BlockCount"/>), each into a
/// workspace of its thread's, then the output block copied to the caller's destination. With more than one thread,
/// the blocks are handed out one at a time to the caller and to <see cref="HelperThreads"/>. The blocks are the same rows whatever
/// the thread count, and a block's outputs do not depend on which thread computes it, so the result is the same bits
/// for any thread count. (Not always the bits of each row predicted alone: a lone row takes the kernels' one-row
/// paths, which may round the last bit differently.)
/// </summary>
/// <remarks>
/// The caller's spans reach the helpers as pointers, pinned for the whole call: a span cannot be stored for another
/// thread, and copying a digits-sized input (460 KB) would cost as much as a fifth of the work it shares. The only
/// unsafe code in the library, for that reason.
/// </remarks>
internal sealed unsafe class BulkPredict<TKernel, T> : IParallelJob
    where TKernel : struct, IModelKernel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Most rows per forward pass: the digits model's 128-row workspace is 74 KB, a Fashion-MNIST model's 400 KB.</summary>
    public const int BlockRows = 128;

    /// <summary>Block boundaries fall on multiples of this many rows (the kernels' row tiles), except the last.</summary>
    private const int RowGroup = 4;

    /// <summary>
    /// The default of <see cref="MinRowsToShare"/>: the fewest rows at which sharing measured clearly faster than one
    /// thread in PredictCrossoverBench (digits model, back-to-back calls; docs/benchmarks.md). Below 129 rows there is
    /// one block and nothing to share.
    /// </summary>
    public const int DefaultMinRowsToShare = 192;

    /// <summary>The environment variable that sets <see cref="MinRowsToShare"/> when the process starts (PredictCrossoverBench sets 1).</summary>
    public const string MinRowsToShareVariable = "FASTDENSE_MIN_ROWS_TO_SHARE";

    /// <summary>
    /// Fewer rows than this run on the calling thread alone, whatever the thread count asked for (and a call of at most
    /// <see cref="BlockRows"/> rows is one block, which cannot be shared). <see cref="DefaultMinRowsToShare"/> unless
    /// <see cref="MinRowsToShareVariable"/> sets it.
    /// </summary>
    public static int MinRowsToShare { get; } =
        int.TryParse(Environment.GetEnvironmentVariable(MinRowsToShareVariable), out int value) && value > 0 ? value : DefaultMinRowsToShare;

    private readonly Model<TKernel, T> _model;
    private AlignedArray<T>[] _workspaces = [];

    // The call in progress, for the helpers: written before they are started, which orders it for them.
    private T* _x, _destination;
    private int _rows, _blocks, _nextBlock;
    private int _sharing;   // 1 while a call shares its blocks with helpers

    public BulkPredict(Model<TKernel, T> model) => _model = model;

    /// <summary>Throws unless <paramref name="threads"/> is at least 1.</summary>
    public static void CheckThreads(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "threads must be at least 1.");
    }

    /// <summary>Writes the outputs of x's <paramref name="rows"/> rows to <paramref name="destination"/>, on up to <paramref name="threads"/> threads.</summary>
    public void Run(ReadOnlySpan<T> x, Span<T> destination, int rows, int threads)
    {
        int blocks = BlockCount(rows);
        int helpers = rows >= MinRowsToShare ? Math.Min(Math.Min(threads, blocks) - 1, HelperThreads.MaxHelpers) : 0;
        Span<T> workspace = Workspaces(1 + helpers)[0].Span;
        if (helpers == 0)
        {
            for (int block = 0; block < blocks; block++) Forward(x, destination, rows, block, blocks, workspace);
            return;
        }
        // One shared call at a time per model: a second thread's call would hand the helpers its pointers while the
        // first call's helpers still use the fields (a model is not thread-safe, but misuse must not write through a
        // stale pointer).
        if (Interlocked.CompareExchange(ref _sharing, 1, 0) != 0)
        {
            throw new InvalidOperationException("This model is already predicting on another thread. A model is not thread-safe: give each thread its own model.");
        }
        try
        {
            fixed (T* xs = x)
            fixed (T* ds = destination)
            {
                _x = xs;
                _destination = ds;
                (_rows, _blocks, _nextBlock) = (rows, blocks, 0);
                try
                {
                    HelperThreads.Run(this, helpers);
                }
                finally
                {
                    _x = null;
                    _destination = null;
                }
            }
        }
        finally
        {
            Volatile.Write(ref _sharing, 0);
        }
    }

    /// <summary>One participant's share: blocks taken one at a time until none is left.</summary>
    public void Run(int participant)
    {
        var x = new ReadOnlySpan<T>(_x, checked(_rows * TKernel.InputSize));
        var destination = new Span<T>(_destination, checked(_rows * TKernel.OutputSize));
        Span<T> workspace = _workspaces[participant].Span;
        int block;
        while ((block = Interlocked.Increment(ref _nextBlock) - 1) < _blocks)
        {
            Forward(x, destination, _rows, block, _blocks, workspace);
        }
    }

    /// <summary>
    /// How many blocks <paramref name="rows"/> rows make. First as few as hold at most <see cref="BlockRows"/> rows
    /// each, made even, so that two threads that take blocks as they finish them end together: the digits set's 1797
    /// rows make 16 of 112 or 116 rows, where 15 of 128 and one of 5 would leave one thread 1024 rows and the other 773.
    /// Then, from four such blocks up, the last two are cut into four, so that the thread
    /// that finishes last waits for a quarter-size block at most (1797 rows: 18 blocks). The count and the boundaries depend on the rows alone, never on the
    /// threads, so neither do the bits.
    /// </summary>
    internal static int BlockCount(int rows)
    {
        int blocks = EvenBlocks(rows);
        return blocks >= 4 ? blocks + 2 : blocks;
    }

    /// <summary>The first row of <paramref name="block"/> (of <see cref="BlockCount"/>), on a 4-row group boundary
    /// unless it is <paramref name="rows"/>: the row groups shared out as evenly as they go, the last two even blocks'
    /// groups over four blocks.</summary>
    internal static int BlockStart(int block, int blocks, int rows)
    {
        if (blocks == 0) return 0;   // no rows
        long groups = ((long)rows + RowGroup - 1) / RowGroup;
        int even = EvenBlocks(rows);
        long group = blocks == even || block <= even - 2
            ? groups * block / even
            : groups * (even - 2) / even + (groups - groups * (even - 2) / even) * (block - (even - 2)) / 4;
        return (int)Math.Min(rows, RowGroup * group);
    }

    /// <summary>The fewest blocks of at most <see cref="BlockRows"/> rows, made even when more than one.</summary>
    private static int EvenBlocks(int rows)
    {
        int blocks = (int)(((long)rows + BlockRows - 1) / BlockRows);
        return blocks > 1 && blocks % 2 == 1 ? blocks + 1 : blocks;
    }

    /// <summary>The rows of <paramref name="block"/> forward through the model, their outputs copied to destination.</summary>
    private void Forward(ReadOnlySpan<T> x, Span<T> destination, int rows, int block, int blocks, Span<T> workspace)
    {
        int start = BlockStart(block, blocks, rows), count = BlockStart(block + 1, blocks, rows) - start;
        TKernel.Forward(_model.ParameterSpan, _model.StateArray, x.Slice(start * TKernel.InputSize, count * TKernel.InputSize), count, workspace, ForwardMode.Inference);
        workspace.Slice(count * TKernel.OutputOffsetPerRow, count * TKernel.OutputSize)
            .CopyTo(destination.Slice(start * TKernel.OutputSize, count * TKernel.OutputSize));
    }

    /// <summary>One workspace per participant, each on a cache line, allocated the first time a call needs it.</summary>
    private AlignedArray<T>[] Workspaces(int participants)
    {
        if (_workspaces.Length < participants)
        {
            var workspaces = new AlignedArray<T>[participants];
            _workspaces.CopyTo(workspaces, 0);
            for (int i = _workspaces.Length; i < participants; i++)
            {
                workspaces[i] = new AlignedArray<T>(checked(BlockRows * TKernel.WorkspacePerRow + TKernel.WorkspaceFixed));
            }
            _workspaces = workspaces;
        }
        return _workspaces;
    }
}
