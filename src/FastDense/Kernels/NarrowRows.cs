using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastDense.Kernels;

/// <summary>
/// One 512-bit register per row, for blocks of rows of at most 16 floats (a classifier's 10 classes): the softmax
/// and the per-step scoring read a row into a register, reduce it, and write back only its own lanes.
/// Callers loop twice: rows whose whole-register load stays inside the block (<c>start + 16 ≤ length</c>) are loaded
/// directly, the last few through <see cref="LoadTail"/>; one loop with both paths spilled its constants around
/// the copy's call and cost a third more.
/// </summary>
internal static class NarrowRows
{
    /// <summary>The row at <paramref name="start"/> in lanes [0, columns), zeros in the others, copied through
    /// <paramref name="tail"/> (16 floats): for the block's last rows, whose whole-register load would leave it.</summary>
    public static Vector512<float> LoadTail(ref float block, int start, int columns, Span<float> tail)
    {
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MaxAcrossLanes(Vector512<float> v)
    {
        v = Vector512.MaxNative(v, Avx512F.Shuffle4x128(v, v, 0b01_00_11_10));
        v = Vector512.MaxNative(v, Avx512F.Shuffle4x128(v, v, 0b10_11_00_01));
        v = Vector512.MaxNative(v, Avx512F.Shuffle(v, v, 0b01_00_11_10));
        return Vector512.MaxNative(v, Avx512F.Shuffle(v, v, 0b10_11_00_01));
    }

    /// <summary>Every lane set to the sum of the 16, as a tree in the order of <see cref="MaxAcrossLanes"/>: four
    /// shuffles and adds in registers, where Vector512.Sum compiles to two dozen 128-bit steps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SumAcrossLanes(Vector512<float> v)
    {
        v += Avx512F.Shuffle4x128(v, v, 0b01_00_11_10);
        v += Avx512F.Shuffle4x128(v, v, 0b10_11_00_01);
        v += Avx512F.Shuffle(v, v, 0b01_00_11_10);
        return v + Avx512F.Shuffle(v, v, 0b10_11_00_01);
    }

    /// <summary>Every lane set to the sum of the 8 doubles, as a tree (halves, quarters, neighbours).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> SumAcrossLanes(Vector512<double> v)
    {
        v += Avx512F.Shuffle4x128(v, v, 0b01_00_11_10);
        v += Avx512F.Shuffle4x128(v, v, 0b10_11_00_01);
        return v + Avx512F.Shuffle(v, v, 0b01_01_01_01);
    }
}
