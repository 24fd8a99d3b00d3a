using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastDense.Kernels;

/// <summary>
/// One 512-bit register per row, for blocks of rows of at most 16 floats (a classifier's 10 classes): the softmax
/// and the per-step scoring read a row into a register, reduce it, and write back only its own lanes.
/// </summary>
internal static class NarrowRows
{
    /// <summary>
    /// The row at <paramref name="start"/> in lanes [0, columns); the other lanes hold the next row's values, or zeros
    /// for the block's last rows, whose whole-register load would leave the block (those are copied through
    /// <paramref name="tail"/>, 16 floats).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float block, int start, int length, int columns, Span<float> tail)
    {
        if (start + 16 <= length) return Vector512.LoadUnsafe(ref block, (nuint)start);
        tail.Clear();
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref block, start), columns).CopyTo(tail);
        return Vector512.Create<float>(tail);
    }

    /// <summary>Writes lanes [0, columns) at <paramref name="start"/> and nothing else.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> row, ref float block, int start, int columns)
    {
        if (columns == 16) row.StoreUnsafe(ref block, (nuint)start);
        else PrefixStore.Write512(row.AsByte(), ref Unsafe.As<float, byte>(ref Unsafe.Add(ref block, start)), columns * sizeof(float));
    }

    /// <summary>Every lane set to the largest of the 16 (swap halves, quarters, pairs, neighbours). MaxNative: one
    /// instruction per step; a NaN in the row makes the softmax's row NaN either way.</summary>
    public static Vector512<float> MaxAcrossLanes(Vector512<float> v)
    {
        v = Vector512.MaxNative(v, Avx512F.Shuffle4x128(v, v, 0b01_00_11_10));
        v = Vector512.MaxNative(v, Avx512F.Shuffle4x128(v, v, 0b10_11_00_01));
        v = Vector512.MaxNative(v, Avx512F.Shuffle(v, v, 0b01_00_11_10));
        return Vector512.MaxNative(v, Avx512F.Shuffle(v, v, 0b10_11_00_01));
    }
}
