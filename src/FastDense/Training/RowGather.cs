using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastDense.Training;

/// <summary>
/// Copies rows picked by index (a shuffled batch) from a row-major source into consecutive rows of a destination,
/// several rows at a time. A training set larger than the caches (Fashion-MNIST: 188 MB) gives one cache miss per
/// 64 bytes, and a row-by-row copy keeps only the one or two rows the out-of-order window reaches in flight: each
/// row waits for memory on its own. Copying 64-byte pieces of eight rows in turn keeps eight streams going; sixteen
/// are more than the prefetchers follow (docs/benchmarks.md, W2).
/// </summary>
internal static class RowGather
{
    /// <summary>Rows copied in turn.</summary>
    private const int Streams = 8;

    /// <summary>destination row i = source row indices[i], each <paramref name="width"/> elements.</summary>
    public static void Copy<T>(ReadOnlySpan<T> source, int width, ReadOnlySpan<int> indices, Span<T> destination)
        where T : unmanaged
    {
        if (destination.Length < indices.Length * width)
        {
            throw new ArgumentException($"destination holds {destination.Length} elements; {indices.Length} rows of {width} need {indices.Length * width}.", nameof(destination));
        }
        int rowBytes = width * Unsafe.SizeOf<T>();
        int sourceRows = width > 0 ? source.Length / width : 0;
        int chunks = Vector256.IsHardwareAccelerated ? rowBytes / (2 * Vector256<byte>.Count) : 0;   // whole 64-byte pieces
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(source);
        Span<byte> target = MemoryMarshal.AsBytes(destination);
        int i = 0;
        if (chunks > 0)
        {
            Span<int> offsets = stackalloc int[Streams];
            for (; i + Streams <= indices.Length; i += Streams)
            {
                for (int s = 0; s < Streams; s++)
                {
                    int row = indices[i + s];
                    if ((uint)row >= (uint)sourceRows) throw new ArgumentOutOfRangeException(nameof(indices), row, $"Row {row} is outside the source's {sourceRows} rows.");
                    offsets[s] = row * rowBytes;
                }
                ref byte from = ref MemoryMarshal.GetReference(bytes);
                ref byte to = ref Unsafe.Add(ref MemoryMarshal.GetReference(target), i * rowBytes);
                for (int c = 0; c < chunks; c++)
                {
                    nuint at = (nuint)(c * 64);
                    for (int s = 0; s < Streams; s++)
                    {
                        ref byte src = ref Unsafe.Add(ref from, offsets[s]);
                        ref byte dst = ref Unsafe.Add(ref to, s * rowBytes);
                        Vector256.LoadUnsafe(ref src, at).StoreUnsafe(ref dst, at);
                        Vector256.LoadUnsafe(ref src, at + 32).StoreUnsafe(ref dst, at + 32);
                    }
                }
                // The rows' last bytes past the whole pieces.
                for (int s = 0; s < Streams; s++)
                {
                    bytes.Slice(offsets[s] + chunks * 64, rowBytes - chunks * 64).CopyTo(target.Slice((i + s) * rowBytes + chunks * 64));
                }
            }
        }
        if (rowBytes is > 0 and < 64 && Vector128.IsHardwareAccelerated)
        {
            // Short rows (one-hot labels: 40 bytes) each in one or two loads with no call between them, so that the
            // misses of several rows overlap once the inputs' gather has pushed the labels out of cache.
            ref byte from = ref MemoryMarshal.GetReference(bytes);
            ref byte to = ref MemoryMarshal.GetReference(target);
            for (; i < indices.Length; i++)
            {
                int row = indices[i];
                if ((uint)row >= (uint)sourceRows) throw new ArgumentOutOfRangeException(nameof(indices), row, $"Row {row} is outside the source's {sourceRows} rows.");
                CopyShort(ref Unsafe.Add(ref from, (nint)row * rowBytes), ref Unsafe.Add(ref to, (nint)i * rowBytes), rowBytes);
            }
        }
        for (; i < indices.Length; i++)
        {
            // Checked as above: row * width can overflow to an offset inside the source.
            int row = indices[i];
            if (width > 0 && (uint)row >= (uint)sourceRows) throw new ArgumentOutOfRangeException(nameof(indices), row, $"Row {row} is outside the source's {sourceRows} rows.");
            source.Slice(row * width, width).CopyTo(destination.Slice(i * width, width));
        }
    }

    /// <summary>
    /// Copies <paramref name="count"/> &lt; 64 bytes as two loads that overlap in the middle (the first and the last
    /// 32, 16, 8 or 4 bytes), both made before either store; nothing outside the row is read or written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyShort(ref byte from, ref byte to, int count)
    {
        if (count >= 32)
        {
            Vector256<byte> head = Vector256.LoadUnsafe(ref from), tail = Vector256.LoadUnsafe(ref from, (nuint)(count - 32));
            head.StoreUnsafe(ref to);
            tail.StoreUnsafe(ref to, (nuint)(count - 32));
        }
        else if (count >= 16)
        {
            Vector128<byte> head = Vector128.LoadUnsafe(ref from), tail = Vector128.LoadUnsafe(ref from, (nuint)(count - 16));
            head.StoreUnsafe(ref to);
            tail.StoreUnsafe(ref to, (nuint)(count - 16));
        }
        else if (count >= 8)
        {
            ulong head = Unsafe.ReadUnaligned<ulong>(ref from), tail = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref from, count - 8));
            Unsafe.WriteUnaligned(ref to, head);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, count - 8), tail);
        }
        else if (count >= 4)
        {
            uint head = Unsafe.ReadUnaligned<uint>(ref from), tail = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref from, count - 4));
            Unsafe.WriteUnaligned(ref to, head);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, count - 4), tail);
        }
        else
        {
            for (int b = 0; b < count; b++) Unsafe.Add(ref to, b) = Unsafe.Add(ref from, b);
        }
    }
}
