using System.Runtime.InteropServices;

namespace FastDense.Training;

/// <summary>
/// A buffer (the model's parameters; a trainer's batch, workspace and gradient; a predictor's workspace) whose first element sits on a 64-byte boundary, so that rows whose
/// length is a multiple of 64 bytes start on cache lines too. A .NET array's elements start wherever its object
/// does (8-byte steps), and a 512-bit load or store that crosses a line costs both lines (docs/benchmarks.md, W2).
/// </summary>
/// <remarks>
/// The array is allocated on the pinned object heap (it never moves, so the boundary found once stays one) with
/// 64 bytes of slack; these buffers live as long as their owner (model, trainer).
/// </remarks>
internal readonly struct AlignedArray<T> where T : unmanaged
{
    private const int Boundary = 64;

    private readonly T[] _array;
    private readonly int _offset;

    /// <summary>Allocates <paramref name="length"/> zeroed elements starting on a 64-byte boundary.</summary>
    public AlignedArray(int length)
    {
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        _array = GC.AllocateArray<T>(checked(length + Boundary / size), pinned: true);
        long address = Marshal.UnsafeAddrOfPinnedArrayElement(_array, 0).ToInt64();
        // Element addresses step by size; a boundary is reachable when size divides the distance to it (always for
        // 4- and 8-byte elements: arrays start 8-byte aligned). Otherwise the start stays where it is.
        long distance = (Boundary - address % Boundary) % Boundary;
        _offset = distance % size == 0 ? (int)(distance / size) : 0;
        Length = length;
    }

    /// <summary>The number of elements.</summary>
    public int Length { get; }

    /// <summary>The elements.</summary>
    public Span<T> Span => _array.AsSpan(_offset, Length);

    /// <summary>The array behind <see cref="Span"/> and where the span starts in it (for tests).</summary>
    internal (T[] Array, int Offset) Storage => (_array, _offset);
}
